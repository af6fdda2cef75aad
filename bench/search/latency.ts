// `npm run bench -- search [--sizes=100000,500000,1000000] [--small]`: a ranked top-20 query with
// facets over a fixed mix of real-title queries (exact, misspelt, prefix) at each catalog size,
// for Endcap (SQLite FTS5 on disk) and MiniSearch and FlexSearch (in memory) over the same
// documents, each in its own process: build time, added resident memory, p50/p95.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Rng } from '../../core/demo/random.js';
import { Vocabulary } from '../../core/search/vocabulary.js';
import { printTable, REPO_ROOT, writeResult } from '../report.js';
import { loadRealProducts } from './corpus.js';
import { knownItemQueries, QUERY_SEED } from './queries.js';
import type { WorkerResult } from './latencyWorker.js';

const DEFAULT_SIZES = [100_000, 500_000, 1_000_000];
const QUERIES = 1500;
const METHODS = ['endcap', 'minisearch', 'flexsearch'] as const;
/** Generating a million products and their stock wants more than Node's default heap. */
const WORKER_ARGS = ['--expose-gc', '--max-old-space-size=14000'];

function runWorker(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'latencyWorker.js'), args, { execArgv: WORKER_ARGS, stdio: 'inherit' });
    let answer: unknown;
    child.on('message', (m) => (answer = m));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && answer !== undefined ? resolve(answer) : reject(new Error(`worker ${args[0]} exited with ${code}`))));
  });
}

/** The fixed mix: a third exact, a third misspelt, a third prefix, from a seeded sample of real titles. */
async function queryMix(file: string): Promise<string[]> {
  const db = new Database(file, { readonly: true });
  db.exec(`CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, products_fts, 'row')`);
  const vocab = new Vocabulary(db.prepare(`SELECT term, doc FROM temp.v`).all() as { term: string; doc: number }[]);
  db.close();
  const all = knownItemQueries(await loadRealProducts(), (w) => vocab.docs(w), QUERY_SEED);
  const rng = new Rng(QUERY_SEED).fork('latency-mix');
  return Array.from({ length: QUERIES }, (_, i) => {
    const q = rng.pick(all);
    return i % 3 === 0 ? q.exact : i % 3 === 1 ? q.typo : q.prefix;
  });
}

export async function benchSearchLatency(args: string[]): Promise<void> {
  const sizesArg = args.find((a) => a.startsWith('--sizes='));
  const sizes = args.includes('--small') ? [20_000] : sizesArg ? sizesArg.slice(8).split(',').map(Number) : DEFAULT_SIZES;
  const dir = path.join(os.tmpdir(), 'endcap-bench-search');
  fs.mkdirSync(dir, { recursive: true });
  // `--methods=endcap` re-measures some methods; sizes and methods not measured keep their last figures.
  const methods = args.find((a) => a.startsWith('--methods='))?.slice('--methods='.length).split(',') ?? [...METHODS];
  const previous = readPrevious();
  const out: Record<string, Record<string, WorkerResult>> = previous.sizes;
  const notes: Record<string, unknown> = previous.replicas;

  for (const n of sizes) {
    const file = path.join(dir, `search-${n}.db`);
    console.log(`\n${n.toLocaleString()} products`);
    const built = (await runWorker(['build', file])) as { generate_s: number };
    const queries = await queryMix(file);
    const queriesFile = path.join(dir, `queries-${n}.json`);
    fs.writeFileSync(queriesFile, JSON.stringify(queries));
    out[String(n)] ??= {};
    for (const method of METHODS.filter((m) => methods.includes(m))) {
      console.log(`  ${method}…`);
      out[String(n)]![method] = (await runWorker([method, file, queriesFile])) as WorkerResult;
    }
    notes[String(n)] = { replica_generate_s: built.generate_s, replica_mb: Math.round(fs.statSync(file).size / 1024 / 1024) };
    printTable(
      `Ranked top-20 with facets, ${n.toLocaleString()} products, ${QUERIES.toLocaleString()} real-title queries (⅓ exact, ⅓ misspelt, ⅓ prefix)`,
      ['method', 'p50 ms', 'p95 ms', 'CPU p50 ms', 'CPU p95 ms', 'load avg', 'build s', 'added RSS MB', 'index on disk MB'],
      METHODS.filter((m) => out[String(n)]![m]).map((m) => {
        const r = out[String(n)]![m]!;
        return [m, r.p50_ms, r.p95_ms, r.cpu_p50_ms, r.cpu_p95_ms, r.load_average_1m, r.build_s, r.rss_mb, r.index_mb ?? '—'];
      }),
    );
    // Written after every size, so a long run keeps what it measured.
    writeResult('search-latency', { sizes: out, queries: QUERIES, seed: QUERY_SEED, replicas: notes, machine: { cpus: os.cpus().length, node: process.version } });
  }
  console.log(`\nwrote ${path.relative(REPO_ROOT, path.join(REPO_ROOT, 'bench/results/search-latency.json'))}`);
}

/** The last file's figures, kept for the sizes and methods this run does not measure. */
function readPrevious(): { sizes: Record<string, Record<string, WorkerResult>>; replicas: Record<string, unknown> } {
  try {
    const last = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'bench/results/search-latency.json'), 'utf8')) as { sizes?: Record<string, Record<string, WorkerResult>>; replicas?: Record<string, unknown> };
    return { sizes: last.sizes ?? {}, replicas: last.replicas ?? {} };
  } catch {
    return { sizes: {}, replicas: {} };
  }
}
