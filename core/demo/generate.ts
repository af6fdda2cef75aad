// Fills an empty, migrated replica with a deterministic demo retail chain: 3 stores, a DC and two
// drop-ship partners, ~23k SKUs with stock, 6k customers with 18 months of orders, staff, 90 days
// of checkout capture outcomes, the device row and an active merch policy. Same (seed, anchor) → same rows, on any machine.
import type Database from 'better-sqlite3';
import { hashPin } from '../auth/pin.js';
import { recomputeCustomerFeatures } from '../customers/features.js';
import { rebuildCopurchaseLinks } from '../engine/learn.js';
import { nameKey } from '../identity/normalize.js';
import { DAY_MS, MINUTE_MS, dayNumber, isoAt } from './calendar.js';
import { buildCheckouts, insertCheckouts } from './checkouts.js';
import { DEMO_DEVICE_ID, DEMO_REGISTER_ID, DEMO_STAFF, DEMO_STORE_ID, LOCATIONS } from './chain.js';
import { CUSTOMER_COUNT, buildCustomers, type CustomerPlan } from './people.js';
import { buildOrders, type DemoOrder } from './orders.js';
import { DEMO_AFFINITIES, DEMO_BLOCKED_CATEGORIES, DEMO_GUARDRAILS, DEMO_POLICY_VERSION } from './policy.js';
import { baseSkuCount, buildCategories, buildInventory, buildProducts, type CategoryRow, type InventoryRow, type ProductRow } from './products.js';
import { Rng } from './random.js';

export { DEMO_REGISTER_ID, DEMO_STAFF, DEMO_STORE_ID } from './chain.js';
export { DEMO_FIXTURES, type DemoFixtureCustomer } from './fixtures.js';

export interface DemoProgress {
  step: string;
  done: number;
  total: number;
}

/** Approximate targets for a larger (or smaller) chain, e.g. for benchmarks. Omitted = the demo's own size. */
export interface DemoSize {
  products?: number;
  customers?: number;
  orderLines?: number;
}

export interface DemoOptions {
  seed?: number;
  /** "Now" for the demo: history ends the day before. Defaults to today at 00:00 UTC. */
  anchor?: Date;
  onProgress?: (p: DemoProgress) => void;
  size?: DemoSize;
}

export interface DemoCounts {
  products: number;
  customers: number;
  orderLines: number;
  inventoryRows: number;
}

export const DEFAULT_DEMO_SEED = 20_240_601;

// At its natural pace the history has about this many order lines per customer, plus walk-in sales.
const LINES_PER_CUSTOMER = 23;
const WALK_IN_LINES = 29_000;

/** Rows between progress reports within a step. */
const PROGRESS_EVERY = 5000;

/**
 * The default anchor: 00:00 UTC of the earliest date any demo store is living at `now`. Generated
 * history ends the day before the anchor, so no store's "today" already holds generated checkouts
 * (Portland's today begins up to 8 hours after UTC's): today's figures are what was done today.
 */
export function demoAnchor(now: Date): Date {
  const localDate = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const earliest = LOCATIONS.filter((l) => l.kind === 'store')
    .map((l) => localDate(l.timezone))
    .sort()[0]!;
  return new Date(`${earliest}T00:00:00Z`);
}

/**
 * Generates the demo chain into `db` in one transaction: either the whole chain is there
 * (device row included) or nothing is. Refuses a database that already has a device or products.
 */
export function generateDemoChain(db: Database.Database, options: DemoOptions = {}): DemoCounts {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const anchor = options.anchor ?? demoAnchor(new Date());
  const anchorMs = anchor.getTime();
  const anchorDay = dayNumber(anchor);
  const report = options.onProgress ?? (() => {});
  const rng = new Rng(seed);

  if (db.prepare('SELECT 1 FROM device UNION ALL SELECT 1 FROM products LIMIT 1').get() !== undefined) {
    throw new Error('The database already holds a replica; the demo chain only goes into an empty one.');
  }

  const run = db.transaction((): DemoCounts => {
    report({ step: 'locations', done: 0, total: LOCATIONS.length });
    insertLocations(db);
    report({ step: 'locations', done: LOCATIONS.length, total: LOCATIONS.length });

    const { categories, leaves } = buildCategories();
    insertCategories(db, categories);
    const skuScale = options.size?.products ? options.size.products / baseSkuCount(leaves) : 1;
    const products = buildProducts(leaves, rng, anchorDay, skuScale);
    insertProducts(db, products, report);

    const inventory = buildInventory(products, leaves, rng, anchorMs);
    insertInventory(db, inventory, report);

    const customers = buildCustomers(rng, anchorDay, options.size?.customers ?? CUSTOMER_COUNT);
    const targetLines = options.size?.orderLines;
    const frequency = targetLines ? targetLines / (customers.length * LINES_PER_CUSTOMER + WALK_IN_LINES) : 1;
    // Simulating the history is a step of its own; inserting it comes after the customers.
    report({ step: 'history', done: 0, total: customers.length });
    const orders = buildOrders(
      customers,
      leaves,
      products,
      rng,
      anchorDay,
      (done) => {
        if (done < customers.length) report({ step: 'history', done, total: customers.length });
      },
      frequency,
    );
    report({ step: 'history', done: customers.length, total: customers.length });
    insertCustomers(db, customers, orders, report);
    const orderLines = insertOrders(db, orders, report);

    report({ step: 'features', done: 0, total: customers.length });
    recomputeCustomerFeatures(db, anchor);
    report({ step: 'features', done: customers.length, total: customers.length });

    report({ step: 'learned links', done: 0, total: 1 });
    rebuildCopurchaseLinks(db, anchor);
    report({ step: 'learned links', done: 1, total: 1 });

    insertPolicy(db, anchorMs);
    insertStaff(db, report);

    // The manager's capture dashboard has a quarter of checkouts to show on first start.
    report({ step: 'checkouts', done: 0, total: 1 });
    const checkouts = buildCheckouts(customers, rng.fork('checkouts'), anchorDay);
    insertCheckouts(db, checkouts);
    report({ step: 'checkouts', done: checkouts.length, total: checkouts.length });
    insertDevice(db, anchorMs);

    return { products: products.length, customers: customers.length, orderLines, inventoryRows: inventory.length };
  });
  return run();
}

type Report = (p: DemoProgress) => void;

function insertLocations(db: Database.Database): void {
  const insert = db.prepare(
    `INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days, version)
     VALUES (?, ?, ?, ?, ?, 'US', ?, ?, 1)`,
  );
  for (const l of LOCATIONS) insert.run(l.id, l.kind, l.name, l.city, l.region, l.timezone, l.leadTimeDays);
}

function insertCategories(db: Database.Database, categories: readonly CategoryRow[]): void {
  const insert = db.prepare(
    `INSERT INTO categories (id, parent_id, name, path_name, depth, sensitive, version) VALUES (?, ?, ?, ?, ?, ?, 1)`,
  );
  for (const c of categories) insert.run(c.id, c.parentId, c.name, c.pathName, c.depth, c.sensitive);
}

function insertProducts(db: Database.Database, products: readonly ProductRow[], report: Report): void {
  const insert = db.prepare(
    `INSERT INTO products (id, sku, title, brand, category_id, price_cents, cost_cents, compare_at_cents, color, size, material,
                           is_partner, partner_location_id, launched_at, season, status, popularity, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  products.forEach((p, i) => {
    insert.run(
      p.id, p.sku, p.title, p.brand, p.categoryId, p.priceCents, p.costCents, p.compareAtCents, p.color, p.size, p.material,
      p.partnerLocationId ? 1 : 0, p.partnerLocationId, p.launchedAt, p.season, p.status, p.popularity, p.updatedAt,
    );
    if (midway(i, PROGRESS_EVERY, products.length)) report({ step: 'catalog', done: i + 1, total: products.length });
  });
  report({ step: 'catalog', done: products.length, total: products.length });
}

function insertInventory(db: Database.Database, rows: readonly InventoryRow[], report: Report): void {
  const insert = db.prepare(
    `INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES (?, ?, ?, ?, ?, 1)`,
  );
  rows.forEach((r, i) => {
    insert.run(r.sku, r.locationId, r.onHand, r.reserved, r.updatedAt);
    if (midway(i, PROGRESS_EVERY * 4, rows.length)) report({ step: 'inventory', done: i + 1, total: rows.length });
  });
  report({ step: 'inventory', done: rows.length, total: rows.length });
}

function insertCustomers(db: Database.Database, customers: readonly CustomerPlan[], orders: readonly DemoOrder[], report: Report): void {
  const insertCustomer = db.prepare(
    `INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, home_store_id, address_line, city, region,
                            postal_code, status, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insertIdentifier = db.prepare(
    `INSERT INTO customer_identifiers (kind, value, customer_id, raw, is_primary, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertConsent = db.prepare(
    `INSERT INTO consents (customer_id, purpose, channel, status, source, text_version, recorded_by, store_id, register_id, recorded_at)
     VALUES (?, ?, ?, ?, 'import', 'v1', NULL, ?, NULL, ?)`,
  );

  // Someone who signed up at their first purchase has a profile from that moment, not later that day.
  const firstOrderMs = new Map<string, number>();
  for (const o of orders) {
    if (o.customerId && !firstOrderMs.has(o.customerId)) firstOrderMs.set(o.customerId, o.placedMs);
  }

  customers.forEach((c, i) => {
    const first = firstOrderMs.get(c.id);
    const createdAt = first !== undefined && first < Date.parse(c.createdAt) ? isoAt(first - 5 * MINUTE_MS) : c.createdAt;
    insertCustomer.run(
      c.id, c.firstName, c.lastName, nameKey(c.firstName), nameKey(c.lastName), c.homeStoreId, c.addressLine, c.city, c.region,
      c.postalCode, c.status, createdAt, createdAt,
    );
    for (const id of c.identifiers) insertIdentifier.run(id.kind, id.value, c.id, id.raw, id.isPrimary, createdAt);
    for (const consent of c.consents) {
      insertConsent.run(c.id, consent.purpose, consent.channel, consent.status, c.homeStoreId, maxIso(consent.recordedAt, createdAt));
    }
    if (midway(i, 1000, customers.length)) report({ step: 'customers', done: i + 1, total: customers.length });
  });
  report({ step: 'customers', done: customers.length, total: customers.length });
}

function insertOrders(db: Database.Database, orders: readonly DemoOrder[], report: Report): number {
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, customer_id, channel, location_id, register_id, associate_id, placed_at, subtotal_cents, discount_cents,
                         status, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents, discount_cents) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let lineCount = 0;
  orders.forEach((o, i) => {
    let subtotal = 0;
    let discount = 0;
    for (const l of o.lines) {
      subtotal += l.quantity * l.unitPriceCents;
      discount += l.discountCents;
    }
    insertOrder.run(o.id, o.customerId, o.channel, o.locationId, o.registerId, o.associateId, isoAt(o.placedMs), subtotal, discount, o.status);
    o.lines.forEach((l, n) => insertLine.run(o.id, n + 1, l.sku, l.quantity, l.unitPriceCents, l.discountCents));
    lineCount += o.lines.length;
    if (midway(i, PROGRESS_EVERY, orders.length)) report({ step: 'orders', done: i + 1, total: orders.length });
  });
  report({ step: 'orders', done: orders.length, total: orders.length });
  return lineCount;
}

function insertPolicy(db: Database.Database, anchorMs: number): void {
  const version = DEMO_POLICY_VERSION;
  db.prepare(
    `INSERT INTO merch_config (version, status, is_active, author, note, published_at) VALUES (?, 'published', 1, 'demo', 'Initial policy', ?)`,
  ).run(version, isoAt(anchorMs - 14 * DAY_MS));
  db.prepare(
    `INSERT INTO merch_guardrails (version, exclusion_window_days, stock_threshold, safety_buffer, inventory_max_age_minutes,
       min_price_cents, margin_floor, new_arrival_boost, new_arrival_window_days, clearance_penalty, frequency_cap_per_week,
       concierge_cart_cents, exploration_share, holdout_share)
     VALUES (:version, :exclusion_window_days, :stock_threshold, :safety_buffer, :inventory_max_age_minutes, :min_price_cents,
       :margin_floor, :new_arrival_boost, :new_arrival_window_days, :clearance_penalty, :frequency_cap_per_week,
       :concierge_cart_cents, :exploration_share, :holdout_share)`,
  ).run({ version, ...DEMO_GUARDRAILS });
  const insertAffinity = db.prepare(
    `INSERT INTO merch_affinities (version, id, from_category_id, to_category_id, min_delay_days, max_delay_days, weight,
                                  season_start, season_end, active, note)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
  );
  for (const a of DEMO_AFFINITIES) {
    insertAffinity.run(version, a.id, a.from, a.to, a.minDelayDays, a.maxDelayDays, a.weight, a.seasonStart ?? null, a.seasonEnd ?? null, a.note);
  }
  const block = db.prepare(`INSERT INTO merch_blocked_categories (version, category_id) VALUES (?, ?)`);
  for (const c of DEMO_BLOCKED_CATEGORIES) block.run(version, c);
}

function insertStaff(db: Database.Database, report: Report): void {
  const insert = db.prepare(`INSERT INTO staff (id, display_name, role, store_id, pin_hash, active) VALUES (?, ?, ?, ?, ?, 1)`);
  DEMO_STAFF.forEach((s, i) => {
    // scrypt is deliberately slow (~50 ms): hash only the handful of demo staff.
    insert.run(s.id, s.displayName, s.role, s.storeId, hashPin(s.pin));
    report({ step: 'staff', done: i + 1, total: DEMO_STAFF.length });
  });
}

function insertDevice(db: Database.Database, anchorMs: number): void {
  const at = isoAt(anchorMs);
  db.prepare(`INSERT INTO device (id, device_id, store_id, register_id, created_at) VALUES (1, ?, ?, ?, ?)`).run(
    DEMO_DEVICE_ID,
    DEMO_STORE_ID,
    DEMO_REGISTER_ID,
    at,
  );
  // The demo replica is as fresh as its build.
  db.prepare(`UPDATE sync_state SET last_success_at = ?, last_attempt_at = ?`).run(at, at);
}

/** Report every `every` rows, but not the last one: the step's final report covers it. */
function midway(index: number, every: number, total: number): boolean {
  return (index + 1) % every === 0 && index + 1 < total;
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}
