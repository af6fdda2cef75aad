// npm run eval:starters -- [--orders PATH] [--format generic|online-retail] [--seeds 3] [--out PATH] [--no-verify]
//
// Measures what an associate is shown: a replica built from the order file (replica.ts), the
// real OfferEngine.preview for each test customer at their target basket's time, and the
// products of its starters scored against that basket; next to P-TopFreq, GP-TopFreq, TIFU-KNN
// and the old pipeline (each category's best sellers), passed through the same guardrails and
// cut to the same number of products, in the same run. Protocol and split: eval:nbr's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OfferEngine } from '../../core/engine/decide.js';
import { IDEA_WEIGHTS } from '../../core/engine/ideaWeights.js';
import type { Policy } from '../../core/engine/policy.js';
import { closeDatabase } from '../../core/db/open.js';
import { gpTopFreq, itemCounts, popularityOrder, popularityRank, pTopFreq, type Recommender } from '../nbr/baselines.js';
import { parseArgs } from '../nbr/cli.js';
import { checkFacts, loadOrders } from '../nbr/load.js';
import { buildDataset, DAY_MS, splitUsers, trainingSequences, type Dataset, type NbrUser, type Split } from '../nbr/protocol.js';
import { TifuPool, type TifuParams } from '../nbr/tifuKnn.js';
import { REPO_ROOT, round } from '../report.js';
import { GRID } from './grid.js';
import { buildReplica, STORE, type Replica } from './replica.js';

const DEFAULT_OUT = path.resolve(REPO_ROOT, 'bench/results/starters-quality.json');
const NBR_RESULTS = path.resolve(REPO_ROOT, 'bench/results/engine-quality.json');
/** The paper's TaFeng setting, used only when eval:nbr has not chosen one for a seed. */
const TIFU_FALLBACK: TifuParams = { groups: 7, withinDecay: 0.9, groupDecay: 0.7, neighbours: 300, alpha: 0.7 };
/** How deep a baseline's list is read before the guardrails and the budget cut it. */
const DEPTH = 300;

export const BASELINES = ['old-pipeline', 'p-topfreq', 'gp-topfreq', 'tifu-knn'] as const;
type Baseline = (typeof BASELINES)[number];

/** What one method showed one customer: products in order, and the kinds of the starters (endcap only). */
export interface Shown {
  skus: string[];
  kinds: string[];
}

export interface StarterMetrics {
  hit_rate: number;
  recall: number;
  explore_recall: number;
  coverage: number;
  kind_shares: Record<string, number>;
  /** Mean products shown per customer (the budget every method gets). */
  products_shown: number;
}

/**
 * The evaluation's policy: the product's defaults, except that every customer is in the
 * personalized arm with no exploration draw (the holdout and trials are measured elsewhere), and
 * no price gate: Online Retail's prices are wholesale pounds (median £2), which the default
 * $15 gate would refuse almost entirely — for every method alike.
 */
export function evaluationPolicy(p: Policy): Policy {
  return { ...p, guardrails: { ...p.guardrails, minPriceCents: 0, holdoutShare: 0, explorationShare: 0 } };
}

export function scoreShown(users: readonly NbrUser[], shown: readonly Shown[], items: readonly string[]): StarterMetrics {
  let hits = 0;
  let recall = 0;
  let explore = 0;
  let exploreUsers = 0;
  let products = 0;
  const covered = new Set<string>();
  const kinds = new Map<string, number>();
  users.forEach((u, i) => {
    const s = shown[i]!;
    const target = new Set(u.target.items.map((x) => items[x]!));
    const bought = new Set(u.history.flatMap((b) => b.items.map((x) => items[x]!)));
    const got = s.skus.filter((sku) => target.has(sku));
    if (got.length) hits++;
    recall += got.length / target.size;
    const newToThem = [...target].filter((sku) => !bought.has(sku));
    if (newToThem.length) {
      exploreUsers++;
      explore += got.filter((sku) => !bought.has(sku)).length / newToThem.length;
    }
    products += s.skus.length;
    for (const sku of s.skus) covered.add(sku);
    for (const k of s.kinds) kinds.set(k, (kinds.get(k) ?? 0) + 1);
  });
  const n = Math.max(1, users.length);
  const starters = [...kinds.values()].reduce((a, b) => a + b, 0);
  return {
    hit_rate: hits / n,
    recall: recall / n,
    explore_recall: exploreUsers ? explore / exploreUsers : 0,
    coverage: covered.size / items.length,
    kind_shares: Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1]).map(([k, c]) => [k, round(c / starters, 6)])),
    products_shown: products / n,
  };
}

/**
 * The guardrails a starter's product passes, for a baseline's product: the price gate, the
 * margin floor and blocked categories (policy), stock here above threshold + safety buffer, and
 * the exclusion window (nothing new in a category bought within it; buying the same product
 * again is a refill, which the engine's replenishment ideas may offer too).
 */
function guarded(replica: Replica, policy: Policy, user: NbrUser, items: readonly string[], now: number): (sku: string) => boolean {
  const g = policy.guardrails;
  const bought = new Set(user.history.flatMap((b) => b.items.map((x) => items[x]!)));
  const recent = new Set<string>();
  for (const b of user.history) if ((now - b.time) / DAY_MS < g.exclusionWindowDays) for (const x of b.items) recent.add(replica.categoryOf.get(items[x]!)!);
  const stock = replica.db.prepare(`SELECT on_hand - reserved - local_reserved AS n FROM inventory WHERE sku = ? AND location_id = ?`).pluck();
  const cost = replica.db.prepare(`SELECT cost_cents FROM products WHERE sku = ?`).pluck();
  return (sku) => {
    const price = replica.priceCents.get(sku)!;
    const category = replica.categoryOf.get(sku)!;
    if (price < g.minPriceCents) return false;
    if (price > 0 && (price - (cost.get(sku) as number)) / price < g.marginFloor) return false;
    if (policy.blockedCategories.some((b) => category === b || category.startsWith(`${b}/`))) return false;
    if (((stock.get(sku, STORE) as number | undefined) ?? 0) < g.stockThreshold + g.safetyBuffer) return false;
    if (!bought.has(sku) && recent.has(category)) return false;
    return true;
  };
}

/** Before issue 16: the customer's categories, most bought first, each filled with its best sellers they never bought. */
function oldPipeline(replica: Replica, ds: Dataset): Recommender {
  const byCategory = new Map<string, number[]>();
  const popularity = replica.db.prepare(`SELECT sku FROM products ORDER BY popularity DESC, sku`).pluck().all() as string[];
  const index = new Map(ds.items.map((s, i) => [s, i]));
  for (const sku of popularity) {
    const c = replica.categoryOf.get(sku)!;
    (byCategory.get(c) ?? byCategory.set(c, []).get(c)!).push(index.get(sku)!);
  }
  return ({ history }, k) => {
    const count = new Map<string, number>();
    const bought = new Set<number>();
    for (const b of history) for (const x of b.items) {
      bought.add(x);
      const c = replica.categoryOf.get(ds.items[x]!)!;
      count.set(c, (count.get(c) ?? 0) + 1);
    }
    const lists = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => byCategory.get(c)!.filter((x) => !bought.has(x)));
    const out: number[] = [];
    for (let i = 0; out.length < k && lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length && out.length < k) out.push(l[i]!);
    return out;
  };
}

/** The explore target: co-occurrence's explore recall at 10 on eval:nbr's test customers. */
function exploreFloorTest(): number | null {
  try {
    return (JSON.parse(fs.readFileSync(NBR_RESULTS, 'utf8')) as { methods: { cooccurrence: { 'explore_recall@10': number } } }).methods.cooccurrence['explore_recall@10'];
  } catch {
    return null;
  }
}

function tifuParams(seed: number): TifuParams {
  try {
    const chosen = (JSON.parse(fs.readFileSync(NBR_RESULTS, 'utf8')) as { methods: { 'tifu-knn': { params: (TifuParams & { seed: number })[] } } }).methods['tifu-knn'].params;
    const p = chosen.find((x) => x.seed === seed);
    if (p) return { groups: p.groups, withinDecay: p.withinDecay, groupDecay: p.groupDecay, neighbours: p.neighbours, alpha: p.alpha };
  } catch {
    // no eval:nbr result here: the paper's setting
  }
  return TIFU_FALLBACK;
}

/** One share of the list for their usual, measured on the test customers. */
interface TradeOffPoint {
  usualMaxProducts: number;
  hit_rate: number;
  recall: number;
  explore_recall: number;
  products_shown: number;
  /** The best recall of P-TopFreq, GP-TopFreq, TIFU-KNN and the old pipeline, guarded, at the same budget. */
  best_baseline_recall: number;
}

interface SeedResult {
  seed: number;
  test_customers: number;
  tifu_params: TifuParams;
  methods: Record<string, StarterMetrics>;
  unconstrained: Record<string, StarterMetrics>;
  trade_off: TradeOffPoint[];
  seconds: number;
}

/** What the real engine shows each of `users` at their target basket's time (its distinct products, in order). */
export function shownByEngine(engine: OfferEngine, users: readonly NbrUser[]): Shown[] {
  const policy = engine.usable(evaluationPolicy(engine.currentPolicy()));
  return users.map((u) => {
    const [e] = engine.preview({ customerId: u.id, cart: [], storeId: STORE, staffId: null, now: new Date(u.target.time) }, [policy]);
    const skus = [...new Set(e!.result.starters.flatMap((s) => s.products.map((p) => p.sku)))];
    return { skus, kinds: e!.result.starters.map((s) => s.kind) };
  });
}

function runSeed(ds: Dataset, seed: number, catalog: Parameters<typeof buildReplica>[3], log: (s: string) => void): SeedResult {
  const started = performance.now();
  const split: Split = splitUsers(ds.users, seed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-eval-starters-'));
  const replica = buildReplica(path.join(dir, 'endcap.db'), ds, split, catalog);
  try {
    log(`seed ${seed}: replica built in ${((performance.now() - started) / 1000).toFixed(1)} s; ${split.test.length} test customers`);
    const engine = new OfferEngine(replica.db, { standalone: true });
    const policy = engine.usable(evaluationPolicy(engine.currentPolicy()));
    const endcap = shownByEngine(engine, split.test);

    const seqs = trainingSequences(split);
    const popular = popularityOrder(itemCounts(seqs, ds.items.length));
    const popRank = popularityRank(popular, ds.items.length);
    const tifu = tifuParams(seed);
    const recommenders: Record<Baseline, Recommender> = {
      'old-pipeline': oldPipeline(replica, ds),
      'p-topfreq': pTopFreq(popRank),
      'gp-topfreq': gpTopFreq(popular, popRank),
      'tifu-knn': new TifuPool(seqs, ds.items.length, tifu).recommender(tifu.neighbours, tifu.alpha),
    };
    // each baseline's list for each customer, read once: guarded and plain, cut to a budget later
    const lists = BASELINES.map((name) =>
      split.test.map((u) => {
        const list = recommenders[name]({ id: u.id, history: u.history }, DEPTH).map((x) => ds.items[x]!);
        const ok = guarded(replica, policy.policy, u, ds.items, u.target.time);
        return { guarded: list.filter(ok), plain: list };
      }),
    );
    // every method gets the number of products the associate saw
    const cut = (b: number, shown: readonly Shown[], which: 'guarded' | 'plain'): Shown[] => lists[b]!.map((l, i) => ({ skus: l[which].slice(0, shown[i]!.skus.length), kinds: [] }));
    const methods: Record<string, StarterMetrics> = { endcap: scoreShown(split.test, endcap, ds.items) };
    const unconstrained: Record<string, StarterMetrics> = {};
    BASELINES.forEach((name, b) => {
      methods[name] = scoreShown(split.test, cut(b, endcap, 'guarded'), ds.items);
      if (name !== 'old-pipeline') unconstrained[name] = scoreShown(split.test, cut(b, endcap, 'plain'), ds.items);
    });
    // The trade-off the blend makes: each share the tuning grid offered their usual, on these
    // test customers, beside the best baseline at the same budget (reported, not chosen from).
    const tradeOff = GRID.usualMaxProducts.map((usualMaxProducts) => {
      const shown = usualMaxProducts === IDEA_WEIGHTS.usualMaxProducts ? endcap : shownByEngine(new OfferEngine(replica.db, { standalone: true, ideaWeights: { ...IDEA_WEIGHTS, usualMaxProducts } }), split.test);
      const m = scoreShown(split.test, shown, ds.items);
      const baselineRecall = Math.max(...BASELINES.map((_, b) => scoreShown(split.test, cut(b, shown, 'guarded'), ds.items).recall));
      return { usualMaxProducts, hit_rate: m.hit_rate, recall: m.recall, explore_recall: m.explore_recall, products_shown: m.products_shown, best_baseline_recall: baselineRecall };
    });
    return { seed, test_customers: split.test.length, tifu_params: tifu, methods, unconstrained, trade_off: tradeOff, seconds: round((performance.now() - started) / 1000, 6) };
  } finally {
    closeDatabase(replica.db);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function mean(runs: readonly Record<string, StarterMetrics>[]): Record<string, StarterMetrics> {
  const out: Record<string, StarterMetrics> = {};
  for (const name of Object.keys(runs[0] ?? {})) {
    const all = runs.map((r) => r[name]!);
    const avg = (f: (m: StarterMetrics) => number) => round(all.reduce((s, m) => s + f(m), 0) / all.length, 6);
    const kinds = new Map<string, number>();
    for (const m of all) for (const [k, v] of Object.entries(m.kind_shares)) kinds.set(k, (kinds.get(k) ?? 0) + v / all.length);
    out[name] = {
      hit_rate: avg((m) => m.hit_rate),
      recall: avg((m) => m.recall),
      explore_recall: avg((m) => m.explore_recall),
      coverage: avg((m) => m.coverage),
      kind_shares: Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, round(v, 6)])),
      products_shown: avg((m) => m.products_shown),
    };
  }
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = parseArgs(argv);
  const seeds = argv.some((a) => a.startsWith('--seeds')) ? opts.seeds : 3;
  const out = argv.some((a) => a.startsWith('--out')) ? opts.out : DEFAULT_OUT;
  const log = (s: string) => console.log(s);
  const loaded = await loadOrders(opts.orders, opts.format);
  if (opts.format === 'online-retail' && opts.verify) {
    const problems = checkFacts(loaded.facts);
    if (problems.length) throw new Error(`the file is not the published online_retail: ${problems.join('; ')}`);
  }
  const ds = buildDataset(loaded.orders);
  log(`${ds.stats.users} customers, ${ds.items.length} items`);
  const perSeed: SeedResult[] = [];
  for (let seed = 1; seed <= seeds; seed++) perSeed.push(runSeed(ds, seed, loaded.catalog, log));
  const result = {
    dataset: path.basename(opts.orders),
    seeds: perSeed.map((r) => r.seed),
    budget: "per test customer, the number of distinct products the engine showed them (the list's budget is 8: 4 starters × 2, of which their usual may take up to 6); every method gets that many",
    categories: 'product-code family: the first three characters of the SKU (replica.ts codeFamily)',
    policy: 'product defaults; holdout 0, exploration 0, no price gate (evaluationPolicy)',
    idea_weights: { ...IDEA_WEIGHTS, chosen_by: 'bench/starters/tune.ts on validation customers (bench/results/starters-tuning.json)' },
    methods: mean(perSeed.map((r) => r.methods)),
    unconstrained: mean(perSeed.map((r) => r.unconstrained)),
    trade_off: {
      explore_floor: `co-occurrence's explore recall at 10 in eval:nbr (test): ${exploreFloorTest()}`,
      points: perSeed[0]!.trade_off.map((p, i) => {
        const avg = (f: (x: TradeOffPoint) => number) => round(perSeed.reduce((sum, r) => sum + f(r.trade_off[i]!), 0) / perSeed.length, 6);
        return { usualMaxProducts: p.usualMaxProducts, hit_rate: avg((x) => x.hit_rate), recall: avg((x) => x.recall), explore_recall: avg((x) => x.explore_recall), products_shown: avg((x) => x.products_shown), best_baseline_recall: avg((x) => x.best_baseline_recall) };
      }),
    },
    per_seed: perSeed,
    machine: { cpus: os.cpus().length, node: process.version },
  };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  const rows = Object.entries(result.methods).map(([name, m]) => `${name.padEnd(14)} ${m.hit_rate.toFixed(4)}  ${m.recall.toFixed(4)}  ${m.explore_recall.toFixed(4)}  ${m.coverage.toFixed(4)}  ${m.products_shown.toFixed(2)}`);
  log(`\nunder the same guardrails, same budget (test customers, mean of ${seeds} seeds)\nmethod         hit     recall  explore coverage shown\n${rows.join('\n')}`);
  log(`endcap kinds: ${JSON.stringify(result.methods.endcap!.kind_shares)}`);
  log(`trade-off (their usual's share of the list; explore floor ${exploreFloorTest()}):\n${result.trade_off.points.map((p) => `  usual ≤ ${p.usualMaxProducts}: recall ${p.recall.toFixed(4)} (best baseline ${p.best_baseline_recall.toFixed(4)}), explore ${p.explore_recall.toFixed(4)}, hit ${p.hit_rate.toFixed(4)}`).join('\n')}`);
  log(`wrote ${path.relative(process.cwd(), out)}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
