// customer_features: recency, frequency, monetary and what follows from them, derived from
// orders and order_lines only. Recomputable at any time; the aggregation is one set-based query,
// the per-customer arithmetic is the pure `deriveFeatures` below.
import type Database from 'better-sqlite3';
import type { Segment } from '../contract/types.js';

export type { Segment };

const DAY_MS = 86_400_000;

/** VIP: the top 5 % of the last year's buyers by spend in that year. */
export const VIP_TOP_PERCENT = 5;
/** Lapsing: churn risk at least this high, with a habit of at least three orders. */
export const LAPSING_CHURN_RISK = 0.6;
export const LAPSING_MIN_ORDERS = 3;
/** Bargain hunter: at least half of the value bought was on markdown or coupon. */
export const BARGAIN_DISCOUNT_SHARE = 0.5;
/** Gap assumed when a customer has fewer than two order days to measure one. */
export const PRIOR_GAP_DAYS = 90;
/** Floor on the gap used for churn, so two orders a day apart do not make a week's silence alarming. */
export const MIN_GAP_DAYS = 7;
/** Tenure over which a spend rate is annualised is clamped to [90, 365] days. */
const MIN_TENURE_DAYS = 90;

/** Per-customer aggregates, straight from the orders. */
export interface FeatureInputs {
  orderCount: number;
  ordersLast365d: number;
  /** Σ (subtotal − discount) over all non-cancelled orders. */
  monetaryCents: number;
  /** The same over the last 365 days. */
  spendLast365dCents: number;
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  /** Median days between consecutive distinct order days; null with fewer than two order days. */
  usualGapDays: number | null;
  /** List value (quantity × unit price) of all lines, and of the lines that carried a discount. */
  lineValueCents: number;
  discountedLineValueCents: number;
}

export interface CustomerFeatures {
  firstOrderAt: string | null;
  lastOrderAt: string | null;
  orderCount: number;
  ordersLast365d: number;
  monetaryCents: number;
  avgOrderCents: number;
  usualGapDays: number | null;
  churnRisk: number;
  valueEstimateCents: number;
  discountShare: number;
  segment: Segment;
}

/** Churn is 0.5 when the silence is this many usual gaps long… */
export const CHURN_MIDPOINT_GAPS = 3;
/** …and rises this steeply around it. */
const CHURN_SLOPE = 2.5;

/**
 * Churn risk in [0, 1] from how overdue the next order is: a logistic of
 * ratio = days since last order ÷ usual gap, centred on 3 usual gaps (0.5) with slope 2.5:
 * one usual gap of silence ≈ 0.007, two ≈ 0.08, ~3.2 reach the lapsing line 0.6, four ≈ 0.92.
 * The midpoint is 3 rather than 1 because gaps vary a lot (a median gap is often exceeded
 * twofold by a perfectly loyal customer). No orders: 0 (nothing to lose yet).
 */
export function churnRisk(daysSinceLastOrder: number, usualGapDays: number | null): number {
  const gap = Math.max(MIN_GAP_DAYS, usualGapDays ?? PRIOR_GAP_DAYS);
  const ratio = Math.max(0, daysSinceLastOrder) / gap;
  return round4(1 / (1 + Math.exp(-CHURN_SLOPE * (ratio - CHURN_MIDPOINT_GAPS))));
}

/**
 * Segment, first rule that matches wins:
 *   1. prospect       — no orders
 *   2. first_timer    — exactly one order
 *   3. lapsing        — churn risk ≥ 0.6 and ≥ 3 orders (a drifting habit; checked before VIP so
 *                       a high spender who stopped coming gets win-back, not VIP care)
 *   4. vip            — last-365-day spend at or above the top-5 % threshold
 *   5. bargain_hunter — discount share ≥ 0.5 (with ≥ 2 orders, implied by rule 2)
 *   6. regular        — everyone else
 */
export function segmentOf(f: Pick<CustomerFeatures, 'orderCount' | 'churnRisk' | 'discountShare'>, spendLast365dCents: number, vipThresholdCents: number | null): Segment {
  if (f.orderCount === 0) return 'prospect';
  if (f.orderCount === 1) return 'first_timer';
  if (f.churnRisk >= LAPSING_CHURN_RISK && f.orderCount >= LAPSING_MIN_ORDERS) return 'lapsing';
  if (vipThresholdCents !== null && spendLast365dCents > 0 && spendLast365dCents >= vipThresholdCents) return 'vip';
  if (f.discountShare >= BARGAIN_DISCOUNT_SHARE) return 'bargain_hunter';
  return 'regular';
}

export function deriveFeatures(inputs: FeatureInputs, now: Date, vipThresholdCents: number | null): CustomerFeatures {
  const nowMs = now.getTime();
  const orderCount = inputs.orderCount;
  const daysSinceLast = inputs.lastOrderAt ? (nowMs - Date.parse(inputs.lastOrderAt)) / DAY_MS : 0;
  const risk = orderCount === 0 ? 0 : churnRisk(daysSinceLast, inputs.usualGapDays);

  // Value estimate: the last year's spend as a yearly run-rate (annualised for newer customers),
  // discounted by the chance they have already gone.
  const tenureDays = inputs.firstOrderAt ? (nowMs - Date.parse(inputs.firstOrderAt)) / DAY_MS : 0;
  const yearlyRate = (inputs.spendLast365dCents * 365) / Math.min(365, Math.max(MIN_TENURE_DAYS, tenureDays));
  const discountShare = inputs.lineValueCents > 0 ? round4(Math.min(1, inputs.discountedLineValueCents / inputs.lineValueCents)) : 0;

  const features: Omit<CustomerFeatures, 'segment'> = {
    firstOrderAt: inputs.firstOrderAt,
    lastOrderAt: inputs.lastOrderAt,
    orderCount,
    ordersLast365d: inputs.ordersLast365d,
    monetaryCents: inputs.monetaryCents,
    avgOrderCents: orderCount > 0 ? Math.round(inputs.monetaryCents / orderCount) : 0,
    usualGapDays: inputs.usualGapDays,
    churnRisk: risk,
    valueEstimateCents: Math.max(0, Math.round(yearlyRate * (1 - risk))),
    discountShare,
  };
  return { ...features, segment: segmentOf(features, inputs.spendLast365dCents, vipThresholdCents) };
}

// One pass over the scoped customers' orders (exported for the query-plan test). Cancelled orders and orders after `now` don't count;
// returned ones do (the visit happened; refunds are not modelled as negative orders here).
export function aggregateSql(scope: 'all' | 'some'): string {
  const scopeSql = scope === 'all' ? 'SELECT id FROM customers' : 'SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(:ids))';
  return `
  WITH scope(id) AS MATERIALIZED (${scopeSql}),
  o AS MATERIALIZED (
    SELECT o.id, o.customer_id, o.placed_at, o.subtotal_cents - o.discount_cents AS net
    -- CROSS JOIN keeps scope outermost, so orders are read per customer through
    -- orders_customer_placed rather than the whole date range through orders_placed.
    FROM scope s CROSS JOIN orders o ON o.customer_id = s.id
    WHERE o.status != 'cancelled' AND o.placed_at <= :now
  ),
  totals AS (
    SELECT customer_id, count(*) AS order_count, min(placed_at) AS first_order_at, max(placed_at) AS last_order_at,
           sum(placed_at >= :since) AS orders_last_365d, sum(net) AS monetary,
           sum(CASE WHEN placed_at >= :since THEN net ELSE 0 END) AS spend_365
    FROM o GROUP BY customer_id
  ),
  line_values AS (
    SELECT o.customer_id, sum(ol.quantity * ol.unit_price_cents) AS line_value,
           sum(CASE WHEN ol.discount_cents > 0 THEN ol.quantity * ol.unit_price_cents ELSE 0 END) AS discounted_value
    FROM o JOIN order_lines ol ON ol.order_id = o.id
    WHERE ol.quantity > 0
    GROUP BY o.customer_id
  ),
  order_days AS (SELECT DISTINCT customer_id, date(placed_at) AS day FROM o),
  gaps AS (
    SELECT customer_id, julianday(day) - julianday(lag(day) OVER (PARTITION BY customer_id ORDER BY day)) AS gap
    FROM order_days
  ),
  ranked AS (
    SELECT customer_id, gap, row_number() OVER (PARTITION BY customer_id ORDER BY gap) AS rn,
           count(*) OVER (PARTITION BY customer_id) AS n
    FROM gaps WHERE gap IS NOT NULL
  ),
  medians AS (SELECT customer_id, avg(gap) AS usual_gap FROM ranked WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY customer_id)
  SELECT s.id, coalesce(t.order_count, 0) AS order_count, coalesce(t.orders_last_365d, 0) AS orders_last_365d,
         coalesce(t.monetary, 0) AS monetary, coalesce(t.spend_365, 0) AS spend_365,
         t.first_order_at, t.last_order_at, m.usual_gap,
         coalesce(l.line_value, 0) AS line_value, coalesce(l.discounted_value, 0) AS discounted_value
  FROM scope s
  LEFT JOIN totals t ON t.customer_id = s.id
  LEFT JOIN line_values l ON l.customer_id = s.id
  LEFT JOIN medians m ON m.customer_id = s.id`;
}

// The spend a buyer needs over the last 365 days to be in the top VIP_TOP_PERCENT of that year's buyers.
const VIP_THRESHOLD_SQL = `
  WITH spend AS (
    SELECT sum(subtotal_cents - discount_cents) AS cents
    FROM orders
    WHERE placed_at >= :since AND placed_at <= :now AND status != 'cancelled' AND customer_id IS NOT NULL
    GROUP BY customer_id
    HAVING cents > 0
  ),
  ranked AS (SELECT cents, row_number() OVER (ORDER BY cents DESC) AS rn, count(*) OVER () AS n FROM spend)
  SELECT cents FROM ranked WHERE rn = max(1, (n * ${VIP_TOP_PERCENT} + 99) / 100)`;

const UPSERT_SQL = `
  INSERT INTO customer_features (customer_id, first_order_at, last_order_at, order_count, orders_last_365d, monetary_cents,
    avg_order_cents, usual_gap_days, churn_risk, value_estimate_cents, discount_share, segment, computed_at)
  VALUES (:id, :firstOrderAt, :lastOrderAt, :orderCount, :ordersLast365d, :monetaryCents,
    :avgOrderCents, :usualGapDays, :churnRisk, :valueEstimateCents, :discountShare, :segment, :computedAt)
  ON CONFLICT(customer_id) DO UPDATE SET
    first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at, order_count = excluded.order_count,
    orders_last_365d = excluded.orders_last_365d, monetary_cents = excluded.monetary_cents, avg_order_cents = excluded.avg_order_cents,
    usual_gap_days = excluded.usual_gap_days, churn_risk = excluded.churn_risk, value_estimate_cents = excluded.value_estimate_cents,
    discount_share = excluded.discount_share, segment = excluded.segment, computed_at = excluded.computed_at`;

interface AggregateRow {
  id: string;
  order_count: number;
  orders_last_365d: number;
  monetary: number;
  spend_365: number;
  first_order_at: string | null;
  last_order_at: string | null;
  usual_gap: number | null;
  line_value: number;
  discounted_value: number;
}

// The VIP threshold is a chain-wide statistic that moves slowly, and computing it reads a year of
// orders (tens of ms). A full recompute always measures it afresh; recomputing a few customers
// reuses the value measured for the same UTC day on the same database.
const vipThresholdCache = new WeakMap<Database.Database, { day: string; cents: number | null }>();

function vipThreshold(db: Database.Database, params: { now: string; since: string }, fresh: boolean): number | null {
  const day = params.now.slice(0, 10);
  const cached = vipThresholdCache.get(db);
  if (!fresh && cached?.day === day) return cached.cents;
  const cents = (db.prepare(VIP_THRESHOLD_SQL).pluck().get(params) as number | undefined) ?? null;
  vipThresholdCache.set(db, { day, cents });
  return cents;
}

/**
 * Upserts customer_features for the given customers (all customers when omitted), as of `now`.
 * Returns how many rows were written. Unknown ids are ignored.
 *
 * The VIP threshold is always taken over all of the year's buyers, so recomputing one customer
 * after a purchase places them against the whole chain; other customers' rows are left as they are.
 */
export function recomputeCustomerFeatures(db: Database.Database, now: Date, customerIds?: readonly string[]): number {
  if (customerIds && customerIds.length === 0) return 0;
  const params = { now: now.toISOString(), since: new Date(now.getTime() - 365 * DAY_MS).toISOString() };
  const vip = vipThreshold(db, params, !customerIds);
  const rows = customerIds
    ? (db.prepare(aggregateSql('some')).all({ ...params, ids: JSON.stringify(customerIds) }) as AggregateRow[])
    : (db.prepare(aggregateSql('all')).all(params) as AggregateRow[]);

  const upsert = db.prepare(UPSERT_SQL);
  const computedAt = now.toISOString();
  const write = db.transaction(() => {
    for (const row of rows) {
      const f = deriveFeatures(
        {
          orderCount: row.order_count,
          ordersLast365d: row.orders_last_365d,
          monetaryCents: row.monetary,
          spendLast365dCents: row.spend_365,
          firstOrderAt: row.first_order_at,
          lastOrderAt: row.last_order_at,
          usualGapDays: row.usual_gap,
          lineValueCents: row.line_value,
          discountedLineValueCents: row.discounted_value,
        },
        now,
        vip,
      );
      upsert.run({ id: row.id, ...f, computedAt });
    }
  });
  write();
  return rows.length;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
