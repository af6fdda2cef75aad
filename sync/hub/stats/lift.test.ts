import { describe, expect, it } from 'vitest';
import { liftOfClusters, liftWithCi, type Cluster, type LiftObservation } from './lift.js';
import { seededRng } from './random.js';

function trial(perArm: number, visits: number, pTreated: number, pControl: number, customerSpread: number, seed: number): LiftObservation[] {
  const rng = seededRng(seed);
  const obs: LiftObservation[] = [];
  for (const [arm, p] of [['treated', pTreated], ['control', pControl]] as const) {
    for (let c = 0; c < perArm; c++) {
      // Each customer has their own propensity to buy: visits of one customer are correlated.
      const own = Math.min(1, Math.max(0, p + (rng() - 0.5) * customerSpread));
      for (let v = 0; v < visits; v++) obs.push({ arm, cluster: `${arm}${c}`, value: rng() < own ? 1 : 0 });
    }
  }
  return obs;
}

describe('lift with a bootstrap over customers', () => {
  it('recovers a known difference inside its 95 % interval, away from zero', () => {
    const r = liftWithCi(trial(2000, 1, 0.3, 0.2, 0, 11));
    expect(r.status).toBe('ok');
    if (r.status !== 'ok') return;
    expect(r.ci95[0]).toBeLessThan(0.1);
    expect(r.ci95[1]).toBeGreaterThan(0.1);
    expect(r.ci95[0]).toBeGreaterThan(0);
    expect(r.treated.customers).toBe(2000);
  });

  it('covers the true difference in about 95 % of repeated experiments', () => {
    let covered = 0;
    for (let s = 0; s < 100; s++) {
      const r = liftWithCi(trial(500, 1, 0.3, 0.2, 0, 1000 + s), { resamples: 400, seed: s });
      if (r.status === 'ok' && r.ci95[0] <= 0.1 && 0.1 <= r.ci95[1]) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(88);
    expect(covered).toBeLessThanOrEqual(99);
  });

  it('no true effect: the interval holds 0', () => {
    const r = liftWithCi(trial(1000, 2, 0.25, 0.25, 0.3, 2));
    expect(r.status === 'ok' && r.ci95[0] < 0 && r.ci95[1] > 0).toBe(true);
  });

  it('repeat visits of one customer widen the interval (customers, not visits, are the sample)', () => {
    // Same visits in total: 200 customers × 10 visits with strong customer effects vs 2000 × 1.
    const clustered = liftWithCi(trial(200, 10, 0.3, 0.2, 0.5, 3));
    const flat = liftWithCi(trial(2000, 1, 0.3, 0.2, 0, 3));
    if (clustered.status !== 'ok' || flat.status !== 'ok') throw new Error('expected estimates');
    expect(clustered.ci95[1] - clustered.ci95[0]).toBeGreaterThan(1.3 * (flat.ci95[1] - flat.ci95[0]));
  });

  it('says "not enough data yet" below the minimum samples, naming what is missing', () => {
    const r = liftWithCi(trial(20, 1, 0.5, 0.5, 0, 4));
    expect(r.status).toBe('not_enough_data');
    if (r.status === 'not_enough_data') expect(r.reason).toMatch(/20 of 30 holdout customers/);
    const noOutcome = liftWithCi(trial(100, 1, 0.3, 0, 0, 5));
    expect(noOutcome.status === 'not_enough_data' && /0 of 5 customers with an outcome in the holdout/.test(noOutcome.reason)).toBe(true);
  });

  it('is repeatable: the same data gives the same interval', () => {
    const obs = trial(300, 1, 0.3, 0.2, 0, 6);
    expect(liftWithCi(obs)).toEqual(liftWithCi(obs));
  });

  it('the clustered normal approximation agrees with the bootstrap', () => {
    const obs = trial(400, 5, 0.3, 0.2, 0.5, 7);
    const per = (arm: 'treated' | 'control') => {
      const m = new Map<string, Cluster>();
      for (const o of obs.filter((x) => x.arm === arm)) {
        const c = m.get(o.cluster) ?? m.set(o.cluster, { sum: 0, n: 0 }).get(o.cluster)!;
        c.sum += o.value;
        c.n += 1;
      }
      return [...m.values()];
    };
    const boot = liftOfClusters(per('treated'), per('control'), { resamples: 2000 });
    const normal = liftOfClusters(per('treated'), per('control'), {}, 'clustered_normal');
    if (boot.status !== 'ok' || normal.status !== 'ok') throw new Error('expected estimates');
    expect(normal.lift).toBeCloseTo(boot.lift, 12);
    const width = (r: typeof boot) => (r.status === 'ok' ? r.ci95[1] - r.ci95[0] : NaN);
    expect(Math.abs(width(normal) / width(boot) - 1)).toBeLessThan(0.1);
  });
});
