import type Database from 'better-sqlite3';
import { newId } from '../ids.js';
import { statement } from '../db/statements.js';

/** Event kinds this device produces; each travels to the hub through the outbox (DESIGN §7). */
export type OutboxKind =
  | 'starter.shown'
  | 'starter.feedback'
  | 'checkout.outcome'
  | 'customer.created'
  | 'customer.updated'
  | 'customer.merged'
  | 'consent.changed'
  | 'consent.resubscribed'
  | 'aisle_order.placed'
  | 'merch.published'
  | 'merch.activated'
  | 'sale.completed'
  | 'staff.changed'
  | 'staff.pin_set'
  | 'staff.locked'
  | 'staff.unlocked';

/**
 * Records a device-produced event. Call it inside the transaction that makes the change it
 * describes, so the change and its event are durable together or not at all.
 */
export function enqueue(db: Database.Database, kind: OutboxKind, payload: object, at: Date): string {
  const id = newId();
  statement(db, `INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)`).run(id, kind, JSON.stringify(payload), at.toISOString());
  return id;
}
