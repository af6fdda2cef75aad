// Off-policy estimates of a target policy's value (mean reward) from decisions logged under
// another policy: inverse propensity scoring (IPS), self-normalized IPS (SNIPS) and doubly
// robust (DR) with a simple reward model. Each comes with a 95 % normal-approximation interval
// and the effective sample size of its importance weights, so a reader can tell a real estimate
// from one resting on a handful of lucky rows.
import { Z95, mean, variance } from './random.js';

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

export function effectiveSampleSize(w: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const x of w) {
    s += x;
    s2 += x * x;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Mean ± 1.96 standard errors of per-row terms. */
function normalEstimate(terms: readonly number[], w: readonly number[]): OpeEstimate {
  const value = mean(terms);
  const se = Math.sqrt(variance(terms) / terms.length);
  return { value, ci95: [value - Z95 * se, value + Z95 * se], ess: effectiveSampleSize(w), n: terms.length };
}

/** IPS: mean of w·r. Unbiased when every target action has a logged propensity > 0. */
export function ips(rows: readonly LoggedDecision[]): OpeEstimate {
  const w = weights(rows);
  return normalEstimate(rows.map((r, i) => w[i]! * r.reward), w);
}

/** SNIPS: Σ w·r / Σ w. Slightly biased, much steadier when weights are large; CI by the delta method. */
export function snips(rows: readonly LoggedDecision[]): OpeEstimate {
  const w = weights(rows);
  const wMean = mean(w);
  const value = mean(rows.map((r, i) => w[i]! * r.reward)) / wMean;
  const influence = rows.map((r, i) => (w[i]! * (r.reward - value)) / wMean);
  const se = Math.sqrt(mean(influence.map((x) => x * x)) / rows.length);
  return { value, ci95: [value - Z95 * se, value + Z95 * se], ess: effectiveSampleSize(w), n: rows.length };
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
  const add = (m: Map<string, { sum: number; n: number }>, k: string, r: number) => {
    const e = m.get(k) ?? m.set(k, { sum: 0, n: 0 }).get(k)!;
    e.sum += r;
    e.n += 1;
  };
  for (const r of rows) {
    add(byContext, r.context, r.reward);
    add(byPair, `${r.context}\u0000${r.action}`, r.reward);
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
export function onPolicy(rewards: readonly number[]): OpeEstimate {
  const ones = rewards.map(() => 1);
  return normalEstimate(rewards, ones);
}
