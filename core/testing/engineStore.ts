// A small store with known stock, policy and histories, for offer-engine tests.
import type Database from 'better-sqlite3';
import { addCustomer, openSmallStore, SMALL_NOW } from './smallStore.js';
import { saveItemModel } from '../engine/itemModel.js';

const DAY = 86_400_000;
export const daysAgo = (n: number) => new Date(SMALL_NOW.getTime() - n * DAY).toISOString();

export interface EngineStoreProduct {
  sku: string;
  title: string;
  category: string;
  price: number; // dollars
  cost: number;
  stock?: number; // at S1
  dcStock?: number;
  status?: 'active' | 'clearance' | 'discontinued';
  launchedDaysAgo?: number;
  season?: string;
  popularity?: number;
}

export const ENGINE_PRODUCTS: EngineStoreProduct[] = [
  { sku: 'TENT-1', title: 'Ridgeline 2 Tent, 2-Person', category: 'outdoor/camping/tents', price: 249, cost: 120, stock: 12 },
  { sku: 'BAG-LOW', title: 'Cirrus 20 Sleeping Bag', category: 'outdoor/camping/sleeping-bags', price: 189, cost: 90, stock: 6, popularity: 0.99 },
  { sku: 'BAG-1', title: 'Alpine 15 Sleeping Bag', category: 'outdoor/camping/sleeping-bags', price: 219, cost: 100, stock: 20, popularity: 0.9 },
  { sku: 'BAG-2', title: 'Summit Down Sleeping Bag', category: 'outdoor/camping/sleeping-bags', price: 329, cost: 150, stock: 15, popularity: 0.8 },
  { sku: 'PAD-CHEAP', title: 'Foam Sit Pad', category: 'outdoor/camping/pads', price: 9, cost: 3, stock: 50, popularity: 0.95 },
  { sku: 'PAD-THIN', title: 'Lowmargin Air Pad', category: 'outdoor/camping/pads', price: 99, cost: 90, stock: 50, popularity: 0.9 },
  { sku: 'PAD-1', title: 'Trailrest Air Pad', category: 'outdoor/camping/pads', price: 129, cost: 60, stock: 30, popularity: 0.5 },
  { sku: 'BEANS-1', title: 'Ridge Roast Coffee Beans, 1 lb', category: 'home/coffee/beans', price: 18, cost: 7, stock: 40 },
  { sku: 'SHOE-1', title: 'Stride Road Running Shoe', category: 'footwear/running', price: 139, cost: 65, stock: 25 },
  { sku: 'SHOE-NEW', title: 'Stride Road Running Shoe 2', category: 'footwear/running', price: 149, cost: 70, stock: 25, launchedDaysAgo: 10, popularity: 0.2 },
  { sku: 'SHOE-OOS', title: 'Velocity Trail Shoe', category: 'footwear/running', price: 159, cost: 75, stock: 0, dcStock: 40, popularity: 0.1 },
  { sku: 'SOCK-1', title: 'Merino Run Sock', category: 'footwear/socks', price: 22, cost: 8, stock: 60 },
  { sku: 'JACKET-CLR', title: 'Storm Shell Jacket', category: 'apparel/jackets', price: 99, cost: 45, stock: 3, status: 'clearance' },
  { sku: 'JACKET-1', title: 'Storm Shell Jacket Pro', category: 'apparel/jackets', price: 199, cost: 80, stock: 20 },
  { sku: 'PILL-1', title: 'Sleep Aid Tablets', category: 'health/personal-care', price: 24, cost: 6, stock: 30 },
];

/** Opens the small store plus a camping/coffee/running assortment, an active policy and known customers. */
export function openEngineStore(options: { affinityFrom?: string } = {}): Database.Database {
  const db = openSmallStore();
  const now = SMALL_NOW.toISOString();
  db.exec(`
    INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES
      ('DC1', 'dc', 'Front Range DC', 'Denver', 'CO', 'US', 'America/Denver', 2);
    INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES
      ('outdoor/camping', 'outdoor', 'Camping', 'Outdoor > Camping', 1),
      ('outdoor/camping/tents', 'outdoor/camping', 'Tents', 'Outdoor > Camping > Tents', 2),
      ('outdoor/camping/sleeping-bags', 'outdoor/camping', 'Sleeping Bags', 'Outdoor > Camping > Sleeping Bags', 2),
      ('outdoor/camping/pads', 'outdoor/camping', 'Sleeping Pads', 'Outdoor > Camping > Sleeping Pads', 2),
      ('home', NULL, 'Home', 'Home', 0),
      ('home/coffee', 'home', 'Coffee', 'Home > Coffee', 1),
      ('home/coffee/beans', 'home/coffee', 'Coffee Beans', 'Home > Coffee > Coffee Beans', 2),
      ('footwear', NULL, 'Footwear', 'Footwear', 0),
      ('footwear/running', 'footwear', 'Running Shoes', 'Footwear > Running Shoes', 1),
      ('footwear/socks', 'footwear', 'Socks', 'Footwear > Socks', 1),
      ('apparel', NULL, 'Apparel', 'Apparel', 0),
      ('apparel/jackets', 'apparel', 'Jackets', 'Apparel > Jackets', 1),
      ('health', NULL, 'Health', 'Health', 0),
      ('health/personal-care', 'health', 'Personal Care', 'Health > Personal Care', 1);
  `);
  const product = db.prepare(
    `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, compare_at_cents, launched_at, season, status, popularity, updated_at)
     VALUES (?, ?, 'Northpeak', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const stock = db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES (?, ?, ?, 0, ?, 1)`);
  for (const p of ENGINE_PRODUCTS) {
    product.run(
      p.sku, p.title, p.category, p.price * 100, p.cost * 100, p.status === 'clearance' ? p.price * 150 : null,
      daysAgo(p.launchedDaysAgo ?? 400), p.season ?? 'all', p.status ?? 'active', p.popularity ?? 0.5, now,
    );
    stock.run(p.sku, 'S1', p.stock ?? 10, now);
    if (p.dcStock) stock.run(p.sku, 'DC1', p.dcStock, now);
  }

  db.exec(`
    INSERT INTO merch_config (version, status, is_active, author, note, published_at) VALUES (1, 'published', 1, 'test', '', '${now}');
    INSERT INTO merch_guardrails VALUES (1, 30, 5, 3, 5, 1500, 0.25, 0.3, 45, 0.3, 3, 50000, 0, 0);
    INSERT INTO merch_affinities (version, id, from_category_id, to_category_id, min_delay_days, max_delay_days, weight, note) VALUES
      (1, 'tent-bag', '${options.affinityFrom ?? 'outdoor/camping/tents'}', 'outdoor/camping/sleeping-bags', 7, 45, 1, 'sleep system'),
      (1, 'tent-pad', 'outdoor/camping/tents', 'outdoor/camping/pads', 7, 45, 0.8, ''),
      (1, 'shoe-sock', 'footwear/running', 'footwear/socks', 0, 30, 0.9, '');
    INSERT INTO merch_blocked_categories VALUES (1, 'health');
    -- learned from the chain's history: beans are rebought, nothing else here is
    INSERT INTO copurchase_links VALUES ('footwear/running', 'footwear/socks', 40, 0.4, 3, 2, 'learned');
    INSERT INTO repeat_categories VALUES ('home/coffee/beans', 200, 0.6, 21, 'learned');
  `);
  return db;
}

export type Purchase = [sku: string, daysAgo: number, priceDollars?: number, discountDollars?: number];

let orderSeq = 0;
/** Adds a customer with consent, features and purchases (one order per purchase). */
export function addShopper(
  db: Database.Database,
  c: { id: string; first?: string; segment?: string; consent?: boolean; status?: string; purchases?: Purchase[]; orderCount?: number },
): void {
  addCustomer(db, { id: c.id, first: c.first ?? 'Pat', last: 'Shopper', email: `${c.id.toLowerCase()}@example.com`, ...(c.status ? { status: c.status } : {}) });
  if (c.consent !== false) {
    db.prepare(
      `INSERT INTO consents (customer_id, purpose, channel, status, source, text_version, recorded_at) VALUES (?, 'personalization', 'email', 'granted', 'test', 'v1', ?)`,
    ).run(c.id, daysAgo(100));
  }
  const purchases = c.purchases ?? [];
  for (const [sku, ago, price, discount] of purchases) {
    const id = `T-${++orderSeq}`;
    const p = ENGINE_PRODUCTS.find((x) => x.sku === sku)!;
    const cents = Math.round((price ?? p.price) * 100);
    const off = Math.round((discount ?? 0) * 100);
    db.prepare(`INSERT INTO orders (id, customer_id, channel, location_id, placed_at, subtotal_cents, discount_cents) VALUES (?, ?, 'store', 'S1', ?, ?, ?)`).run(
      id, c.id, daysAgo(ago), cents, off,
    );
    db.prepare(`INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, discount_cents) VALUES (?, 1, ?, 1, ?, ?)`).run(id, sku, cents, off);
  }
  const count = c.orderCount ?? purchases.length;
  const last = purchases.length ? Math.min(...purchases.map((p) => p[1])) : null;
  db.prepare(
    `INSERT INTO customer_features (customer_id, first_order_at, last_order_at, order_count, orders_last_365d, monetary_cents, avg_order_cents,
                                    usual_gap_days, churn_risk, value_estimate_cents, discount_share, segment, computed_at)
     VALUES (?, NULL, ?, ?, ?, ?, 0, 40, ?, 0, ?, ?, ?)`,
  ).run(
    c.id, last === null ? null : daysAgo(last), count, count, 100000, c.segment === 'lapsing' ? 0.85 : 0.1, c.segment === 'bargain_hunter' ? 0.7 : 0,
    c.segment ?? (count === 0 ? 'prospect' : count === 1 ? 'first_timer' : 'regular'), SMALL_NOW.toISOString(),
  );
}

/** Stores the item model a relearn would have learned, with only each SKU's share of baskets (no links). */
export function storeItemPopularity(db: Database.Database, popularity: Record<string, number>): void {
  const skus = Object.keys(popularity).sort((a, b) => popularity[b]! - popularity[a]!);
  saveItemModel(db, { popularity: new Map(Object.entries(popularity)), popular: skus, links: new Map(), repeatRate: new Map(), meanRepeatRate: 0 }, SMALL_NOW);
}
