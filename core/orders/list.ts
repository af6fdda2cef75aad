// Orders placed on this device, as the associate sees them.
import type Database from 'better-sqlite3';
import type { AisleOrder } from '../contract/areas/search.types.js';
import { statement } from '../db/statements.js';

const COLUMNS = `o.id, o.status, o.sku, o.title, o.quantity, o.unit_price_cents AS unitPriceCents,
  o.source_location_id AS sourceLocationId, l.name AS sourceName, o.lead_time_days AS leadTimeDays,
  o.customer_id AS customerId, o.customer_name AS customerName,
  o.address_line AS line, o.city, o.region, o.postal_code AS postalCode,
  o.placed_at AS placedAt, o.associate_id AS associateId, o.confirmed_at AS confirmedAt, o.rejected_reason AS rejectedReason`;

/** Newest first: the pending ones an associate follows up on are the recent ones. */
const BY_ASSOCIATE_SQL = `SELECT ${COLUMNS} FROM aisle_orders o JOIN locations l ON l.id = o.source_location_id
  WHERE o.associate_id = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT ?`;
const BY_ID_SQL = `SELECT ${COLUMNS} FROM aisle_orders o JOIN locations l ON l.id = o.source_location_id WHERE o.id = ?`;

type Row = Omit<AisleOrder, 'address' | 'totalCents'> & { line: string; city: string; region: string; postalCode: string };

function toOrder({ line, city, region, postalCode, ...r }: Row): AisleOrder {
  return { ...r, totalCents: r.unitPriceCents * r.quantity, address: { line, city, region, postalCode } };
}

export function ordersOf(db: Database.Database, associateId: string, limit = 50): AisleOrder[] {
  return (statement(db, BY_ASSOCIATE_SQL).all(associateId, limit) as Row[]).map(toOrder);
}

export function orderById(db: Database.Database, id: string): AisleOrder | null {
  const row = statement(db, BY_ID_SQL).get(id) as Row | undefined;
  return row ? toOrder(row) : null;
}
