// `npm run bench -- engine`: one full offer-engine decision on a large generated chain,
// next to an indexed point lookup and a popularity recommender measured in the same run.
import os from 'node:os';
import { OfferEngine } from '../core/engine/decide.js';
import { seededRandom } from '../core/engine/assignment.js';
import { openLargeChain } from './largeChain.js';
import { printTable, round, rssMb, timeEach, writeResult } from './report.js';

const DECISIONS = 10_000;

export function benchEngine(args: string[]): void {
  const small = args.includes('--small'); // a quick run while developing
  const { db, now, counts, generateS, buildS, close } = openLargeChain('engine', small);
  try {
    // As fresh as an inventory pull just now: the engine trusts stock by the time of the last pull.
    db.prepare(`UPDATE inventory SET updated_at = ?`).run(now.toISOString());
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(now.toISOString());

    const ids = (db.prepare(`SELECT id FROM customers WHERE status = 'active'`).all() as { id: string }[]).map((r) => r.id);
    const rng = seededRandom('bench-engine');
    const sample = Array.from({ length: DECISIONS }, () => ids[Math.floor(rng() * ids.length)]!);
    const categories = (db.prepare(`SELECT DISTINCT category_id AS id FROM products`).all() as { id: string }[]).map((r) => r.id);
    const catSample = sample.map((_, i) => categories[i % categories.length]!);

    const engine = new OfferEngine(db);
    const decideOnce = (customerId: string) => db.transaction(() => engine.decide({ customerId, cart: [], storeId: 'S1', staffId: 'bench', now }))();
    // The first decision learns the item model (rank.ts) from every customer's SKU baskets.
    const first = performance.now();
    decideOnce(sample[0]!);
    const firstDecisionS = (performance.now() - first) / 1000;
    for (const id of sample.slice(0, 200)) decideOnce(id); // warm caches and statements
    const decision = timeEach(sample, decideOnce);

    const lookup = db.prepare(`SELECT * FROM customers WHERE id = ?`);
    const lookupT = timeEach(sample, (id) => lookup.get(id));

    // Baseline recommender: the four best sellers of a category that are in stock here.
    const popular = db.prepare(
      `SELECT p.sku FROM products p JOIN inventory i ON i.sku = p.sku AND i.location_id = 'S1'
       WHERE p.category_id = ? AND i.on_hand - i.reserved > 8 ORDER BY p.popularity DESC LIMIT 4`,
    );
    const popularT = timeEach(catSample, (c) => popular.all(c));

    const result = {
      p50_ms: round(decision.p50),
      p95_ms: round(decision.p95),
      p99_ms: round(decision.p99),
      build_s: round(buildS, 2),
      first_decision_s: round(firstDecisionS, 2),
      rss_mb: rssMb(),
      baseline: { lookup_p95_ms: round(lookupT.p95, 4), popularity_p95_ms: round(popularT.p95, 4) },
      decisions: DECISIONS,
      chain: { ...counts, generate_s: round(generateS, 1) },
      machine: { cpus: os.cpus().length, node: process.version },
    };
    printTable(`Offer engine: one decision (features, candidates, guardrails, scoring, audit + outbox write), ${DECISIONS.toLocaleString()} random customers`, ['what', 'p50 ms', 'p95 ms', 'p99 ms', 'p95 / engine'], [
      ['endcap decision', decision.p50, decision.p95, decision.p99, 1],
      ['indexed point lookup (baseline)', lookupT.p50, lookupT.p95, lookupT.p99, round(lookupT.p95 / decision.p95, 4)],
      ['popularity top-4 in stock (baseline)', popularT.p50, popularT.p95, popularT.p99, round(popularT.p95 / decision.p95, 4)],
    ]);
    printTable('Build and memory', ['what', 'value'], [
      ['features + learned links from scratch (s)', result.build_s],
      ['first decision, learning the item model (s)', result.first_decision_s],
      ['chain generation (s)', result.chain.generate_s],
      ['resident memory (MB)', result.rss_mb],
    ]);
    console.log(`\nwrote ${writeResult(small ? 'engine-latency-small' : 'engine-latency', result)}`);
  } finally {
    close();
  }
}
