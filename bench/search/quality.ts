// `npm run bench -- search-quality`: known-item search on real product titles (Online Retail)
// among generated distractors: hit@10 and MRR for exact, misspelt and as-you-type queries,
// for Endcap, MiniSearch and FlexSearch over the same documents in the same run.
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { ProductSearch } from '../../core/search/search.js';
import { Vocabulary } from '../../core/search/vocabulary.js';
import { printTable, REPO_ROOT, round, writeResult } from '../report.js';
import { buildSearchReplica, readDocs } from './corpus.js';
import { buildFlexSearch, buildMiniSearch } from './peers.js';
import { knownItemQueries, QUERY_SEED, type KnownItemQuery } from './queries.js';

/** About the demo chain's own size: ~23k generated products beside the 4k real ones. */
const QUALITY_CATALOG = 27_000;
const K = 10;

type Kind = 'exact' | 'typo' | 'prefix';
type Searcher = (query: string) => string[];

export interface QualityScores {
  'hit@10_exact': number;
  'hit@10_typo': number;
  'hit@10_prefix': number;
  mrr_exact: number;
  mrr_typo: number;
}

/** hit@10 and MRR@10 of one method over the queries of one kind. */
export function score(queries: readonly KnownItemQuery[], kind: Kind, search: Searcher): { hit: number; mrr: number } {
  let hits = 0;
  let rr = 0;
  for (const q of queries) {
    const rank = search(q[kind]).slice(0, K).indexOf(q.sku);
    if (rank >= 0) {
      hits++;
      rr += 1 / (rank + 1);
    }
  }
  return { hit: hits / queries.length, mrr: rr / queries.length };
}

export async function benchSearchQuality(): Promise<void> {
  const dir = path.join(os.tmpdir(), 'endcap-bench-search');
  const { file, real } = await buildSearchReplica(dir, QUALITY_CATALOG, (s) => console.log(`  ${s}…`));
  const db = openDatabase(file);
  try {
    const vocab = Vocabulary.load(db);
    const queries = knownItemQueries(real, (w) => vocab.docs(w), QUERY_SEED);
    const docs = readDocs(db);
    const skuOf = new Map(docs.map((d) => [d.id, d.sku]));
    console.log(`Indexed ${docs.length.toLocaleString()} products (${real.length.toLocaleString()} real); ${queries.length.toLocaleString()} queries of each kind.`);

    const endcap = new ProductSearch(db);
    const methods: Record<string, Searcher> = {
      endcap: (q) => endcap.search({ query: q, limit: K }, { storeId: 'S1', inventoryAgeMinutes: 0 }).results.map((r) => r.sku),
    };
    for (const peer of [buildMiniSearch(docs), buildFlexSearch(docs)]) methods[peer.name] = (q) => peer.search(q, K).map((id) => skuOf.get(id)!);

    const results: Record<string, QualityScores> = {};
    for (const [name, search] of Object.entries(methods)) {
      const exact = score(queries, 'exact', search);
      const typo = score(queries, 'typo', search);
      const prefix = score(queries, 'prefix', search);
      results[name] = {
        'hit@10_exact': round(exact.hit),
        'hit@10_typo': round(typo.hit),
        'hit@10_prefix': round(prefix.hit),
        mrr_exact: round(exact.mrr),
        mrr_typo: round(typo.mrr),
      };
    }
    printTable(
      `Known-item search: ${queries.length.toLocaleString()} real Online Retail titles among ${docs.length.toLocaleString()} products (seed ${QUERY_SEED})`,
      ['method', 'hit@10 exact', 'hit@10 typo', 'hit@10 prefix', 'MRR exact', 'MRR typo'],
      Object.entries(results).map(([m, r]) => [m, r['hit@10_exact'], r['hit@10_typo'], r['hit@10_prefix'], r.mrr_exact, r.mrr_typo]),
    );
    const out = writeResult('search-quality', {
      queries: queries.length,
      catalog: { products: docs.length, real: real.length, seed: QUERY_SEED },
      methods: results,
      examples: queries.slice(0, 5),
      machine: { cpus: os.cpus().length, node: process.version },
    });
    console.log(`\nwrote ${path.relative(REPO_ROOT, out)}`);
  } finally {
    closeDatabase(db);
  }
}
