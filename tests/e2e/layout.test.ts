// Every screen of every role at a POS tablet's 1024×768 and a laptop's 1280×800 (issue 19):
// no sideways scroll, the primary action on screen, no cut-off table data, thumb-sized targets,
// and no serious or critical axe-core violation. Screenshots: tests/e2e/screenshots/layout-*.png.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed, wrongPinFor } from './demo.js';
import { auditScreen, type ScreenCheck } from './pages/layoutAudit.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { CapturePage } from './pages/CapturePage.js';
import { SearchPage } from './pages/SearchPage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { MerchPage, type MerchTab } from './pages/MerchPage.js';
import { ringUpItem, startSale } from './pages/sale.js';
import { SetupPage } from './pages/SetupPage.js';
import { startRegisterHost } from './registerApp.js';
import { ShellPage } from './pages/ShellPage.js';

const SIZES = [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
] as const;

/** Sets the size, then checks screen after screen, collecting every problem before failing. */
class Tour {
  readonly problems: string[] = [];
  readonly size: string;
  constructor(
    readonly app: AppUnderTest,
    viewport: { width: number; height: number },
  ) {
    this.size = `${viewport.width}x${viewport.height}`;
  }
  get page(): Page {
    return this.app.page;
  }
  async check(screen: ScreenCheck): Promise<void> {
    this.problems.push(...(await auditScreen(this.page, this.size, screen)));
  }
}

async function logIn(tour: Tour, who: string): Promise<void> {
  const login = new LoginPage(tour.page);
  await login.waitForTiles();
  await login.logIn(who, staffNamed(who).pin);
  await postponePinChange(tour.page);
}

/** The demo's 4-digit PINs are asked to change after sign-in (checked once, in the associate tour); "Later" for the rest. */
async function postponePinChange(page: Page): Promise<void> {
  await page.getByTestId('pin-change-later').click();
  await page.getByTestId('pin-change-prompt').waitFor({ state: 'detached' });
}

async function openWorkspace(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: label }).click();
}

describe.each(SIZES)('every screen at $width×$height', (viewport) => {
  const app = useAppUnderTest();
  const start = async () => {
    await app().page.setViewportSize(viewport);
    return new Tour(app(), viewport);
  };

  it('set-up: the first-start choice, the code field with a refusal, the recovery screen', async () => {
    const tour = await start();
    const { page } = tour;
    const setup = new SetupPage(page);
    const fresh = await startRegisterHost();
    try {
      await page.goto(fresh.http.launchUrl);
      await setup.choice.waitFor();
      await tour.check({ name: 'setup-choice', primary: page.getByTestId('choose-demo') });
      await setup.openConnect();
      await setup.connect('7KQ2 9XRT');
      await setup.problem.waitFor();
      await tour.check({ name: 'setup-connect', primary: page.getByRole('button', { name: 'Connect', exact: true }) });
    } finally {
      await fresh.close(true);
    }
    // Damaged data on a register enrolled with a hub: the file is moved aside and the screen waits.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-layout-damaged-'));
    fs.writeFileSync(path.join(dataDir, 'endcap.db'), 'this is not a database');
    fs.writeFileSync(path.join(dataDir, 'sync.json'), JSON.stringify({ url: 'http://127.0.0.1:9', token: 'x'.repeat(43), store: 'S1' }));
    const damaged = await startRegisterHost(dataDir);
    try {
      await page.goto(damaged.http.launchUrl);
      await setup.recovery.waitFor();
      await tour.check({ name: 'setup-recovery', primary: page.getByTestId('rebuild') });
    } finally {
      await damaged.close(true);
    }
    expect(tour.problems).toEqual([]);
  });

  it('associate: login, lookup, card, capture, search, order, sync panel', async () => {
    const tour = await start();
    const { page } = tour;
    const login = new LoginPage(page);
    await login.waitForTiles();
    await tour.check({ name: 'login-tiles', primary: login.tiles.last() });
    await login.choose('Ava Martinez');
    await tour.check({ name: 'login-pin', primary: page.getByRole('button', { name: 'Log in' }) });
    await login.tapPin(staffNamed('Ava Martinez').pin);
    await login.submit();
    await page.getByTestId('current-user').filter({ hasText: 'Ava Martinez' }).waitFor();
    await tour.check({ name: 'pin-change-prompt', primary: page.getByTestId('pin-change-start') });
    await postponePinChange(page);

    const lookup = new LookupPage(page);
    await lookup.waitForReady();
    await tour.check({ name: 'checkout-lookup', primary: lookup.field });
    await lookup.search('doe john');
    await lookup.rows.first().waitFor();
    await tour.check({ name: 'checkout-lookup-results', primary: lookup.rows.first() });

    const john = DEMO_FIXTURES.johnDoe;
    await lookup.search(john.email!);
    await lookup.rows.first().click();
    await page.locator('[data-testid="customer-card"]:not([aria-busy="true"])').waitFor();
    await page.getByTestId('starter').first().waitFor();
    await ringUpItem(tour.app);
    await tour.check({ name: 'customer-card', primary: page.getByRole('button', { name: 'Finish sale' }), visible: [page.getByTestId('starter-text').first()] });

    const capture = new CapturePage(page);
    await capture.start();
    await capture.typeEmail('JohnDoe@gmail.com');
    await page.getByTestId('matches').waitFor();
    await tour.check({
      name: 'capture-matches',
      primary: capture.saveButton,
      visible: [capture.matches.last(), page.locator('.consent-list')],
    });
    await capture.typeEmail(DEMO_FIXTURES.suppressed.email!);
    await tour.check({ name: 'capture-resubscribe', primary: page.getByTestId('resubscribe-ask'), visible: [page.getByTestId('suppressed-note')] });

    const search = new SearchPage(page);
    await search.open();
    await search.type('sleeping bag');
    await search.results.nth(4).waitFor();
    await tour.check({ name: 'search-results', primary: search.input, visible: [search.results.nth(4)] });
    await search.results.first().click();
    await search.sheet.locator('.sheet-order').waitFor();
    await tour.check({ name: 'search-sheet', primary: search.sheet.locator('.sheet-order') });
    if (await search.sheet.locator('.sheet-order').isEnabled()) {
      await search.startOrder();
      await tour.check({ name: 'search-order-form', primary: page.getByTestId('order-form').getByRole('button', { name: 'Place order' }) });
    }

    await page.getByTestId('sync-status').click();
    await page.getByTestId('sync-panel').waitFor();
    await tour.check({ name: 'sync-panel', primary: page.getByRole('button', { name: 'Close sync panel' }) });

    expect(tour.problems).toEqual([]);
  });

  it('merchandiser: every tab of the offer rules', async () => {
    const tour = await start();
    const { page } = tour;
    await logIn(tour, 'Priya Shah');
    const merch = new MerchPage(page);
    await page.locator('[data-testid="merch-workspace"][data-state="ready"]').waitFor();
    // A second version, so the Versions table has a row to roll back to.
    const [first] = await merch.affinityIds();
    await merch.editCell(first!, 'weight', '0.4');
    await merch.publish('Layout check');
    const publish = page.getByRole('button', { name: 'Publish…' });
    const tabs: [MerchTab, string][] = [
      ['Affinities', 'affinities'],
      ['Guardrails', 'guardrails'],
      ['Preview', 'preview'],
      ['Conflicts & coverage', 'checks'],
      ['Versions', 'versions'],
    ];
    for (const [tab, name] of tabs) {
      await page.getByRole('tablist', { name: 'Offer rules' }).getByRole('tab', { name: tab }).click();
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
      if (tab === 'Preview') await new MerchPage(page).previewReady();
      if (tab === 'Conflicts & coverage') await page.locator('[data-testid="checks"][data-state="ready"]').waitFor();
      if (tab === 'Versions') await page.getByTestId('activations').waitFor();
      const rollback = page.getByRole('button', { name: 'Roll back to this version' });
      await tour.check({ name: `merch-${name}`, primary: publish, visible: tab === 'Versions' ? [rollback] : [] });
    }
    // The chain's reports (a standalone register: no hub, so the screen says what it needs)
    await openWorkspace(page, 'Chain reports');
    await page.getByTestId('exploration-view').waitFor();
    await tour.check({ name: 'chain-reports-exploration', primary: page.getByRole('tab', { name: 'Exploration' }) });
    expect(tour.problems).toEqual([]);
  });

  it('manager: workspace tabs on one line, the capture dashboard and its leaderboard', async () => {
    const tour = await start();
    const { page } = tour;
    await logIn(tour, 'Dana Kim');
    const tabs = page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button');
    // Lines of text per tab (a wrapped label has two line boxes) and the row each tab sits on.
    const lines = await tabs.evaluateAll((els) =>
      els.map((el) => {
        const range = (globalThis as unknown as { document: { createRange(): { selectNodeContents(n: unknown): void; getClientRects(): { length: number } } } }).document.createRange();
        range.selectNodeContents(el);
        return { top: Math.round(el.getBoundingClientRect().top), lines: range.getClientRects().length };
      }),
    );
    if (new Set(lines.map((l) => l.top)).size > 1 || lines.some((l) => l.lines > 1)) {
      tour.problems.push(`[${tour.size}] the manager's workspace tabs do not sit on one line: ${JSON.stringify(lines)}`);
    }

    await openWorkspace(page, 'Store reports');
    const dashboard = new DashboardPage(page);
    await dashboard.ready();
    await tour.check({ name: 'dashboard', primary: page.getByRole('radiogroup', { name: 'Date range' }) });
    await page.getByRole('searchbox', { name: 'Filter by name or store' }).scrollIntoViewIfNeeded();
    await tour.check({ name: 'dashboard-leaderboard', primary: page.getByRole('searchbox', { name: 'Filter by name or store' }) });

    // The hub's report of every register: on a standalone register it says why there is none.
    await page.getByRole('tablist', { name: 'Manager reports' }).getByRole('tab', { name: 'Starters, all registers' }).click();
    await page.getByTestId('chain-report').waitFor();
    await page.getByTestId('report-age').filter({ hasText: /no hub|hub/ }).waitFor();
    await tour.check({ name: 'chain-report', primary: page.getByRole('tab', { name: 'Starters, all registers', selected: true }) });

    // The register's own settings (update channel).
    await openWorkspace(page, 'Register');
    await page.locator('[data-testid="register-settings"] fieldset:not([disabled])').waitFor();
    await tour.check({ name: 'register-settings', primary: page.getByTestId('channel-beta') });

    // Staff: the list, the add form filled in, a PIN reset.
    await openWorkspace(page, 'Staff');
    const table = page.getByTestId('staff-table');
    await table.getByTestId('staff-row').first().waitFor();
    const add = page.getByRole('button', { name: 'Add person' });
    await tour.check({ name: 'staff-list', primary: page.getByLabel('Name'), visible: [add, table.getByTestId('staff-row').first()] });
    await page.getByLabel('Name').fill('Kai Lee');
    await tour.check({ name: 'staff-add-form', primary: add });
    await add.click();
    await page.getByTestId('staff-done').filter({ hasText: 'Kai Lee was added' }).waitFor();
    const ava = table.getByTestId('staff-row').filter({ hasText: 'Ava Martinez' });
    await ava.getByRole('button', { name: 'Reset PIN' }).click();
    await page.getByTestId('staff-done').filter({ hasText: 'Ava Martinez chooses a new PIN' }).waitFor();
    await tour.check({ name: 'staff-reset-pin', primary: page.getByTestId('staff-done'), visible: [ava.getByRole('button', { name: 'Reset PIN' })] });

    // The person whose PIN was reset chooses one at the next sign-in.
    await new ShellPage(page).logOut();
    const login = new LoginPage(page);
    await login.choose('Ava Martinez');
    await login.tapPin(staffNamed('Ava Martinez').pin);
    await login.submit();
    await login.waitForFeedback('Choose your PIN');
    await tour.check({ name: 'login-choose-pin', primary: page.getByRole('button', { name: 'Next' }), visible: [login.feedback] });
    expect(tour.problems).toEqual([]);
  });

  it('lock screen: a locked associate and the manager-unlock dialog', async () => {
    const tour = await start();
    const { page } = tour;
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.choose('Sam Okafor');
    const wrong = wrongPinFor('Sam Okafor');
    for (const left of [4, 3, 2, 1]) {
      await login.typePinAndEnter(wrong);
      await login.waitForFeedback(`${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    await login.typePinAndEnter(wrong);
    await login.waitForFeedback('Locked until');
    await tour.check({ name: 'login-locked', primary: page.getByTestId('manager-unlock-button'), visible: [login.feedback] });
    await page.getByTestId('manager-unlock-button').click();
    await page.getByTestId('manager-unlock').waitFor();
    await tour.check({ name: 'login-manager-unlock', primary: page.getByRole('button', { name: 'Unlock Sam' }), visible: [page.getByRole('group', { name: 'PIN pad' })] });
    await login.typePinAndEnter(wrongPinFor('Dana Kim'));
    await page.getByTestId('manager-unlock-feedback').filter({ hasText: 'Wrong manager PIN' }).waitFor();
    await tour.check({ name: 'login-manager-unlock-wrong', primary: page.getByRole('button', { name: 'Unlock Sam' }), visible: [page.getByTestId('manager-unlock-feedback')] });
    expect(tour.problems).toEqual([]);
  });

  it('dialogs: refused events and setting one aside with a manager, the sign-out warning', async () => {
    const tour = await start();
    const { page } = tour;
    const capture = await startSale(tour.app, 'Ava Martinez');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByTestId('logout-check').waitFor();
    await tour.check({ name: 'logout-check', primary: page.getByTestId('logout-check-stay') });
    await page.getByTestId('logout-check-stay').click();
    await capture.start();
    await capture.decline('Privacy concerns');
    await capture.nextCustomer();
    tour.app.device.db.prepare(`UPDATE outbox SET rejected_reason = 'unknown SKU at the hub', rejected_at = ?`).run(new Date().toISOString());
    await page.getByTestId('sync-status').click();
    await page.getByTestId('sync-rejected').waitFor();
    await tour.check({ name: 'sync-refused', primary: page.getByTestId('refused-dismiss').first() });
    await page.getByTestId('refused-dismiss').first().click();
    await tour.check({ name: 'dismiss-reason', primary: page.getByTestId('dismiss-reason') });
    await page.getByTestId('dismiss-reason').fill('Withdrawn from the catalog');
    await page.getByTestId('dismiss-next').click();
    await page.getByTestId('dismiss-approval').waitFor();
    await tour.check({ name: 'dismiss-approval', primary: page.getByRole('button', { name: 'Approve' }) });
    await page.getByTestId('dismiss-approval').getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('dismiss-dialog').getByRole('button', { name: 'Cancel' }).click();
    expect(tour.problems).toEqual([]);
  });
});
