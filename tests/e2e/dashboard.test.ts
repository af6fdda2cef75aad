// The manager's capture dashboard shows exactly what the outcomes in the replica say: after an
// associate's checkouts (a typo fix, a decline, a merge, a withdrawal), every rate on screen is
// recomputed here straight from checkout_outcomes and compared digit for digit.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { logInAs, ringUpItem, startSale, withReplica } from './pages/sale.js';

const ASSOCIATE = 'Ava Martinez';
const MANAGER = 'Dana Kim';

/** The checkouts of one associate's shift: every kind of outcome the dashboard counts. */
async function workAShift(app: AppUnderTest): Promise<void> {
  const capture = await startSale(app, ASSOCIATE);
  await capture.start();
  await capture.typeEmail('lena.park@gmial.com');
  await capture.suggestion.click();
  await capture.consent('Email receipts');
  await capture.consent('News and offers');
  expect(await capture.save()).toBe('captured_new');
  await capture.nextCustomer();

  await ringUpItem(app);
  await capture.start();
  expect(await capture.decline('Privacy concerns')).toBe('declined');
  await capture.nextCustomer();

  await ringUpItem(app);
  await capture.start();
  await capture.typeEmail('johndoe@gmail.com');
  await capture.chooseProfile(DEMO_FIXTURES.johnDoe.id);
  await capture.confirmMerge(DEMO_FIXTURES.johnDoeDuplicate.id);
  expect(await capture.save()).toBe('already_on_file');
  await capture.nextCustomer();

  await ringUpItem(app);
  await capture.start();
  await capture.typeEmail('sam.rivera@outlook.com');
  await capture.consent('Email receipts');
  await capture.consent('Personal suggestions');
  expect(await capture.save()).toBe('captured_new');
  await capture.withdraw('personalization');
  await capture.nextCustomer();
}

interface Direct {
  checkouts: number;
  eligible: number;
  captured: number;
  capturedNew: number;
  capturedUpdated: number;
  receipts: number;
  marketing: number;
  personalization: number;
  typoSuggested: number;
  typoAccepted: number;
  privacy: number;
  notAsked: number;
}

/** The numbers the slow, obvious way: straight from the outcomes. */
function direct(db: Database.Database, from: string, to: string, storeId: string | null, associateId?: string): Direct {
  return db
    .prepare(
      `SELECT count(*) AS checkouts,
              coalesce(sum(outcome != 'already_on_file'), 0) AS eligible,
              coalesce(sum(outcome IN ('captured_new', 'captured_updated')), 0) AS captured,
              coalesce(sum(outcome = 'captured_new'), 0) AS capturedNew,
              coalesce(sum(outcome = 'captured_updated'), 0) AS capturedUpdated,
              coalesce(sum(receipts_opt_in), 0) AS receipts, coalesce(sum(marketing_opt_in), 0) AS marketing,
              coalesce(sum(personalization_opt_in), 0) AS personalization,
              coalesce(sum(typo_suggested), 0) AS typoSuggested, coalesce(sum(typo_accepted), 0) AS typoAccepted,
              coalesce(sum(decline_reason = 'privacy'), 0) AS privacy, coalesce(sum(decline_reason = 'not_asked'), 0) AS notAsked
       FROM checkout_outcomes
       WHERE local_day BETWEEN ? AND ? AND (? IS NULL OR store_id = ?) AND (? IS NULL OR associate_id = ?)`,
    )
    .get(from, to, storeId, storeId, associateId ?? null, associateId ?? null) as Direct;
}

const pct = (num: number, den: number) => (den === 0 ? '–' : `${(Math.round((num / den) * 1000) / 10).toFixed(1)}%`);
const n = (x: number) => x.toLocaleString('en-US');

async function expectDashboardToMatch(dashboard: DashboardPage, d: Direct): Promise<void> {
  expect(await dashboard.kpi('capture-rate')).toBe(pct(d.captured, d.eligible));
  expect(await dashboard.kpiNote('capture-rate')).toBe(`${n(d.captured)} of ${n(d.eligible)} eligible checkouts`);
  expect(await dashboard.kpi('checkouts')).toBe(n(d.checkouts));
  expect(await dashboard.kpi('new-profiles')).toBe(n(d.capturedNew));
  expect(await dashboard.kpi('marketing-opt-in')).toBe(pct(d.marketing, d.captured));
  expect(await dashboard.kpi('typo-fixes')).toBe(n(d.typoAccepted));
  expect(await dashboard.kpiNote('typo-fixes')).toBe(`of ${n(d.typoSuggested)} suggested`);
  expect(await dashboard.optInRate('receipts')).toBe(pct(d.receipts, d.captured));
  expect(await dashboard.optInRate('personalization')).toBe(pct(d.personalization, d.captured));
  expect(await dashboard.declineCount('privacy')).toBe(n(d.privacy));
  expect(await dashboard.declineCount('not_asked')).toBe(n(d.notAsked));
}

describe('capture dashboard', () => {
  const app = useAppUnderTest();

  it('shows the rates the outcomes say, for today at this store and for the chain over 30 days', async () => {
    const a = app();
    await workAShift(a);
    await new ShellPage(a.page).logOut();
    await logInAs(a, MANAGER);
    const dashboard = new DashboardPage(a.page);
    await dashboard.open();

    // Today at this store: the shift above (and any demo checkouts already on today's calendar).
    await dashboard.choosePreset('Today');
    await dashboard.chooseStore('Endcap Denver – LoDo');
    const today = await dashboard.range();
    expect(today.from).toBe(today.to);
    const ava = staffNamed(ASSOCIATE).id;
    const shift = withReplica(a, (db) => direct(db, today.from, today.to, 'S1', ava));
    // What the associate did, as the device recorded it.
    expect(shift).toMatchObject({ checkouts: 4, eligible: 3, captured: 2, capturedNew: 2, receipts: 2, marketing: 1, personalization: 1, typoSuggested: 1, typoAccepted: 1, privacy: 1 });
    await expectDashboardToMatch(dashboard, withReplica(a, (db) => direct(db, today.from, today.to, 'S1')));
    const row = await dashboard.leaderRow(ava);
    expect(row).toMatchObject({ name: ASSOCIATE, checkouts: n(shift.checkouts), eligible: n(shift.eligible), captured: n(shift.captured) });
    expect(row.rate).toContain(pct(shift.captured, shift.eligible));
    await dashboard.screenshotWhole('dashboard-today');

    // The whole chain over the last 30 days: the demo's story plus today's shift.
    await dashboard.chooseStore('All stores');
    await dashboard.choosePreset('30 days');
    const month = await dashboard.range();
    expect(month.from < month.to).toBe(true);
    await expectDashboardToMatch(dashboard, withReplica(a, (db) => direct(db, month.from, month.to, null)));
    for (const who of ['Ava Martinez', 'Luis Ortega', 'Mei Tanaka']) {
      const id = staffNamed(who).id;
      const d = withReplica(a, (db) => direct(db, month.from, month.to, null, id));
      const r = await dashboard.leaderRow(id);
      expect(r, who).toMatchObject({ checkouts: n(d.checkouts), eligible: n(d.eligible), captured: n(d.captured) });
      expect(r.rate, who).toContain(pct(d.captured, d.eligible));
    }
    // sorted by capture rate, best first: Luis (who rarely asks) is below Ava
    const order = await dashboard.leaderIds();
    expect(order.indexOf(ava)).toBeLessThan(order.indexOf(staffNamed('Luis Ortega').id));
    await dashboard.screenshot('dashboard-30-days');
    await dashboard.screenshotWhole('dashboard-30-days-full');

    // Filter, re-sort, and export what is shown.
    await dashboard.filterLeaderboard('Denver');
    expect((await dashboard.leaderIds()).sort()).toEqual(['E-S1-01', 'E-S1-02', 'E-S1-03', 'E-S1-05']);
    await dashboard.sortBy('Checkouts');
    const [download] = await Promise.all([a.page.waitForEvent('download'), a.page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('Name,Store,Checkouts,Eligible,Captured,Capture rate %,Marketing opt-in %,Declined,Invalid,Already on file,Typo suggested,Typo accepted');
    expect(csv).toHaveLength(5);
    const avaMonth = withReplica(a, (db) => direct(db, month.from, month.to, null, ava));
    expect(csv.find((l) => l.startsWith('Ava Martinez,'))).toContain(`,${avaMonth.checkouts},${avaMonth.eligible},${avaMonth.captured},${pct(avaMonth.captured, avaMonth.eligible).replace('%', '')},`);
    await dashboard.groupBy('Registers');
    await dashboard.screenshot('dashboard-registers-filtered');
  });

  it('is a manager’s screen: merchandisers and associates do not see it', async () => {
    const a = app();
    for (const who of ['Priya Shah', 'Sam Okafor']) {
      await logInAs(a, who);
      const tabs = await new ShellPage(a.page).workspaceTabs.allInnerTexts();
      expect(tabs, who).not.toContain('Store reports');
      await new ShellPage(a.page).logOut();
    }
  });
});

