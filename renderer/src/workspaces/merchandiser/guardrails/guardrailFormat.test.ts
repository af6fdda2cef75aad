import { describe, expect, it } from 'vitest';
import type { GuardrailField } from '../../../../../core/contract/index';
import { parseGuardrail, rangeText, toDisplay } from './guardrailFormat';

const field = (over: Partial<GuardrailField>): GuardrailField => ({
  key: 'exclusionWindowDays',
  label: 'Exclusion window',
  description: '',
  unit: 'days',
  min: 0,
  max: 365,
  step: 1,
  integer: true,
  defaultValue: 30,
  ...over,
});

describe('guardrails as typed', () => {
  it('shows shares as percentages and money in dollars', () => {
    expect(toDisplay(field({ unit: 'share' }), 0.25)).toBe('25');
    expect(toDisplay(field({ unit: 'share' }), 0.055)).toBe('5.5');
    expect(toDisplay(field({ unit: 'cents' }), 1500)).toBe('15');
    expect(toDisplay(field({ unit: 'cents' }), 1999)).toBe('19.99');
    expect(toDisplay(field({ unit: 'days' }), 30)).toBe('30');
  });

  it('reads them back into device values', () => {
    const share = field({ key: 'marginFloor', unit: 'share', min: 0, max: 1, integer: false, step: 0.01 });
    expect(parseGuardrail(share, '25')).toEqual({ ok: true, value: 0.25 });
    expect(parseGuardrail(share, '25 %')).toEqual({ ok: true, value: 0.25 });
    const money = field({ key: 'minPriceCents', unit: 'cents', min: 0, max: 100_000 });
    expect(parseGuardrail(money, '$1,000')).toEqual({ ok: true, value: 100_000 });
    expect(parseGuardrail(money, '15.5')).toEqual({ ok: true, value: 1550 });
  });

  it('refuses empty, unreadable, fractional whole numbers and out-of-range values', () => {
    const days = field({});
    expect(parseGuardrail(days, '')).toEqual({ ok: false, message: 'Required' });
    expect(parseGuardrail(days, 'a week')).toEqual({ ok: false, message: 'Must be a number' });
    expect(parseGuardrail(days, '7.5')).toEqual({ ok: false, message: 'Must be a whole number' });
    expect(parseGuardrail(days, '-1')).toEqual({ ok: false, message: 'Must be between 0–365 days' });
    expect(parseGuardrail(days, '366').ok).toBe(false);
    const holdout = field({ key: 'holdoutShare', unit: 'share', min: 0, max: 0.5, integer: false });
    expect(parseGuardrail(holdout, '60')).toEqual({ ok: false, message: 'Must be between 0–50%' });
  });

  it('states the range in the field’s unit', () => {
    expect(rangeText(field({}))).toBe('0–365 days');
    expect(rangeText(field({ unit: 'share', min: 0, max: 0.5 }))).toBe('0–50%');
    expect(rangeText(field({ unit: 'cents', min: 0, max: 100_000 }))).toBe('$0–$1,000');
    expect(rangeText(field({ unit: 'minutes', min: 1, max: 1440 }))).toBe('1–1,440 min');
  });
});
