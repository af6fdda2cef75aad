// Metrics of the Reality Check paper, written to match its evaluation/metrics.py and
// evaluation/model_performance.py (github.com/liming-7/A-Next-Basket-Recommendation-Reality-Check):
// - Recall@k  = hits in the top k / |target basket|.
// - NDCG@k    = binary-gain DCG of the top k / IDCG, where get_NDCG sums the ideal DCG over the
//   WHOLE target basket: idcg = Σ_{i < |target|} 1/log2(i+2), not capped at k. So when the target
//   holds more than k items NDCG@k stays below 1 even for a perfect list. We follow the paper's
//   code (that is what its published numbers mean) and also report `ndcg_capped@k` (ideal over
//   min(|target|, k), the textbook definition) so both readings are available.
// - PHR@k     = share of users with at least one hit in the top k.
// - repeat / explore recall@k: the target split into items the user bought in their history
//   (repeat) and new ones (explore); each recall is averaged over the users who have such items.
// - repeat_ratio@k: share of the top k that are items from the user's history.
// Per seed the metrics are means over users; `averageRuns` then averages the seeds, as the paper does.

export const KS = [10, 20] as const;

export function hitsAt(truth: ReadonlySet<number>, ranked: readonly number[], k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (truth.has(ranked[i]!)) hits++;
  return hits;
}

export function recallAt(truth: ReadonlySet<number>, ranked: readonly number[], k: number): number {
  return truth.size ? hitsAt(truth, ranked, k) / truth.size : 0;
}

export function dcgAt(truth: ReadonlySet<number>, ranked: readonly number[], k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (truth.has(ranked[i]!)) dcg += 1 / Math.log2(i + 2);
  return dcg;
}

/** The paper's NDCG: ideal DCG over the whole target basket (see the header). */
export function ndcgAt(truth: ReadonlySet<number>, ranked: readonly number[], k: number): number {
  return truth.size ? dcgAt(truth, ranked, k) / idcg(truth.size) : 0;
}

/** Textbook NDCG: ideal DCG over min(|target|, k). */
export function ndcgCappedAt(truth: ReadonlySet<number>, ranked: readonly number[], k: number): number {
  return truth.size ? dcgAt(truth, ranked, k) / idcg(Math.min(k, truth.size)) : 0;
}

function idcg(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += 1 / Math.log2(i + 2);
  return s;
}

export function phrAt(truth: ReadonlySet<number>, ranked: readonly number[], k: number): number {
  return hitsAt(truth, ranked, k) > 0 ? 1 : 0;
}

export type Metrics = Record<string, number>;

export interface EvalCase {
  /** The target basket's items. */
  truth: readonly number[];
  /** Items in the user's history baskets (what counts as a repeat). */
  seen: ReadonlySet<number>;
  ranked: readonly number[];
}

/** Mean metrics over users for one run. Keys: recall@k, ndcg@k, ndcg_capped@k, phr@k, repeat_recall@k, explore_recall@k, repeat_ratio@k. */
export function evaluateRun(cases: readonly EvalCase[], ks: readonly number[] = KS): Metrics {
  const sums: Record<string, number> = {};
  const counts: Record<string, number> = {};
  const add = (key: string, v: number) => {
    sums[key] = (sums[key] ?? 0) + v;
    counts[key] = (counts[key] ?? 0) + 1;
  };
  for (const c of cases) {
    const truth = new Set(c.truth);
    const repeat = new Set([...truth].filter((i) => c.seen.has(i)));
    const explore = new Set([...truth].filter((i) => !c.seen.has(i)));
    for (const k of ks) {
      add(`recall@${k}`, recallAt(truth, c.ranked, k));
      add(`ndcg@${k}`, ndcgAt(truth, c.ranked, k));
      add(`ndcg_capped@${k}`, ndcgCappedAt(truth, c.ranked, k));
      add(`phr@${k}`, phrAt(truth, c.ranked, k));
      if (repeat.size) add(`repeat_recall@${k}`, recallAt(repeat, c.ranked, k));
      if (explore.size) add(`explore_recall@${k}`, recallAt(explore, c.ranked, k));
      const top = c.ranked.slice(0, k);
      add(`repeat_ratio@${k}`, top.filter((i) => c.seen.has(i)).length / k);
    }
  }
  const out: Metrics = {};
  for (const key of Object.keys(sums)) out[key] = sums[key]! / counts[key]!;
  return out;
}

/** Mean of each metric over runs (seeds), plus its standard deviation under `<key>_sd`. */
export function averageRuns(runs: readonly Metrics[]): { mean: Metrics; sd: Metrics } {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const mean: Metrics = {};
  const sd: Metrics = {};
  for (const k of keys) {
    const v = runs.map((r) => r[k]).filter((x): x is number => x !== undefined);
    const m = v.reduce((a, b) => a + b, 0) / v.length;
    mean[k] = m;
    sd[k] = v.length > 1 ? Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) : 0;
  }
  return { mean, sd };
}
