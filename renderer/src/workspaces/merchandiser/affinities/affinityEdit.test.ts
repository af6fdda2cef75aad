import { describe, expect, it } from 'vitest';
import type { MerchAffinity, MerchPolicy } from '../../../../../core/contract/index';
import {
  addAffinity,
  formatSeason,
  formatWindow,
  newAffinityId,
  parseMonthDay,
  parseSeason,
  parseSkus,
  parseWeight,
  parseWindow,
  problemsByField,
  removeAffinities,
  updateAffinities,
} from './affinityEdit';

const affinity = (id: string, over: Partial<MerchAffinity> = {}): MerchAffinity => ({
  id,
  fromCategoryId: 'outdoor/camping/tents',
  toCategoryId: 'outdoor/camping/sleeping-bags',
  skus: [],
  minDelayDays: 7,
  maxDelayDays: 45,
  weight: 1,
  seasonStart: null,
  seasonEnd: null,
  storeIds: [],
  active: true,
  note: '',
  ...over,
});

const policy = (affinities: MerchAffinity[]): MerchPolicy => ({
  guardrails: {} as MerchPolicy['guardrails'],
  affinities,
  blockedCategories: [],
  incentives: {} as MerchPolicy['incentives'],
});

describe('reading a window', () => {
  it('accepts the ways people write a range of days', () => {
    for (const text of ['7–30', '7-30', '7 - 30', '7 to 30', '7–30 days', ' 7—30d ']) {
      expect(parseWindow(text), text).toEqual({ ok: true, value: { minDelayDays: 7, maxDelayDays: 30 } });
    }
    expect(parseWindow('14')).toEqual({ ok: true, value: { minDelayDays: 14, maxDelayDays: 14 } });
  });

  it('refuses a window that ends before it starts, negative or unreadable days', () => {
    expect(parseWindow('30–7')).toEqual({ ok: false, message: 'The window must end after it starts' });
    expect(parseWindow('-3–7').ok).toBe(false);
    expect(parseWindow('soon').ok).toBe(false);
    expect(parseWindow('').ok).toBe(false);
  });

  it('writes it back the same way', () => {
    expect(formatWindow({ minDelayDays: 7, maxDelayDays: 30 })).toBe('7–30 days');
    expect(formatWindow({ minDelayDays: 14, maxDelayDays: 14 })).toBe('14 days');
  });
});

describe('reading a season', () => {
  it('reads numeric and named days of the year', () => {
    expect(parseMonthDay('04-01')).toEqual({ ok: true, value: '04-01' });
    expect(parseMonthDay('4/1')).toEqual({ ok: true, value: '04-01' });
    expect(parseMonthDay('Apr 1')).toEqual({ ok: true, value: '04-01' });
    expect(parseMonthDay('1 April')).toEqual({ ok: true, value: '04-01' });
    expect(parseMonthDay('feb 29')).toEqual({ ok: true, value: '02-29' });
  });

  it('refuses days that do not exist', () => {
    for (const text of ['02-30', '13-01', 'Apr 31', 'Foo 3', '0/0']) expect(parseMonthDay(text).ok, text).toBe(false);
  });

  it('is all year when both ends are empty, and needs both otherwise', () => {
    expect(parseSeason('', ' ')).toEqual({ ok: true, value: { seasonStart: null, seasonEnd: null } });
    expect(parseSeason('Oct 1', 'Feb 28')).toEqual({ ok: true, value: { seasonStart: '10-01', seasonEnd: '02-28' } });
    expect(parseSeason('Oct 1', '').ok).toBe(false);
    expect(formatSeason({ seasonStart: '10-01', seasonEnd: '02-28' })).toBe('Oct 1 – Feb 28');
    expect(formatSeason({ seasonStart: null, seasonEnd: null })).toBe('All year');
  });
});

describe('weights and SKUs', () => {
  it('reads a weight with a point or a comma', () => {
    expect(parseWeight('0.8')).toEqual({ ok: true, value: 0.8 });
    expect(parseWeight('0,8')).toEqual({ ok: true, value: 0.8 });
    expect(parseWeight('heavy').ok).toBe(false);
    expect(parseWeight(' ').ok).toBe(false);
  });

  it('splits a SKU list on commas, spaces and lines, upper case, no repeats', () => {
    expect(parseSkus('ab-1, AB-1\ncd-2;  ef-3 ')).toEqual(['AB-1', 'CD-2', 'EF-3']);
    expect(parseSkus('  ')).toEqual([]);
  });
});

describe('editing the list', () => {
  it('makes readable ids that do not collide', () => {
    expect(newAffinityId('Tents', 'Camp Stoves', new Set())).toBe('tents-camp-stoves');
    expect(newAffinityId('Tents', 'Camp Stoves', new Set(['tents-camp-stoves', 'tents-camp-stoves-2']))).toBe('tents-camp-stoves-3');
    expect(newAffinityId('Café & Thé', 'Mugs', new Set())).toBe('cafe-the-mugs');
  });

  it('changes only the chosen rows, and removes only them', () => {
    const p = policy([affinity('a'), affinity('b'), affinity('c')]);
    const changed = updateAffinities(p, new Set(['a', 'c']), { weight: 0.5, active: false });
    expect(changed.affinities.map((a) => [a.id, a.weight, a.active])).toEqual([
      ['a', 0.5, false],
      ['b', 1, true],
      ['c', 0.5, false],
    ]);
    expect(p.affinities[0]!.weight).toBe(1); // the old policy is untouched
    expect(removeAffinities(changed, new Set(['b'])).affinities.map((a) => a.id)).toEqual(['a', 'c']);
  });

  it('renames an added row whose id is taken', () => {
    const { policy: p, id } = addAffinity(policy([affinity('a'), affinity('a-2')]), affinity('a'));
    expect(id).toBe('a-3');
    expect(p.affinities.map((a) => a.id)).toEqual(['a', 'a-2', 'a-3']);
  });

  it('files the device’s problems under the field they are about', () => {
    const problems = [
      { path: 'affinities.a.weight', message: 'must be above 0' },
      { path: 'affinities.a', message: 'same pair as b' },
      { path: 'affinities.ab.weight', message: 'not mine' },
      { path: 'guardrails.marginFloor', message: 'not mine either' },
    ];
    expect(Object.fromEntries(problemsByField(problems, 'a'))).toEqual({ weight: ['must be above 0'], row: ['same pair as b'] });
  });
});
