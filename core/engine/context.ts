import type Database from 'better-sqlite3';
import type { Segment } from '../contract/types.js';
import { statement } from '../db/statements.js';

export const DAY_MS = 86_400_000;
export const HISTORY_MONTHS = 18;

export interface HistoryLine {
  sku: string;
  title: string;
  categoryId: string | null;
  placedAt: string;
  daysAgo: number;
  unitPriceCents: number;
  discountCents: number;
  quantity: number;
  /** The product's size and brand (fit the person, person.ts); null when unknown. */
  size?: string | null;
  brand?: string | null;
}

export interface CustomerFacts {
  id: string;
  firstName: string;
  status: 'active' | 'suppressed' | 'erased';
  personalizationConsent: boolean;
  segment: Segment;
  orderCount: number;
  ordersLast365d: number;
  monetaryCents: number;
  lastOrderAt: string | null;
  usualGapDays: number | null;
  churnRisk: number;
  discountShare: number;
}

export interface CartLine {
  sku: string;
  title: string;
  categoryId: string;
  priceCents: number;
  quantity: number;
}

/** Everything the engine may know about who is in front of the associate. */
export interface DecisionContext {
  now: Date;
  storeId: string;
  staffId: string | null;
  customer: CustomerFacts | null;
  /** Newest first; empty unless personal data may be used. */
  history: HistoryLine[];
  cart: CartLine[];
}

export function loadCustomerFacts(db: Database.Database, customerId: string): CustomerFacts | null {
  const row = statement(db, 
      `SELECT c.id, c.first_name AS firstName, c.status,
              EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.purpose = 'personalization' AND k.status = 'granted') AS consent,
              coalesce(f.segment, 'prospect') AS segment, coalesce(f.order_count, 0) AS orderCount,
              coalesce(f.orders_last_365d, 0) AS ordersLast365d, coalesce(f.monetary_cents, 0) AS monetaryCents,
              f.last_order_at AS lastOrderAt, f.usual_gap_days AS usualGapDays, coalesce(f.churn_risk, 0) AS churnRisk,
              coalesce(f.discount_share, 0) AS discountShare
       FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id
       WHERE c.id = ? AND c.merged_into IS NULL`,
    )
    .get(customerId) as (Omit<CustomerFacts, 'personalizationConsent'> & { consent: number }) | undefined;
  if (!row) return null;
  const { consent, ...facts } = row;
  return { ...facts, personalizationConsent: consent === 1 };
}

export const HISTORY_SQL = `
  SELECT ol.sku, coalesce(p.title, ol.sku) AS title, p.category_id AS categoryId, o.placed_at AS placedAt,
         ol.unit_price_cents AS unitPriceCents, ol.discount_cents AS discountCents, ol.quantity, p.size, p.brand
  FROM orders o
  JOIN order_lines ol ON ol.order_id = o.id
  LEFT JOIN products p ON p.sku = ol.sku
  WHERE o.customer_id = ? AND o.placed_at >= ? AND o.status = 'completed' AND ol.quantity > 0
  ORDER BY o.placed_at DESC
  LIMIT 400`;

export function loadHistory(db: Database.Database, customerId: string, now: Date): HistoryLine[] {
  const since = new Date(now.getTime() - HISTORY_MONTHS * 30.5 * DAY_MS).toISOString();
  const rows = statement(db, HISTORY_SQL).all(customerId, since) as Omit<HistoryLine, 'daysAgo'>[];
  return rows.map((r) => ({ ...r, daysAgo: Math.floor((now.getTime() - Date.parse(r.placedAt)) / DAY_MS) }));
}

export function loadCart(db: Database.Database, cart: readonly { sku: string; quantity: number }[]): CartLine[] {
  const stmt = statement(db, `SELECT sku, title, category_id AS categoryId, price_cents AS priceCents FROM products WHERE sku = ?`);
  const lines: CartLine[] = [];
  for (const item of cart) {
    const p = stmt.get(item.sku) as Omit<CartLine, 'quantity'> | undefined;
    if (p) lines.push({ ...p, quantity: item.quantity });
  }
  return lines;
}
