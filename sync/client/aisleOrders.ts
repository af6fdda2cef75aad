// The hub's answer to an endless-aisle order, written in the same transaction that settles its
// outbox row: acked = confirmed, rejected = rejected with the hub's reason. Either way the local
// hold ends: the hub's own `reserved` covers a confirmed order from its next inventory change.
import type Database from 'better-sqlite3';
import { statement } from '../../core/db/statements.js';

const ORDER_SQL = `SELECT id, sku, quantity, source_location_id AS locationId FROM aisle_orders WHERE outbox_id = ? AND status = 'pending'`;
const CONFIRM_SQL = `UPDATE aisle_orders SET status = 'confirmed', confirmed_at = ? WHERE id = ?`;
const REJECT_SQL = `UPDATE aisle_orders SET status = 'rejected', rejected_reason = ? WHERE id = ?`;
const RELEASE_SQL = `UPDATE inventory SET local_reserved = max(0, local_reserved - ?) WHERE sku = ? AND location_id = ?`;

interface PendingOrder { id: string; sku: string; quantity: number; locationId: string }

export type HubVerdict = { outboxId: string; at: string } & ({ accepted: true } | { accepted: false; reason: string });

/** Call inside the transaction that drops or rejects the outbox row. Returns true when an order changed. */
export function settleAisleOrder(db: Database.Database, verdict: HubVerdict): boolean {
  const order = statement(db, ORDER_SQL).get(verdict.outboxId) as PendingOrder | undefined;
  if (!order) return false;
  if (verdict.accepted) statement(db, CONFIRM_SQL).run(verdict.at, order.id);
  else statement(db, REJECT_SQL).run(verdict.reason, order.id);
  statement(db, RELEASE_SQL).run(order.quantity, order.sku, order.locationId);
  return true;
}
