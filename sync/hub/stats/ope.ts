// Off-policy estimates of a target policy's value (mean reward) from decisions logged under
// another policy: inverse propensity scoring (IPS), self-normalized IPS (SNIPS) and doubly
// robust (DR) with a simple reward model. Each comes with a 95 % normal-approximation interval
// and the effective sample size of its importance weights, so a reader can tell a real estimate
// from one resting on a handful of lucky rows.
import { Z95 } from './random.js';

/** One logged decision: what was shown, what came of it, and both policies' odds of showing it. */
export interface LoggedDecision {
  /** The action shown (e.g. an item, or an item at a position). */
  action: string;
  /** Context that a reward model may condition on (e.g. the slot); '' when none. */
  context: string;
  /** Observed reward (1 = clicked or used, 0 = not). */
  reward: number;
  /** The logging policy's probability of the shown action (> 0). */
  propensity: number;
  /** The target policy's probability of the shown action in this context. */
  targetProbability: number;
  /** How many identical decisions this row stands for (default 1): a report passes grouped rows. */
  count?: number;
}

export interface OpeEstimate {
  value: number;
  ci95: [number, number];
  /** Effective sample size of the importance weights: (Σw)² / Σw². */
  ess: number;
  n: number;
}

function weights(rows: readonly LoggedDecision[]): number[] {
  return rows.map((r) => {
    if (!(r.propensity > 0)) throw new RangeError(`A logged propensity must be > 0 (got ${r.propensity} for ${r.action}).`);
    return r.targetProbability / r.propensity;
  });
}

export function effectiveSampleSize(w: readonly number[], counts?: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  w.forEach((x, i) => {
    const c = counts?.[i] ?? 1;
    s += c * x;
    s2 += c * x * x;
  });
  return s2 > 0 ? (s * s) / s2 : 0;
}

const countsOf = (rows: readonly LoggedDecision[]) => rows.map((r) => r.count ?? 1);

/** Weighted mean and sample variance of per-row terms, each standing for `counts[i]` decisions. */
function moments(terms: readonly number[], counts: readonly number[]): { n: number; mean: number; variance: number } {
  let n = 0;
  let sum = 0;
  terms.forEach((t, i) => {
    n += counts[i]!;
    sum += counts[i]! * t;
  });
  const m = n ? sum / n : NaN;
  let ss = 0;
  terms.forEach((t, i) => (ss += counts[i]! * (t - m) * (t - m)));
  return { n, mean: m, variance: n > 1 ? ss / (n - 1) : NaN };
}

/** Mean ± 1.96 standard errors of per-row terms. */
function normalEstimate(terms: readonly number[], w: readonly number[], counts: readonly number[]): OpeEstimate {
  const { n, mean: value, variance: v } = moments(terms, counts);
  const se = Math.sqrt(v / n);
  return { value, ci95: [value - Z95 * se, value + Z95 * se], ess: effectiveSampleSize(w, counts), n };
}

/** IPS: mean of w·r. Unbiased when every target action has a logged propensity > 0. */
export function ips(rows: readonly LoggedDecision[]): OpeEstimate {
  const w = weights(rows);
  return normalEstimate(rows.map((r, i) => w[i]! * r.reward), w, countsOf(rows));
}

/** SNIPS: Σ w·r / Σ w. Slightly biased, much steadier when weights are large; CI by the delta method. */
export function snips(rows: readonly LoggedDecision[]): OpeEstimate {
  const w = weights(rows);
  const counts = countsOf(rows);
  const wMean = moments(w, counts).mean;
  const value = moments(rows.map((r, i) => w[i]! * r.reward), counts).mean / wMean;
  const influence = moments(rows.map((r, i) => ((w[i]! * (r.reward - value)) / wMean) ** 2), counts);
  const se = Math.sqrt(influence.mean / influence.n);
  return { value, ci95: [value - Z95 * se, value + Z95 * se], ess: effectiveSampleSize(w, counts), n: influence.n };
}

/** A reward model as DR uses it: its guess for the shown action, and for the target policy's choice. */
export interface RewardModel {
  /** q̂(context, shown action). */
  predicted(row: LoggedDecision): number;
  /** Σ_a π_target(a | context) · q̂(context, a). */
  targetValue(row: LoggedDecision): number;
}

/** DR: the model's value of the target, corrected by the weighted residuals of the logged rows. */
export function doublyRobust(rows: readonly LoggedDecision[], model: RewardModel): OpeEstimate {
  const w = weights(rows);
  return normalEstimate(
    rows.map((r, i) => model.targetValue(r) + w[i]! * (r.reward - model.predicted(r))),
    w,
    countsOf(rows),
  );
}

/**
 * The simple reward model: the mean reward of each (context, action) in the logs, shrunk toward
 * the context's mean by `prior` pseudo-rows (rare actions then do not get 0 % or 100 %).
 * `target(context)` lists the target policy's probability of each action in that context.
 */
export function meanRewardModel(rows: readonly LoggedDecision[], target: (context: string) => ReadonlyMap<string, number>, prior = 20): RewardModel {
  const byContext = new Map<string, { sum: number; n: number }>();
  const byPair = new Map<string, { sum: number; n: number }>();
  const add = (m: Map<string, { sum: number; n: number }>, k: string, r: LoggedDecision) => {
    const e = m.get(k) ?? m.set(k, { sum: 0, n: 0 }).get(k)!;
    e.sum += r.reward * (r.count ?? 1);
    e.n += r.count ?? 1;
  };
  for (const r of rows) {
    add(byContext, r.context, r);
    add(byPair, `${r.context}\u0000${r.action}`, r);
  }
  const contextMean = (c: string) => {
    const e = byContext.get(c);
    return e && e.n ? e.sum / e.n : 0;
  };
  const q = (c: string, a: string) => {
    const e = byPair.get(`${c}\u0000${a}`) ?? { sum: 0, n: 0 };
    return (e.sum + prior * contextMean(c)) / (e.n + prior);
  };
  const targetCache = new Map<string, number>();
  return {
    predicted: (r) => q(r.context, r.action),
    targetValue: (r) => {
      let v = targetCache.get(r.context);
      if (v === undefined) {
        v = 0;
        for (const [a, p] of target(r.context)) v += p * q(r.context, a);
        targetCache.set(r.context, v);
      }
      return v;
    },
  };
}

/** The on-policy value of logs read as they are: the mean reward with its normal 95 % interval. */
export function onPolicy(rewards: readonly number[], counts: readonly number[] = rewards.map(() => 1)): OpeEstimate {
  return normalEstimate(rewards, rewards.map(() => 1), counts);
}
