import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';
import type { ConsentState, CustomerCard, CustomerSummary, Identifier, PurchasedItem, Segment, Visit } from '../contract/types.js';
import { statement } from '../db/statements.js';

const RECENT_VISITS = 6;
const RECENT_PURCHASES = 12;

export const CARD_VISITS_SQL = `
  SELECT o.id AS orderId, o.placed_at AS placedAt, o.channel, l.name AS locationName,
         (SELECT coalesce(sum(quantity), 0) FROM order_lines ol WHERE ol.order_id = o.id) AS itemCount,
         o.subtotal_cents - o.discount_cents AS totalCents
  FROM orders o LEFT JOIN locations l ON l.id = o.location_id
  WHERE o.customer_id = ? AND o.status != 'cancelled'
  ORDER BY o.placed_at DESC LIMIT ${RECENT_VISITS}`;

export const CARD_PURCHASES_SQL = `
  SELECT o.id AS orderId, o.placed_at AS placedAt, ol.sku, coalesce(p.title, ol.sku) AS title, p.brand,
         c.path_name AS categoryPath, ol.quantity, ol.unit_price_cents AS unitPriceCents
  FROM orders o
  JOIN order_lines ol ON ol.order_id = o.id
  LEFT JOIN products p ON p.sku = ol.sku
  LEFT JOIN categories c ON c.id = p.category_id
  WHERE o.customer_id = ? AND o.status != 'cancelled' AND ol.quantity > 0
  ORDER BY o.placed_at DESC, ol.line_no LIMIT ${RECENT_PURCHASES}`;

// Other live profiles sharing any normalized identifier with this one.
export const CARD_DUPLICATES_SQL = `
  SELECT DISTINCT c.id, c.first_name || ' ' || c.last_name AS name, c.city,
         (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC LIMIT 1) AS email,
         (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'phone' ORDER BY i.is_primary DESC LIMIT 1) AS phone,
         (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'loyalty' LIMIT 1) AS loyaltyId,
         coalesce(f.segment, 'prospect') AS segment, f.last_order_at AS lastOrderAt, mine.kind AS matchedBy
  FROM customer_identifiers mine
  JOIN customer_identifiers other ON other.kind = mine.kind AND other.value = mine.value AND other.customer_id != mine.customer_id
  JOIN customers c ON c.id = other.customer_id
  LEFT JOIN customer_features f ON f.customer_id = c.id
  WHERE mine.customer_id = ? AND c.status != 'erased' AND c.merged_into IS NULL`;

interface CustomerRow {
  id: string;
  name: string;
  status: CustomerCard['status'];
  homeStoreName: string | null;
  customerSince: string;
  segment: Segment | null;
  monetary_cents: number | null;
  order_count: number | null;
  avg_order_cents: number | null;
  last_order_at: string | null;
  usual_gap_days: number | null;
  churn_risk: number | null;
  discount_share: number | null;
}

export function customerCard(db: Database.Database, customerId: string): CustomerCard {
  const c = statement(db, 
      `SELECT c.id, c.first_name || ' ' || c.last_name AS name, c.status, l.name AS homeStoreName,
              c.created_at AS customerSince, f.segment, f.monetary_cents, f.order_count, f.avg_order_cents,
              f.last_order_at, f.usual_gap_days, f.churn_risk, f.discount_share
       FROM customers c
       LEFT JOIN locations l ON l.id = c.home_store_id
       LEFT JOIN customer_features f ON f.customer_id = c.id
       WHERE c.id = ?`,
    )
    .get(customerId) as CustomerRow | undefined;
  if (!c || c.status === 'erased') throw new ApiError('not_found', 'No customer with that id on this device.');

  const identifiers = (
    statement(db, `SELECT kind, raw AS value, is_primary AS isPrimary FROM customer_identifiers WHERE customer_id = ? ORDER BY kind, is_primary DESC`)
      .all(customerId) as Array<{ kind: Identifier['kind']; value: string; isPrimary: number }>
  ).map((r): Identifier => ({ kind: r.kind, value: r.value, primary: r.isPrimary === 1 }));

  const consents = statement(db, `SELECT purpose, channel, status, recorded_at AS recordedAt FROM consents WHERE customer_id = ? ORDER BY purpose, channel`)
    .all(customerId) as ConsentState[];

  return {
    id: c.id,
    name: c.name,
    status: c.status,
    homeStoreName: c.homeStoreName,
    customerSince: c.customerSince,
    identifiers,
    consents,
    segment: c.segment ?? 'prospect',
    lifetimeValueCents: c.monetary_cents ?? 0,
    orderCount: c.order_count ?? 0,
    averageOrderCents: c.avg_order_cents ?? 0,
    lastOrderAt: c.last_order_at,
    usualGapDays: c.usual_gap_days,
    churnRisk: c.churn_risk ?? 0,
    discountShare: c.discount_share ?? 0,
    recentVisits: statement(db, CARD_VISITS_SQL).all(customerId) as Visit[],
    recentPurchases: statement(db, CARD_PURCHASES_SQL).all(customerId) as PurchasedItem[],
    possibleDuplicates: statement(db, CARD_DUPLICATES_SQL).all(customerId) as CustomerSummary[],
  };
}
