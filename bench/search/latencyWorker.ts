// One method at one catalog size, in its own process so its memory is its own:
// `node latencyWorker.js <build|endcap|minisearch|flexsearch> <replica> [queries.json]`.
// Sends back {p50_ms, p95_ms, build_s, rss_mb, ...} over IPC (or prints it).
import fs from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { CANDIDATES, ProductSearch } from '../../core/search/search.js';
import { priceBandOf } from '../../core/search/facets.js';
import { rebuildSearchIndex } from '../../core/search/rebuild.js';
import { round, timeEach, type Timing } from '../report.js';
import { buildSearchReplica, readDocs, type SearchDoc } from './corpus.js';
import { buildFlexSearch, buildMiniSearch, type PeerIndex } from './peers.js';
import path from 'node:path';

const TOP = 20;
const WARMUP = 50;

export interface WorkerResult {
  p50_ms: number;
  p95_ms: number;
  /** This process's CPU time per query: its own cost, apart from waiting for a shared CPU. */
  cpu_p50_ms: number;
  cpu_p95_ms: number;
  /** The machine's 1-minute load average when the queries ended (2 CPUs: above 2, queries waited). */
  load_average_1m: number;
  build_s: number;
  rss_mb: number;
  index_mb?: number;
}

function timed(timing: Timing): Pick<WorkerResult, 'p50_ms' | 'p95_ms' | 'cpu_p50_ms' | 'cpu_p95_ms' | 'load_average_1m'> {
  return { p50_ms: round(timing.p50), p95_ms: round(timing.p95), cpu_p50_ms: round(timing.cpuP50), cpu_p95_ms: round(timing.cpuP95), load_average_1m: round(os.loadavg()[0]!, 2) };
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
function rss(): number {
  gc();
  return process.memoryUsage().rss / 1024 / 1024;
}

function endcap(file: string, queries: string[]): WorkerResult {
  const db = openDatabase(file);
  try {
    // Build: the whole FTS index from the products table, as a bootstrap from the hub would.
    const t = process.hrtime.bigint();
    rebuildSearchIndex(db);
    const buildS = Number(process.hrtime.bigint() - t) / 1e9;
    const indexBytes = (db.prepare(`SELECT sum(pgsize) AS b FROM dbstat WHERE name LIKE 'products_fts%'`).get() as { b: number }).b;

    const before = rss();
    const search = new ProductSearch(db);
    const run = (q: string) => search.search({ query: q, limit: TOP }, { storeId: 'S1', inventoryAgeMinutes: 0 });
    for (const q of queries.slice(0, WARMUP)) run(q);
    const timing = timeEach(queries, run);
    const added = rss() - before;
    return { ...timed(timing), build_s: round(buildS, 2), rss_mb: round(Math.max(0, added), 1), index_mb: round(indexBytes / 1024 / 1024, 1) };
  } finally {
    closeDatabase(db);
  }
}

/** Peers get the same work: top candidates, facet counts over them, the top 20. */
function peer(file: string, queries: string[], build: (docs: readonly SearchDoc[]) => PeerIndex): WorkerResult {
  const db = new Database(file, { readonly: true });
  const docs = readDocs(db);
  db.close();
  const meta = new Map(docs.map((d) => [d.id, d]));
  const before = rss();
  const t = process.hrtime.bigint();
  const index = build(docs);
  const buildS = Number(process.hrtime.bigint() - t) / 1e9;
  const added = rss() - before;
  const run = (q: string) => {
    const ids = index.search(q, CANDIDATES);
    const facets = { category: new Map<string, number>(), brand: new Map<string, number>(), price: new Map<string, number>() };
    for (const id of ids) {
      const d = meta.get(id)!;
      facets.category.set(d.categoryId, (facets.category.get(d.categoryId) ?? 0) + 1);
      facets.brand.set(d.brand, (facets.brand.get(d.brand) ?? 0) + 1);
      const band = priceBandOf(d.priceCents);
      facets.price.set(band, (facets.price.get(band) ?? 0) + 1);
    }
    return { top: ids.slice(0, TOP), facets };
  };
  for (const q of queries.slice(0, WARMUP)) run(q);
  const timing = timeEach(queries, run);
  return { ...timed(timing), build_s: round(buildS, 2), rss_mb: round(Math.max(0, added), 1) };
}

async function main(): Promise<void> {
  const [mode, file, queriesFile] = process.argv.slice(2);
  if (!mode || !file) throw new Error('usage: latencyWorker <build|endcap|minisearch|flexsearch> <replica> [queries.json]');
  let result: unknown;
  if (mode === 'build') {
    const total = Number(path.basename(file).match(/search-(\d+)\.db/)?.[1]);
    const t = Date.now();
    await buildSearchReplica(path.dirname(file), total, (s) => console.log(`  ${s}…`));
    result = { generate_s: round((Date.now() - t) / 1000, 1) };
  } else {
    const queries = JSON.parse(fs.readFileSync(queriesFile!, 'utf8')) as string[];
    result =
      mode === 'endcap'
        ? endcap(file, queries)
        : peer(file, queries, mode === 'minisearch' ? buildMiniSearch : mode === 'flexsearch' ? buildFlexSearch : (() => { throw new Error(`unknown method ${mode}`); })());
  }
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result));
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
