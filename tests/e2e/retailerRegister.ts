// A register of the retailer in retailer.ts as IT sets it up on the first day (a code the hub
// printed, typed on the set-up screen), and a person's first sign-in (no PIN yet: they choose one).
import type { Browser, Page } from 'playwright-core';
import { LoginPage } from './pages/LoginPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { startRegister, type Register, type TlsHub } from './registerApp.js';

/** A new register of `storeId` on a 1024×768 tablet, connected with a code `hub` printed; waits for the login. */
export async function connectRegister(browser: Browser, hub: TlsHub, storeId: string): Promise<Register> {
  const register = await startRegister(browser);
  await register.page.setViewportSize({ width: 1024, height: 768 });
  const setup = new SetupPage(register.page);
  await setup.choice.waitFor();
  await setup.openConnect();
  await setup.connect(hub.code(storeId));
  await register.page.getByRole('heading', { name: 'Who’s working?' }).waitFor({ timeout: 180_000 });
  await new LoginPage(register.page).waitForTiles();
  return register;
}

/** A person with no PIN yet signs in for the first time: any digits, then the PIN they choose, twice. */
export async function firstSignIn(page: Page, name: string, pin: string): Promise<void> {
  const login = new LoginPage(page);
  await login.choose(name);
  await login.tapPin('1111');
  await login.submit();
  await login.waitForFeedback('Choose your PIN');
  await login.tapPin(pin);
  await login.submit();
  await login.waitForFeedback('Type the same PIN again');
  await login.tapPin(pin);
  await login.submit();
  await page.getByTestId('current-user').filter({ hasText: name }).waitFor();
}
