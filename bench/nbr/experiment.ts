// One seed of the evaluation: split, fit every method on the training data, choose its
// parameters on the validation users, and measure it on the test users.
import type { Basket } from '../../core/engine/links.js';
import { buildItemModel, DEFAULT_RANK_PARAMS, rankItems, type ItemModel, type ItemModelOptions, type RankParams } from '../../core/engine/rank.js';
import {
  COOCCURRENCE_GRID,
  Cooccurrence,
  gpTopFreq,
  gTopFreq,
  itemCounts,
  popularityOrder,
  popularityRank,
  pTopFreq,
  type Recommender,
} from './baselines.js';
import { evaluateRun, type EvalCase, type Metrics } from './metrics.js';
import { splitUsers, trainingSequences, type Dataset, type NbrUser, type Split } from './protocol.js';
import { TIFU_GRID, TifuPool, type NeighbourCache, type TifuParams } from './tifuKnn.js';

export const METHODS = ['endcap', 'g-topfreq', 'p-topfreq', 'gp-topfreq', 'cooccurrence', 'tifu-knn'] as const;
export type MethodName = (typeof METHODS)[number];

/** Lists are scored at 10 and 20. */
const LIST = 20;

/**
 * What parameters are chosen by on the validation users: the mean of Recall@10, Recall@20,
 * NDCG@10 and NDCG@20 (one number for "overall quality", steadier than any one of them on a
 * validation set of a few hundred users).
 */
export function selectionScore(m: Metrics): number {
  return ((m['recall@10'] ?? 0) + (m['recall@20'] ?? 0) + (m['ndcg@10'] ?? 0) + (m['ndcg@20'] ?? 0)) / 4;
}

/**
 * Recommenders see the user's id and history only; the target's day is passed on just for the
 * "visit day known" ablation, and no recommender ever sees the target's items.
 */
export function evaluateUsers(users: readonly NbrUser[], rec: Recommender, revealVisitDay = false): Metrics {
  const cases: EvalCase[] = users.map((u) => ({
    truth: u.target.items,
    seen: new Set(u.history.flatMap((b) => b.items)),
    ranked: rec(revealVisitDay ? { id: u.id, history: u.history, visitDay: u.target.day } : { id: u.id, history: u.history }, LIST),
  }));
  return evaluateRun(cases);
}

export interface MethodRun {
  test: Metrics;
  validation: Metrics;
  params: Record<string, unknown> | null;
  /** Validation score of every grid point tried (absent for parameter-free methods). */
  grid?: { params: Record<string, unknown>; score: number }[];
  /** Test metrics of variants of the chosen setting (reported, never used to choose). */
  ablations?: Record<string, Metrics>;
  seconds: number;
}

/** Endcap with one component switched off, or with the visit day known (as on the device). */
export const ENDCAP_ABLATIONS: Record<string, { vary: (p: RankParams) => RankParams; revealVisitDay?: boolean }> = {
  'no repeat rate (repeatRateWeight 0)': { vary: (p) => ({ ...p, repeatRateWeight: 0 }) },
  'no cadence (dueWeight 0)': { vary: (p) => ({ ...p, dueWeight: 0 }) },
  'no follow-up links (exploreWeight 0)': { vary: (p) => ({ ...p, exploreWeight: 0 }) },
  'no popularity prior (popularityWeight 0)': { vary: (p) => ({ ...p, popularityWeight: 0 }) },
  'visit day known (today = the target basket day)': { vary: (p) => p, revealVisitDay: true },
};

export interface SeedRun {
  seed: number;
  users: { train: number; validation: number; test: number };
  methods: Record<MethodName, MethodRun>;
}

/** The item model's link options are fixed (chosen on validation users during development, see README). */
export const ENDCAP_MODEL_OPTIONS: Partial<ItemModelOptions> = { windowDays: 60, minSupport: 5, minLift: 1.5, maxPerFrom: 20, maxKeysPerCustomer: 100 };

/**
 * The ranking's blend is searched on the validation users coordinate by coordinate (two passes
 * over the parameters, each trying every value of one parameter with the others held), starting
 * from the engine's defaults (as a full grid these 8 parameters would be 23,040 points).
 */
// Widened until the chosen values are interior or sit on a bound of the parameter itself
// (a weight of 0, a decay of 1, one seed basket, a lift cap of 1 = lift ignored).
export const ENDCAP_SPACE: { [K in Exclude<keyof RankParams, 'today'>]: readonly number[] } = {
  recencyDecay: [0.5, 0.6, 0.7, 0.85, 0.95, 1],
  repeatShrink: [0, 0.5, 1, 3, 10],
  repeatRateWeight: [0, 0.5, 1, 1.5, 2, 3],
  dueWeight: [0, 0.15, 0.3, 0.6, 1.2],
  exploreWeight: [0, 0.05, 0.1, 0.2, 0.5, 1, 2],
  popularityWeight: [0, 0.25, 0.5, 1, 2, 4],
  seedBaskets: [1, 2, 3, 5],
  liftCap: [1, 3, 10, 30],
};

export function runSeed(ds: Dataset, seed: number, log: (s: string) => void = () => {}): SeedRun {
  const split = splitUsers(ds.users, seed);
  const seqs = trainingSequences(split);
  const n = ds.items.length;
  const counts = itemCounts(seqs, n);
  const popular = popularityOrder(counts);
  const popRank = popularityRank(popular, n);

  const methods = {} as Record<MethodName, MethodRun>;
  const fixed = (name: MethodName, rec: Recommender) => {
    const t = Date.now();
    methods[name] = { validation: evaluateUsers(split.val, rec), test: evaluateUsers(split.test, rec), params: null, seconds: (Date.now() - t) / 1000 };
  };
  fixed('g-topfreq', gTopFreq(popular));
  fixed('p-topfreq', pTopFreq(popRank));
  fixed('gp-topfreq', gpTopFreq(popular, popRank));

  {
    const t = Date.now();
    const co = new Cooccurrence(seqs, n, counts);
    methods.cooccurrence = chooseAndTest(
      split,
      COOCCURRENCE_GRID.map((p) => ({ params: { ...p }, rec: co.recommender(p, popular, popRank) })),
      t,
    );
    log(`  seed ${seed}: cooccurrence ${methods.cooccurrence.seconds.toFixed(1)} s`);
  }

  {
    const t = Date.now();
    // A stream, not a list: one pool (and its cache of neighbour means) is alive at a time, besides the best one's.
    function* candidates(): Generator<{ params: Record<string, unknown>; rec: Recommender }> {
      for (const v of TIFU_GRID.vector) {
        const pool = new TifuPool(seqs, n, v);
        const cache: NeighbourCache = new Map();
        const deepest = Math.max(...TIFU_GRID.neighbours);
        for (const neighbours of [deepest, ...TIFU_GRID.neighbours.filter((k) => k !== deepest)]) {
          for (const alpha of TIFU_GRID.alpha) {
            const params: TifuParams = { ...v, neighbours, alpha };
            yield { params: { ...params }, rec: pool.recommender(neighbours, alpha, cache) };
          }
        }
      }
    }
    methods['tifu-knn'] = chooseAndTest(split, candidates(), t);
    log(`  seed ${seed}: tifu-knn ${methods['tifu-knn'].seconds.toFixed(1)} s`);
  }

  {
    const t = Date.now();
    const model = buildItemModel(toEngineBaskets(seqs, ds.items), ENDCAP_MODEL_OPTIONS);
    const built = (Date.now() - t) / 1000;
    const grid: { params: Record<string, unknown>; score: number }[] = [];
    const best = coordinateSearch(ENDCAP_SPACE, DEFAULT_RANK_PARAMS, (p) => {
      const validation = evaluateUsers(split.val, endcapRecommender(model, ds.items, p));
      const score = selectionScore(validation);
      grid.push({ params: { ...p }, score });
      return { score, validation };
    });
    const ablations: Record<string, Metrics> = {};
    for (const [name, a] of Object.entries(ENDCAP_ABLATIONS)) {
      ablations[name] = evaluateUsers(split.test, endcapRecommender(model, ds.items, a.vary(best.params)), a.revealVisitDay);
    }
    methods.endcap = {
      test: evaluateUsers(split.test, endcapRecommender(model, ds.items, best.params)),
      validation: best.validation,
      params: { ...best.params, model: ENDCAP_MODEL_OPTIONS },
      grid,
      ablations,
      seconds: (Date.now() - t) / 1000,
    };
    log(`  seed ${seed}: endcap ${methods.endcap.seconds.toFixed(1)} s (item model ${built.toFixed(1)} s, ${grid.length} settings tried)`);
  }

  return { seed, users: { train: split.train.length, validation: split.val.length, test: split.test.length }, methods };
}

/** Evaluates every candidate on the validation users, then only the best one on the test users. */
function chooseAndTest(split: Split, candidates: Iterable<{ params: Record<string, unknown>; rec: Recommender }>, started: number): MethodRun {
  let best: { params: Record<string, unknown>; rec: Recommender; validation: Metrics; score: number } | null = null;
  const grid: { params: Record<string, unknown>; score: number }[] = [];
  for (const c of candidates) {
    const validation = evaluateUsers(split.val, c.rec);
    const score = selectionScore(validation);
    grid.push({ params: c.params, score });
    if (!best || score > best.score) best = { ...c, validation, score };
  }
  const test = evaluateUsers(split.test, best!.rec);
  return { test, validation: best!.validation, params: best!.params, grid, seconds: (Date.now() - started) / 1000 };
}

/** The engine ranks SKU strings; the benchmark's baskets hold item ids. */
export function toEngineBaskets(seqs: readonly { userId: string; baskets: readonly { day: number; items: readonly number[] }[] }[], items: readonly string[]): Basket[] {
  return seqs.flatMap((s) => s.baskets.map((b) => ({ customerId: s.userId, day: b.day, keys: b.items.map((i) => items[i]!) })));
}

export function endcapRecommender(model: ItemModel, items: readonly string[], params: RankParams): Recommender {
  const index = new Map(items.map((s, i) => [s, i]));
  return (user, k) =>
    rankItems(
      user.history.map((b) => ({ customerId: user.id, day: b.day, keys: b.items.map((i) => items[i]!) })),
      model,
      k,
      user.visitDay === undefined ? params : { ...params, today: user.visitDay },
    ).map((s) => index.get(s)!);
}

/**
 * Coordinate search: for each parameter in turn, try all its values with the others fixed and
 * keep a strictly better one; `rounds` passes. Each distinct point is evaluated once.
 */
export function coordinateSearch<P extends object>(
  space: { [K in keyof P]?: readonly number[] },
  start: P,
  evaluate: (p: P) => { score: number; validation: Metrics },
  rounds = 2,
): { params: P; score: number; validation: Metrics } {
  const seen = new Map<string, { score: number; validation: Metrics }>();
  const run = (p: P) => {
    const key = JSON.stringify(p);
    let r = seen.get(key);
    if (!r) {
      r = evaluate(p);
      seen.set(key, r);
    }
    return r;
  };
  let best = { params: start, ...run(start) };
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const [key, values] of Object.entries(space) as [keyof P, readonly number[]][]) {
      for (const v of values) {
        const p = { ...best.params, [key]: v };
        const r = run(p);
        if (r.score > best.score) {
          best = { params: p, ...r };
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  return best;
}
