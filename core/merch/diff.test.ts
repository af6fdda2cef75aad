import { describe, expect, it } from 'vitest';
import type { MerchAffinity, MerchPolicy } from '../contract/areas/merchTypes.js';
import { diffPolicies } from './diff.js';
import { defaultPolicy } from './policy.js';

const aff = (id: string, extra: Partial<MerchAffinity> = {}): MerchAffinity => ({
  id, fromCategoryId: 'a', toCategoryId: 'b', skus: [], minDelayDays: 7, maxDelayDays: 30, weight: 1, seasonStart: null, seasonEnd: null, storeIds: [], active: true, note: '', ...extra,
});
const policy = (extra: Partial<MerchPolicy>): MerchPolicy => ({ ...defaultPolicy(), ...extra });

describe('diffPolicies', () => {
  const before = policy({ affinities: [aff('kept'), aff('changed'), aff('gone')], blockedCategories: ['health'] });
  const after = policy({
    affinities: [aff('kept'), aff('changed', { maxDelayDays: 45, storeIds: ['S2', 'S1'], note: 'longer' }), aff('new', { toCategoryId: 'c' })],
    blockedCategories: ['health', 'firearms'],
    guardrails: { ...defaultPolicy().guardrails, marginFloor: 0.3 },
    incentives: { ...defaultPolicy().incentives, vip: ['sample', 'concierge'] },
  });
  const d = diffPolicies(before, after, 'v1 (active)', 'draft');

  it('matches affinities by id: added, removed, and changed field by field', () => {
    expect(d.affinities.added.map((a) => a.id)).toEqual(['new']);
    expect(d.affinities.removed.map((a) => a.id)).toEqual(['gone']);
    expect(d.affinities.changed).toHaveLength(1);
    expect(d.affinities.changed[0]!.fields).toEqual([
      { field: 'maxDelayDays', before: 30, after: 45 },
      { field: 'storeIds', before: [], after: ['S1', 'S2'] },
      { field: 'note', before: '', after: 'longer' },
    ]);
  });

  it('lists guardrails, blocked categories and incentive rules that changed', () => {
    expect(d.guardrails).toEqual([{ field: 'marginFloor', label: 'Margin floor', before: 0.25, after: 0.3 }]);
    expect(d.blockedCategories).toEqual({ added: ['firearms'], removed: [] });
    expect(d.incentives).toEqual([{ shopperType: 'vip', added: ['concierge'], removed: ['early_access'] }]);
    expect(d).toMatchObject({ fromLabel: 'v1 (active)', toLabel: 'draft', unchanged: false });
  });

  it('sees no change where only the order of lists differs', () => {
    const shuffled = policy({ affinities: [aff('x', { skus: ['B', 'A'] }), aff('y')] });
    const sorted = policy({ affinities: [aff('y'), aff('x', { skus: ['A', 'B'] })] });
    expect(diffPolicies(shuffled, sorted, 'a', 'b').unchanged).toBe(true);
  });
});
