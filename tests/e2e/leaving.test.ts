// Leaving with work in hand (issue 14): an update waits for an idle till; closing the window or
// signing out with a sale or a half-filled capture warns first. The desktop shell (Electron's
// main process) is stood in for by a fake ShellPort; the browser host's own guard is beforeunload.
import { describe, expect, it } from 'vitest';
import { fakeShell } from '../../core/testing/fakeShell.js';
import { useAppUnderTest } from './harness.js';
import { logInAs, startSale } from './pages/sale.js';

describe('in the desktop app', () => {
  let shell = fakeShell();
  const app = useAppUnderTest({ shell: () => (shell = fakeShell()) });

  it('"Update ready" waits for the sale to end, then restarts on request', async () => {
    const capture = await startSale(app(), 'Ava Martinez');
    const { page } = app();
    shell.ready = { version: '0.2.0' };
    shell.tell('state');
    const banner = page.getByTestId('update-ready');
    await banner.getByText('Update ready — restart when the till is idle').waitFor();
    const restart = page.getByTestId('update-restart');
    // A basket on the counter: the restart is held, and the button says why.
    expect(await restart.isDisabled()).toBe(true);
    expect(await restart.innerText()).toBe('Restart after this sale');
    await app().screenshot('update-ready-mid-sale');

    await capture.start();
    await capture.decline('Privacy concerns');
    await capture.nextCustomer();
    await page.locator('[data-testid="update-restart"]:not([disabled])').waitFor();
    expect(await restart.innerText()).toBe('Restart now');
    await restart.click();
    await expect.poll(() => shell.restartToUpdate.mock.calls.length).toBe(1);
  });

  it('closing the window with a half-filled capture warns; "Close anyway" closes, "Keep working" keeps it', async () => {
    const capture = await startSale(app(), 'Ava Martinez');
    const { page } = app();
    await capture.start();
    await capture.typeEmail('half.way@exam');
    shell.tell('close-requested');
    const check = page.getByTestId('close-check');
    await check.waitFor();
    expect(await check.getByTestId('leave-unsaved').innerText()).toContain('an email capture that is filled in but not saved');
    await app().screenshot('close-check-capture');
    await check.getByTestId('close-check-stay').click();
    await check.waitFor({ state: 'detached' });
    expect(shell.close).not.toHaveBeenCalled();
    expect(await capture.email.inputValue()).toBe('half.way@exam');

    shell.tell('close-requested');
    await check.getByTestId('close-check-leave').click();
    await expect.poll(() => shell.close.mock.calls.length).toBe(1);
  });

  it('closing with nothing open closes at once, without a question', async () => {
    const { page } = app();
    await page.getByRole('heading', { name: 'Who’s working?' }).waitFor();
    shell.tell('close-requested');
    await expect.poll(() => shell.close.mock.calls.length).toBe(1);
    expect(await page.getByTestId('close-check').count()).toBe(0);
  });
});

describe('in the browser', () => {
  const app = useAppUnderTest();

  it('signing out with a half-filled capture warns and names it; leaving the page asks the browser first', async () => {
    const capture = await startSale(app(), 'Ava Martinez');
    const { page } = app();
    await capture.start();
    await capture.typeEmail('half.way@exam');

    await page.getByRole('button', { name: 'Log out' }).click();
    const check = page.getByTestId('logout-check');
    await check.waitFor();
    expect(await check.getByTestId('leave-unsaved').innerText()).toContain('an email capture that is filled in but not saved');
    await app().screenshot('logout-check-capture');
    await check.getByTestId('logout-check-stay').click();
    expect(await capture.email.inputValue()).toBe('half.way@exam');

    // The browser host has no window of its own to guard: beforeunload asks.
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => void d.dismiss().then(() => resolve(d.type()))));
    await page.close({ runBeforeUnload: true });
    expect(await dialog).toBe('beforeunload');
  });

  it('an empty basket and no capture: no beforeunload prompt, sign-out goes straight through', async () => {
    await logInAs(app(), 'Ava Martinez');
    const { page } = app();
    await page.getByTestId('current-user').waitFor();
    let asked = false;
    page.on('dialog', (d) => {
      asked = true;
      void d.dismiss();
    });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Who’s working?' }).waitFor();
    expect(asked).toBe(false);
  });
});
