import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../core/engine/assignment.js';
import { evidenceByType, shopperTypeOf, vipThreshold, type Customer } from './shopperTypes.js';

const base: Customer = { recency: 3, history: 100, newbie: false, arm: 'No E-Mail', visit: 0 };

describe('Hillstrom customers as Endcap shopper types', () => {
  it('asks recency, then spend, then "new", as the segment rules do', () => {
    expect(shopperTypeOf({ ...base, recency: 10, history: 5000, newbie: true }, 1000)).toBe('lapsing');
    expect(shopperTypeOf({ ...base, history: 5000, newbie: true }, 1000)).toBe('vip');
    expect(shopperTypeOf({ ...base, newbie: true }, 1000)).toBe('first_timer');
    expect(shopperTypeOf(base, 1000)).toBe('regular');
  });

  it('puts the VIP line at the top 5 % of spend', () => {
    const cs = Array.from({ length: 100 }, (_, i) => ({ ...base, history: i + 1 }));
    expect(vipThreshold(cs)).toBe(95);
  });

  it('seeds the default kinds only where the uplift surely clears the cost, and nothing where it does not', () => {
    // first-timers visit 30 % with an e-mail, 10 % without; regulars 10 % either way
    const make = (newbie: boolean, arm: string, rate: number) =>
      Array.from({ length: 1000 }, (_, i) => ({ ...base, newbie, arm, history: 1000 - i, visit: i < rate * 1000 ? 1 : 0 }));
    const cs = [...make(true, 'Mens E-Mail', 0.3), ...make(true, 'No E-Mail', 0.1), ...make(false, 'Mens E-Mail', 0.1), ...make(false, 'No E-Mail', 0.1)];
    const byType = new Map(evidenceByType(cs, cs, 'No E-Mail', 0.03, seededRandom('t')).map((e) => [e.type, e]));
    expect(byType.get('first_timer')!.uplift).toBeCloseTo(0.2, 1); // the top 5 % by spend are VIPs
    expect(byType.get('first_timer')!.ci95[0]).toBeGreaterThan(0.03);
    expect(byType.get('first_timer')!.seed_rule).toEqual(['free_shipping']);
    expect(byType.get('regular')!.uplift).toBeCloseTo(0, 1);
    expect(byType.get('regular')!.seed_rule).toEqual([]);
  });
});
