// Customer lookup at checkout: every way an associate may type what the customer says,
// the card with real values from the replica, and API errors shown as messages.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { CustomerCardPage } from './pages/CustomerCardPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { ShellPage } from './pages/ShellPage.js';

const ASSOCIATE = 'Ava Martinez';
const JOHN = DEMO_FIXTURES.johnDoe;
const JOHN_DUPLICATE = DEMO_FIXTURES.johnDoeDuplicate;
const JOHN_LOYALTY_PRINTED = 'EC-1000-0001';

const SEGMENT_LABEL: Record<string, string> = {
  vip: 'VIP',
  regular: 'Regular',
  lapsing: 'Lapsing',
  first_timer: 'First-timer',
  bargain_hunter: 'Bargain hunter',
  prospect: 'Prospect',
};

async function logInAsAssociate(page: AppUnderTest['page']): Promise<LookupPage> {
  const login = new LoginPage(page);
  await login.waitForTiles();
  await login.logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);
  const lookup = new LookupPage(page);
  await lookup.waitForReady();
  return lookup;
}

/** The replica's own view of a customer, to check the card against. */
function featuresOf(app: AppUnderTest, customerId: string) {
  return app.device.db
    .prepare(`SELECT segment, monetary_cents AS monetaryCents, order_count AS orderCount FROM customer_features WHERE customer_id = ?`)
    .get(customerId) as { segment: string; monetaryCents: number; orderCount: number };
}

describe('customer lookup', () => {
  const app = useAppUnderTest();

  it('finds John Doe by email, phone, loyalty id and name, opens his card, and logs out', async () => {
    const { page, screenshot } = app();
    const lookup = await logInAsAssociate(page);
    await screenshot('lookup-empty');

    // Email: case and gmail dots/+tags/googlemail do not matter; both John Doe profiles share it.
    for (const typed of ['JOHN.DOE@gmail.com', 'john.doe+x@googlemail.com']) {
      await lookup.search(typed);
      await lookup.waitForInterpretation('email', JOHN.emailNormalized!);
      expect(await lookup.rows.count()).toBe(2);
      expect(await lookup.resultNames()).toEqual(['John Doe', 'John Doe']);
      await lookup.rows.filter({ hasText: JOHN_LOYALTY_PRINTED }).waitFor();
    }
    await screenshot('lookup-results-email');

    // Phone, in two common formats.
    for (const typed of ['303.555.0142', '+1 303 555 0142']) {
      await lookup.search(typed);
      await lookup.waitForInterpretation('phone', JOHN.phoneE164!);
      await lookup.rows.filter({ hasText: JOHN_LOYALTY_PRINTED }).waitFor();
      expect(await lookup.rows.count()).toBe(1);
    }

    // Loyalty id, typed without the dashes and in lower case.
    await lookup.search('ec10000001');
    await lookup.waitForInterpretation('loyalty', JOHN_LOYALTY_PRINTED);
    expect(await lookup.resultNames()).toEqual(['John Doe']);

    // Name, surname first.
    await lookup.search('doe john');
    await lookup.waitForInterpretation('name', 'doe john');
    const names = await lookup.resultNames();
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.filter((n) => n === 'John Doe').length).toBeGreaterThanOrEqual(4);
    await screenshot('lookup-results-name');

    // Open the card of the John Doe with the loyalty card.
    await lookup.openRow(JOHN_LOYALTY_PRINTED);
    const card = new CustomerCardPage(page);
    await card.waitForCustomer('John Doe');
    const expected = featuresOf(app(), JOHN.id);
    expect(await card.segment.innerText()).toBe(SEGMENT_LABEL[expected.segment]);
    expect(await card.figure('Orders').innerText()).toBe(String(expected.orderCount));
    const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
    expect(await card.figure('Lifetime value').innerText()).toBe(money.format(Math.round(expected.monetaryCents / 100)));
    expect(await card.identifiers.innerText()).toContain(JOHN.email!);
    expect(await card.purchases.locator('tbody tr').count()).toBeGreaterThan(0);

    // The second profile with the same normalized gmail is called out.
    await card.duplicates.waitFor();
    expect(await card.duplicates.innerText()).toContain('Possible duplicate profile');
    expect(await card.duplicateRows.count()).toBe(1);
    expect(await card.duplicateRows.first().innerText()).toContain('Same email');
    await screenshot('customer-card');
    await card.screenshotWhole('customer-card-full');

    // Following the callout opens the other profile, which points back.
    await card.duplicateRows.first().click();
    await card.segment.filter({ hasText: SEGMENT_LABEL[featuresOf(app(), JOHN_DUPLICATE.id).segment]! }).waitFor();
    await card.duplicateRows.filter({ hasText: 'Same email' }).waitFor();

    // Back returns to the same results.
    await card.back();
    expect(await lookup.field.inputValue()).toBe('doe john');
    expect(await lookup.rows.count()).toBe(names.length);

    // Logging out clears the customer from the screen for the next person.
    await new ShellPage(page).logOut();
    await new LoginPage(page).logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);
    await lookup.waitForReady();
    expect(await lookup.field.inputValue()).toBe('');
    expect(await lookup.rows.count()).toBe(0);
  });

  it('withdraws a consent from the card in one tap, recorded on the device before it shows', async () => {
    const { page, screenshot } = app();
    const lookup = await logInAsAssociate(page);
    await lookup.search('ec10000001');
    await lookup.openRow(JOHN_LOYALTY_PRINTED);
    const card = new CustomerCardPage(page);
    await card.waitForCustomer('John Doe');
    expect(await card.consentChip('Marketing', 0).innerText()).toBe('Yes');

    await card.withdraw('marketing');
    await card.consentChip('Marketing', 0).filter({ hasText: 'Withdrawn' }).waitFor();
    expect(await card.consentChip('Receipts', 0).innerText()).toBe('Yes'); // only the one purpose
    await expect(page.getByTestId('withdraw-marketing').count()).resolves.toBe(0); // nothing left to withdraw there
    await screenshot('customer-card-consent-withdrawn');

    const db = app().device.db;
    expect(db.prepare(`SELECT status FROM consents WHERE customer_id = ? AND purpose = 'marketing'`).all(JOHN.id)).toEqual([{ status: 'withdrawn' }]);
    const events = db.prepare(`SELECT payload FROM outbox WHERE kind = 'consent.changed'`).all() as { payload: string }[];
    expect(events.map((e) => JSON.parse(e.payload) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ customerId: JOHN.id, purpose: 'marketing' }),
    ]);
  });

  it('lets the associate force how the text is read', async () => {
    const { page } = app();
    const lookup = await logInAsAssociate(page);

    // "ec10000001" read as a name finds nobody; as a loyalty id it finds John.
    await lookup.search('ec10000001', 'Name');
    await lookup.waitForInterpretation('name', 'ec10000001');
    await page.getByTestId('lookup-empty').waitFor();

    await lookup.chooseKind('Loyalty ID');
    await lookup.waitForInterpretation('loyalty', JOHN_LOYALTY_PRINTED);
    expect(await lookup.resultNames()).toEqual(['John Doe']);
  });

  it('shows the API’s message for input it cannot search, without breaking', async () => {
    const { page, screenshot } = app();
    const lookup = await logInAsAssociate(page);

    await lookup.search('@@@');
    await lookup.error.waitFor();
    expect(await lookup.error.innerText()).toContain('That is not a complete email address.');
    await screenshot('lookup-error');

    // Forcing Phone on text that is not a number gets the phone message.
    await lookup.search('not a number', 'Phone');
    await lookup.error.filter({ hasText: 'That is not a phone number we can dial.' }).waitFor();

    // The screen still works afterwards.
    await lookup.search('john.doe@gmail.com', 'Auto');
    await lookup.waitForInterpretation('email', JOHN.emailNormalized!);
    expect(await lookup.rows.count()).toBe(2);
  });
});
