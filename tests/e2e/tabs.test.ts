// Two tabs of one browser on one web host are two registers (issue 19): an associate in one and a
// manager in the other, each acting as itself; a reload keeps a tab's sign-in; signing out in one
// leaves the other signed in and working.
import { describe, expect, it } from 'vitest';
import { screenshotPath, useAppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { ShellPage } from './pages/ShellPage.js';

const ASSOCIATE = 'Ava Martinez';
const MANAGER = 'Dana Kim';

describe('two tabs of one browser', () => {
  const app = useAppUnderTest();

  it('sign in as different people, each acts as itself, and one signing out leaves the other signed in', async () => {
    const a = app();
    const first = a.page;
    await first.setViewportSize({ width: 1024, height: 768 });
    const login = new LoginPage(first);
    await login.waitForTiles();
    await login.logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);

    // A second tab of the same browser (same cookies): it starts signed out, at the tiles.
    const second = await first.context().newPage();
    await second.setViewportSize({ width: 1024, height: 768 });
    await second.goto(a.http.origin);
    const login2 = new LoginPage(second);
    await login2.waitForTiles();
    await login2.logIn(MANAGER, staffNamed(MANAGER).pin);

    // Each tab is its own person: the associate's tab has no manager workspaces and still is Ava.
    const shell = new ShellPage(first);
    const shell2 = new ShellPage(second);
    await first.bringToFront();
    expect(await shell.currentUser.textContent()).toContain(ASSOCIATE);
    expect(await shell.workspaceTabs.allInnerTexts()).not.toContain('Staff');
    const lookup = new LookupPage(first);
    await lookup.search(DEMO_FIXTURES.johnDoe.email!);
    await lookup.rows.first().waitFor();

    // …and the manager's tab runs manager-only calls.
    await second.bringToFront();
    expect(await shell2.currentUser.textContent()).toContain(MANAGER);
    await second.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Staff' }).click();
    await second.getByTestId('staff-table').getByTestId('staff-row').first().waitFor();
    await a.screenshot('tabs-associate');
    await second.screenshot({ path: screenshotPath('tabs-manager'), animations: 'disabled' });

    // A reload keeps the tab's own sign-in.
    await first.bringToFront();
    await first.reload();
    await shell.currentUser.filter({ hasText: ASSOCIATE }).waitFor();

    // The associate signs out; the manager's tab is still Dana's and still works.
    await shell.logOut();
    await second.bringToFront();
    await new DashboardPage(second).open();
    expect(await shell2.currentUser.textContent()).toContain(MANAGER);
    await second.reload();
    await shell2.currentUser.filter({ hasText: MANAGER }).waitFor();
    await new DashboardPage(second).open();
    // And the first tab did not come back signed in by the manager's activity.
    await first.bringToFront();
    await login.waitForTiles();
    expect(await shell.currentUser.count()).toBe(0);
    await second.close();
  }, 120_000);
});
