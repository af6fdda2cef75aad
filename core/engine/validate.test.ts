import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARDRAILS, inSeason, type Affinity, type Policy } from './policy.js';
import { affinityCycles, sanitizePolicy, validatePolicy } from './validate.js';
import { DEFAULT_INCENTIVE_RULES } from './incentives.js';

const categories = new Set(['a', 'b', 'c', 'd']);
const aff = (id: string, from: string, to: string, extra: Partial<Affinity> = {}): Affinity => ({
  id, fromCategoryId: from, toCategoryId: to, minDelayDays: 0, maxDelayDays: 30, weight: 1, seasonStart: null, seasonEnd: null, skus: [], storeIds: [], note: '', ...extra,
});
const policy = (affinities: Affinity[], extra: Partial<Policy> = {}): Policy => ({ version: 1, guardrails: DEFAULT_GUARDRAILS, affinities, blockedCategories: [], incentives: DEFAULT_INCENTIVE_RULES, ...extra });

describe('validatePolicy', () => {
  it('accepts a sound policy', () => {
    expect(validatePolicy(policy([aff('1', 'a', 'b'), aff('2', 'b', 'c')]), categories)).toEqual([]);
  });

  it('names every problem: unknown categories, negative or inverted windows, bad weights and seasons', () => {
    const problems = validatePolicy(
      policy([
        aff('unknown', 'a', 'zzz'),
        aff('negative', 'a', 'b', { minDelayDays: -3 }),
        aff('inverted', 'a', 'c', { minDelayDays: 30, maxDelayDays: 7 }),
        aff('weight', 'a', 'd', { weight: 0 }),
        aff('season', 'b', 'd', { seasonStart: '13-01', seasonEnd: '02-30' }),
        aff('half', 'c', 'd', { seasonStart: '06-01' }),
      ], { blockedCategories: ['nope'] }),
      categories,
    );
    expect(problems.map((p) => p.where)).toEqual([
      'blocked:nope', 'affinity:unknown', 'affinity:negative', 'affinity:inverted', 'affinity:weight', 'affinity:season', 'affinity:half',
    ]);
    expect(problems.find((p) => p.where === 'affinity:unknown')?.message).toBe('unknown category zzz');
  });

  it('checks the range of every guardrail', () => {
    const problems = validatePolicy(policy([], { guardrails: { ...DEFAULT_GUARDRAILS, marginFloor: 1.5, holdoutShare: -0.1 } }), categories);
    expect(problems.map((p) => p.where)).toEqual(['guardrails.marginFloor', 'guardrails.holdoutShare']);
  });

  it('finds cycles', () => {
    expect(affinityCycles([aff('1', 'a', 'b'), aff('2', 'b', 'c'), aff('3', 'c', 'a'), aff('4', 'c', 'd')])).toEqual([['a', 'b', 'c', 'a']]);
    expect(validatePolicy(policy([aff('1', 'a', 'b'), aff('2', 'b', 'a')]), categories).map((p) => p.message)).toEqual(['affinities lead in a circle: a → b → a']);
  });
});

describe('sanitizePolicy', () => {
  it('drops invalid affinities and resets out-of-range guardrails, keeping the rest', () => {
    const { policy: clean, dropped } = sanitizePolicy(
      policy([aff('ok', 'a', 'b'), aff('bad', 'a', 'zzz')], { guardrails: { ...DEFAULT_GUARDRAILS, stockThreshold: -1 } }),
      categories,
    );
    expect(clean.affinities.map((a) => a.id)).toEqual(['ok']);
    expect(clean.guardrails.stockThreshold).toBe(DEFAULT_GUARDRAILS.stockThreshold);
    expect(dropped).toEqual(['guardrails.stockThreshold', 'affinity:bad']);
  });
});

describe('inSeason', () => {
  it('handles seasons inside a year and across the new year', () => {
    const summer = { seasonStart: '05-01', seasonEnd: '08-31' };
    const winter = { seasonStart: '11-15', seasonEnd: '02-15' };
    expect(inSeason(summer, new Date('2026-06-15'))).toBe(true);
    expect(inSeason(summer, new Date('2026-12-15'))).toBe(false);
    expect(inSeason(winter, new Date('2026-01-10'))).toBe(true);
    expect(inSeason(winter, new Date('2026-06-10'))).toBe(false);
    expect(inSeason({ seasonStart: null, seasonEnd: null }, new Date())).toBe(true);
  });
});
