// Forms that explain themselves (issue 19): a bad delivery address shows each field's problem
// next to it in plain words, Place order says why it is greyed, and nothing is ordered.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { logInAs, startSale, withReplica } from './pages/sale.js';
import { SearchPage } from './pages/SearchPage.js';

const written = (db: import('better-sqlite3').Database) =>
  db.prepare(`SELECT (SELECT count(*) FROM aisle_orders) AS orders, (SELECT count(*) FROM outbox WHERE kind = 'aisle_order.placed') AS events`).get();

describe('ship-to-home form', () => {
  const app = useAppUnderTest();

  it('shows the field’s message for a bad address and places nothing', async () => {
    const { page } = app();
    await logInAs(app(), 'Ava Martinez');
    const before = withReplica(app(), written);
    const search = new SearchPage(page);
    await search.open();
    await search.type('sleeping bag');
    await search.results.first().click();
    await search.startOrder();
    await search.newCustomer('Rae Lin', 'not-an-email');
    await search.fillAddress({ line: '<<<', city: 'Denver', region: 'CO', postalCode: 'ABCDE' });

    const form = page.getByTestId('order-form');
    const errorOf = (label: string) => form.getByLabel(label, { exact: true }).locator('xpath=following-sibling::*[@data-testid="field-error"]');
    await expect.poll(() => errorOf('ZIP code').textContent()).toBe('Type a 5-digit ZIP code, like 80202 (or ZIP+4, 80202-1234).');
    expect(await errorOf('Street address').textContent()).toBe('Type the street and house number, like 1701 Wynkoop St.');
    expect(await errorOf('Email').textContent()).toBe('Type a complete email address, like name@example.com.');
    expect(await errorOf('City').count()).toBe(0);
    const place = form.getByRole('button', { name: 'Place order' });
    expect(await place.isDisabled()).toBe(true);
    expect(await page.getByTestId('order-why').textContent()).toBe('Fix the 3 fields marked in red.');
    expect(await place.getAttribute('aria-describedby')).toBe('order-why');
    await app().screenshot('forms-order-bad-address');
    expect(withReplica(app(), written)).toEqual(before);

    // Fixed, the messages go and the order can be placed.
    await search.fillAddress({ line: '1550 Wynkoop St', city: 'Denver', region: 'CO', postalCode: '80202' });
    await form.getByLabel('Email', { exact: true }).fill('rae@example.org');
    await expect.poll(() => form.getByTestId('field-error').count()).toBe(0);
    await search.placeOrder();
  });

  it('says next to a capture name field what is wrong with it', async () => {
    const capture = await startSale(app(), 'Ava Martinez');
    await capture.start();
    await capture.typeEmail('rae.lin@example.org');
    await capture.fill('First name', 'R2-D2');
    const problem = capture.root.getByTestId('field-error');
    await expect.poll(() => problem.textContent()).toBe('Use letters, spaces, hyphens or apostrophes.');
    expect(await capture.root.getByLabel('First name').getAttribute('aria-invalid')).toBe('true');
    expect(await app().page.getByTestId('capture-error').count()).toBe(0);
    expect(await capture.saveButton.isDisabled()).toBe(true);
    await app().screenshot('forms-capture-bad-name');
  });
});
