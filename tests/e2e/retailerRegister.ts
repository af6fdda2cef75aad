// A register of the retailer in retailer.ts as IT sets it up on the first day (a code the hub
// printed, typed on the set-up screen), and a person's first sign-in (no PIN yet: they choose one).
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './harness.js';
import { LoginPage } from './pages/LoginPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { startRegister, startTlsHub, type Register, type TlsHub } from './registerApp.js';
import { retailerHub } from './retailer.js';

export interface RetailerWorld {
  browser: Browser;
  /** The retailer's hub (HTTPS, its own CA), given the first day's files. */
  hub: TlsHub;
  /** Each file's import report. */
  reports: Awaited<ReturnType<typeof retailerHub>>['reports'];
}

/** Registers the hooks of a test file: the retailer's hub and a Chromium, once per file. */
export function useRetailer(): () => RetailerWorld {
  let world: RetailerWorld | undefined;
  let dir = '';
  beforeAll(async () => {
    const retailer = await retailerHub();
    dir = retailer.dir;
    world = { hub: await startTlsHub(retailer.hubFile), browser: await launchBrowser(), reports: retailer.reports };
  }, 240_000);
  afterAll(async () => {
    await world?.browser.close();
    await world?.hub.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!world) throw new Error('The retailer is only available inside a test.');
    return world;
  };
}

/** A new register of `storeId` on a 1024×768 tablet, connected with a code `hub` printed; waits for the login. */
export async function connectRegister(browser: Browser, hub: TlsHub, storeId: string): Promise<Register> {
  const register = await startRegister(browser);
  await register.page.setViewportSize({ width: 1024, height: 768 });
  const setup = new SetupPage(register.page);
  await setup.choice.waitFor();
  await setup.openConnect();
  await setup.connect(await hub.code(storeId));
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
