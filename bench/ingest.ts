// `npm run bench -- ingest [--lines N]`: the hub's orders feed and the device's relearning.
//  1. N order lines (default 1,000,000) through the orders feed at the hub (CSV parse, checks,
//     all-or-nothing ingest, versioned rows), in files of 250,000 lines (a file is at most
//     64 MiB), next to raw prepared inserts of the same rows into an empty hub store in the same
//     run. ratio = raw_s / feed_s (target >= 0.5).
//  2. On a device replica with the demo chain's history, the response to 10,000 new orders
//     (features of the customers they touched + a relearn of links and repeat categories) next
//     to the full learn (features of every customer + the same relearn).
// Writes bench/results/ingest.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { recomputeCustomerFeatures } from '../core/customers/features.js';
import { openDatabase, closeDatabase } from '../core/db/open.js';
import { generateDemoChain } from '../core/demo/generate.js';
import { noteNewOrders, relearn } from '../core/engine/relearn.js';
import { importCsv } from '../sync/hub/connectors/csvImport.js';
import { HUB_CACHE_KIB, SqliteHubStore } from '../sync/hub/sqliteStore.js';
import type { RowChange } from '../sync/hub/store.js';
import { printTable, round, writeResult } from './report.js';

const LINES_PER_FILE = 250_000;
const NOW = new Date('2026-11-23T12:00:00.000Z');
const SKUS = 2_000;
const CUSTOMERS = 20_000;

const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

async function seedHub(store: SqliteHubStore): Promise<void> {
  const changes: RowChange[] = [
    { stream: 'catalog', table: 'locations', key: { id: 'S1' }, row: { id: 'S1', kind: 'store', name: 'S1', city: 'Denver', region: 'CO', country: 'US', timezone: 'America/Denver', lead_time_days: 2 }, scopeStoreId: null },
    { stream: 'catalog', table: 'categories', key: { id: 'c' }, row: { id: 'c', parent_id: null, name: 'C', path_name: 'C', depth: 0, sensitive: 0 }, scopeStoreId: null },
  ];
  for (let i = 0; i < SKUS; i++) {
    const sku = `SKU-${i}`;
    changes.push({ stream: 'catalog', table: 'products', key: { sku }, row: {
      id: i + 1, sku, title: sku, brand: 'B', category_id: 'c', price_cents: 1000, cost_cents: 500, compare_at_cents: null, color: null, size: null, material: null,
      is_partner: 0, partner_location_id: null, launched_at: '2025-01-01', season: 'all', status: 'active', popularity: 0, updated_at: NOW.toISOString(),
    }, scopeStoreId: null });
  }
  for (let i = 0; i < CUSTOMERS; i++) {
    const id = `C-${i}`;
    changes.push({ stream: 'customers', table: 'customers', key: { id }, row: {
      id, first_name: 'A', last_name: 'B', first_name_key: 'a', last_name_key: 'b', home_store_id: 'S1', address_line: null, city: null, region: null,
      postal_code: null, status: 'active', merged_into: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString(),
    }, scopeStoreId: 'S1' });
  }
  await store.writeChanges(changes);
}

/**
 * File `index` of the order lines as a retail system exports them: 3 lines per order, a return
 * now and then. Made just before it is imported, as a drop folder reads one file at a time.
 */
function orderFile(lines: number, index: number): string {
  const header = 'order_id,line_no,sku,quantity,unit_price_cents,discount_cents,customer_id,store_id,channel,placed_at,external_ref';
  const parts = [header];
  const start = index * LINES_PER_FILE;
  for (let i = start; i < Math.min(lines, start + LINES_PER_FILE); i++) {
    const order = Math.floor(i / 3);
    const day = 1 + (order % 28);
    const customer = order % 5 === 0 ? '' : `C-${order % CUSTOMERS}`;
    parts.push(`POS-${order},${(i % 3) + 1},SKU-${(i * 7919) % SKUS},${i % 17 === 0 ? -1 : 1 + (i % 3)},${500 + (i % 50) * 100},0,${customer},S1,till,2026-10-${String(day).padStart(2, '0')}T15:00:00Z,`);
  }
  return `${parts.join('\n')}\n`;
}

export async function benchFeed(lines: number): Promise<{ feed_s: number; raw_s: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-bench-ingest-'));
  try {
    const store = new SqliteHubStore(path.join(dir, 'feed.db'));
    await seedHub(store);
    let feed_s = 0;
    for (let i = 0; i * LINES_PER_FILE < lines; i++) {
      const text = orderFile(lines, i);
      const t0 = process.hrtime.bigint();
      const report = await importCsv(store, { file: `orders-${i}.csv`, text, source: 'cli', now: NOW });
      feed_s += seconds(t0);
      if (report.status !== 'applied') throw new Error(`orders-${i}.csv refused: ${report.fileError ?? JSON.stringify(report.rejections.slice(0, 3))}`);
    }
    await store.close();

    // The same rows, as the feed stored them, inserted raw with one prepared statement into an empty hub store.
    const written = new Database(path.join(dir, 'feed.db'), { readonly: true });
    const rows = written.prepare(`SELECT tbl, key, stream, scope_store, key_json, row_json FROM rows WHERE tbl IN ('orders', 'order_lines') ORDER BY version`).raw().all() as unknown[][];
    written.close();
    await new SqliteHubStore(path.join(dir, 'raw.db')).close();
    const raw = new Database(path.join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma(`cache_size = -${HUB_CACHE_KIB}`);
    const insert = raw.prepare(`INSERT INTO rows (tbl, key, stream, scope_store, key_json, row_json) VALUES (?, ?, ?, ?, ?, ?)`);
    const t1 = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += LINES_PER_FILE) {
      raw.transaction(() => {
        for (const r of rows.slice(i, i + LINES_PER_FILE)) insert.run(...r);
      })();
    }
    const raw_s = seconds(t1);
    raw.close();
    return { feed_s, raw_s };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function benchRelearn(): { relearn_incremental_s: number; relearn_full_s: number; history_orders: number; customers_touched: number; customers: number } {
  const db = openDatabase(':memory:');
  generateDemoChain(db, { anchor: NOW });
  // The device had learned before these orders arrived. Learning once here also means neither
  // measurement below pays for the first run's compiling (measured first and cold, the
  // incremental response came out slower than the full learn doing the same work and more).
  db.transaction(() => recomputeCustomerFeatures(db, NOW))();
  relearn(db, NOW);
  const customers = db.prepare(`SELECT id FROM customers WHERE status = 'active' AND merged_into IS NULL ORDER BY id`).pluck().all() as string[];
  const skus = db.prepare(`SELECT sku, price_cents FROM products WHERE status = 'active' ORDER BY sku LIMIT 3000`).all() as { sku: string; price_cents: number }[];
  const order = db.prepare(`INSERT INTO orders (id, customer_id, channel, location_id, placed_at, subtotal_cents, status) VALUES (?, ?, 'store', 'S1', ?, ?, 'completed')`);
  const line = db.prepare(`INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents) VALUES (?, ?, ?, 1, ?)`);
  const touched = new Set<string>();
  db.transaction(() => {
    for (let i = 0; i < 10_000; i++) {
      const customer = customers[(i * 7919) % customers.length]!;
      touched.add(customer);
      const a = skus[(i * 31) % skus.length]!;
      const b = skus[(i * 57 + 11) % skus.length]!;
      const id = `NEW-${i}`;
      order.run(id, customer, new Date(NOW.getTime() - (i % 30) * 86_400_000).toISOString(), a.price_cents + b.price_cents);
      line.run(id, 1, a.sku, a.price_cents);
      line.run(id, 2, b.sku, b.price_cents);
    }
    noteNewOrders(db, 10_000);
  })();
  const history = db.prepare(`SELECT count(*) FROM orders`).pluck().get() as number;

  // What the device does when 10,000 orders arrive: features of those customers, then the relearn.
  const t0 = process.hrtime.bigint();
  db.transaction(() => recomputeCustomerFeatures(db, NOW, [...touched]))();
  relearn(db, NOW);
  const relearn_incremental_s = seconds(t0);

  const t1 = process.hrtime.bigint();
  db.transaction(() => recomputeCustomerFeatures(db, NOW))();
  relearn(db, NOW);
  const relearn_full_s = seconds(t1);
  closeDatabase(db);
  return { relearn_incremental_s, relearn_full_s, history_orders: history, customers_touched: touched.size, customers: customers.length };
}

export async function benchIngest(args: string[]): Promise<void> {
  const flag = args.find((a) => a.startsWith('--lines='));
  const lines = flag ? Number(flag.slice('--lines='.length)) : 1_000_000;
  const load = () => os.loadavg().map((l) => round(l));
  const loadBefore = load();
  const { feed_s, raw_s } = await benchFeed(lines);
  const loadAfterFeed = load();
  console.log(`orders feed: ${round(feed_s)} s, raw inserts: ${round(raw_s)} s, ratio ${round(raw_s / feed_s)} (load average before ${loadBefore.join(' ')}, after ${loadAfterFeed.join(' ')})`);
  const learn = benchRelearn();
  const result = {
    orders_lines: lines,
    feed_s: round(feed_s),
    raw_s: round(raw_s),
    ratio: round(raw_s / feed_s),
    relearn_incremental_s: round(learn.relearn_incremental_s),
    relearn_full_s: round(learn.relearn_full_s),
    history_orders: learn.history_orders,
    // The response to new orders recomputes only these customers' features; the relearn of links,
    // repeat categories and the item model reads the whole history either way (relearn.ts).
    relearn_customers_touched: learn.customers_touched,
    relearn_customers: learn.customers,
    machine: { cpus: os.cpus().length, node: process.version, load_average_before: loadBefore, load_average_after_feed: loadAfterFeed },
  };
  printTable('Orders feed at the hub (same rows, same run)', ['path', 'lines', 's', 'lines/s'], [
    ['orders feed (CSV → checked → versioned rows)', lines, round(feed_s), Math.round(lines / feed_s)],
    ['raw prepared inserts of the same rows', lines, round(raw_s), Math.round(lines / raw_s)],
  ]);
  printTable(`Relearning on the device (${learn.history_orders.toLocaleString('en-US')} orders of history)`, ['after', 's'], [
    [`10,000 new orders: their ${learn.customers_touched.toLocaleString('en-US')} customers\u2019 features + relearn`, round(learn.relearn_incremental_s)],
    [`full: every customer\u2019s features (${learn.customers.toLocaleString('en-US')}) + relearn`, round(learn.relearn_full_s)],
  ]);
  console.log(`ratio raw/feed = ${result.ratio} (target >= 0.5)`);
  console.log(`wrote ${writeResult('ingest', result)}`);
}
