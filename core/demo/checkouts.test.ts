import { describe, expect, it } from 'vitest';
import { buildCheckouts, CHECKOUT_HISTORY_DAYS, type DemoCheckout } from './checkouts.js';
import { Rng } from './random.js';

const ANCHOR_DAY = Math.floor(Date.parse('2026-06-15T00:00:00Z') / 86_400_000);
const rows = buildCheckouts([], new Rng(20_240_601), ANCHOR_DAY);

const rate = (list: DemoCheckout[]) => {
  const eligible = list.filter((c) => c.outcome !== 'already_on_file');
  return eligible.filter((c) => c.outcome === 'captured_new' || c.outcome === 'captured_updated').length / eligible.length;
};

describe('demo checkout outcomes', () => {
  it('are the same for the same seed and anchor', () => {
    expect(buildCheckouts([], new Rng(20_240_601), ANCHOR_DAY)).toEqual(rows);
  });

  it('cover the 90 days before the anchor at all three stores, in store hours', () => {
    const days = new Set(rows.map((r) => r.localDay));
    expect(days.size).toBe(CHECKOUT_HISTORY_DAYS);
    expect([...days].sort().at(-1)).toBe('2026-06-14');
    expect(new Set(rows.map((r) => r.storeId))).toEqual(new Set(['S1', 'S2', 'S3']));
    expect(rows.every((r) => r.localHour >= 10 && r.localHour <= 20)).toBe(true);
    expect(rows.length).toBeGreaterThan(10_000);
  });

  it('tell a story: Ava asks every time, Luis rarely; the rush costs captures; the quarter improves', () => {
    const by = (id: string) => rate(rows.filter((r) => r.associateId === id));
    expect(by('E-S1-01')).toBeGreaterThan(0.45);
    expect(by('E-S1-03')).toBeLessThan(0.2);
    const rush = rate(rows.filter((r) => r.localHour === 17));
    const quiet = rate(rows.filter((r) => r.localHour === 14));
    expect(quiet - rush).toBeGreaterThan(0.08);
    const first = rate(rows.filter((r) => r.localDay < '2026-04-15'));
    const last = rate(rows.filter((r) => r.localDay >= '2026-05-15'));
    expect(last).toBeGreaterThan(first);
  });

  it('use every outcome and decline reason, with a reason only on declines', () => {
    // no customer list here, so nobody is on file and every capture makes a new profile
    expect(new Set(rows.map((r) => r.outcome))).toEqual(new Set(['captured_new', 'declined', 'invalid']));
    expect(new Set(rows.filter((r) => r.outcome === 'declined').map((r) => r.declineReason))).toEqual(
      new Set(['no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked']),
    );
    expect(rows.every((r) => (r.outcome === 'declined') === (r.declineReason !== null))).toBe(true);
  });
});
