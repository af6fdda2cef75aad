// Reports of every register, through the screens: this register (the app under test) and a
// second register of the same store record checkouts and show starters; both reach the hub the
// test started; the manager's capture dashboard and "Starters, all registers" show both
// registers' numbers; with the hub gone they show the last report with its age. The merchandiser
// sees exploration valued from the same logged slots.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OutboxEvent } from '../../sync/protocol/index.js';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { staffNamed } from './demo.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { auditScreen } from './pages/layoutAudit.js';
import { LoginPage } from './pages/LoginPage.js';
import { SyncPage } from './pages/SyncPage.js';

const HOUR = 3_600_000;
let n = 0;
const uuid7 = () => `01936f3e-8b2a-7c4d-9e5f-${(++n).toString(16).padStart(12, '0')}`;

/** This register: an associate records three checkouts through the device's API, which queues them for the hub. */
function recordOnThisRegister(app: AppUnderTest): void {
  const api = app.device.app;
  const login = api.dispatch('session.login', { staffId: staffNamed('Ava Martinez').id, pin: staffNamed('Ava Martinez').pin });
  if (!login.ok) throw new Error(login.error.message);
  for (const input of [{ outcome: 'declined', reason: 'privacy' }, { outcome: 'invalid' }, { outcome: 'declined', reason: 'in_a_hurry' }] as const) {
    const r = api.dispatch('capture.record', input);
    if (!r.ok) throw new Error(r.error.message);
  }
  api.dispatch('session.logout', {});
}

/**
 * The second register (R2) speaks the sync protocol with its own token: four checkouts and 150
 * starter decisions of two slots, one in ten with an exploration trial, with the associate's answers.
 */
async function pushFromSecondRegister(app: AppUnderTest): Promise<{ slots: number; trials: number }> {
  const hub = app.hub!;
  const token = await hub.addDevice('S1');
  const now = Date.now();
  const at = (msAgo: number) => new Date(now - msAgo).toISOString();
  const associateId = staffNamed('Sam Okafor').id;
  const events: OutboxEvent[] = [];
  const outcomes = [['captured_new', null], ['declined', 'no_email'], ['already_on_file', null], ['captured_updated', null]] as const;
  for (const [outcome, declineReason] of outcomes) {
    const id = uuid7();
    events.push({
      id, kind: 'checkout.outcome', createdAt: at(HOUR),
      payload: { outcomeId: `r2-${id}`, outcome, declineReason, customerId: null, storeId: 'S1', registerId: 'R2', associateId, occurredAt: at(HOUR), optIns: outcome === 'captured_new' ? ['receipts', 'marketing'] : [], typoSuggested: false, typoAccepted: false },
    });
  }
  let trials = 0;
  for (let i = 0; i < 150; i++) {
    const explored = i % 10 === 0;
    trials += explored ? 1 : 0;
    const decisionId = `r2-d${i}`;
    events.push({
      id: uuid7(), kind: 'starter.shown', createdAt: at(2 * HOUR),
      payload: {
        decisionId, customerId: null, storeId: 'S1', staffId: associateId, policyVersion: 1, arm: 'personalized', at: at(2 * HOUR),
        starters: [
          { position: 0, kind: i % 2 ? 'cross_sell' : 'replenish', skus: [], propensity: 1, exploration: false },
          explored ? { position: 1, kind: 'new_arrival', skus: [], propensity: 0.05, exploration: true } : { position: 1, kind: 'new_arrival', skus: [], propensity: 0.9, exploration: false },
        ],
      },
    });
    const used = (position: number) => events.push({ id: uuid7(), kind: 'starter.feedback', createdAt: at(HOUR), payload: { decisionId, position, feedback: 'used', reason: null, staffId: associateId, customerId: null, kind: 'k', at: at(HOUR) } });
    if (i % 3 === 0) used(0); // 50 of the first slots
    if (i % 4 === 0 && !explored) used(1); // kept second slots are used more often than trials
    if (explored && i % 20 === 0) used(1);
    if (i % 5 === 1) events.push({ id: uuid7(), kind: 'starter.feedback', createdAt: at(HOUR), payload: { decisionId, position: 1, feedback: 'not_relevant', reason: 'already_owns', staffId: associateId, customerId: null, kind: 'new_arrival', at: at(HOUR) } });
  }
  const r = await fetch(`${hub.url}/v1/push`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ protocol: 1, events }) });
  const body = (await r.json()) as { acked: string[]; rejected: unknown[] };
  expect(body.rejected).toEqual([]);
  return { slots: 300, trials };
}

async function logIn(page: Page, who: string): Promise<void> {
  const login = new LoginPage(page);
  await login.waitForTiles();
  await login.logIn(who, staffNamed(who).pin);
}

/** Back to the top of the screen, so a screenshot shows the headline first. */
const toTop = (page: Page) => page.evaluate(`[document.scrollingElement, document.querySelector('#main')].forEach((el) => el && el.scrollTo(0, 0))`);

const workspace = (page: Page, label: string) => page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: label }).click();

describe('reports of every register, from the hub', () => {
  const app = useAppUnderTest({ hub: 'synced' });

  it("shows both registers' checkouts and starters to the manager, and the last report with its age offline", async () => {
    const { page, hub } = app();
    recordOnThisRegister(app());
    const { slots } = await pushFromSecondRegister(app());
    // this register's outbox reaches the hub on its own (push every second in tests)
    await expect.poll(async () => (await hub!.events()).filter((e) => e.kind === 'checkout.outcome').length, { timeout: 15_000 }).toBe(7);

    await logIn(page, 'Dana Kim');
    await workspace(page, 'Store reports');
    const dashboard = new DashboardPage(page);
    const root = dashboard.root;
    await expect.poll(() => dashboard.kpi('checkouts'), { timeout: 15_000 }).toBe('7');
    expect(await root.getAttribute('data-source')).toBe('hub');
    await expect.poll(() => page.getByTestId('capture-age').innerText()).toMatch(/every register · from the hub just now/);
    // 7 checkouts, 1 already on file: 6 eligible, 2 captured
    expect(await dashboard.kpi('capture-rate')).toBe('33.3%');
    await page.getByRole('radiogroup', { name: 'Group by' }).getByRole('radio', { name: 'Registers' }).click();
    const registers = await page.getByTestId('leader-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-id')));
    expect(registers.sort()).toEqual(['S1/R1', 'S1/R2']);
    await app().screenshot('chain-capture-manager-registers');
    await toTop(page);
    await app().screenshot('chain-capture-manager');

    // the same screen, this register only: R1's three checkouts
    await page.getByRole('radiogroup', { name: 'Registers' }).getByRole('radio', { name: 'This register' }).click();
    await dashboard.ready();
    await page.getByRole('radiogroup', { name: 'Registers' }).getByRole('radio', { name: 'All registers' }).click();
    await expect.poll(() => dashboard.kpi('checkouts')).toBe('7');

    // starters, all registers
    await page.getByRole('tablist', { name: 'Manager reports' }).getByRole('tab', { name: 'Starters, all registers' }).click();
    const chain = page.locator('[data-testid="chain-report"][data-state="ready"]');
    await chain.waitFor({ timeout: 15_000 });
    await expect.poll(() => chain.locator('[data-kpi="checkouts"] .kpi-value').innerText()).toBe('7');
    // 50 first slots, 30 kept and 8 explored second slots; 7 of the kept ones were answered again "not relevant": the last answer counts
    expect(await chain.locator('[data-kpi="used"] .kpi-note').innerText()).toBe(`${50 + 30 + 8 - 7} of ${slots} shown`);
    expect(await chain.locator('[data-kpi="not-relevant"] .kpi-note').innerText()).toContain('Already owns it 30');
    await app().screenshot('chain-starters-manager');

    // The hub goes away and two hours pass: both screens show the last report, and say how old it is.
    await hub!.cut();
    const sync = new SyncPage(page);
    await expect.poll(() => sync.connection(), { timeout: 20_000 }).toBe('offline');
    app().advanceClock(2 * HOUR);
    await page.getByRole('tab', { name: 'Email capture' }).click();
    await expect.poll(() => page.getByTestId('capture-age').innerText(), { timeout: 15_000 }).toMatch(/from the hub 2 h ago \(offline: last report received\)/);
    expect(await dashboard.kpi('checkouts')).toBe('7');
    await app().screenshot('chain-capture-offline');
    await page.getByRole('tab', { name: 'Starters, all registers' }).click();
    await expect.poll(() => page.getByTestId('report-age').innerText()).toMatch(/2 h ago \(offline: last report received\)/);
    expect(await chain.locator('[data-kpi="checkouts"] .kpi-value').innerText()).toBe('7');
    await app().screenshot('chain-starters-offline');
  });

  it('shows the merchandiser what exploration does and is worth, and the chain capture with a store breakdown', async () => {
    const { page } = app();
    const { slots, trials } = await pushFromSecondRegister(app());
    await logIn(page, 'Priya Shah');
    await workspace(page, 'Chain reports');
    const view = page.locator('[data-testid="exploration-view"][data-state="ready"]');
    await view.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('share-explored').innerText()).toBe(`${((trials / slots) * 100).toFixed(1)} %`);
    // the ranking alone: slot 0 as logged, slot 1 kept (p 0.9) weighed up, trials weighed out
    expect(await page.getByTestId('ranking-value').innerText()).toMatch(/^\d+\.\d %$/);
    await page.getByTestId('not-enough-replenish').waitFor(); // 75 slots, no trials: no estimate yet
    await page.getByTestId('snips-all kinds').waitFor();
    await app().screenshot('chain-exploration');
    expect(await auditScreen(page, '1280x800', { name: 'chain-exploration', primary: page.getByRole('tab', { name: 'Exploration' }) })).toEqual([]);

    await page.getByRole('tablist', { name: 'Chain reports' }).getByRole('tab', { name: 'Email capture, all stores' }).click();
    const dashboard = new DashboardPage(page);
    await expect.poll(() => dashboard.kpi('checkouts'), { timeout: 15_000 }).toBe('4');
    await page.getByRole('radiogroup', { name: 'Group by' }).getByRole('radio', { name: 'Stores' }).click();
    expect(await page.getByTestId('leader-row').count()).toBe(1); // only S1 has checkouts at this hub
    await app().screenshot('chain-capture-merchandiser-stores');
    await toTop(page);
    await app().screenshot('chain-capture-merchandiser');
  });
});
