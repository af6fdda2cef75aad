import { describe, expect, it } from 'vitest';
import { rangeParts } from './months.js';

describe('a range as whole months and edge days', () => {
  it('splits a range into its whole months and the days around them', () => {
    expect(rangeParts('2026-01-15', '2026-04-10')).toEqual({
      months: { start: '2026-02', end: '2026-03' },
      head: { start: '2026-01-15', end: '2026-01-31' },
      tail: { start: '2026-04-01', end: '2026-04-10' },
    });
  });
  it('takes a range of whole months, across a year and a leap February, as months only', () => {
    const r = rangeParts('2027-12-01', '2028-02-29');
    expect(r.months).toEqual({ start: '2027-12', end: '2028-02' });
    expect(r.head.start > r.head.end && r.tail.start > r.tail.end).toBe(true);
  });
  it('keeps a range inside one month as days', () => {
    const r = rangeParts('2026-03-02', '2026-03-30');
    expect(r.head).toEqual({ start: '2026-03-02', end: '2026-03-30' });
    expect(r.months.start > r.months.end).toBe(true);
  });
});
