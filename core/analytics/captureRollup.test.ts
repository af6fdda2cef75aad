import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../testing/app.js';
import { hashPin } from '../auth/pin.js';
import { buildCheckouts, insertCheckouts } from '../demo/checkouts.js';
import { Rng } from '../demo/random.js';
import type { CustomerPlan } from '../demo/people.js';
import { explainPlan } from '../testing/queryPlan.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';
import { captureReport, daysBetween, ROLLUP_SQL } from './captureRollup.js';

let db: Database.Database;
let app: App;
const ANCHOR_DAY = Math.floor(SMALL_NOW.getTime() / 86_400_000);

beforeEach(() => {
  db = openSmallStore();
  db.exec(`INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES ('S3', 'store', 'Portland', 'Portland', 'OR', 'US', 'America/Los_Angeles', 3)`);
  insertCheckouts(db, buildCheckouts([] as CustomerPlan[], new Rng(7), ANCHOR_DAY));
  app = createApp({ db, now: () => SMALL_NOW });
});

const login = (staffId: string, pin: string) => app.dispatch('session.login', { staffId, pin });

/** The same numbers, straight from the outcomes, the slow way. */
function direct(from: string, to: string, storeId: string | null) {
  return db
    .prepare(
      `SELECT count(*) AS checkouts, sum(outcome != 'already_on_file') AS eligible, sum(outcome IN ('captured_new', 'captured_updated')) AS captured,
              sum(outcome = 'declined') AS declined, sum(marketing_opt_in) AS marketingOptIn, sum(typo_accepted) AS typoAccepted
       FROM checkout_outcomes WHERE local_day BETWEEN ? AND ? AND (? IS NULL OR store_id = ?)`,
    )
    .get(from, to, storeId, storeId);
}

describe('capture roll-up', () => {
  it('equals counting the outcomes directly, for any range and store', () => {
    for (const [from, to, store] of [
      ['2026-03-17', '2026-06-14', null],
      ['2026-05-01', '2026-05-31', 'S1'],
      ['2026-06-14', '2026-06-14', 'S3'],
      ['2026-01-01', '2026-01-31', null],
    ] as const) {
      const r = captureReport(db, { from, to, storeId: store, today: '2026-06-15' });
      const { checkouts, eligible, captured, declined, marketingOptIn, typoAccepted } = r.totals;
      expect({ checkouts, eligible, captured, declined, marketingOptIn, typoAccepted }).toEqual(
        Object.fromEntries(Object.entries(direct(from, to, store) as object).map(([k, v]) => [k, v ?? 0])),
      );
      expect(r.byDay.map((d) => d.day)).toEqual(daysBetween(from, to));
      expect(r.byDay.reduce((n, d) => n + d.captured, 0)).toBe(captured);
      expect(r.byAssociate.reduce((n, a) => n + a.eligible, 0)).toBe(eligible);
      expect(r.byRegister.reduce((n, a) => n + a.checkouts, 0)).toBe(checkouts);
      expect(r.byHour.reduce((n, h) => n + h.captured, 0)).toBe(captured);
      expect(r.declineReasons.reduce((n, d) => n + d.count, 0)).toBe(declined);
    }
  });

  it('reads every roll-up by seeking store and day range in its key, never by scanning', () => {
    for (const store of ['S1', null]) {
      for (const [name, sql] of Object.entries(ROLLUP_SQL)) {
        const plan = explainPlan(db, sql, { from: '2026-05-01', to: '2026-05-31', store });
        const table = name === 'byHour' ? 'checkout_hourly' : 'checkout_daily';
        expect(plan, name).toMatch(new RegExp(`SEARCH ${table} USING PRIMARY KEY \\(store_id=\\? AND local_day>\\? AND local_day<\\?\\)`));
        expect(plan, name).not.toMatch(/SCAN checkout_(daily|hourly)/);
        expect(plan, name).not.toMatch(/checkout_outcomes/);
      }
    }
  });

  it('keeps checkout outcomes append-only', () => {
    expect(() => db.exec(`UPDATE checkout_outcomes SET outcome = 'captured_new'`)).toThrow(/append-only/);
    expect(() => db.exec(`DELETE FROM checkout_outcomes`)).toThrow(/append-only/);
  });
});

describe('analytics.capture', () => {
  it('is for managers only: not associates, not merchandisers', () => {
    login('st-ava', SMALL_PINS.associate);
    expect(app.call('analytics.capture', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    db.prepare(`INSERT INTO staff (id, display_name, role, store_id, pin_hash) VALUES ('st-priya', 'Priya Shah', 'merchandiser', 'S1', ?)`).run(hashPin('3333'));
    app.dispatch('session.logout', {});
    login('st-priya', '3333');
    expect(app.call('analytics.capture', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('defaults to the last 30 days of the store calendar, today included', () => {
    login('st-dana', SMALL_PINS.manager);
    const r = app.call('analytics.capture', {});
    expect(r.ok && [r.value.from, r.value.to, r.value.today, r.value.byDay.length]).toEqual(['2026-05-17', '2026-06-15', '2026-06-15', 30]);
  });

  it('refuses impossible or hostile ranges with a typed error', () => {
    login('st-dana', SMALL_PINS.manager);
    const bad = [
      { from: '2026-06-10', to: '2026-06-01' },
      { from: '2026-02-30' },
      { from: '' },
      { to: 'x'.repeat(10_000) },
      { from: '<script>alert(1)</script>' },
      { to: "2026-01-01' OR 1=1 --" },
      { storeId: "S1'; DROP TABLE checkout_daily; --" },
      { from: '2020-01-01', to: '2026-01-01' },
    ];
    for (const input of bad) expect(app.dispatch('analytics.capture', input), JSON.stringify(input).slice(0, 50)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(db.prepare('SELECT count(*) FROM checkout_daily').pluck().get()).toBeGreaterThan(0);
  });
});
