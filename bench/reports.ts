// `npm run bench -- reports`: the hub's chain report (sync/hub/reports, as POST /v1/reports
// serves it) over 10,000,000 starter impressions and 1,000,000 sales, next to a plain indexed
// COUNT(*) of the same impressions measured in the same run. Events go in through the hub
// store's ingest and sales as order rows, a month at a time, each month folded as the hub
// folds when a report is asked for.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { OutboxEvent } from '../sync/protocol/index.js';
import { applyEvent } from '../sync/hub/apply/index.js';
import { CHAIN, HubReports } from '../sync/hub/reports/index.js';
import { SqliteHubStore } from '../sync/hub/sqliteStore.js';
import type { DeviceRecord, RowChange } from '../sync/hub/store.js';
import { seededRng } from '../sync/hub/stats/random.js';
import { printTable, round, timeEach, timeEachAsync, writeResult } from './report.js';

const STORES = 20;
const DAYS = 360;
const STARTERS_PER_DECISION = 4;
const CUSTOMERS = 200_000;
const PRODUCTS = 2_000;
const CATEGORIES = 50;
const KINDS = ['cross_sell', 'replenish', 'new_arrival', 'favourite', 'in_stock_alternative', 'vip'];
const FIRST_DAY = Date.parse('2026-01-01T00:00:00Z');
const RUNS = 20;

const iso = (ms: number) => new Date(ms).toISOString();

export async function benchReports(args: string[]): Promise<void> {
  const small = args.includes('--small');
  const impressions = small ? 1_000_000 : 10_000_000;
  const sales = small ? 100_000 : 1_000_000;
  const decisions = impressions / STARTERS_PER_DECISION;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-bench-reports-'));
  const file = path.join(dir, 'hub.db');
  const store = new SqliteHubStore(file);
  const reports = new HubReports(file);
  // Filling only: no fsync per batch (the hub runs with synchronous=FULL); the timed reads do not write.
  const connections = [(store as unknown as { db: Database.Database }).db, (reports as unknown as { db: Database.Database }).db];
  for (const c of connections) c.pragma('synchronous = OFF');
  const rng = seededRng(17);
  const pick = (n: number) => Math.floor(rng() * n);
  try {
    const products: RowChange[] = Array.from({ length: PRODUCTS }, (_, i) => ({
      stream: 'catalog', table: 'products', key: { sku: `P${i}` }, scopeStoreId: null,
      row: { id: i + 1, sku: `P${i}`, title: `P${i}`, brand: 'B', category_id: `cat${i % CATEGORIES}`, price_cents: 1000 + (i % 90) * 100, status: 'active' },
    }));
    await store.writeChanges(products);
    const devices: DeviceRecord[] = [];
    for (let s = 0; s < STORES; s++) devices.push((await store.addDevice(`S${s + 1}`, new Date())).device);

    console.log(`Ingesting ${impressions.toLocaleString()} impressions (${decisions.toLocaleString()} decisions) and ${sales.toLocaleString()} sales, ${STORES} stores, ${DAYS} days, folding a month at a time…`);
    const t0 = Date.now();
    let foldMs = 0;
    let eventNo = 0;
    let shown = 0;
    const perDay = Math.round(decisions / DAYS);
    const salesPerDay = Math.round(sales / DAYS);
    for (let month = 0; month < DAYS / 30; month++) {
      const byDevice = devices.map(() => [] as OutboxEvent[]);
      const orders: RowChange[] = [];
      for (let d = month * 30; d < (month + 1) * 30; d++) {
        const dayStart = FIRST_DAY + d * 86_400_000;
        for (let i = 0; i < perDay; i++) {
          const s = pick(STORES);
          const at = iso(dayStart + 36_000_000 + pick(36_000_000));
          const customerId = rng() < 0.8 ? `C${pick(CUSTOMERS)}` : null;
          const arm = customerId && Number(customerId.slice(1)) % 10 === 0 ? 'holdout' : 'personalized';
          const explored = arm === 'personalized' && rng() < 0.1;
          shown += STARTERS_PER_DECISION;
          byDevice[s]!.push({
            id: `0190${(++eventNo).toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`,
            kind: 'starter.shown',
            createdAt: at,
            payload: {
              decisionId: `d${eventNo}`, customerId, storeId: `S${s + 1}`, staffId: `S${s + 1}-st${pick(6)}`, policyVersion: 1, arm, at,
              starters: Array.from({ length: STARTERS_PER_DECISION }, (_, position) => ({
                position, kind: KINDS[pick(KINDS.length)]!, skus: [`P${pick(PRODUCTS)}`, `P${pick(PRODUCTS)}`],
                exploration: explored && position === STARTERS_PER_DECISION - 1, propensity: position < STARTERS_PER_DECISION - 1 ? 1 : explored ? 0.02 : 0.9,
              })),
            },
          });
          if (rng() < 0.3) {
            byDevice[s]!.push({
              id: `0190${(++eventNo).toString(16).padStart(8, '0')}-0000-7000-8000-000000000000`, kind: 'starter.feedback', createdAt: at,
              payload: { decisionId: `d${eventNo - 1}`, position: pick(STARTERS_PER_DECISION), feedback: rng() < 0.5 ? 'used' : 'not_relevant', reason: null, staffId: 'x', customerId, kind: 'k', at },
            });
          }
        }
        for (let i = 0; i < salesPerDay; i++) {
          const id = `o${d}-${i}`;
          const s = pick(STORES);
          orders.push(
            { stream: 'orders', table: 'orders', key: { id }, scopeStoreId: `S${s + 1}`, row: { id, customer_id: `C${pick(CUSTOMERS)}`, channel: 'store', location_id: `S${s + 1}`, placed_at: iso(dayStart + 36_000_000 + pick(36_000_000)), status: 'completed' } },
            { stream: 'orders', table: 'order_lines', key: { order_id: id, line_no: 1 }, scopeStoreId: `S${s + 1}`, row: { order_id: id, line_no: 1, sku: `P${pick(PRODUCTS)}`, quantity: 1, unit_price_cents: 2500, discount_cents: 0 } },
          );
        }
      }
      for (const [i, device] of devices.entries()) {
        const events = byDevice[i]!;
        for (let k = 0; k < events.length; k += 1000) await store.ingestEvents(device, events.slice(k, k + 1000), new Date(), applyEvent);
      }
      for (let k = 0; k < orders.length; k += 20_000) await store.writeChanges(orders.slice(k, k + 20_000));
      const f = Date.now();
      await reports.fold();
      foldMs += Date.now() - f;
      console.log(`  month ${month + 1}: ${Math.round((Date.now() - t0) / 1000)} s`);
    }
    const fillS = (Date.now() - t0) / 1000;
    const loadBefore = os.loadavg();

    const from = iso(FIRST_DAY).slice(0, 10);
    const to = iso(FIRST_DAY + (DAYS - 1) * 86_400_000).slice(0, 10);
    const now = new Date(FIRST_DAY + (DAYS + 1) * 86_400_000);
    // The same impressions counted the plainest indexed way.
    const db = connections[1]!;
    const countStmt = db.prepare(`SELECT count(*) FROM rpt_impressions WHERE day BETWEEN ? AND ?`).pluck();
    const counted = countStmt.get(from, to) as number;
    const first = await reports.report(CHAIN, from, to, now);
    if (first.starters.total.shown !== counted || counted !== shown) throw new Error(`report says ${first.starters.total.shown}, COUNT(*) ${counted}, generated ${shown}`);
    const runs = Array.from({ length: RUNS }, (_, i) => i);
    await timeEachAsync(runs.slice(0, 2), () => reports.report(CHAIN, from, to, now));
    const report = await timeEachAsync(runs, () => reports.report(CHAIN, from, to, now));
    const count = timeEach(runs, () => countStmt.get(from, to));
    const ratio = report.p95 / count.p95;
    const loadAfter = os.loadavg();

    printTable(
      `Hub chain report (${DAYS} days, ${STORES} stores) vs COUNT(*) of the same impressions — ${RUNS} runs`,
      ['query', 'p50 ms', 'p95 ms'],
      [
        ['chain report', report.p50, report.p95],
        ['COUNT(*) (index on day)', count.p50, count.p95],
      ],
    );
    console.log(`\nratio p95: ${round(ratio, 2)}; ingest + fold took ${fillS.toFixed(0)} s (fold ${Math.round(foldMs / 1000)} s).`);
    console.log(`lift (purchase rate): ${JSON.stringify(first.lift.purchaseRate)}`);
    const out = writeResult('reports', {
      impressions: shown,
      sales: salesPerDay * DAYS,
      report_p95_ms: round(report.p95),
      count_p95_ms: round(count.p95),
      ratio: round(ratio, 2),
      report_p50_ms: round(report.p50),
      count_p50_ms: round(count.p50),
      runs: RUNS,
      stores: STORES,
      days: DAYS,
      decisions,
      customers: CUSTOMERS,
      fill_seconds: round(fillS, 1),
      fold_seconds: round(foldMs / 1000, 1),
      report: 'whole chain, every day: starters by kind, category, associate and store with reasons and attributed sales; checkouts and the capture dashboard (by day, hour, store, register, associate); sales; lift (three figures, clustered by customer, moments summed in SQL); exploration (IPS, SNIPS, DR overall and per kind, propensities); whole months from monthly sums',
      // The machine is shared: its 1/5/15-minute load averages when the timed runs started and ended.
      load_average: { before: loadBefore.map((x) => round(x, 2)), after: loadAfter.map((x) => round(x, 2)) },
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
    });
    console.log(`Written to ${out}`);
  } finally {
    reports.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
