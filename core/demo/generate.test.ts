import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPin } from '../auth/pin.js';
import { closeDatabase, openDatabase } from '../db/open.js';
import { normalizeEmailForMatch } from '../identity/normalize.js';
import { LEAF } from './catalog.js';
import { DEMO_FIXTURES, DEMO_REGISTER_ID, DEMO_STAFF, DEMO_STORE_ID, demoAnchor, generateDemoChain, type DemoCounts, type DemoProgress } from './generate.js';

const ANCHOR = new Date('2026-06-15T00:00:00Z');
const DAY_MS = 86_400_000;

let db: Database.Database;
let counts: DemoCounts;
const progress: DemoProgress[] = [];

beforeAll(() => {
  db = openDatabase(':memory:');
  const started = performance.now();
  counts = generateDemoChain(db, { anchor: ANCHOR, onProgress: (p) => progress.push(p) });
  console.log(`demo chain generated in ${((performance.now() - started) / 1000).toFixed(1)} s`, counts);
});

afterAll(() => closeDatabase(db));

const one = <T = number>(sql: string, ...params: unknown[]): T => db.prepare(sql).pluck().get(...params) as T;
const all = <T>(sql: string, ...params: unknown[]): T[] => db.prepare(sql).all(...params) as T[];

describe('size', () => {
  it('meets the minimum counts and reports them truthfully', () => {
    expect(counts.products).toBeGreaterThanOrEqual(20_000);
    expect(counts.customers).toBeGreaterThanOrEqual(5_000);
    expect(counts.orderLines).toBeGreaterThanOrEqual(150_000);
    expect(one('SELECT count(*) FROM products')).toBe(counts.products);
    expect(one('SELECT count(*) FROM customers')).toBe(counts.customers);
    expect(one('SELECT count(*) FROM order_lines')).toBe(counts.orderLines);
    expect(one('SELECT count(*) FROM inventory')).toBe(counts.inventoryRows);
  });

  it('reports progress for every step, ending each at its total', () => {
    const steps = [...new Set(progress.map((p) => p.step))];
    expect(steps).toEqual(expect.arrayContaining(['catalog', 'inventory', 'history', 'customers', 'orders', 'features', 'staff']));
    for (const step of steps) {
      const last = progress.filter((p) => p.step === step).at(-1)!;
      expect(last.done).toBe(last.total);
    }
  });
});

describe('places, policy and device', () => {
  it('has three stores, a DC and two partners with lead times', () => {
    const rows = all<{ id: string; kind: string; lead_time_days: number; timezone: string }>('SELECT id, kind, lead_time_days, timezone FROM locations ORDER BY id');
    expect(rows.map((r) => `${r.id}:${r.kind}`)).toEqual(['DC1:dc', 'P1:partner', 'P2:partner', 'S1:store', 'S2:store', 'S3:store']);
    expect(rows.find((r) => r.id === 'P2')!.lead_time_days).toBeGreaterThan(rows.find((r) => r.id === 'P1')!.lead_time_days);
    expect(rows.every((r) => r.timezone.startsWith('America/'))).toBe(true);
  });

  it('has a real category tree with the leaves the engine needs', () => {
    expect(all<{ id: string }>('SELECT id FROM categories WHERE depth = 0 ORDER BY id').map((r) => r.id)).toEqual(
      expect.arrayContaining(['apparel', 'footwear', 'home', 'outdoor']),
    );
    const leaves = one(`SELECT count(*) FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)`);
    expect(leaves).toBeGreaterThanOrEqual(40);
    for (const id of Object.values(LEAF)) expect(one('SELECT count(*) FROM products WHERE category_id = ?', id), id).toBeGreaterThan(0);
    expect(one(`SELECT path_name FROM categories WHERE id = ?`, LEAF.tents)).toBe('Outdoor > Camping > Tents');
    // Every child's path extends its parent's, one level deeper.
    expect(
      one(`SELECT count(*) FROM categories c JOIN categories p ON p.id = c.parent_id
           WHERE c.depth != p.depth + 1 OR c.path_name != p.path_name || ' > ' || c.name OR c.id NOT LIKE p.id || '/%'`),
    ).toBe(0);
  });

  it('blocks the sensitive category in the active policy', () => {
    const sensitive = all<{ id: string }>('SELECT id FROM categories WHERE sensitive = 1').map((r) => r.id);
    expect(sensitive).toEqual([LEAF.personalCare]);
    expect(all('SELECT category_id FROM merch_blocked_categories WHERE version = 1')).toEqual([{ category_id: LEAF.personalCare }]);
  });

  it('has one active published policy with guardrail defaults and the affinities of the history', () => {
    expect(all('SELECT version, status, is_active, author, note FROM merch_config')).toEqual([
      { version: 1, status: 'published', is_active: 1, author: 'demo', note: 'Initial policy' },
    ]);
    expect(db.prepare('SELECT * FROM merch_guardrails').get()).toMatchObject({
      exclusion_window_days: 30, stock_threshold: 5, safety_buffer: 3, inventory_max_age_minutes: 5, min_price_cents: 1500,
      margin_floor: 0.25, new_arrival_boost: 0.3, new_arrival_window_days: 45, clearance_penalty: 0.3, frequency_cap_per_week: 3,
      concierge_cart_cents: 50_000, exploration_share: 0.05, holdout_share: 0.1,
    });
    const pairs = all<{ f: string; t: string }>('SELECT from_category_id f, to_category_id t FROM merch_affinities').map((r) => `${r.f}>${r.t}`);
    expect(pairs).toEqual(
      expect.arrayContaining([
        `${LEAF.tents}>${LEAF.sleepingBags}`, `${LEAF.runningShoes}>${LEAF.socks}`, `${LEAF.espressoMachines}>${LEAF.coffeeBeans}`,
        `${LEAF.hikingBoots}>${LEAF.socks}`, `${LEAF.campStoves}>${LEAF.fuel}`,
      ]),
    );
  });

  it('is device R1 of store S1, with fresh sync state', () => {
    expect(db.prepare('SELECT id, store_id, register_id, created_at FROM device').get()).toEqual({
      id: 1, store_id: DEMO_STORE_ID, register_id: DEMO_REGISTER_ID, created_at: ANCHOR.toISOString(),
    });
    expect(one(`SELECT count(*) FROM sync_state WHERE last_success_at = ?`, ANCHOR.toISOString())).toBe(5);
  });

  it('has staff at every store, with the documented PINs at S1', () => {
    const s1 = all<{ role: string }>(`SELECT role FROM staff WHERE store_id = 'S1'`).map((r) => r.role);
    expect(s1.filter((r) => r === 'associate').length).toBeGreaterThanOrEqual(2);
    expect(s1).toEqual(expect.arrayContaining(['merchandiser', 'manager']));
    for (const store of ['S2', 'S3']) expect(one(`SELECT count(*) FROM staff WHERE store_id = ?`, store)).toBeGreaterThan(0);
    expect(one('SELECT count(*) FROM staff')).toBe(DEMO_STAFF.length);
    for (const name of ['Ava Martinez', 'Sam Okafor', 'Priya Shah', 'Dana Kim']) {
      const s = DEMO_STAFF.find((x) => x.displayName === name)!;
      const hash = one<string>('SELECT pin_hash FROM staff WHERE id = ?', s.id);
      expect(hash.startsWith('scrypt$')).toBe(true);
      expect(verifyPin(s.pin, hash)).toBe(true);
      expect(verifyPin('0000', hash)).toBe(false);
    }
  });
});

describe('catalog and stock', () => {
  it('has plausible products: SKUs, titles, prices, cost, clearance, partners and new arrivals', () => {
    const n = counts.products;
    expect(one(`SELECT count(*) FROM products WHERE sku NOT GLOB 'SKU-[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`)).toBe(0);
    expect(one('SELECT count(DISTINCT title) FROM products')).toBe(n);
    expect(one(`SELECT title FROM products WHERE category_id = ? AND size = '2-Person' LIMIT 1`, LEAF.tents)).toMatch(/ Tent, 2-Person, /);
    const share = (where: string) => one(`SELECT count(*) FROM products WHERE ${where}`) / n;
    expect(share(`status = 'clearance'`)).toBeGreaterThan(0.04);
    expect(share(`status = 'clearance'`)).toBeLessThan(0.08);
    expect(one(`SELECT count(*) FROM products WHERE (status = 'clearance') != (compare_at_cents IS NOT NULL)`)).toBe(0);
    expect(share(`status = 'discontinued'`)).toBeGreaterThan(0.01);
    expect(share('is_partner = 1')).toBeGreaterThan(0.12);
    expect(share('is_partner = 1')).toBeLessThan(0.18);
    const newSince = new Date(ANCHOR.getTime() - 30 * DAY_MS).toISOString();
    expect(share(`launched_at >= '${newSince}'`)).toBeGreaterThan(0.015);
    expect(share(`launched_at >= '${newSince}'`)).toBeLessThan(0.05);
    expect(one<string>(`SELECT max(launched_at) FROM products`) < ANCHOR.toISOString()).toBe(true);
    expect(one(`SELECT count(*) FROM products WHERE status = 'active' AND (cost_cents < price_cents * 0.34 OR cost_cents > price_cents * 0.71)`)).toBe(0);
    expect(one(`SELECT min(price_cents) FROM products WHERE category_id = ? AND size = '1-Person' AND status = 'active'`, LEAF.tents)).toBeGreaterThanOrEqual(11_000);
    expect(one(`SELECT max(price_cents) FROM products WHERE category_id = ? AND size = '12 oz'`, LEAF.coffeeBeans)).toBeLessThanOrEqual(2_600);
    expect(one(`SELECT count(DISTINCT season) FROM products`)).toBe(5);
    expect(one(`SELECT count(DISTINCT brand) FROM products p JOIN categories c ON c.id = p.category_id WHERE c.id LIKE 'outdoor/%'`)).toBeGreaterThanOrEqual(15);
  });

  it('indexes every product for search', () => {
    expect(one('SELECT count(*) FROM products_fts')).toBe(counts.products);
    expect(one(`SELECT count(*) FROM products_fts WHERE products_fts MATCH 'tent'`)).toBeGreaterThan(100);
  });

  it('stocks stores and the DC, partner-only items only at their partner', () => {
    expect(one(`SELECT count(*) FROM products p WHERE is_partner = 0 AND (SELECT count(*) FROM inventory i WHERE i.sku = p.sku) != 4`)).toBe(0);
    expect(
      one(`SELECT count(*) FROM products p WHERE is_partner = 1 AND
             (SELECT group_concat(location_id) FROM inventory i WHERE i.sku = p.sku) IS NOT p.partner_location_id`),
    ).toBe(0);
    const s1 = db
      .prepare(`SELECT avg(on_hand = 0) AS zero, avg(on_hand BETWEEN 1 AND 4) AS low, avg(reserved > 0) AS reserved FROM inventory WHERE location_id = 'S1'`)
      .get() as { zero: number; low: number; reserved: number };
    expect(s1.zero).toBeGreaterThan(0.05);
    expect(s1.zero).toBeLessThan(0.2);
    expect(s1.low).toBeGreaterThan(0.15);
    expect(s1.low).toBeLessThan(0.35);
    expect(s1.reserved).toBeLessThan(0.1);
    expect(one(`SELECT count(*) FROM inventory WHERE reserved > on_hand OR version != 1`)).toBe(0);
    const oldest = new Date(ANCHOR.getTime() - 15 * 60_000).toISOString();
    expect(one(`SELECT count(*) FROM inventory WHERE updated_at < ? OR updated_at >= ?`, oldest, ANCHOR.toISOString())).toBe(0);
  });
});

describe('customers', () => {
  const byEmail = (value: string) =>
    all<{ customer_id: string }>(`SELECT customer_id FROM customer_identifiers WHERE kind = 'email' AND value = ? ORDER BY customer_id`, value).map(
      (r) => r.customer_id,
    );

  it('has the two John Doe profiles sharing one normalized Gmail address', () => {
    const { johnDoe, johnDoeDuplicate } = DEMO_FIXTURES;
    expect(johnDoe.email).toBe('john.doe@gmail.com');
    expect(johnDoeDuplicate.email).toBe('johndoe@gmail.com');
    expect(johnDoe.emailNormalized).toBe('johndoe@gmail.com');
    expect(byEmail('johndoe@gmail.com')).toEqual([johnDoe.id, johnDoeDuplicate.id]);
    expect(all(`SELECT raw FROM customer_identifiers WHERE kind = 'email' AND value = 'johndoe@gmail.com' ORDER BY customer_id`)).toEqual([
      { raw: 'john.doe@gmail.com' },
      { raw: 'johndoe@gmail.com' },
    ]);
    expect(all(`SELECT customer_id, raw FROM customer_identifiers WHERE kind = 'phone' AND value = '+13035550142'`)).toEqual([
      { customer_id: johnDoe.id, raw: '(303) 555-0142' },
    ]);
    expect(all(`SELECT customer_id, raw FROM customer_identifiers WHERE kind = 'loyalty' AND value = 'EC10000001'`)).toEqual([
      { customer_id: johnDoe.id, raw: 'EC-1000-0001' },
    ]);
    expect(one(`SELECT first_name || ' ' || last_name FROM customers WHERE id = ?`, johnDoeDuplicate.id)).toBe('John Doe');
  });

  it('keeps john.doe@outlook.com and johndoe@outlook.com as two different people', () => {
    const { johnDoeOutlook, otherJohnDoeOutlook } = DEMO_FIXTURES;
    expect(normalizeEmailForMatch('john.doe@outlook.com')).not.toBe(normalizeEmailForMatch('johndoe@outlook.com'));
    expect(byEmail('john.doe@outlook.com')).toEqual([johnDoeOutlook.id]);
    expect(byEmail('johndoe@outlook.com')).toEqual([otherJohnDoeOutlook.id]);
  });

  it('stores identifiers normalized, with name keys and a mix of domains', () => {
    expect(one(`SELECT count(*) FROM customers WHERE first_name_key != lower(first_name_key) OR last_name_key = ''`)).toBe(0);
    expect(one(`SELECT first_name_key FROM customers WHERE id = ?`, DEMO_FIXTURES.firstTimer.id)).toBe('zoe');
    expect(one(`SELECT count(*) FROM customers WHERE first_name != first_name_key AND first_name GLOB '*[éëèíñüöøç]*'`)).toBeGreaterThan(20);
    expect(one(`SELECT count(*) FROM customer_identifiers WHERE kind = 'phone' AND value NOT GLOB '+1[0-9]*'`)).toBe(0);
    expect(one(`SELECT count(*) FROM customer_identifiers WHERE kind = 'loyalty' AND value NOT GLOB 'EC[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`)).toBe(0);
    const domains = all<{ d: string; n: number }>(
      `SELECT substr(value, instr(value, '@') + 1) AS d, count(*) AS n FROM customer_identifiers WHERE kind = 'email' GROUP BY d ORDER BY n DESC`,
    );
    expect(domains[0]!.d).toBe('gmail.com');
    expect(domains.map((r) => r.d)).toEqual(expect.arrayContaining(['yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com', 'comcast.net']));
    // Besides the fixtures, some generated people have a second profile under the same normalized identifier.
    expect(one(`SELECT count(*) FROM (SELECT kind, value FROM customer_identifiers GROUP BY kind, value HAVING count(*) > 1)`)).toBeGreaterThan(20);
  });

  it('has a few suppressed customers and one erased profile without identifiers', () => {
    expect(one(`SELECT count(*) FROM customers WHERE status = 'suppressed'`)).toBeGreaterThanOrEqual(3);
    expect(all(`SELECT id FROM customers WHERE status = 'erased'`)).toEqual([{ id: DEMO_FIXTURES.erased.id }]);
    expect(one(`SELECT count(*) FROM customer_identifiers WHERE customer_id = ?`, DEMO_FIXTURES.erased.id)).toBe(0);
    expect(one(`SELECT count(*) FROM consents c JOIN customers u ON u.id = c.customer_id WHERE u.status = 'suppressed' AND c.status != 'suppressed'`)).toBe(0);
  });

  it('has imported consents with realistic opt-in shares', () => {
    const rate = (purpose: string) =>
      one(`SELECT avg(status = 'granted') FROM consents WHERE purpose = ? AND channel = 'email'`, purpose);
    expect(one(`SELECT count(DISTINCT customer_id) FROM consents`) / counts.customers).toBeGreaterThan(0.7);
    expect(rate('receipts')).toBeGreaterThan(0.8);
    expect(rate('marketing')).toBeGreaterThan(0.3);
    expect(rate('marketing')).toBeLessThan(0.6);
    expect(one(`SELECT count(*) FROM consents WHERE source != 'import' OR text_version != 'v1'`)).toBe(0);
  });

  it('gives each known customer the segment it was written for', () => {
    for (const [key, f] of Object.entries(DEMO_FIXTURES)) {
      expect(one(`SELECT segment FROM customer_features WHERE customer_id = ?`, f.id), key).toBe(f.expectedSegment);
    }
  });

  it('has every segment in plausible shares', () => {
    const shares = Object.fromEntries(
      all<{ segment: string; share: number }>(
        `SELECT segment, count(*) * 1.0 / (SELECT count(*) FROM customer_features) AS share FROM customer_features GROUP BY segment`,
      ).map((r) => [r.segment, r.share]),
    );
    expect(one('SELECT count(*) FROM customer_features')).toBe(counts.customers);
    expect(shares.prospect).toBeGreaterThan(0.05);
    expect(shares.prospect).toBeLessThan(0.15);
    expect(shares.first_timer).toBeGreaterThan(0.03);
    expect(shares.first_timer).toBeLessThan(0.12);
    expect(shares.vip).toBeGreaterThan(0.03);
    expect(shares.vip).toBeLessThan(0.07);
    expect(shares.lapsing).toBeGreaterThan(0.06);
    expect(shares.lapsing).toBeLessThan(0.25);
    expect(shares.bargain_hunter).toBeGreaterThan(0.05);
    expect(shares.bargain_hunter).toBeLessThan(0.15);
    expect(shares.regular).toBeGreaterThan(0.4);
    // First-timers in the demo mostly bought for the first time this month.
    const recent = one(`SELECT avg(last_order_at >= ?) FROM customer_features WHERE segment = 'first_timer'`, new Date(ANCHOR.getTime() - 30 * DAY_MS).toISOString());
    expect(recent).toBeGreaterThan(0.5);
  });
});

describe('order history', () => {
  it('spans the 18 months before the anchor, with consistent totals', () => {
    const start = new Date(ANCHOR.getTime() - 549 * DAY_MS).toISOString();
    expect(one(`SELECT count(*) FROM orders WHERE placed_at < ? OR placed_at >= ?`, start, ANCHOR.toISOString())).toBe(0);
    expect(one(`SELECT count(*) FROM orders WHERE id NOT GLOB 'O-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`)).toBe(0);
    expect(
      one(`SELECT count(*) FROM orders o JOIN (SELECT order_id, sum(quantity * unit_price_cents) AS s, sum(discount_cents) AS d FROM order_lines GROUP BY order_id) l
           ON l.order_id = o.id WHERE l.s != o.subtotal_cents OR l.d != o.discount_cents`),
    ).toBe(0);
    expect(one(`SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)`)).toBe(0);
    expect(one(`SELECT count(*) FROM order_lines WHERE discount_cents < 0 OR discount_cents > quantity * unit_price_cents`)).toBe(0);
    expect(one(`SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.placed_at < c.created_at`)).toBe(0);
    expect(one(`SELECT count(*) FROM orders WHERE status NOT IN ('completed', 'returned')`)).toBe(0);
    expect(one(`SELECT count(*) FROM orders WHERE status = 'returned'`)).toBeGreaterThan(0);
    const channels = all<{ channel: string }>(`SELECT DISTINCT channel FROM orders ORDER BY channel`).map((r) => r.channel);
    expect(channels).toEqual(['endless_aisle', 'online', 'store']);
    // Partner-only items are never carried out of a store.
    expect(one(`SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.sku = l.sku WHERE o.channel = 'store' AND p.is_partner = 1`)).toBe(0);
    // Nothing is bought before it launched.
    expect(one(`SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.sku = l.sku WHERE o.placed_at < p.launched_at`)).toBe(0);
  });

  it('has follow-up purchases far above the base rate (tent → sleeping bag, running shoes → socks)', () => {
    // Each customer's orders in time order, with the categories bought.
    const ordersByCustomer = new Map<string, Array<{ t: number; cats: Set<string> }>>();
    const rows = db
      .prepare(
        `SELECT o.customer_id AS c, o.id, julianday(o.placed_at) AS t, p.category_id AS cat
         FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.sku = l.sku
         WHERE o.customer_id IS NOT NULL ORDER BY o.customer_id, o.placed_at, o.id`,
      )
      .iterate() as IterableIterator<{ c: string; id: string; t: number; cat: string }>;
    let lastId = '';
    for (const r of rows) {
      const list = ordersByCustomer.get(r.c) ?? ordersByCustomer.set(r.c, []).get(r.c)!;
      if (r.id !== lastId) list.push({ t: r.t, cats: new Set() });
      list.at(-1)!.cats.add(r.cat);
      lastId = r.id;
    }
    /** Share of orders followed by a `to` purchase within 30 days: after orders with `from`, and after all others. */
    const within30 = (from: string, to: string) => {
      const hits = { trigger: [0, 0], other: [0, 0] };
      for (const list of ordersByCustomer.values()) {
        list.forEach((o, i) => {
          const hit = list.slice(i + 1).some((later) => later.t <= o.t + 30 && later.t > o.t && later.cats.has(to));
          const bucket = o.cats.has(from) ? hits.trigger : hits.other;
          bucket[0]! += hit ? 1 : 0;
          bucket[1]! += 1;
        });
      }
      return { after_trigger: hits.trigger[0]! / hits.trigger[1]!, base: hits.other[0]! / hits.other[1]! };
    };
    const tents = within30(LEAF.tents, LEAF.sleepingBags);
    console.log('P(sleeping bag within 30 d | tent) =', tents.after_trigger.toFixed(3), 'vs base', tents.base.toFixed(3));
    expect(tents.after_trigger).toBeGreaterThan(0.3);
    expect(tents.after_trigger).toBeGreaterThan(4 * tents.base);
    const shoes = within30(LEAF.runningShoes, LEAF.socks);
    expect(shoes.after_trigger).toBeGreaterThan(3 * shoes.base);
  });

  it('has a per-customer coffee cadence of about three weeks', () => {
    const gaps = all<{ gap: number }>(
      `WITH beans AS (
         SELECT DISTINCT o.customer_id AS c, julianday(date(o.placed_at)) AS d
         FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.sku = l.sku
         WHERE p.category_id = :beans AND o.customer_id IN (
           SELECT o2.customer_id FROM orders o2 JOIN order_lines l2 ON l2.order_id = o2.id JOIN products p2 ON p2.sku = l2.sku
           WHERE p2.category_id = :machine))
       SELECT d - lag(d) OVER (PARTITION BY c ORDER BY d) AS gap FROM beans`,
      { beans: LEAF.coffeeBeans, machine: LEAF.espressoMachines },
    )
      .map((r) => r.gap)
      .filter((g) => g !== null)
      .sort((a, b) => a - b);
    const median = gaps[Math.floor(gaps.length / 2)]!;
    expect(gaps.length).toBeGreaterThan(100);
    expect(median).toBeGreaterThanOrEqual(14);
    expect(median).toBeLessThanOrEqual(30);
  });

  it('is seasonal: tents in spring and summer, insulated jackets in fall and winter', () => {
    const byMonths = (leaf: string, months: string) =>
      one(
        `SELECT sum(l.quantity) FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN products p ON p.sku = l.sku
         WHERE p.category_id = ? AND strftime('%m', o.placed_at) IN (${months})`,
        leaf,
      );
    const summer = "'04','05','06','07'";
    const winter = "'10','11','12','01'";
    expect(byMonths(LEAF.tents, summer)).toBeGreaterThan(2 * byMonths(LEAF.tents, winter));
    expect(byMonths(LEAF.insulatedJackets, winter)).toBeGreaterThan(2 * byMonths(LEAF.insulatedJackets, summer));
  });

  it('has bargain hunters buying mostly on markdown or coupon', () => {
    const share = one(
      `SELECT sum(CASE WHEN l.discount_cents > 0 THEN l.quantity * l.unit_price_cents END) * 1.0 / sum(l.quantity * l.unit_price_cents)
       FROM customer_features f JOIN orders o ON o.customer_id = f.customer_id JOIN order_lines l ON l.order_id = o.id
       WHERE f.segment = 'bargain_hunter'`,
    );
    expect(share).toBeGreaterThan(0.6);
    expect(one(`SELECT avg(discount_share) FROM customer_features WHERE segment = 'regular'`)).toBeLessThan(0.2);
  });
});

describe('integrity', () => {
  it('passes the foreign key check', () => {
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('refuses to generate into a database that already has a replica', () => {
    expect(() => generateDemoChain(db, { anchor: ANCHOR })).toThrow(/already/);
  });
});

describe('determinism', () => {
  // A smaller chain through the same code paths keeps this quick.
  const SIZE = { products: 1500, customers: 400, orderLines: 12_000 };
  const TABLES: Record<string, string> = {
    products: 'SELECT * FROM products ORDER BY id',
    inventory: 'SELECT * FROM inventory ORDER BY sku, location_id',
    customers: 'SELECT * FROM customers ORDER BY id',
    customer_identifiers: 'SELECT * FROM customer_identifiers ORDER BY kind, value, customer_id',
    consents: 'SELECT * FROM consents ORDER BY customer_id, purpose, channel',
    orders: 'SELECT * FROM orders ORDER BY id',
    order_lines: 'SELECT * FROM order_lines ORDER BY order_id, line_no',
    customer_features: 'SELECT * FROM customer_features ORDER BY customer_id',
  };

  function fingerprint(seed: number): Record<string, string> {
    const d = openDatabase(':memory:');
    try {
      generateDemoChain(d, { seed, anchor: ANCHOR, size: SIZE });
      return Object.fromEntries(
        Object.entries(TABLES).map(([table, sql]) => {
          const hash = createHash('sha256');
          for (const row of d.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row));
          return [table, hash.digest('hex')];
        }),
      );
    } finally {
      closeDatabase(d);
    }
  }

  it('gives identical rows for the same seed and anchor, different ones for another seed', () => {
    const a = fingerprint(11);
    const b = fingerprint(11);
    const c = fingerprint(12);
    expect(b).toEqual(a);
    for (const table of Object.keys(TABLES)) expect(c[table], table).not.toBe(a[table]);
  });
});

describe('demoAnchor', () => {
  it("is the earliest store's local date: no store's today holds generated history", () => {
    // 00:30 UTC on 7 December is still 6 December in Denver and Portland.
    expect(demoAnchor(new Date('2026-12-07T00:30:00Z')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
    // 07:30 UTC: Denver has moved on, Portland (UTC−8) has not.
    expect(demoAnchor(new Date('2026-12-07T07:30:00Z')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
    // 08:30 UTC: every store is living 7 December.
    expect(demoAnchor(new Date('2026-12-07T08:30:00Z')).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });
});
