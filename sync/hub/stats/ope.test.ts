import { describe, expect, it } from 'vitest';
import { doublyRobust, effectiveSampleSize, ips, meanRewardModel, onPolicy, snips, type LoggedDecision } from './ope.js';
import { seededRng } from './random.js';

// Five actions with known click rates; logs under a uniform policy, target prefers the good ones.
const CLICK = [0.02, 0.05, 0.1, 0.2, 0.01];
const TARGET = [0.1, 0.1, 0.2, 0.5, 0.1];
const TRUTH = CLICK.reduce((s, p, a) => s + p * TARGET[a]!, 0); // 0.123

function uniformLogs(n: number, seed: number): LoggedDecision[] {
  const rng = seededRng(seed);
  return Array.from({ length: n }, () => {
    const a = Math.floor(rng() * CLICK.length);
    return { action: String(a), context: '', reward: rng() < CLICK[a]! ? 1 : 0, propensity: 1 / CLICK.length, targetProbability: TARGET[a]! };
  });
}
const targetMap = () => new Map(TARGET.map((p, a) => [String(a), p]));
const inside = (x: number, ci: [number, number]) => ci[0] <= x && x <= ci[1];

describe('off-policy estimators on synthetic logs with a known target value', () => {
  const logs = uniformLogs(20_000, 1);

  it('IPS, SNIPS and DR put the true value inside their 95 % interval', () => {
    for (const e of [ips(logs), snips(logs), doublyRobust(logs, meanRewardModel(logs, targetMap))]) {
      expect(inside(TRUTH, e.ci95)).toBe(true);
      expect(Math.abs(e.value - TRUTH)).toBeLessThan(0.01);
      expect(e.n).toBe(20_000);
    }
  });

  it('covers the truth in about 95 % of repeated experiments (IPS)', () => {
    let covered = 0;
    for (let s = 0; s < 200; s++) if (inside(TRUTH, ips(uniformLogs(2000, 100 + s)).ci95)) covered++;
    expect(covered / 200).toBeGreaterThan(0.9);
    expect(covered / 200).toBeLessThanOrEqual(0.99);
  });

  it('DR with a fitted reward model is tighter than IPS', () => {
    const i = ips(logs);
    const d = doublyRobust(logs, meanRewardModel(logs, targetMap));
    expect(d.ci95[1] - d.ci95[0]).toBeLessThan(i.ci95[1] - i.ci95[0]);
  });

  it('the effective sample size shrinks as the target departs from the logger', () => {
    expect(effectiveSampleSize([1, 1, 1, 1])).toBe(4);
    expect(effectiveSampleSize([4, 0, 0, 0])).toBe(1);
    const ess = ips(logs).ess;
    expect(ess).toBeLessThan(logs.length);
    expect(ess).toBeGreaterThan(logs.length / 3);
  });

  it('the target equal to the logger gives back the on-policy rate exactly (SNIPS)', () => {
    const same = logs.map((r) => ({ ...r, targetProbability: r.propensity }));
    expect(snips(same).value).toBeCloseTo(onPolicy(logs.map((r) => r.reward)).value, 12);
    expect(ips(same).ess).toBeCloseTo(logs.length, 6);
  });

  it('a grouped row counts as that many identical decisions', () => {
    const grouped = new Map<string, LoggedDecision>();
    for (const r of logs) {
      const k = `${r.action}|${r.reward}`;
      const g = grouped.get(k);
      if (g) g.count = (g.count ?? 1) + 1;
      else grouped.set(k, { ...r, count: 1 });
    }
    const rows = [...grouped.values()];
    expect(rows.length).toBeLessThanOrEqual(10);
    for (const [a, b] of [[ips(rows), ips(logs)], [snips(rows), snips(logs)], [doublyRobust(rows, meanRewardModel(rows, targetMap)), doublyRobust(logs, meanRewardModel(logs, targetMap))]] as const) {
      expect(a.value).toBeCloseTo(b.value, 10);
      expect(a.ci95[0]).toBeCloseTo(b.ci95[0], 10);
      expect(a.ess).toBeCloseTo(b.ess, 6);
      expect(a.n).toBe(b.n);
    }
  });

  it('refuses a logged propensity of 0 with a clear error', () => {
    expect(() => ips([{ action: 'x', context: '', reward: 1, propensity: 0, targetProbability: 1 }])).toThrow(/propensity must be > 0/);
  });
});
