// A manager unlocks a locked colleague at the register with their own PIN on that screen.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { staffNamed, wrongPinFor } from './demo.js';
import { LoginPage } from './pages/LoginPage.js';
import { ShellPage } from './pages/ShellPage.js';

const ASSOCIATE = 'Sam Okafor';
const MANAGER = 'Dana Kim';

describe('manager unlock at the register', () => {
  const app = useAppUnderTest();

  it('a locked associate is unlocked by the manager typing their PIN on the same screen, then signs in', async () => {
    const { page, screenshot } = app();
    const login = new LoginPage(page);
    await login.waitForTiles();
    await login.choose(ASSOCIATE);
    const wrong = wrongPinFor(ASSOCIATE);
    for (const left of [4, 3, 2, 1]) {
      await login.typePinAndEnter(wrong);
      await login.waitForFeedback(`${left} ${left === 1 ? 'try' : 'tries'} left`);
    }
    await login.typePinAndEnter(wrong);
    await login.waitForFeedback('Locked until');
    await screenshot('pin-pad-locked-manager-unlock');

    await page.getByTestId('manager-unlock-button').click();
    const panel = page.getByTestId('manager-unlock');
    await panel.waitFor();
    expect(await panel.innerText()).toContain(`${MANAGER}, enter your manager PIN`);

    // A wrong manager PIN is refused and counted.
    await login.typePinAndEnter(wrongPinFor(MANAGER));
    await page.getByTestId('manager-unlock-feedback').filter({ hasText: 'Wrong manager PIN' }).waitFor();
    await screenshot('manager-unlock-wrong-pin');

    await login.typePinAndEnter(staffNamed(MANAGER).pin);
    await panel.waitFor({ state: 'detached' });
    // Back on the associate's PIN pad, unlocked: the right PIN signs in.
    await login.typePinAndEnter(staffNamed(ASSOCIATE).pin);
    await new ShellPage(page).currentUser.waitFor();
    expect(await new ShellPage(page).currentUser.innerText()).toContain('Sam');
  });
});
