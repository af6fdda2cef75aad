import { describe, expect, it } from 'vitest';
import type { Basket } from './links.js';
import { boundKeysPerCustomer, buildItemModel, DEFAULT_RANK_PARAMS, rankItems, repeatRates, scoreItems, type RankParams } from './rank.js';

const EMPTY = buildItemModel([]);
const ONLY_REPEAT: RankParams = { ...DEFAULT_RANK_PARAMS, repeatShrink: 0, repeatRateWeight: 0, dueWeight: 0, exploreWeight: 0, popularityWeight: 0 };

function basket(customerId: string, day: number, ...keys: string[]): Basket {
  return { customerId, day, keys };
}

// 60 customers buy a tent and then, 10 days later, a sleeping bag; 60 others only buy coffee twice.
function campers(): Basket[] {
  const out: Basket[] = [];
  for (let i = 0; i < 60; i++) out.push(basket(`t${i}`, 100, 'tent'), basket(`t${i}`, 110, 'bag'));
  for (let i = 0; i < 60; i++) out.push(basket(`c${i}`, 100, 'coffee'), basket(`c${i}`, 107, 'coffee'));
  return out;
}

describe('rankItems', () => {
  it('ranks the customer’s own items by recency-decayed frequency', () => {
    const history = [basket('me', 1, 'a', 'b'), basket('me', 8, 'a', 'c'), basket('me', 15, 'c')];
    // a: 0.9² + 0.9 = 1.71, c: 0.9 + 1 = 1.9, b: 0.81
    expect(rankItems(history, EMPTY, 3, { ...ONLY_REPEAT, recencyDecay: 0.9 })).toEqual(['c', 'a', 'b']);
  });

  it('prefers a repeat item that is due by the customer’s own cadence', () => {
    // flour every 14 days (last on day 28); salt every 4 days, also last on day 28, but it is
    // in more recent baskets. On day 40 flour is due (12/14 of its gap), salt is overdue 3×.
    const history = [
      basket('me', 0, 'flour'),
      basket('me', 14, 'flour'),
      basket('me', 20, 'salt'),
      basket('me', 24, 'salt'),
      basket('me', 28, 'flour', 'salt'),
    ];
    const params = { ...ONLY_REPEAT, recencyDecay: 0.9, today: 40 };
    expect(rankItems(history, EMPTY, 2, params)).toEqual(['salt', 'flour']);
    const withCadence = scoreItems(history, EMPTY, 2, { ...params, dueWeight: 0.5 });
    expect(withCadence.map((r) => r.key)).toEqual(['flour', 'salt']);
    expect(withCadence[0]!.due).toBeGreaterThan(0);
    expect(withCadence[1]!.due).toBe(0);
  });

  it('estimates the visit day from the customer’s usual gap when it is not given', () => {
    // baskets every 10 days; flour every 20 days, last on day 30 → next visit day 40 → due 0.5: not yet
    const history = [basket('me', 10, 'flour'), basket('me', 20, 'tea'), basket('me', 30, 'flour')];
    expect(scoreItems(history, EMPTY, 5, { ...ONLY_REPEAT, dueWeight: 1 }).find((r) => r.key === 'flour')!.due).toBe(0);
    expect(scoreItems(history, EMPTY, 5, { ...ONLY_REPEAT, dueWeight: 1, today: 52 }).find((r) => r.key === 'flour')!.due).toBeGreaterThan(0);
  });

  it('suggests a strong learned follow-up of a recent purchase over a merely popular item', () => {
    const model = buildItemModel(campers(), { minSupport: 5, minLift: 1.2, windowDays: 30 });
    expect(model.links.get('tent')?.map((l) => l.to)).toEqual(['bag']);
    const history = [basket('me', 200, 'socks'), basket('me', 230, 'tent')];
    const params = { ...DEFAULT_RANK_PARAMS, exploreWeight: 1, popularityWeight: 0.5 };
    const withLinks = scoreItems(history, model, 5, params);
    const at = (rows: { key: string }[], key: string) => rows.findIndex((r) => r.key === key);
    // Coffee is in twice as many baskets, but a bag is what follows a tent.
    expect(at(withLinks, 'bag')).toBeLessThan(at(withLinks, 'coffee'));
    expect(withLinks.find((r) => r.key === 'bag')!.explore).toBeGreaterThan(0.5);
    // Without the explore component the bag only competes on popularity, and coffee wins.
    const without = scoreItems(history, model, 5, { ...params, exploreWeight: 0 });
    expect(at(without, 'bag')).toBeGreaterThan(at(without, 'coffee'));
  });

  it('does not treat an item the customer already has as a follow-up', () => {
    const model = buildItemModel(campers(), { minSupport: 5, minLift: 1.2, windowDays: 30 });
    const history = [basket('me', 200, 'bag'), basket('me', 230, 'tent')];
    expect(scoreItems(history, model, 5, { ...DEFAULT_RANK_PARAMS, exploreWeight: 1 }).find((r) => r.key === 'bag')!.explore).toBe(0);
  });

  it('boosts items that usually come back in the next basket', () => {
    const model = buildItemModel(campers());
    // coffee always comes back (2 of 2 chances), the tent never does (0 of 60)
    expect(model.repeatRate.get('coffee')!).toBeGreaterThan(model.meanRepeatRate);
    expect(model.repeatRate.get('tent')!).toBeLessThan(model.meanRepeatRate);
    const history = [basket('me', 1, 'tent', 'coffee')];
    expect(rankItems(history, model, 2, { ...ONLY_REPEAT, repeatRateWeight: 1 })).toEqual(['coffee', 'tent']);
  });

  it('fills a short list with popular items and returns at most k', () => {
    const model = buildItemModel(campers());
    const out = rankItems([basket('me', 1, 'socks')], model, 3, { ...ONLY_REPEAT });
    expect(out[0]).toBe('socks');
    expect(out).toHaveLength(3);
    expect(rankItems([], model, 2)).toEqual(['coffee', 'bag']);
  });
});

describe('repeatRates', () => {
  it('counts how often a key is bought again in the next basket, shrunk towards the mean', () => {
    const b = [basket('x', 1, 'a', 'b'), basket('x', 2, 'a'), basket('x', 3, 'c')];
    // a: 1 of 2, b: 0 of 1; mean 1 of 3
    const r = repeatRates(b, 0);
    expect(r.meanRepeatRate).toBeCloseTo(1 / 3);
    expect(r.repeatRate.get('a')).toBeCloseTo(0.5);
    expect(r.repeatRate.get('b')).toBe(0);
    expect(repeatRates(b, 3).repeatRate.get('b')).toBeCloseTo((0 + 3 / 3) / (1 + 3));
  });
});

describe('boundKeysPerCustomer', () => {
  it('keeps the most recently adopted keys of customers over the bound, and everyone else untouched', () => {
    const b = [basket('big', 1, 'a', 'b'), basket('big', 5, 'c'), basket('big', 9, 'a', 'd'), basket('small', 1, 'a', 'b')];
    expect(boundKeysPerCustomer(b, 2)).toEqual([basket('big', 5, 'c'), basket('big', 9, 'd'), basket('small', 1, 'a', 'b')]);
    expect(boundKeysPerCustomer(b, 4)).toEqual(b);
  });
});
