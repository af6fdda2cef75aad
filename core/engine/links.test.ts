import { describe, expect, it } from 'vitest';
import { learnFollowLinks, learnRepeatKeys, median, type Basket } from './links.js';

// 100 customers: 40 buy a tent then a bag 20 days later; 10 buy a bag first; 50 buy only coffee.
function history(): Basket[] {
  const out: Basket[] = [];
  for (let i = 0; i < 100; i++) {
    const c = `c${String(i).padStart(3, '0')}`;
    if (i < 40) out.push({ customerId: c, day: 100, keys: ['tent'] }, { customerId: c, day: 120, keys: ['bag'] });
    else if (i < 50) out.push({ customerId: c, day: 100, keys: ['bag'] }, { customerId: c, day: 130, keys: ['tent'] });
    else out.push({ customerId: c, day: 100, keys: ['coffee'] }, { customerId: c, day: 121, keys: ['coffee', 'mug'] });
  }
  return out;
}

describe('learnFollowLinks', () => {
  const links = learnFollowLinks(history(), { windowDays: 60, minSupport: 5, minLift: 1.2, maxPerFrom: 5 });
  const link = (from: string, to: string) => links.find((l) => l.from === from && l.to === to);

  it('measures support, confidence, lift and the typical delay of a follow-up', () => {
    // 40 of 50 tent buyers bought a bag after; 50 of 100 customers ever bought a bag
    expect(link('tent', 'bag')).toEqual({ from: 'tent', to: 'bag', support: 40, confidence: 0.8, lift: 1.6, medianDelayDays: 20 });
  });

  it('is time-lagged: a purchase before the other one is not a follow-up', () => {
    // 10 bought the bag first then a tent: bag → tent has support 10, confidence 10/50, lift 0.2/0.5 < 1.2
    expect(link('bag', 'tent')).toBeUndefined();
  });

  it('counts purchases in the same basket and later ones alike', () => {
    expect(link('coffee', 'mug')).toMatchObject({ support: 50, medianDelayDays: 21 });
  });

  it('drops links under the minimum support', () => {
    expect(learnFollowLinks(history(), { windowDays: 60, minSupport: 41, minLift: 1, maxPerFrom: 5 }).find((l) => l.from === 'tent')).toBeUndefined();
  });

  it('ignores follow-ups outside the window', () => {
    expect(learnFollowLinks(history(), { windowDays: 10, minSupport: 5, minLift: 1, maxPerFrom: 5 }).find((l) => l.from === 'tent' && l.to === 'bag')).toBeUndefined();
  });

  it('keeps at most maxPerFrom links per category', () => {
    const many: Basket[] = [];
    for (let i = 0; i < 30; i++) many.push({ customerId: `x${i}`, day: 1, keys: ['a', 'b', 'c', 'd', 'e'] });
    for (let i = 0; i < 30; i++) many.push({ customerId: `y${i}`, day: 1, keys: ['z'] });
    const out = learnFollowLinks(many, { windowDays: 5, minSupport: 1, minLift: 1, maxPerFrom: 2 });
    expect(out.filter((l) => l.from === 'a')).toHaveLength(2);
  });
});

describe('median', () => {
  it('handles odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('learnRepeatKeys', () => {
  it('tells refills (bought again within the window) from one-off purchases', () => {
    const b: Basket[] = [];
    for (let i = 0; i < 20; i++) {
      const c = `r${String(i).padStart(2, '0')}`;
      b.push({ customerId: c, day: 0, keys: ['beans', 'boots'] }, { customerId: c, day: 21, keys: ['beans'] });
      if (i < 10) b.push({ customerId: c, day: 42, keys: ['beans'] });
      if (i < 2) b.push({ customerId: c, day: 300, keys: ['boots'] }); // a new pair ten months later is no refill
    }
    const keys = learnRepeatKeys(b, 90, 5);
    expect(keys.find((k) => k.key === 'beans')).toEqual({ key: 'beans', buyers: 20, repeatShare: 1, medianGapDays: 21 });
    expect(keys.find((k) => k.key === 'boots')).toMatchObject({ buyers: 20, repeatShare: 0 });
    expect(learnRepeatKeys(b, 90, 21)).toEqual([]);
  });
});
