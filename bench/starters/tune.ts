// npm run tune:starters -- [--orders PATH] [--format generic|online-retail] [--seeds 3] [--no-verify] [--dry-run]
//
// Chooses the starter blend (core/engine/ideaWeights.ts) on VALIDATION customers only: for each
// seed's split, the same replica as eval:starters (test customers are in it with their history,
// as there, but nothing of theirs is scored), then the real OfferEngine.preview of every
// validation customer under each setting of the grid, scored as eval:starters scores the test
// customers. Chosen: the best recall among settings whose explore recall is at least
// co-occurrence's (eval:nbr, validation, at 10): repeats where they beat new products, new
// topics kept where they do not. Writes ideaWeights.ts (unless --dry-run) and
// bench/results/starters-tuning.json with the whole grid.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OfferEngine } from '../../core/engine/decide.js';
import type { IdeaWeights } from '../../core/engine/ideaWeights.js';
import { closeDatabase } from '../../core/db/open.js';
import { parseArgs } from '../nbr/cli.js';
import { checkFacts, loadOrders } from '../nbr/load.js';
import { buildDataset, splitUsers } from '../nbr/protocol.js';
import { scoreShown, shownByEngine, type StarterMetrics } from './cli.js';
import { REPO_ROOT, round } from '../report.js';
import { GRID } from './grid.js';
import { buildReplica } from './replica.js';

const WEIGHTS_FILE = path.resolve(REPO_ROOT, 'core/engine/ideaWeights.ts');
const OUT = path.resolve(REPO_ROOT, 'bench/results/starters-tuning.json');
const NBR_RESULTS = path.resolve(REPO_ROOT, 'bench/results/engine-quality.json');

export function gridPoints(): IdeaWeights[] {
  const out: IdeaWeights[] = [];
  for (const usualOverExplore of GRID.usualOverExplore)
    for (const usualMaxProducts of GRID.usualMaxProducts) for (const usualRelevance of GRID.usualRelevance) out.push({ usualOverExplore, usualMaxProducts, usualRelevance });
  return out;
}

/**
 * Best recall (then hit rate) among points at or above the explore floor; the best recall of all
 * when none is. Ties go to the stricter bar for repeats (the higher usualOverExplore): a repeat
 * must earn its place against something new.
 */
export function choose<T extends { weights: IdeaWeights; metrics: Pick<StarterMetrics, 'recall' | 'hit_rate' | 'explore_recall'> }>(points: readonly T[], exploreFloor: number): T {
  const ok = points.filter((p) => p.metrics.explore_recall >= exploreFloor);
  const pool = ok.length ? ok : points;
  return [...pool].sort((a, b) => b.metrics.recall - a.metrics.recall || b.metrics.hit_rate - a.metrics.hit_rate || b.weights.usualOverExplore - a.weights.usualOverExplore)[0]!;
}

function exploreFloor(): number {
  const r = JSON.parse(fs.readFileSync(NBR_RESULTS, 'utf8')) as { methods: { cooccurrence: { validation: { 'explore_recall@10': number } } } };
  return r.methods.cooccurrence.validation['explore_recall@10'];
}

function weightsModule(w: IdeaWeights, note: string): string {
  const source = fs.readFileSync(WEIGHTS_FILE, 'utf8');
  const start = source.indexOf('export const IDEA_WEIGHTS');
  const body = `export const IDEA_WEIGHTS: IdeaWeights = {\n  // ${note}\n  usualOverExplore: ${w.usualOverExplore},\n  usualMaxProducts: ${w.usualMaxProducts},\n  usualRelevance: ${w.usualRelevance},\n};\n`;
  return source.slice(0, start) + body;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = parseArgs(argv.filter((a) => a !== '--dry-run'));
  const seeds = argv.some((a) => a.startsWith('--seeds')) ? opts.seeds : 3;
  const loaded = await loadOrders(opts.orders, opts.format);
  if (opts.format === 'online-retail' && opts.verify) {
    const problems = checkFacts(loaded.facts);
    if (problems.length) throw new Error(`the file is not the published online_retail: ${problems.join('; ')}`);
  }
  const ds = buildDataset(loaded.orders);
  const points = gridPoints();
  const sums = points.map(() => [] as StarterMetrics[]);
  const started = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    const split = splitUsers(ds.users, seed);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-tune-starters-'));
    const replica = buildReplica(path.join(dir, 'endcap.db'), ds, split, loaded.catalog);
    try {
      points.forEach((w, i) => {
        const engine = new OfferEngine(replica.db, { standalone: true, ideaWeights: w });
        sums[i]!.push(scoreShown(split.val, shownByEngine(engine, split.val), ds.items));
        const m = sums[i]![sums[i]!.length - 1]!;
        console.log(`  ${JSON.stringify(w)} recall ${m.recall.toFixed(4)} explore ${m.explore_recall.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      });
      console.log(`seed ${seed}: ${split.val.length} validation customers × ${points.length} settings, ${((performance.now() - started) / 1000).toFixed(0)} s so far`);
    } finally {
      closeDatabase(replica.db);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const avg = (ms: StarterMetrics[], f: (m: StarterMetrics) => number) => round(ms.reduce((s, m) => s + f(m), 0) / ms.length, 6);
  const grid = points.map((w, i) => ({
    weights: w,
    metrics: {
      hit_rate: avg(sums[i]!, (m) => m.hit_rate),
      recall: avg(sums[i]!, (m) => m.recall),
      explore_recall: avg(sums[i]!, (m) => m.explore_recall),
      products_shown: avg(sums[i]!, (m) => m.products_shown),
      usual_share: avg(sums[i]!, (m) => m.kind_shares.usual ?? 0),
    },
  }));
  const floor = exploreFloor();
  const best = choose(grid, floor);
  for (const g of grid) console.log(`${JSON.stringify(g.weights)} hit ${g.metrics.hit_rate.toFixed(4)} recall ${g.metrics.recall.toFixed(4)} explore ${g.metrics.explore_recall.toFixed(4)} usual ${g.metrics.usual_share.toFixed(3)}`);
  console.log(`chosen (explore floor ${floor}): ${JSON.stringify(best)}`);
  const result = { dataset: path.basename(opts.orders), seeds: Array.from({ length: seeds }, (_, i) => i + 1), users: 'validation customers of each seed', explore_floor: floor, rule: 'best recall (then hit rate) with explore recall ≥ the floor (co-occurrence, eval:nbr validation, at 10)', chosen: best, grid, seconds: round((performance.now() - started) / 1000, 6) };
  fs.writeFileSync(OUT, `${JSON.stringify(result, null, 2)}\n`);
  if (!argv.includes('--dry-run')) {
    fs.writeFileSync(WEIGHTS_FILE, weightsModule(best.weights, `chosen on validation customers, ${seeds === 1 ? 'seed 1' : `seeds 1–${seeds}`}: ${OUT.slice(REPO_ROOT.length + 1)}`));
    console.log(`wrote ${path.relative(process.cwd(), WEIGHTS_FILE)}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
