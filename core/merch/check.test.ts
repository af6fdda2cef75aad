import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { MerchAffinity } from '../contract/areas/merchTypes.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { openEngineStore } from '../testing/engineStore.js';
import { withLargeChainStatistics } from '../testing/largeChainStatistics.js';
import { explainPlan } from '../testing/queryPlan.js';
import { CATEGORY_SALES_SQL, checkPolicy } from './check.js';
import { defaultPolicy, loadMerchPolicy } from './policy.js';

let db: Database.Database;
beforeEach(() => {
  db = openEngineStore();
});

const aff = (id: string, from: string, to: string, extra: Partial<MerchAffinity> = {}): MerchAffinity => ({
  id, fromCategoryId: from, toCategoryId: to, skus: [], minDelayDays: 0, maxDelayDays: 30, weight: 1, seasonStart: null, seasonEnd: null, storeIds: [], active: true, note: '', ...extra,
});
const check = (affinities: MerchAffinity[], extra: Partial<ReturnType<typeof defaultPolicy>> = {}) =>
  checkPolicy(db, { ...defaultPolicy(), blockedCategories: ['health'], ...extra, affinities }, SMALL_NOW);

describe('rules that can never fire', () => {
  it('names the reason of each', () => {
    db.prepare(`UPDATE products SET status = 'discontinued' WHERE category_id = 'home/coffee/beans'`).run();
    db.prepare(`UPDATE inventory SET on_hand = 2 WHERE sku IN ('JACKET-1', 'JACKET-CLR')`).run();
    const r = check([
      aff('fine', 'outdoor/camping/tents', 'outdoor/camping/sleeping-bags'),
      aff('off', 'outdoor/camping/tents', 'outdoor/camping/pads', { active: false }),
      aff('blocked', 'footwear/running', 'health/personal-care'),
      aff('from-blocked', 'health', 'footwear/socks'),
      aff('winter', 'footwear/running', 'footwear/socks', { seasonStart: '11-01', seasonEnd: '02-28' }),
      aff('far', 'footwear/running', 'apparel/jackets', { minDelayDays: 600, maxDelayDays: 700 }),
      aff('gone', 'footwear/running', 'home/coffee/beans'),
      aff('cheap', 'footwear/running', 'outdoor/camping/pads', { skus: ['PAD-CHEAP', 'PAD-THIN'] }),
      aff('empty', 'outdoor/camping/tents', 'apparel/jackets'),
    ]);
    expect(r.neverFires.map((n) => [n.affinityId, n.reason])).toEqual([
      ['off', 'inactive'],
      ['blocked', 'blocked_category'],
      ['from-blocked', 'blocked_category'],
      ['winter', 'out_of_season_today'],
      ['far', 'window_beyond_history'],
      ['gone', 'no_products'],
      ['cheap', 'nothing_passes_guardrails'],
      ['empty', 'no_stock_anywhere'],
    ]);
    expect(r.neverFires.find((n) => n.affinityId === 'empty')!.message).toBe('No store has 8 or more of any product it could suggest.');
  });

  it('counts stock only in the stores a rule applies to', () => {
    db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES ('SOCK-1', 'S2', 100, 0, 'now', 1)`).run();
    db.prepare(`UPDATE inventory SET on_hand = 0 WHERE sku = 'SOCK-1' AND location_id = 'S1'`).run();
    expect(check([aff('s2', 'footwear/running', 'footwear/socks', { storeIds: ['S2'] })]).neverFires).toEqual([]);
    expect(check([aff('s1', 'footwear/running', 'footwear/socks', { storeIds: ['S1'] })]).neverFires.map((n) => n.reason)).toEqual(['no_stock_anywhere']);
  });
});

describe('rules that shadow each other', () => {
  it('reports a rule that never shows, and one that loses where both apply', () => {
    const r = check([
      aff('strong', 'outdoor/camping', 'outdoor/camping/sleeping-bags', { minDelayDays: 7, maxDelayDays: 45 }),
      aff('weak', 'outdoor/camping/tents', 'outdoor/camping/sleeping-bags', { minDelayDays: 7, maxDelayDays: 45, weight: 0.5 }),
      aff('later', 'outdoor/camping/tents', 'outdoor/camping/sleeping-bags', { minDelayDays: 30, maxDelayDays: 90, weight: 0.4 }),
      aff('elsewhere', 'footwear/running', 'outdoor/camping/sleeping-bags', { weight: 0.2 }),
    ]);
    expect(r.shadowed.map((s) => [s.affinityId, s.byAffinityId, s.full])).toEqual([
      ['weak', 'strong', true],
      ['later', 'strong', false],
      ['later', 'weak', false],
    ]);
  });

  it('does not report rules for different seasons or stores', () => {
    const r = check([
      aff('summer', 'footwear/running', 'footwear/socks', { seasonStart: '05-01', seasonEnd: '08-31' }),
      aff('winter', 'footwear/running', 'footwear/socks', { seasonStart: '11-01', seasonEnd: '02-28', weight: 0.5 }),
      aff('s1', 'outdoor/camping/tents', 'outdoor/camping/pads', { storeIds: ['S1'] }),
      aff('s2', 'outdoor/camping/tents', 'outdoor/camping/pads', { storeIds: ['S2'], weight: 0.5 }),
    ]);
    expect(r.shadowed).toEqual([]);
  });
});

describe('cycles and coverage', () => {
  it('names the rules of a cycle', () => {
    const r = check([aff('a', 'footwear/running', 'footwear/socks'), aff('b', 'footwear/socks', 'apparel/jackets'), aff('c', 'apparel/jackets', 'footwear/running')]);
    expect(r.cycles).toEqual([
      { categoryIds: ['footwear/running', 'footwear/socks', 'apparel/jackets', 'footwear/running'], affinityIds: ['a', 'b', 'c'], message: 'Affinities lead in a circle: footwear/running → footwear/socks → apparel/jackets → footwear/running.' },
    ]);
    expect(r.problems.map((p) => p.path)).toEqual(['cycle']);
  });

  it('lists leaf categories no active rule touches, biggest sellers first, leaving out blocked ones', () => {
    const r = checkPolicy(db, loadMerchPolicy(db, 1), SMALL_NOW);
    expect(r.uncovered.map((u) => [u.categoryId, u.salesShare])).toEqual([['outdoor/tents', 1], ['apparel/jackets', 0], ['home/coffee/beans', 0]]);
    expect(r.uncovered.every((u) => u.products > 0)).toBe(true);
    expect(r).toMatchObject({ problems: [], neverFires: [], shadowed: [], cycles: [] });
  });
});

describe('category sales for coverage', () => {
  it('are read from the orders of the period, also once the replica has statistics', () => {
    // with a large chain's statistics SQLite once planned this from the products side, through
    // every order line of the chain (10 s instead of 3.5 s for a year of 1.1M lines)
    withLargeChainStatistics(db);
    const [outer, next] = explainPlan(db, CATEGORY_SALES_SQL, ['2026-01-01']).split('\n');
    expect(outer).toMatch(/^(SCAN|SEARCH) o\b/);
    expect(next).toMatch(/^SEARCH ol USING PRIMARY KEY \(order_id=\?\)$/);
  });
});
