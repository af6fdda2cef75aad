import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MerchAffinity, MerchPolicy } from '../contract/areas/merchTypes.js';
import { validatePolicy } from '../engine/validate.js';
import { GUARDRAIL_FIELDS } from './fields.js';
import { defaultPolicy, toEnginePolicy } from './policy.js';
import { isMonthDay, validateDraft, type References } from './validate.js';

const refs: References = {
  categories: new Set(['a', 'a/x', 'b', 'c', 'd']),
  stores: new Set(['S1', 'S2']),
  hasSku: (s) => s.startsWith('SKU-'),
};
const aff = (id: string, from: string, to: string, extra: Partial<MerchAffinity> = {}): MerchAffinity => ({
  id, fromCategoryId: from, toCategoryId: to, skus: [], minDelayDays: 0, maxDelayDays: 30, weight: 1, seasonStart: null, seasonEnd: null, storeIds: [], active: true, note: '', ...extra,
});
const policy = (extra: Partial<MerchPolicy> = {}): MerchPolicy => ({ ...defaultPolicy(), ...extra });
const paths = (p: MerchPolicy) => validateDraft(p, refs).map((x) => x.path);

describe('guardrails', () => {
  it('accepts the defaults', () => {
    expect(validateDraft(policy(), refs)).toEqual([]);
  });

  it.each(GUARDRAIL_FIELDS.map((f) => [f.key, f] as const))('checks the range of %s', (key, f) => {
    const at = (v: number) => paths(policy({ guardrails: { ...defaultPolicy().guardrails, [key]: v } }));
    expect(at(f.min)).toEqual([]);
    expect(at(f.max)).toEqual([]);
    expect(at(f.min - 1)).toEqual([`guardrails.${key}`]);
    expect(at(f.max + 1)).toEqual([`guardrails.${key}`]);
    expect(at(Number.NaN)).toEqual([`guardrails.${key}`]);
    if (f.integer) expect(at(f.min + 0.5)).toEqual([`guardrails.${key}`]);
    expect(f.description.length).toBeGreaterThan(20);
  });

  it('says what the range is', () => {
    const [problem] = validateDraft(policy({ guardrails: { ...defaultPolicy().guardrails, marginFloor: 1.2 } }), refs);
    expect(problem).toEqual({ path: 'guardrails.marginFloor', message: 'must be between 0 and 0.95' });
  });
});

describe('affinities, field by field', () => {
  it('names the field of each problem', () => {
    const problems = validateDraft(
      policy({
        affinities: [
          aff('unknown', 'a', 'zzz'),
          aff('self', 'b', 'b'),
          aff('negative', 'a', 'b', { minDelayDays: -3 }),
          aff('inverted', 'a', 'c', { minDelayDays: 30, maxDelayDays: 7 }),
          aff('fraction', 'a', 'd', { maxDelayDays: 7.5 }),
          aff('weight', 'b', 'c', { weight: 0 }),
          aff('heavy', 'b', 'd', { weight: 1.5 }),
          aff('month', 'c', 'd', { seasonStart: '13-01', seasonEnd: '02-30' }),
          aff('half', 'a', 'a/x', { seasonStart: '06-01' }),
          aff('skus', 'a/x', 'b', { skus: ['SKU-1', 'NOPE'] }),
          aff('stores', 'a/x', 'c', { storeIds: ['S1', 'S9'] }),
        ],
      }),
      refs,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'affinities.unknown.toCategoryId',
      'affinities.self.toCategoryId',
      'affinities.negative.minDelayDays',
      'affinities.inverted.maxDelayDays',
      'affinities.fraction.maxDelayDays',
      'affinities.weight.weight',
      'affinities.heavy.weight',
      'affinities.month.seasonStart',
      'affinities.month.seasonEnd',
      'affinities.half.seasonEnd',
      'affinities.skus.skus',
      'affinities.stores.storeIds',
    ]);
    expect(problems.find((p) => p.path === 'affinities.month.seasonEnd')?.message).toBe('02-30 is not a day of the year (MM-DD)');
    expect(problems.find((p) => p.path === 'affinities.skus.skus')?.message).toBe('unknown SKU NOPE');
  });

  it('allows a rule within one category when it names SKUs', () => {
    expect(paths(policy({ affinities: [aff('refill', 'b', 'b', { skus: ['SKU-2'] })] }))).toEqual([]);
  });

  it('knows real days of the year', () => {
    expect(['01-01', '02-29', '12-31'].every(isMonthDay)).toBe(true);
    expect(['00-10', '02-30', '04-31', '1-01', '12-32', ''].some(isMonthDay)).toBe(false);
  });
});

describe('blocked categories, incentives and cycles', () => {
  it('refuses unknown blocked categories', () => {
    expect(paths(policy({ blockedCategories: ['a', 'nope'] }))).toEqual(['blockedCategories.nope']);
  });

  it('allows price talk only to bargain hunters', () => {
    const incentives = { ...defaultPolicy().incentives, vip: ['sample' as const, 'scarcity' as const], big_cart: ['early_access' as const] };
    expect(validateDraft(policy({ incentives }), refs)).toEqual([
      { path: 'incentives.vip', message: 'scarcity may not be offered to this shopper type' },
      { path: 'incentives.big_cart', message: 'early access may not be offered to this shopper type' },
    ]);
  });

  it('finds cycles among active rules only', () => {
    const loop = [aff('1', 'a', 'b'), aff('2', 'b', 'c'), aff('3', 'c', 'a')];
    expect(validateDraft(policy({ affinities: loop }), refs)).toEqual([{ path: 'cycle', message: 'affinities lead in a circle: a → b → c → a' }]);
    expect(paths(policy({ affinities: [...loop.slice(0, 2), { ...loop[2]!, active: false }] }))).toEqual([]);
  });
});

describe('the console is never looser than the engine', () => {
  const categories = ['a', 'a/x', 'b', 'c', 'd'];
  const arbAffinity = fc.record({
    id: fc.constantFrom('r1', 'r2', 'r3'),
    fromCategoryId: fc.constantFrom(...categories, 'zzz'),
    toCategoryId: fc.constantFrom(...categories),
    skus: fc.constant<string[]>([]),
    minDelayDays: fc.integer({ min: -5, max: 60 }),
    maxDelayDays: fc.integer({ min: -5, max: 60 }),
    weight: fc.double({ min: -1, max: 12, noNaN: true }),
    seasonStart: fc.constantFrom(null, '01-01', '06-31', '13-01'),
    seasonEnd: fc.constantFrom(null, '12-31', '02-29'),
    storeIds: fc.constant<string[]>([]),
    active: fc.constant(true),
    note: fc.constant(''),
  });
  it('a draft the console accepts passes the engine’s validation', () => {
    fc.assert(
      fc.property(fc.uniqueArray(arbAffinity, { selector: (a) => a.id, maxLength: 3 }), fc.double({ min: -1, max: 2, noNaN: true }), (affinities, margin) => {
        const p = policy({ affinities, guardrails: { ...defaultPolicy().guardrails, marginFloor: margin } });
        if (validateDraft(p, refs).length === 0) expect(validatePolicy(toEnginePolicy(p, 1), refs.categories)).toEqual([]);
      }),
    );
  });
});
