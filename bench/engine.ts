// `npm run bench -- engine`: one full offer-engine decision on a large generated chain,
// next to an indexed point lookup and a popularity recommender measured in the same run;
// then the same work on an encrypted copy of the replica (what a register really runs).
import os from 'node:os';
import type Database from 'better-sqlite3';
import { OfferEngine } from '../core/engine/decide.js';
import { seededRandom } from '../core/engine/assignment.js';
import { costRatio, encryptedTwin } from './encrypted.js';
import { openLargeChain } from './largeChain.js';
import { printTable, round, rssMb, timeEach, writeResult, type Timing } from './report.js';

const DECISIONS = 10_000;

/**
 * The store trades between two customers: before each decision this many stock figures here
 * change, and three times as many elsewhere (the inventory stream is chain-wide: two other
 * stores and the DC). Twice what the chain's own trading gives (1.7 lines an order), on the
 * best sellers that decisions read. Untimed. Without it the engine's stock cache
 * (core/engine/stockCache.ts) would stay warmer than a store's.
 */
const STOCK_CHANGES_HERE = 4;
const STOCK_CHANGES_ELSEWHERE = 12;
/** The best sellers the changes fall on. */
const TRADED_SKUS = 5_000;

/** One step of the store's trading per call: ±1 on random figures, in its own transaction. */
function trading(db: Database.Database): () => void {
  const rng = seededRandom('bench-engine-trading');
  const top = db.prepare(`SELECT sku FROM products ORDER BY popularity DESC LIMIT ?`).all(TRADED_SKUS) as { sku: string }[];
  const rows = db
    .prepare(`SELECT sku, location_id AS locationId FROM inventory WHERE sku IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(top.map((r) => r.sku))) as { sku: string; locationId: string }[];
  const here = rows.filter((r) => r.locationId === 'S1');
  const elsewhere = rows.filter((r) => r.locationId !== 'S1');
  const move = db.prepare(`UPDATE inventory SET on_hand = max(0, on_hand + ?) WHERE sku = ? AND location_id = ?`);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
  return db.transaction(() => {
    for (let i = 0; i < STOCK_CHANGES_HERE + STOCK_CHANGES_ELSEWHERE; i++) {
      const r = pick(i < STOCK_CHANGES_HERE ? here : elsewhere);
      move.run(rng() < 0.5 ? -1 : 1, r.sku, r.locationId);
    }
  });
}

interface Measured {
  /** The first decision on a fresh engine (the item model is learned with the links, in build_s). */
  firstDecisionS: number;
  decision: Timing;
  lookupT: Timing;
  popularT: Timing;
}

function measure(db: Database.Database, now: Date, sample: readonly string[], catSample: readonly string[]): Measured {
  const engine = new OfferEngine(db);
  const decideOnce = (customerId: string) => db.transaction(() => engine.decide({ customerId, cart: [], storeId: 'S1', staffId: 'bench', now }))();
  const first = performance.now();
  decideOnce(sample[0]!);
  const firstDecisionS = (performance.now() - first) / 1000;
  const trade = trading(db);
  for (const id of sample.slice(0, 200)) decideOnce(id); // warm caches and statements
  const decision = timeEach(sample, decideOnce, () => trade());

  const lookup = db.prepare(`SELECT * FROM customers WHERE id = ?`);
  const lookupT = timeEach(sample, (id) => lookup.get(id));

  // Baseline recommender: the four best sellers of a category that are in stock here.
  const popular = db.prepare(
    `SELECT p.sku FROM products p JOIN inventory i ON i.sku = p.sku AND i.location_id = 'S1'
     WHERE p.category_id = ? AND i.on_hand - i.reserved > 8 ORDER BY p.popularity DESC LIMIT 4`,
  );
  const popularT = timeEach(catSample, (c) => popular.all(c));
  return { firstDecisionS, decision, lookupT, popularT };
}

function fields(m: Measured) {
  return {
    p50_ms: round(m.decision.p50),
    p95_ms: round(m.decision.p95),
    p99_ms: round(m.decision.p99),
    // CPU time of the decision in this process (user + system): what it costs, apart from
    // waiting for a CPU the neighbours share or for the commit's fsync
    cpu_p50_ms: round(m.decision.cpuP50),
    cpu_p95_ms: round(m.decision.cpuP95),
    baseline: { lookup_p95_ms: round(m.lookupT.p95, 4), popularity_p95_ms: round(m.popularT.p95, 4) },
  };
}

export function benchEngine(args: string[]): void {
  const small = args.includes('--small'); // a quick run while developing
  const { db, now, counts, generateS, buildS, statisticsRows, close } = openLargeChain('engine', small);
  try {
    // As fresh as an inventory pull just now: the engine trusts stock by the time of the last pull.
    db.prepare(`UPDATE inventory SET updated_at = ?`).run(now.toISOString());
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(now.toISOString());

    const ids = (db.prepare(`SELECT id FROM customers WHERE status = 'active'`).all() as { id: string }[]).map((r) => r.id);
    const rng = seededRandom('bench-engine');
    const sample = Array.from({ length: DECISIONS }, () => ids[Math.floor(rng() * ids.length)]!);
    const categories = (db.prepare(`SELECT DISTINCT category_id AS id FROM products`).all() as { id: string }[]).map((r) => r.id);
    const catSample = sample.map((_, i) => categories[i % categories.length]!);

    // The encrypted twin is copied before either run writes, so both start from the same bytes.
    const loadBefore = os.loadavg().map((x) => round(x, 2));
    const twin = encryptedTwin(db);
    let plain: Measured;
    let encrypted: Measured;
    try {
      plain = measure(db, now, sample, catSample);
      encrypted = measure(twin.db, now, sample, catSample);
    } finally {
      twin.close();
    }

    const result = {
      ...fields(plain),
      build_s: round(buildS, 2),
      first_decision_s: round(plain.firstDecisionS, 2),
      rss_mb: rssMb(),
      decisions: DECISIONS,
      stock_changes_before_each: { here: STOCK_CHANGES_HERE, elsewhere: STOCK_CHANGES_ELSEWHERE, among_best_sellers: TRADED_SKUS },
      chain: { ...counts, generate_s: round(generateS, 1), planner_statistics_rows: statisticsRows },
      encrypted: { ...fields(encrypted), cipher: 'sqlcipher 4 (SQLite3MultipleCiphers)', encrypt_in_place_s: round(twin.encryptS, 2) },
      encryption_cost_ratio: costRatio(encrypted.decision.p95, plain.decision.p95),
      // shared machine: the 1/5/15-minute load average at the end says how busy it was
      machine: { cpus: os.cpus().length, node: process.version, load_average_before: loadBefore, load_average: os.loadavg().map((x) => round(x, 2)) },
    };
    const rows = (label: string, m: Measured) => [
      [`endcap decision${label}`, m.decision.p50, m.decision.p95, m.decision.p99, 1],
      [`endcap decision, CPU time${label}`, m.decision.cpuP50, m.decision.cpuP95, '', ''],
      [`indexed point lookup (baseline)${label}`, m.lookupT.p50, m.lookupT.p95, m.lookupT.p99, round(m.lookupT.p95 / m.decision.p95, 4)],
      [`popularity top-4 in stock (baseline)${label}`, m.popularT.p50, m.popularT.p95, m.popularT.p99, round(m.popularT.p95 / m.decision.p95, 4)],
    ];
    printTable(`Offer engine: one decision (features, candidates, guardrails, scoring, audit + outbox write), ${DECISIONS.toLocaleString()} random customers, ${STOCK_CHANGES_HERE} stock figures here and ${STOCK_CHANGES_ELSEWHERE} elsewhere changed before each`, ['what', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 / engine'], [
      ...rows('', plain),
      ...rows(', encrypted', encrypted),
    ]);
    printTable('Build, memory and encryption', ['what', 'value'], [
      ['features + learned links and item model from scratch (s)', result.build_s],
      ['first decision on a fresh engine (s)', result.first_decision_s],
      ['chain generation (s)', result.chain.generate_s],
      ['resident memory (MB)', result.rss_mb],
      ['encrypting the replica in place (s)', result.encrypted.encrypt_in_place_s],
      ['encryption cost (encrypted p95 / plain p95)', result.encryption_cost_ratio],
    ]);
    console.log(`\nwrote ${writeResult(small ? 'engine-latency-small' : 'engine-latency', result)}`);
  } finally {
    close();
  }
}
