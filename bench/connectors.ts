// `npm run bench -- connectors [--products=N] [--orders=N] [--profiles=N]`: the API connectors.
//  1. A synthetic shop (N products with stock at 3 locations, N orders, their customers) pulled
//     from the fake Shopify GraphQL server on loopback at Shopify's documented page size (250),
//     through the real connector (HTTP, paging, cursors, the feeds' ingest), next to the same
//     rows through the CSV feeds (importCsv) in the same run.
//  2. N consented profiles pushed to the fake Klaviyo server (profile upsert + subscribe each).
// Writes bench/results/connectors.json as {shopify_rows_per_s, csv_rows_per_s, ratio, klaviyo_profiles_per_s}.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { FakeKlaviyo } from '../sync/hub/connectors/api/fakes/fakeMarketing.js';
import { FakeShopify } from '../sync/hub/connectors/api/fakes/fakeShopify.js';
import { generateShopifyData } from '../sync/hub/connectors/api/fakes/shopifyData.js';
import { realClock } from '../sync/hub/connectors/api/http.js';
import type { FeedBatch, InboundOutcome } from '../sync/hub/connectors/api/inbound.js';
import type { OutboundOutcome } from '../sync/hub/connectors/api/outbound.js';
import { addConnector, runConnector, type ConnectorDeps } from '../sync/hub/connectors/api/registry.js';
import { keyBox } from '../sync/hub/connectors/api/secrets.js';
import { mapCustomers, mapInventory, mapLocations, mapOrders, mapProducts, SHOPIFY_MAX_PAGE } from '../sync/hub/connectors/api/shopify.js';
import { importCsv } from '../sync/hub/connectors/csvImport.js';
import { feedOf } from '../sync/hub/connectors/feeds.js';
import { ingestFeed } from '../sync/hub/connectors/ingest.js';
import { SqliteHubStore } from '../sync/hub/sqliteStore.js';
import { printTable, round, writeResult } from './report.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const HOME = 'shopify-loc-1';
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

function arg(args: string[], name: string, fallback: number): number {
  const given = args.find((a) => a.startsWith(`--${name}=`));
  const n = given ? Number(given.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}= takes a whole number`);
  return n;
}

function openHub(dir: string, name: string): { store: SqliteHubStore; deps: ConnectorDeps } {
  const store = new SqliteHubStore(path.join(dir, `${name}.db`));
  return { store, deps: { store, state: store.connectorState(), box: keyBox(crypto.randomBytes(32)), fetch, clock: { now: () => NOW, sleep: realClock.sleep } } };
}

/** The same records as CSV files, in the feeds' order; an order's lines stay in one file. */
function csvFiles(batches: FeedBatch[]): { name: string; text: string }[] {
  const files: { name: string; text: string }[] = [];
  for (const [i, b] of batches.entries()) {
    const rows = b.records.map((r) => ('values' in r ? b.columns.map((c) => r.values[c] ?? '') : []));
    const limit = 250_000;
    for (let start = 0; start < rows.length; ) {
      let end = Math.min(rows.length, start + limit);
      if (b.kind === 'orders') while (end < rows.length && rows[end]![0] === rows[end - 1]![0]) end++;
      files.push({ name: `${i}-${b.kind}-${start}.csv`, text: stringify([b.columns as string[], ...rows.slice(start, end)]) });
      start = end;
    }
  }
  return files;
}

export async function benchConnectors(args: string[]): Promise<void> {
  const products = arg(args, 'products', 100_000);
  const orders = arg(args, 'orders', 200_000);
  const profiles = arg(args, 'profiles', 10_000);
  const customers = Math.max(1, Math.round(orders / 10));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-bench-connectors-'));
  try {
    const data = generateShopifyData({ products, locations: 3, customers, orders, types: 50 });

    // 1a. Shopify → hub through the connector.
    const shopify = new FakeShopify(data);
    const endpoint = await shopify.start();
    const api = openHub(dir, 'shopify');
    await addConnector(api.deps, { vendor: 'shopify', id: 'shop', config: { shop: 'bench.myshopify.com', endpoint, homeStore: HOME, pageSize: String(SHOPIFY_MAX_PAGE) }, secret: shopify.token });
    let t0 = process.hrtime.bigint();
    const pulled = (await runConnector(api.deps, 'shop')) as InboundOutcome;
    const shopify_s = seconds(t0);
    await shopify.close();
    if (pulled.error) throw new Error(`Shopify pull failed: ${pulled.error}`);
    await api.store.close();

    // 1b. The same rows through the CSV feeds.
    const batches = [
      ...mapLocations(data.locations as never, data.shop.ianaTimezone),
      ...mapProducts(data.products as never),
      ...mapInventory(data.inventoryItems as never),
      ...mapCustomers(data.customers as never, HOME),
      ...mapOrders(data.orders as never),
    ];
    // Rows counted once each on both paths (the connector re-sends a page's product types with every products page; they change nothing).
    const rows = batches.reduce((n, b) => n + b.records.length, 0);
    const shopifyRows = rows;
    const files = csvFiles(batches);
    const csv = openHub(dir, 'csv');
    const csvRows = rows;
    t0 = process.hrtime.bigint();
    for (const f of files) {
      const report = await importCsv(csv.store, { file: f.name, text: f.text, source: 'cli', now: NOW });
      if (report.status !== 'applied') throw new Error(`${f.name} refused: ${report.fileError ?? JSON.stringify(report.rejections.slice(0, 3))}`);
    }
    const csv_s = seconds(t0);
    await csv.store.close();

    // 2. Consented profiles → Klaviyo.
    const klaviyo = new FakeKlaviyo();
    const kEndpoint = await klaviyo.start();
    const out = openHub(dir, 'klaviyo');
    const columns = ['customer_id', 'first_name', 'last_name', 'email', 'marketing_consent', 'marketing_consent_source', 'marketing_consent_at'];
    const records = Array.from({ length: profiles }, (_, i) => ({ line: i + 2, values: { customer_id: `K-${i}`, first_name: 'Kim', last_name: `Lee${i}`, email: `kim.${i}@example.com`, marketing_consent: 'granted', marketing_consent_source: 'checkout', marketing_consent_at: '2026-11-20T10:00:00Z' } }));
    const seeded = await ingestFeed(out.store, feedOf('customers'), columns, records, { file: 'profiles', source: 'cli', now: NOW });
    if (seeded.status !== 'applied') throw new Error(`seeding profiles failed: ${seeded.fileError ?? JSON.stringify(seeded.rejections.slice(0, 3))}`);
    await addConnector(out.deps, { vendor: 'klaviyo', id: 'kl', config: { endpoint: kEndpoint }, secret: klaviyo.apiKey });
    t0 = process.hrtime.bigint();
    const sent = (await runConnector(out.deps, 'kl')) as OutboundOutcome;
    const klaviyo_s = seconds(t0);
    await klaviyo.close();
    await out.store.close();
    if (sent.error || sent.sent !== profiles) throw new Error(`Klaviyo push: ${sent.error ?? `${sent.sent} of ${profiles} sent`}`);

    const result = {
      shopify_rows_per_s: round(shopifyRows / shopify_s, 0),
      csv_rows_per_s: round(csvRows / csv_s, 0),
      ratio: round(shopifyRows / shopify_s / (csvRows / csv_s), 3),
      klaviyo_profiles_per_s: round(profiles / klaviyo_s, 0),
      size: { products, locations: 3, orders, customers, profiles, page_size: SHOPIFY_MAX_PAGE },
      shopify: { rows: shopifyRows, rows_applied_incl_resent_types: pulled.rows, seconds: round(shopify_s, 2), pages: pulled.pages, requests: shopify.requests },
      csv: { rows: csvRows, seconds: round(csv_s, 2), files: files.length },
      klaviyo: { profiles, seconds: round(klaviyo_s, 2), requests: klaviyo.requests },
      machine: { cpus: os.cpus().length, node: process.version },
    };
    printTable('connectors', ['path', 'rows', 'seconds', 'rows/s'], [
      ['Shopify GraphQL (fake, loopback) → feeds', shopifyRows, result.shopify.seconds, result.shopify_rows_per_s],
      ['CSV files → feeds (baseline)', csvRows, result.csv.seconds, result.csv_rows_per_s],
      ['outbox → Klaviyo (fake, loopback)', profiles, result.klaviyo.seconds, result.klaviyo_profiles_per_s],
    ]);
    writeResult('connectors', result);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
