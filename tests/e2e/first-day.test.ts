// A real retailer's first day (issue 15), driven through the screens of registers on the loopback
// host: a hub with no demo data is given Ridgeline Outfitters' files (two stores, staff without
// PINs, 1,000 customers, 10,000 orders); a new register is connected with a code; the manager
// chooses a PIN and makes a colleague the merchandiser; an associate signs in, finds a customer,
// sees a starter learned from those orders and finishes her sale; a second register of the
// store, connected afterwards, shows that sale on the customer's card.
import { describe, expect, it } from 'vitest';
import { BasketPanel } from './pages/basket.js';
import { CapturePage } from './pages/CapturePage.js';
import { CustomerCardPage } from './pages/CustomerCardPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { ShellPage } from './pages/ShellPage.js';
import { StartersPanel } from './pages/starters.js';
import { DENVER, MAYA, STAFF } from './retailer.js';
import { connectRegister, firstSignIn, useRetailer } from './retailerRegister.js';

/** The PIN each person chooses at their first sign-in. */
const PINS: Record<string, string> = { [STAFF.manager.name]: '482916', [STAFF.associate.name]: '735104' };

const world = useRetailer();

describe('a real retailer’s first day', () => {
  it('files in → a register set up → roles set → a starter learned from the orders → the sale on the card at a second register', async () => {
    const { browser, hub, reports } = world();
    // Every file was taken whole: nothing refused, nothing half-applied.
    expect(reports.map((r) => [r.file, r.status, r.rejections.length])).toEqual(reports.map((r) => [r.file, 'applied', 0]));
    const applied = Object.fromEntries(reports.map((r) => [r.kind, r.rowsApplied]));
    expect(applied).toMatchObject({ stores: 2, staff: 4, customers: 1_000 });
    expect(applied.orders).toBeGreaterThan(10_000); // one row per order line

    const first = await connectRegister(browser, hub, DENVER.id);
    try {
      const page = first.page;
      // No demo anywhere: Ridgeline's own people on the tiles.
      expect(await page.getByTestId('demo-badge').count()).toBe(0);
      const tiles = await new LoginPage(page).tiles.allInnerTexts();
      expect(tiles.join(' ')).toContain(STAFF.manager.name);
      expect(tiles.join(' ')).not.toContain(STAFF.saltLake.name);
      await first.screenshot('first-day-login');

      // The manager chooses her PIN and makes Lena the merchandiser.
      await firstSignIn(page, STAFF.manager.name, PINS[STAFF.manager.name]!);
      await page.getByRole('navigation', { name: 'Workspaces' }).getByRole('button', { name: 'Staff' }).click();
      const table = page.getByTestId('staff-table');
      await table.getByTestId('staff-row').filter({ hasText: STAFF.merchandiser.name }).waitFor();
      await table.getByLabel(`Role of ${STAFF.merchandiser.name}`).selectOption('merchandiser');
      await page.getByTestId('staff-done').filter({ hasText: 'now a merchandiser' }).waitFor();
      await first.screenshot('first-day-staff');
      await new ShellPage(page).logOut();

      // Ben, an associate, signs in for the first time and looks Maya up by her email.
      await firstSignIn(page, STAFF.associate.name, PINS[STAFF.associate.name]!);
      const lookup = new LookupPage(page);
      await lookup.waitForReady();
      await lookup.search(MAYA.email);
      expect(await lookup.resultNames()).toEqual([MAYA.name]);
      await lookup.openRow(MAYA.name);
      const card = new CustomerCardPage(page);
      await card.waitForCustomer(MAYA.name);

      // She bought a tent last week: the register learned from Ridgeline's orders that a sleeping bag follows.
      const starters = new StartersPanel(page);
      await starters.waitForDecision();
      const bag = (await starters.read()).find((s) => s.products.some((p) => /Sleeping Bag/.test(p)));
      expect(bag, 'a starter offering a sleeping bag').toMatchObject({ kind: 'cross_sell' });
      expect(bag!.reason).toMatch(/of customers who bought the Ridgeline Trail 2-Person Tent bought the .*Sleeping Bag/);
      await card.screenshotWhole('first-day-card-starters');

      // She takes the bag; the sale is finished with the email on file.
      const bagSku = 'RT-BAG-35';
      await new BasketPanel(page).scan(bagSku);
      const capture = new CapturePage(page);
      await capture.start();
      await page.getByTestId('on-file').getByRole('button', { name: 'Yes, use it' }).click();
      await capture.done.waitFor();
      expect(await capture.done.getAttribute('data-outcome')).toBe('already_on_file');
      await capture.screenshot('first-day-sale-done');
      await capture.nextCustomer();

      // The sale reaches the hub once.
      await expect.poll(async () => (await hub.events()).filter((e) => e.kind === 'sale.completed').length, { timeout: 60_000 }).toBe(1);
      const sale = JSON.parse((await hub.events()).find((e) => e.kind === 'sale.completed')!.payload) as { customerId: string | null; registerId: string };
      expect(sale.customerId).toBe(MAYA.id);
      expect(sale.registerId).toBe('R1'); // the hub named the store's first register set up by code
    } finally {
      await first.close(true);
    }

    // A second register of the store, set up afterwards: Ben signs in with the PIN he chose at the first one.
    const second = await connectRegister(browser, hub, DENVER.id);
    try {
      const page = second.page;
      await new LoginPage(page).logIn(STAFF.associate.name, PINS[STAFF.associate.name]!);
      // Its own name, given by the hub: its sales are not counted as the first register's.
      await page.getByText('Register R2', { exact: true }).first().waitFor();
      const lookup = new LookupPage(page);
      await lookup.waitForReady();
      await lookup.search(MAYA.email);
      await lookup.openRow(MAYA.name);
      const card = new CustomerCardPage(page);
      await card.waitForCustomer(MAYA.name);
      const purchases = card.purchases.locator('tbody tr');
      await purchases.filter({ hasText: 'Summer 35°F Synthetic Sleeping Bag' }).first().waitFor();
      await card.screenshotWhole('first-day-second-register-card');
    } finally {
      await second.close(true);
    }
  }, 600_000);
});
