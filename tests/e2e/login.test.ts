// Logging in at the register: staff tiles, PIN pad, wrong PINs and lockout.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { staffNamed, wrongPinFor } from './demo.js';
import { LoginPage } from './pages/LoginPage.js';
import { ShellPage } from './pages/ShellPage.js';

const ASSOCIATE = 'Ava Martinez';
const OTHER_ASSOCIATE = 'Sam Okafor';

describe('login', () => {
  const app = useAppUnderTest();

  it('shows this store’s staff as tiles with their roles', async () => {
    const { page, screenshot } = app();
    const login = new LoginPage(page);
    await login.waitForTiles();

    const tile = login.tile(ASSOCIATE);
    expect(await tile.innerText()).toContain('Associate');
    expect(await login.tile('Dana Kim').innerText()).toContain('Store manager');
    // Staff of other stores are not offered on this register.
    expect(await login.tile('Marcus Reed').count()).toBe(0);
    expect(await login.tiles.locator('[data-testid="locked-badge"]').count()).toBe(0);
    await screenshot('login-tiles');
  });

  it('logs in with the on-screen keys and logs out again', async () => {
    const { page } = app();
    const login = new LoginPage(page);
    const shell = new ShellPage(page);
    await login.waitForTiles();

    await login.logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);
    expect(await shell.currentUser.innerText()).toContain(ASSOCIATE);
    expect(await shell.statusBar.innerText()).toContain('Standalone — no hub configured');
    // Only workspaces with features are offered: for an associate, Checkout and Search.
    expect(await shell.workspaceTabs.allInnerTexts()).toEqual(['Checkout', 'Search']);

    await shell.logOut();
    await login.tile(ASSOCIATE).waitFor();
  });

  it('logs in from a physical keyboard', async () => {
    const { page } = app();
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.choose('Dana Kim');
    await login.typePinAndEnter(staffNamed('Dana Kim').pin);
    await new ShellPage(page).currentUser.filter({ hasText: 'Dana Kim' }).waitFor();
  });

  it('says how many tries are left after a wrong PIN', async () => {
    const { page, screenshot } = app();
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.choose(ASSOCIATE);

    await login.tapPin(wrongPinFor(ASSOCIATE));
    await login.submit();
    expect(await login.waitForFeedback('4 tries left')).toContain('Wrong PIN');

    await login.typePinAndEnter(wrongPinFor(ASSOCIATE));
    await login.waitForFeedback('3 tries left');
    // The pad is cleared for the next try.
    expect(await login.pinDots.getAttribute('data-count')).toBe('0');
    await screenshot('pin-pad-wrong-pin');
  });

  it('locks after five wrong PINs, refuses even the right PIN, and shows the lock on the tile', async () => {
    const { page, screenshot } = app();
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.choose(OTHER_ASSOCIATE);

    const wrong = wrongPinFor(OTHER_ASSOCIATE);
    for (const left of [4, 3, 2, 1]) {
      await login.typePinAndEnter(wrong);
      await login.waitForFeedback(`${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    await login.typePinAndEnter(wrong);
    const locked = await login.waitForFeedback('Locked until');
    expect(locked).toMatch(/Locked until \d{1,2}:\d{2}/);
    await screenshot('pin-pad-locked');

    // The right PIN does not open a locked profile.
    await login.typePinAndEnter(staffNamed(OTHER_ASSOCIATE).pin);
    await login.pinDots.and(page.locator('[data-count="0"]')).waitFor();
    await login.waitForFeedback('Locked until');
    expect(await new ShellPage(page).currentUser.count()).toBe(0);

    await login.backToTiles();
    await login.tile(OTHER_ASSOCIATE).locator('[data-testid="locked-badge"]').waitFor();
    expect(await login.tile(ASSOCIATE).locator('[data-testid="locked-badge"]').count()).toBe(0);
    await screenshot('login-tiles-locked');

    // Choosing the locked person again explains the lock before any PIN is typed.
    await login.choose(OTHER_ASSOCIATE);
    await login.waitForFeedback('This profile is locked');
  });
});
