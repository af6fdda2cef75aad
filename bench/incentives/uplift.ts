// Which incentive to offer whom, learned from a randomized test (Hillstrom: Mens e-mail,
// Womens e-mail, no e-mail). Own code, documented rather than a library: a two-model
// (T-learner) uplift estimate where each arm's model is the mean outcome per segment, shrunk
// towards the arm's overall mean, and the policy offers the arm with the largest estimated
// uplift net of its cost, or nothing when no arm pays for itself.

export interface Row {
  /** The segment a merchandiser can read: e.g. "mens+womens · newbie · 2) $100 - $200". */
  segment: string;
  /** Randomized arm; 'none' is the control. */
  arm: string;
  outcome: number;
}

export interface UpliftModel {
  arms: string[];
  /** Per segment and arm: estimated outcome. */
  cell: Map<string, Map<string, number>>;
  armMean: Map<string, number>;
}

/** Pseudo-observations pulling a small segment's mean towards its arm's overall mean. */
export const SHRINK = 50;

export function fitTwoModel(rows: readonly Row[], shrink = SHRINK): UpliftModel {
  const armSum = new Map<string, { s: number; n: number }>();
  const cells = new Map<string, Map<string, { s: number; n: number }>>();
  for (const r of rows) {
    const a = armSum.get(r.arm) ?? armSum.set(r.arm, { s: 0, n: 0 }).get(r.arm)!;
    a.s += r.outcome;
    a.n++;
    const bySeg = cells.get(r.segment) ?? cells.set(r.segment, new Map()).get(r.segment)!;
    const c = bySeg.get(r.arm) ?? bySeg.set(r.arm, { s: 0, n: 0 }).get(r.arm)!;
    c.s += r.outcome;
    c.n++;
  }
  const armMean = new Map([...armSum].map(([k, v]) => [k, v.s / v.n]));
  const cell = new Map<string, Map<string, number>>();
  for (const [seg, byArm] of cells) {
    const m = new Map<string, number>();
    for (const arm of armMean.keys()) {
      const c = byArm.get(arm) ?? { s: 0, n: 0 };
      m.set(arm, (c.s + shrink * armMean.get(arm)!) / (c.n + shrink));
    }
    cell.set(seg, m);
  }
  return { arms: [...armMean.keys()].sort(), cell, armMean };
}

/** Estimated uplift of each arm over the control in a segment (the arm's mean outcome where the segment is unseen). */
export function upliftOf(model: UpliftModel, segment: string, control: string): Map<string, number> {
  const m = model.cell.get(segment) ?? model.armMean;
  return new Map(model.arms.filter((a) => a !== control).map((a) => [a, m.get(a)! - m.get(control)!]));
}

/** The arm with the largest uplift net of its cost, or the control when none is positive. */
export function choose(model: UpliftModel, segment: string, control: string, cost: Readonly<Record<string, number>>): { arm: string; net: number } {
  let best = { arm: control, net: 0 };
  for (const [arm, u] of upliftOf(model, segment, control)) {
    const net = u - (cost[arm] ?? 0);
    if (net > best.net) best = { arm, net };
  }
  return best;
}

/**
 * Inverse-propensity estimate of a policy's value per customer on randomized data: customers
 * whose logged arm is the one the policy picks stand in for everyone, weighted by 1/propensity.
 * Value = outcome − the cost of the arm given.
 */
export function ipsValue(rows: readonly Row[], policy: (segment: string) => string, propensity: ReadonlyMap<string, number>, cost: Readonly<Record<string, number>>): number {
  let sum = 0;
  for (const r of rows) if (policy(r.segment) === r.arm) sum += (r.outcome - (cost[r.arm] ?? 0)) / propensity.get(r.arm)!;
  return sum / rows.length;
}

/**
 * Qini curve of a ranking (most promising first): after the top k customers, the treated
 * customers' outcome minus the control customers' scaled to as many. Returns the area between
 * the curve and the straight line to its end point, per customer (the Qini coefficient's numerator).
 */
export function qiniAuc(ranked: readonly { treated: boolean; outcome: number }[]): { auc: number; curve: number[] } {
  let yt = 0;
  let nt = 0;
  let yc = 0;
  let nc = 0;
  const curve: number[] = [0];
  for (const r of ranked) {
    if (r.treated) {
      yt += r.outcome;
      nt++;
    } else {
      yc += r.outcome;
      nc++;
    }
    curve.push(yt - (nc ? (yc * nt) / nc : 0));
  }
  const n = ranked.length;
  const end = curve[n]!;
  let area = 0;
  for (let k = 1; k <= n; k++) area += curve[k]! - (end * k) / n;
  return { auc: n ? area / n / n : 0, curve };
}
