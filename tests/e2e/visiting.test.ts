// A customer of another store at this store's register (issue 15): Owen's home store is Salt Lake
// City; at a Denver register (which holds only Denver's customers) his exact email or phone finds
// him through the hub, and the lookup shows him read-only, marked "Visiting from …". Nothing is
// written at this register: he stays Salt Lake City's customer, with one profile.
import { describe, expect, it } from 'vitest';
import { BasketPanel } from './pages/basket.js';
import { CapturePage } from './pages/CapturePage.js';
import { LookupPage } from './pages/LookupPage.js';
import { DENVER, OWEN, SALT_LAKE, STAFF } from './retailer.js';
import { connectRegister, firstSignIn, useRetailer } from './retailerRegister.js';

const world = useRetailer();

describe('a visiting customer', () => {
  it('is found through the hub by exact email or phone, shown read-only with the home store, and not copied here', async () => {
    const { browser, hub } = world();
    const register = await connectRegister(browser, hub, DENVER.id);
    try {
      const page = register.page;
      const db = register.setup.device!.db;
      const customersHere = () => db.prepare(`SELECT count(*) FROM customers`).pluck().get() as number;
      const before = customersHere();
      expect(db.prepare(`SELECT count(*) FROM customers WHERE id = ?`).pluck().get(OWEN.id)).toBe(0); // another store's: not on this register

      await firstSignIn(page, STAFF.associate.name, '735104');
      const lookup = new LookupPage(page);
      await lookup.waitForReady();
      await lookup.search(OWEN.email);
      const card = page.getByTestId('visiting-card');
      await card.waitFor();
      expect((await page.getByTestId('visiting-badge').innerText()).trim()).toBe(`Visiting from ${SALT_LAKE.name}`);
      expect(await card.getByRole('heading').innerText()).toBe(OWEN.name);
      expect(await card.innerText()).toContain('view only');
      expect(await card.getAttribute('data-customer-id')).toBe(OWEN.id);
      // Read-only: nothing on it to press, no result row to open, and no "nobody found" beside it.
      expect(await card.locator('button, a, input, select').count()).toBe(0);
      expect(await lookup.rows.count()).toBe(0);
      expect(await page.getByTestId('lookup-empty').count()).toBe(0);
      expect(await page.locator('.lookup-count').innerText()).toBe('At another store');
      await register.screenshot('visiting-card-1024');

      // The phone as he says it finds the same person.
      await lookup.search('(801) 555-0199');
      await page.getByTestId('visiting-card').and(page.locator(`[data-customer-id="${OWEN.id}"]`)).waitFor();

      // A near miss of his address finds nobody, here or elsewhere; a phone reads as people write it.
      await lookup.search(OWEN.email.replace('owen', 'owen1'));
      await page.getByTestId('visiting-none').waitFor();
      await register.screenshot('visiting-none-1024');
      await lookup.search('801 555 0198');
      await page.getByTestId('visiting-none').filter({ hasText: '“(801) 555-0198”' }).waitFor();

      // Looking him up wrote nothing here: no profile, nothing about him waiting to be sent or sent.
      expect(customersHere()).toBe(before);
      expect(db.prepare(`SELECT count(*) FROM outbox WHERE payload LIKE ?`).pluck().get(`%${OWEN.id}%`)).toBe(0);
      expect((await hub.events()).filter((e) => e.payload.includes(OWEN.id))).toEqual([]);

      // He buys a rain jacket and gives his email at checkout: the capture offers him as the visiting
      // customer the hub knows, and records the sale and his consent under his own profile.
      await new BasketPanel(page).scan('RT-JKT-RAIN');
      const capture = new CapturePage(page);
      await capture.start();
      await capture.typeEmail(OWEN.email);
      const offered = page.getByTestId('match-visiting');
      await offered.waitFor();
      expect(await offered.getAttribute('data-customer-id')).toBe(OWEN.id);
      expect(await offered.innerText()).toContain(`Visiting from ${SALT_LAKE.name}`);
      expect(await capture.matches.count()).toBe(0); // nobody here
      await offered.getByRole('radio').check();
      await capture.consent('Email receipts');
      await capture.screenshot('visiting-capture-1024');
      await capture.saveButton.click();
      await capture.done.waitFor();
      expect(await capture.done.getAttribute('data-outcome')).toBe('captured_updated');
      expect(customersHere()).toBe(before); // still no profile of his on this register

      // At the hub: the sale, the address and the consent are his, with his home store; no second profile.
      const kinds = ['sale.completed', 'customer.updated', 'consent.changed', 'checkout.outcome'];
      await expect
        .poll(async () => (await hub.events()).filter((e) => e.payload.includes(OWEN.id)).map((e) => e.kind).sort(), { timeout: 60_000 })
        .toEqual([...kinds].sort());
      expect((await hub.events()).filter((e) => e.kind === 'customer.created')).toEqual([]);
      const withHisEmail = async (storeId: string) =>
        (await hub.rows('customers', storeId)).filter((c) => c.table === 'customer_identifiers' && c.row?.kind === 'email' && c.row.value === OWEN.email).map((c) => c.row!.customer_id);
      expect(await withHisEmail(SALT_LAKE.id)).toEqual([OWEN.id]);
      expect(await withHisEmail(DENVER.id)).toEqual([]);
      const orders = (await hub.rows('orders', SALT_LAKE.id)).filter((c) => c.table === 'orders' && c.row?.customer_id === OWEN.id && c.row.location_id === DENVER.id);
      expect(orders).toHaveLength(1);
      const receipts = (await hub.rows('customers', SALT_LAKE.id)).find((c) => c.table === 'consents' && c.row?.customer_id === OWEN.id && c.row.purpose === 'receipts');
      expect(receipts?.row).toMatchObject({ status: 'granted', store_id: DENVER.id });
    } finally {
      await register.close(true);
    }
  }, 300_000);
});
