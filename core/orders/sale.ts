// The register records the sale it just finished: the order (today's basket at the catalog's
// prices, the customer if identified, associate, register, time) and its `sale.completed` outbox
// event, in the caller's transaction (the checkout's, with the capture outcome), so the sale and
// the outcome are durable together or not at all. The customer's features follow at once.
import type Database from 'better-sqlite3';
import type { Session } from '../contract/types.js';
import { ApiError } from '../contract/errors.js';
import { recomputeCustomerFeatures } from '../customers/features.js';
import { statement } from '../db/statements.js';
import { newId } from '../ids.js';
import { noteNewOrders } from '../engine/relearn.js';
import { enqueue } from '../outbox/outbox.js';

export interface SaleLine {
  sku: string;
  quantity: number;
}

export interface SaleCompleted {
  orderId: string;
  storeId: string;
  registerId: string;
  associateId: string;
  customerId: string | null;
  placedAt: string;
  lines: { lineNo: number; sku: string; quantity: number; unitPriceCents: number; discountCents: number }[];
}

/**
 * Writes the sale and returns its order id; an empty basket is no sale (null). Prices come from
 * the replica's catalog, never from the caller. `{ visiting }`: a customer of another store found
 * through the hub; the event names them (the hub files the sale with their home store) while
 * this register, which holds no profile of theirs, keeps it as a walk-in sale.
 */
export function recordSale(
  db: Database.Database,
  basket: readonly SaleLine[],
  customer: string | null | { visiting: string },
  by: Pick<Session, 'staffId' | 'storeId' | 'registerId'>,
  at: Date,
): string | null {
  if (basket.length === 0) return null;
  const customerId = typeof customer === 'string' ? customer : null;
  const merged = new Map<string, number>();
  for (const l of basket) merged.set(l.sku, (merged.get(l.sku) ?? 0) + l.quantity);
  const lines: SaleCompleted['lines'] = [];
  for (const [sku, quantity] of merged) {
    const product = statement(db, `SELECT price_cents AS price FROM products WHERE sku = ?`).get(sku) as { price: number } | undefined;
    if (!product) throw new ApiError('not_found', `No product with SKU ${sku} in the catalog; remove it from the basket.`, { sku });
    lines.push({ lineNo: lines.length + 1, sku, quantity, unitPriceCents: product.price, discountCents: 0 });
  }
  const sale: SaleCompleted = {
    orderId: newId(),
    storeId: by.storeId,
    registerId: by.registerId,
    associateId: by.staffId,
    customerId: typeof customer === 'object' && customer ? customer.visiting : customerId,
    placedAt: at.toISOString(),
    lines,
  };
  const subtotal = lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
  statement(
    db,
    `INSERT INTO orders (id, customer_id, channel, location_id, register_id, associate_id, placed_at, subtotal_cents, discount_cents, status)
     VALUES (?, ?, 'store', ?, ?, ?, ?, ?, 0, 'completed')`,
  ).run(sale.orderId, customerId, sale.storeId, sale.registerId, sale.associateId, sale.placedAt, subtotal);
  const insertLine = statement(db, `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, discount_cents) VALUES (?, ?, ?, ?, ?, ?)`);
  for (const l of lines) insertLine.run(sale.orderId, l.lineNo, l.sku, l.quantity, l.unitPriceCents, l.discountCents);
  enqueue(db, 'sale.completed', sale, at);
  if (customerId) recomputeCustomerFeatures(db, at, [customerId]);
  noteNewOrders(db, 1);
  return sale.orderId;
}
