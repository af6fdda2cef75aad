import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { explainPlan } from '../testing/queryPlan.js';
import { aggregateSql, churnRisk, recomputeCustomerFeatures, segmentOf } from './features.js';

const NOW = new Date('2026-06-15T00:00:00Z');
const DAY_MS = 86_400_000;
/** Midnight UTC `d` days before NOW, plus `hour` hours. */
const daysAgo = (d: number, hour = 0) => new Date(NOW.getTime() - d * DAY_MS + hour * 3600_000).toISOString();

let db: Database.Database;
let orderSeq = 0;

function customer(id: string): void {
  db.prepare(
    `INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, created_at, updated_at)
     VALUES (?, 'Test', ?, 'test', lower(?), '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z')`,
  ).run(id, id, id);
}

/** One order with lines [unit price, discount] of quantity 1; totals follow the lines. */
function order(customerId: string, at: string, lines: Array<[number, number]>, status = 'completed'): string {
  const id = `O-${++orderSeq}`;
  const subtotal = lines.reduce((s, [u]) => s + u, 0);
  const discount = lines.reduce((s, [, d]) => s + d, 0);
  db.prepare(
    `INSERT INTO orders (id, customer_id, channel, placed_at, subtotal_cents, discount_cents, status) VALUES (?, ?, 'store', ?, ?, ?, ?)`,
  ).run(id, customerId, at, subtotal, discount, status);
  lines.forEach(([unit, disc], i) =>
    db.prepare(`INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, discount_cents) VALUES (?, ?, 'SKU-X', 1, ?, ?)`).run(
      id, i + 1, unit, disc,
    ),
  );
  return id;
}

interface Row {
  customer_id: string;
  first_order_at: string | null;
  last_order_at: string | null;
  order_count: number;
  orders_last_365d: number;
  monetary_cents: number;
  avg_order_cents: number;
  usual_gap_days: number | null;
  churn_risk: number;
  value_estimate_cents: number;
  discount_share: number;
  segment: string;
  computed_at: string;
}
const features = (id: string) => db.prepare('SELECT * FROM customer_features WHERE customer_id = ?').get(id) as Row;
const allFeatures = () => db.prepare('SELECT * FROM customer_features ORDER BY customer_id').all() as Row[];

beforeEach(() => {
  db = openDatabase(':memory:');
  orderSeq = 0;
  for (const id of ['PROSPECT', 'FIRST', 'REGULAR', 'BARGAIN', 'LAPSING', 'VIP', 'TWO_OLD']) customer(id);

  order('FIRST', daysAgo(5), [[4500, 0]]);

  // Order days 101, 91, 71, 41 (twice) and 1 days ago: gaps 10, 20, 30, 40 → median 25.
  order('REGULAR', daysAgo(101), [[10_000, 0]]);
  order('REGULAR', daysAgo(91), [[20_000, 0]]);
  order('REGULAR', daysAgo(71), [[5_000, 1_000]]);
  order('REGULAR', daysAgo(41, 15), [[3_000, 0]]);
  order('REGULAR', daysAgo(41, 19), [[2_000, 0]]);
  order('REGULAR', daysAgo(1), [[10_000, 0]]);
  order('REGULAR', daysAgo(2), [[99_999, 0]], 'cancelled'); // never counts

  // Every order half on coupon: 2 × 4000 discounted of 4000 + 2000 per order → share 2/3.
  for (const d of [60, 40, 20]) order('BARGAIN', daysAgo(d), [[4_000, 1_000], [2_000, 0]]);

  // A weekly habit that stopped nine months ago.
  for (const d of [300, 293, 286, 279]) order('LAPSING', daysAgo(d), [[6_000, 0]]);

  for (const d of [30, 20, 10]) order('VIP', daysAgo(d), [[100_000, 0]]);

  // Two orders long ago: overdue, but not enough of a habit to call lapsing.
  order('TWO_OLD', daysAgo(420), [[8_000, 0]]);
  order('TWO_OLD', daysAgo(340), [[7_000, 0]]);
});

describe('recomputeCustomerFeatures', () => {
  it('writes a row for every customer, prospects included', () => {
    expect(recomputeCustomerFeatures(db, NOW)).toBe(7);
    expect(features('PROSPECT')).toMatchObject({
      first_order_at: null, last_order_at: null, order_count: 0, orders_last_365d: 0, monetary_cents: 0, avg_order_cents: 0,
      usual_gap_days: null, churn_risk: 0, value_estimate_cents: 0, discount_share: 0, segment: 'prospect', computed_at: NOW.toISOString(),
    });
  });

  it('computes recency, frequency, monetary, the median gap and discount share exactly', () => {
    recomputeCustomerFeatures(db, NOW);
    const f = features('REGULAR');
    expect(f).toMatchObject({
      first_order_at: daysAgo(101),
      last_order_at: daysAgo(1),
      order_count: 6, // two orders on one day are two orders but one order day
      orders_last_365d: 6,
      monetary_cents: 10_000 + 20_000 + 4_000 + 3_000 + 2_000 + 10_000,
      avg_order_cents: Math.round(49_000 / 6),
      usual_gap_days: 25,
      discount_share: 0.1, // 5000 of 50000 list value carried a discount
      segment: 'regular',
    });
    expect(f.churn_risk).toBeCloseTo(churnRisk(1, 25), 6);

    expect(features('BARGAIN')).toMatchObject({ order_count: 3, monetary_cents: 15_000, usual_gap_days: 20, discount_share: 0.6667, segment: 'bargain_hunter' });
    expect(features('FIRST')).toMatchObject({ order_count: 1, usual_gap_days: null, segment: 'first_timer', monetary_cents: 4_500 });
  });

  it('marks a stopped habit as lapsing, and a high spender as VIP', () => {
    recomputeCustomerFeatures(db, NOW);
    const lapsing = features('LAPSING');
    expect(lapsing).toMatchObject({ order_count: 4, usual_gap_days: 7, segment: 'lapsing' });
    expect(lapsing.churn_risk).toBe(1);
    expect(lapsing.value_estimate_cents).toBe(0);

    // Seven customers, six buyers this year: the top 5 % is the single biggest spender.
    const vip = features('VIP');
    expect(vip).toMatchObject({ segment: 'vip', monetary_cents: 300_000, usual_gap_days: 10 });
    // A year's run-rate from 30 days of history (annualised over the 90-day minimum), times 1 − churn.
    expect(vip.value_estimate_cents).toBe(Math.round(((300_000 * 365) / 90) * (1 - churnRisk(10, 10))));

    const two = features('TWO_OLD');
    expect(two).toMatchObject({ order_count: 2, orders_last_365d: 1, usual_gap_days: 80, segment: 'regular' });
    expect(two.churn_risk).toBeGreaterThan(0.6); // overdue, yet only two orders: not a lapsed habit
    expect(two.value_estimate_cents).toBe(Math.round(7_000 * (1 - two.churn_risk)));
  });

  it('recomputes only the given customers, leaving every other row untouched', () => {
    recomputeCustomerFeatures(db, NOW);
    const before = allFeatures();
    order('FIRST', daysAgo(0, 10), [[2_500, 0]]);
    const later = new Date(NOW.getTime() + 12 * 3600_000);
    expect(recomputeCustomerFeatures(db, later, ['FIRST'])).toBe(1);
    const after = allFeatures();
    for (const [i, row] of after.entries()) {
      if (row.customer_id === 'FIRST') continue;
      expect(row).toEqual(before[i]);
    }
    expect(features('FIRST')).toMatchObject({ order_count: 2, monetary_cents: 7_000, segment: 'regular', computed_at: later.toISOString() });
  });

  it('ignores unknown ids and an empty list', () => {
    expect(recomputeCustomerFeatures(db, NOW, [])).toBe(0);
    expect(recomputeCustomerFeatures(db, NOW, ['NOBODY'])).toBe(0);
    expect(db.prepare('SELECT count(*) FROM customer_features').pluck().get()).toBe(0);
  });

  it('does not count orders placed after `now`', () => {
    recomputeCustomerFeatures(db, new Date(NOW.getTime() - 50 * DAY_MS));
    expect(features('REGULAR')).toMatchObject({ order_count: 3, last_order_at: daysAgo(71), usual_gap_days: 15 });
    expect(features('VIP').segment).toBe('prospect');
  });

  it('reads a few customers through the customer index, not the whole order history', () => {
    const plan = explainPlan(db, aggregateSql('some'), { now: NOW.toISOString(), since: daysAgo(365), ids: '["REGULAR"]' });
    expect(plan).toMatch(/SEARCH o USING INDEX orders_customer_placed \(customer_id=\? AND placed_at<\?\)/);
    expect(plan).not.toMatch(/orders_placed/);
  });
});

describe('churnRisk', () => {
  it('rises with how overdue the customer is, 0.5 at three usual gaps', () => {
    expect(churnRisk(0, 30)).toBeLessThan(0.01);
    expect(churnRisk(30, 30)).toBeLessThan(0.01);
    expect(churnRisk(90, 30)).toBe(0.5);
    expect(churnRisk(150, 30)).toBeGreaterThan(0.99);
    expect(churnRisk(60, 30)).toBeLessThan(churnRisk(61, 30));
  });

  it('assumes a 90-day gap without history and never takes a gap under a week', () => {
    expect(churnRisk(270, null)).toBe(0.5);
    expect(churnRisk(21, 1)).toBe(0.5);
  });
});

describe('segmentOf', () => {
  const base = { orderCount: 5, churnRisk: 0.1, discountShare: 0.1 };
  it('applies the stated precedence', () => {
    expect(segmentOf({ ...base, orderCount: 0 }, 0, 100)).toBe('prospect');
    expect(segmentOf({ ...base, orderCount: 1, discountShare: 1 }, 10_000, 100)).toBe('first_timer');
    expect(segmentOf({ ...base, churnRisk: 0.6, discountShare: 1 }, 10_000, 100)).toBe('lapsing'); // before VIP and bargain
    expect(segmentOf({ ...base, orderCount: 2, churnRisk: 0.9 }, 0, 100)).toBe('regular'); // too few orders to lapse
    expect(segmentOf({ ...base, discountShare: 0.9 }, 10_000, 10_000)).toBe('vip'); // before bargain
    expect(segmentOf({ ...base, discountShare: 0.5 }, 10_000, 20_000)).toBe('bargain_hunter');
    expect(segmentOf(base, 10_000, null)).toBe('regular');
  });
});
