// `npm run bench -- capture`: the manager's capture-rate report on 1,000,000 checkouts, next to
// a plain COUNT(*) over the same rows measured in the same run. The report reads the daily and
// hourly roll-ups the insert trigger keeps; the baseline touches every checkout in the range.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { addDays, captureReport } from '../core/analytics/captureRollup.js';
import { closeDatabase, openDatabase } from '../core/db/open.js';
import { Rng } from '../core/demo/random.js';
import { costRatio, encryptedTwin } from './encrypted.js';
import { printTable, round, timeEach, writeResult } from './report.js';

const CHECKOUTS = 1_000_000;
const STORES = 20;
const DAYS = 365;
const LAST_DAY = '2026-06-14';
const RUNS = 200;

const OUTCOMES = ['captured_new', 'captured_updated', 'already_on_file', 'declined', 'invalid'] as const;
const OUTCOME_WEIGHTS = [0.22, 0.08, 0.36, 0.32, 0.02];
const REASONS = ['no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked'] as const;
const HOURS = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const HOUR_WEIGHTS = [3, 5, 9, 8, 6, 7, 9, 11, 10, 6, 3];

/** A year of a 20-store chain: three registers a store, two associates per shift. */
function fill(db: Database.Database, n: number): void {
  const r = new Rng(1);
  const insert = db.prepare(
    `INSERT INTO checkout_outcomes (id, occurred_at, local_day, local_hour, weekday, store_id, register_id, associate_id, outcome,
       decline_reason, customer_id, typo_suggested, typo_accepted, receipts_opt_in, marketing_opt_in, personalization_opt_in)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)`,
  );
  const first = addDays(LAST_DAY, -(DAYS - 1));
  db.transaction(() => {
    const store = db.prepare(`INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES (?, 'store', ?, 'Denver', 'CO', 'US', 'America/Denver', 3)`);
    for (let s = 1; s <= STORES; s++) store.run(`S${s}`, `Store ${s}`);
    for (let i = 0; i < n; i++) {
      const day = addDays(first, Math.floor((i / n) * DAYS));
      const store = `S${1 + r.int(0, STORES - 1)}`;
      const hour = r.weighted(HOURS, HOUR_WEIGHTS);
      const shift = hour < 15 ? 'a' : 'b';
      const outcome = r.weighted(OUTCOMES, OUTCOME_WEIGHTS);
      const captured = outcome === 'captured_new' || outcome === 'captured_updated';
      const typo = captured && r.chance(0.07);
      insert.run(
        `b-${i}`, `${day}T${String(hour).padStart(2, '0')}:00:00Z`, day, hour, new Date(`${day}T00:00:00Z`).getUTCDay(), store,
        `R${r.int(1, 3)}`, `${store}-${shift}${r.int(1, 2)}`, outcome, outcome === 'declined' ? r.pick(REASONS) : null,
        typo ? 1 : 0, typo && r.chance(0.85) ? 1 : 0, captured && r.chance(0.9) ? 1 : 0, captured && r.chance(0.45) ? 1 : 0,
        captured && r.chance(0.33) ? 1 : 0,
      );
    }
  })();
}

export function benchCapture(args: string[]): void {
  const n = args.includes('--small') ? 100_000 : CHECKOUTS;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-bench-capture-'));
  const db = openDatabase(path.join(dir, 'endcap.db'));
  try {
    console.log(`Recording ${n.toLocaleString()} checkouts (${STORES} stores, ${DAYS} days) through the roll-up trigger…`);
    let t = Date.now();
    fill(db, n);
    const fillS = (Date.now() - t) / 1000;
    db.pragma('optimize');
    const buckets = db.prepare(`SELECT (SELECT count(*) FROM checkout_daily) + (SELECT count(*) FROM checkout_hourly)`).pluck().get() as number;

    const cases = [
      { name: 'one store, 30 days', from: addDays(LAST_DAY, -29), storeId: 'S1' },
      { name: 'one store, 90 days', from: addDays(LAST_DAY, -89), storeId: 'S1' },
      { name: 'whole chain, 30 days', from: addDays(LAST_DAY, -29), storeId: null },
      { name: 'whole chain, 365 days', from: addDays(LAST_DAY, -(DAYS - 1)), storeId: null },
    ];
    const measure = (db: Database.Database) => {
      // The best plain COUNT(*) for each case: a seek on (store_id, local_day) for one store.
      const countStore = db.prepare(`SELECT count(*) FROM checkout_outcomes WHERE store_id = ? AND local_day BETWEEN ? AND ?`).pluck();
      const countChain = db.prepare(`SELECT count(*) FROM checkout_outcomes WHERE local_day BETWEEN ? AND ?`).pluck();
      const countOf = (from: string, storeId: string | null) =>
        (storeId ? countStore.get(storeId, from, LAST_DAY) : countChain.get(from, LAST_DAY)) as number;
      return cases.map((c) => {
        const range = { from: c.from, to: LAST_DAY, storeId: c.storeId, today: LAST_DAY };
        const checkouts = countOf(c.from, c.storeId);
        if (captureReport(db, range).totals.checkouts !== checkouts) throw new Error(`roll-up and outcomes disagree for ${c.name}`);
        const runs = Array.from({ length: RUNS }, () => range);
        timeEach(runs.slice(0, 10), (r) => captureReport(db, r)); // warm statements and pages
        const report = timeEach(runs, (r) => captureReport(db, r));
        const baseline = timeEach(runs, () => countOf(c.from, c.storeId));
        return { ...c, checkouts, report, baseline };
      });
    };
    // Same rows, encrypted as on a register: measured in the same run.
    const twin = encryptedTwin(db);
    let rows: ReturnType<typeof measure>;
    let encRows: ReturnType<typeof measure>;
    try {
      rows = measure(db);
      encRows = measure(twin.db);
    } finally {
      twin.close();
    }
    const casesJson = (list: typeof rows) =>
      list.map((r) => ({
        range: r.name,
        checkouts: r.checkouts,
        reportMs: { p50: round(r.report.p50), p95: round(r.report.p95), p99: round(r.report.p99) },
        countStarMs: { p50: round(r.baseline.p50), p95: round(r.baseline.p95), p99: round(r.baseline.p99) },
      }));
    // The ratio over the whole dashboard: summed report p95 of every case, encrypted ÷ plain.
    const sumP95 = (list: typeof rows) => list.reduce((s, r) => s + r.report.p95, 0);

    printTable(
      `Capture-rate report (full dashboard: totals, days, hour × weekday, stores, registers, associates) vs COUNT(*) of the same checkouts — ${n.toLocaleString()} checkouts, ${buckets.toLocaleString()} roll-up buckets, ${RUNS} runs`,
      ['range', 'checkouts', 'report p50 ms', 'report p95 ms', 'COUNT(*) p50 ms', 'COUNT(*) p95 ms'],
      [
        ...rows.map((r) => [r.name, r.checkouts, r.report.p50, r.report.p95, r.baseline.p50, r.baseline.p95]),
        ...encRows.map((r) => [`${r.name}, encrypted`, r.checkouts, r.report.p50, r.report.p95, r.baseline.p50, r.baseline.p95]),
      ],
    );
    const ratio = costRatio(sumP95(encRows), sumP95(rows));
    console.log(`Encryption cost (encrypted ÷ plain report p95, summed over the cases): ${ratio}×; encrypting in place took ${twin.encryptS.toFixed(1)} s.`);
    console.log(`\nRecording ${n.toLocaleString()} checkouts with the trigger took ${fillS.toFixed(1)} s (${round((fillS * 1e6) / n, 2)} µs each).`);

    const file = writeResult('capture', {
      checkouts: n,
      stores: STORES,
      days: DAYS,
      rollupBuckets: buckets,
      fillSeconds: round(fillS, 2),
      runs: RUNS,
      cases: casesJson(rows),
      encrypted: { cases: casesJson(encRows), cipher: 'sqlcipher 4 (SQLite3MultipleCiphers)', encryptInPlaceSeconds: round(twin.encryptS, 2) },
      encryption_cost_ratio: ratio,
      encryption_cost_ratio_per_case: rows.map((r, i) => ({ range: r.name, ratio: costRatio(encRows[i]!.report.p95, r.report.p95) })),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
    });
    console.log(`Written to ${file}`);
  } finally {
    closeDatabase(db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
