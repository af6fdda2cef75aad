// Staff administration on a 1024×768 tablet: the manager adds a person and resets a PIN; the
// new person and the one whose PIN was reset choose a PIN at their next sign-in.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { LoginPage } from './pages/LoginPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { logInAs, withReplica } from './pages/sale.js';

const app = useAppUnderTest();

describe('staff administration', () => {
  it('a manager adds a person and resets a PIN; each chooses a PIN at their next sign-in', async () => {
    const a = app();
    const page = a.page;
    await page.setViewportSize({ width: 1024, height: 768 });
    await logInAs(a, 'Dana Kim');
    await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Staff' }).click();
    const table = page.getByTestId('staff-table');
    await table.getByTestId('staff-row').first().waitFor();

    await page.getByLabel('Name').fill('Kai Lee');
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByTestId('staff-done').filter({ hasText: 'Kai Lee was added' }).waitFor();
    const ava = table.getByTestId('staff-row').filter({ hasText: 'Ava Martinez' });
    await ava.getByRole('button', { name: 'Reset PIN' }).click();
    await page.getByTestId('staff-done').filter({ hasText: 'Ava Martinez chooses a new PIN' }).waitFor();
    await ava.getByLabel('Role of Ava Martinez').selectOption('merchandiser');
    await page.getByTestId('staff-done').filter({ hasText: 'now a merchandiser' }).waitFor();
    await a.screenshot('staff-admin');

    // Every change is waiting for the hub.
    const kinds = withReplica(a, (db) => db.prepare(`SELECT kind FROM outbox WHERE kind = 'staff.changed'`).pluck().all() as string[]);
    expect(kinds).toHaveLength(3);

    await new ShellPage(page).logOut();
    const login = new LoginPage(page);
    await login.choose('Kai Lee');
    await login.tapPin('1111');
    await login.submit();
    await login.waitForFeedback('Choose your PIN');
    await login.tapPin('246813');
    await login.submit();
    await login.waitForFeedback('Type the same PIN again');
    await a.screenshot('staff-choose-pin');
    await login.tapPin('246813');
    await login.submit();
    await page.getByTestId('current-user').filter({ hasText: 'Kai Lee' }).waitFor();
    await new ShellPage(page).logOut();

    // Ava's old PIN no longer works as a PIN: she is asked to choose one.
    await login.choose('Ava Martinez');
    await login.tapPin('1111');
    await login.submit();
    expect(await login.waitForFeedback('Choose your PIN')).toContain('reset your PIN');
  }, 120_000);
});
