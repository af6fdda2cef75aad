import { describe, expect, it } from 'vitest';
import { formatLoyalty, maskEmail, maskPhone } from './mask';
import { formatMoney, formatMoneyWhole } from './money';
import { formatAge, formatGap, formatRelative } from './time';

const DAY = 86_400_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('formatting for the counter', () => {
  it('says how long ago in the largest sensible unit', () => {
    expect(formatRelative(new Date(NOW - 20_000).toISOString(), NOW)).toBe('just now');
    expect(formatRelative(new Date(NOW - 3 * DAY).toISOString(), NOW)).toBe('3 days ago');
    expect(formatRelative(new Date(NOW - 21 * DAY).toISOString(), NOW)).toBe('3 weeks ago');
    expect(formatRelative(new Date(NOW - 400 * DAY).toISOString(), NOW)).toBe('last year');
  });

  it('shows usual gaps and sync ages briefly', () => {
    expect(formatGap(9)).toBe('9 days');
    expect(formatGap(35)).toBe('5 weeks');
    expect(formatGap(91)).toBe('3 months');
    expect(formatAge(4 * 60_000)).toBe('4 min');
  });

  it('formats cents as US dollars', () => {
    expect(formatMoney(123456)).toBe('$1,234.56');
    expect(formatMoneyWhole(123456)).toBe('$1,235');
  });

  it('hides most of an email or phone, and prints loyalty ids as on the card', () => {
    expect(maskEmail('john.doe@gmail.com')).toBe('jo•••@gmail.com');
    expect(maskPhone('(303) 555-0142')).toBe('•••-•••-0142');
    expect(formatLoyalty('EC10000001')).toBe('EC-1000-0001');
  });
});
