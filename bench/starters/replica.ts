// A real Endcap replica built from an order file for one split of `eval:starters`: products,
// customers, their orders before each evaluated customer's target basket, stock in hand for
// every product, then the device's own learning (features, links, item model). Nothing here
// chooses a product: the evaluation asks the real OfferEngine.
import type Database from 'better-sqlite3';
import { openDatabase } from '../../core/db/open.js';
import { recomputeCustomerFeatures } from '../../core/customers/features.js';
import { rebuildCopurchaseLinks } from '../../core/engine/learn.js';
import type { CatalogEntry } from '../nbr/load.js';
import type { Dataset, NbrBasket, Split } from '../nbr/protocol.js';

export const STORE = 'S1';
/** Stock in hand for all: far above the threshold plus safety buffer, so stock never decides. */
const ON_HAND = 1_000;
/** Online Retail has no costs; a 40 % margin for every product passes the default margin floor alike. */
const COST_SHARE = 0.6;

/**
 * The category of a product when the file has none: its product-code family, the first three
 * characters of the SKU (Online Retail's StockCodes number related products together: 224xx
 * lunch bags, 850xx ribbons…). Deterministic, from the data, never labelled by hand.
 */
export function codeFamily(sku: string): string {
  return `retail/${sku.slice(0, 3).toLowerCase()}`;
}

export interface Replica {
  db: Database.Database;
  /** SKU → category, for the baselines' guardrails. */
  categoryOf: Map<string, string>;
  priceCents: Map<string, number>;
}

/**
 * `path`: a new SQLite file. Train customers bring every basket; validation and test customers
 * only their history (never a target), as in eval:nbr's protocol.
 */
export function buildReplica(path: string, ds: Dataset, split: Split, catalog: ReadonlyMap<string, CatalogEntry>): Replica {
  const db = openDatabase(path);
  const sequences = [
    ...split.train.map((u) => ({ id: u.id, baskets: [...u.history, u.target] })),
    ...[...split.val, ...split.test].map((u) => ({ id: u.id, baskets: u.history })),
  ];
  // What the replica may know of each product comes from these baskets only.
  const count = new Array<number>(ds.items.length).fill(0);
  const first = new Array<number>(ds.items.length).fill(Infinity);
  let baskets = 0;
  let last = 0;
  for (const s of sequences) {
    for (const b of s.baskets) {
      baskets++;
      last = Math.max(last, b.time);
      for (const i of b.items) {
        count[i]!++;
        first[i] = Math.min(first[i]!, b.time);
      }
    }
  }
  const now = new Date(last + 86_400_000).toISOString();
  const categoryOf = new Map(ds.items.map((sku) => [sku, codeFamily(sku)]));
  const priceCents = new Map(ds.items.map((sku) => [sku, Math.max(1, Math.round((catalog.get(sku)?.unitPrice ?? 1) * 100))]));

  db.transaction(() => {
    db.prepare(`INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES (?, 'store', 'Evaluation store', 'London', 'LDN', 'GB', 'Europe/London', 3)`).run(STORE);
    db.prepare(`INSERT INTO device (id, device_id, store_id, register_id, created_at) VALUES (1, 'eval', ?, 'R1', ?)`).run(STORE, now);
    const category = db.prepare(`INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES (?, ?, ?, ?, ?)`);
    category.run('retail', null, 'Retail', 'Retail', 0);
    for (const id of new Set(categoryOf.values())) category.run(id, 'retail', `Codes ${id.slice(7).toUpperCase()}…`, `Retail > Codes ${id.slice(7).toUpperCase()}…`, 1);
    const product = db.prepare(
      `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
       VALUES (?, ?, '', ?, ?, ?, ?, 'all', 'active', ?, ?)`,
    );
    const stock = db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES (?, ?, ?, 0, ?, 1)`);
    ds.items.forEach((sku, i) => {
      const price = priceCents.get(sku)!;
      // launched when first sold in what the replica holds (items are kept because they sold)
      const launched = Number.isFinite(first[i]!) ? new Date(first[i]!).toISOString() : now;
      product.run(sku, catalog.get(sku)?.description || sku, categoryOf.get(sku)!, price, Math.round(price * COST_SHARE), launched, count[i]! / Math.max(1, baskets), now);
      stock.run(sku, STORE, ON_HAND, now);
    });
    const customer = db.prepare(
      `INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, home_store_id, status, created_at, updated_at)
       VALUES (?, 'Customer', ?, 'customer', ?, ?, 'active', ?, ?)`,
    );
    const consent = db.prepare(
      `INSERT INTO consents (customer_id, purpose, channel, status, source, text_version, recorded_at) VALUES (?, 'personalization', 'in_store', 'granted', 'eval', 'v1', ?)`,
    );
    const order = db.prepare(`INSERT INTO orders (id, customer_id, channel, location_id, placed_at, subtotal_cents) VALUES (?, ?, 'store', ?, ?, ?)`);
    const line = db.prepare(`INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents) VALUES (?, ?, ?, 1, ?)`);
    for (const s of sequences) {
      const since = new Date(s.baskets[0]!.time).toISOString();
      customer.run(s.id, s.id, s.id.toLowerCase(), STORE, since, since);
      consent.run(s.id, since);
      s.baskets.forEach((b: NbrBasket, n) => {
        const id = `${s.id}-${n}`;
        const skus = b.items.map((i) => ds.items[i]!);
        order.run(id, s.id, STORE, new Date(b.time).toISOString(), skus.reduce((t, sku) => t + priceCents.get(sku)!, 0));
        skus.forEach((sku, k) => line.run(id, k + 1, sku, priceCents.get(sku)!));
      });
    }
    const at = new Date(now);
    recomputeCustomerFeatures(db, at);
    rebuildCopurchaseLinks(db, at);
  })();
  return { db, categoryOf, priceCents };
}
