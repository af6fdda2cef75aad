// Checkout email capture as the associate does it: a typo fixed in one tap, a decline with its
// reason, an address that belongs to two profiles of one person, and consent withdrawn again.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest, type AppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { startSale as startSaleAs, withReplica } from './pages/sale.js';

const ASSOCIATE = 'Ava Martinez';

async function startSale(app: AppUnderTest) {
  const capture = await startSaleAs(app, ASSOCIATE);
  return { page: app.page, capture };
}

const lastOutcome = (app: AppUnderTest) =>
  withReplica(app, (db) => db.prepare(`SELECT * FROM checkout_outcomes ORDER BY occurred_at DESC, id DESC LIMIT 1`).get() as Record<string, unknown>);

describe('checkout email capture', () => {
  const app = useAppUnderTest();

  it('offers a domain typo fix as one tap and records the corrected address with the consents given', async () => {
    const { page, capture } = await startSale(app());
    await capture.start();
    // the on-screen keyboard in email mode, nothing remembered by the browser
    expect(await capture.email.evaluate((el) => ['type', 'inputmode', 'autocomplete'].map((a) => el.getAttribute(a)))).toEqual(['email', 'email', 'off']);

    await capture.typeEmail('lena.park@gmial.com');
    await capture.suggestion.waitFor();
    expect(await capture.suggestion.innerText()).toContain('lena.park@gmail.com');
    await capture.fill('First name', 'Lena');
    await capture.fill('Last name', 'Park');
    await capture.screenshot('capture-typo-suggestion');

    await capture.suggestion.click();
    await page.locator('.email-field[data-state="valid"]').waitFor();
    expect(await capture.email.inputValue()).toBe('lena.park@gmail.com');
    // nothing is pre-ticked
    for (const name of ['Email receipts', 'News and offers', 'Personal suggestions']) {
      expect(await page.getByRole('switch', { name }).isChecked()).toBe(false);
    }
    await capture.consent('Email receipts');
    await capture.consent('News and offers');
    await capture.screenshot('capture-ready');

    expect(await capture.save()).toBe('captured_new');
    await capture.screenshot('capture-done');

    const outcome = lastOutcome(app());
    expect(outcome).toMatchObject({ outcome: 'captured_new', store_id: 'S1', register_id: 'R1', associate_id: staffNamed(ASSOCIATE).id, typo_suggested: 1, typo_accepted: 1, receipts_opt_in: 1, marketing_opt_in: 1, personalization_opt_in: 0 });
    const saved = withReplica(app(), (db) => ({
      email: db.prepare(`SELECT raw FROM customer_identifiers WHERE customer_id = ? AND kind = 'email'`).pluck().get(outcome.customer_id),
      consents: db.prepare(`SELECT purpose, status, text_version, recorded_by, register_id FROM consents WHERE customer_id = ? ORDER BY purpose`).all(outcome.customer_id),
      outbox: db.prepare(`SELECT kind FROM outbox WHERE kind IN ('checkout.outcome', 'consent.changed', 'customer.created') ORDER BY kind`).pluck().all(),
    }));
    expect(saved.email).toBe('lena.park@gmail.com');
    expect(saved.consents).toEqual([
      { purpose: 'marketing', status: 'granted', text_version: outcome.consent_text_version, recorded_by: staffNamed(ASSOCIATE).id, register_id: 'R1' },
      { purpose: 'receipts', status: 'granted', text_version: outcome.consent_text_version, recorded_by: staffNamed(ASSOCIATE).id, register_id: 'R1' },
    ]);
    expect(saved.outbox).toEqual(['checkout.outcome', 'consent.changed', 'consent.changed', 'customer.created']);
  });

  it('records a decline with the reason picked from the short list', async () => {
    const { page, capture } = await startSale(app());
    await capture.start();
    await page.getByRole('button', { name: 'Customer declined' }).click();
    await page.getByTestId('decline-picker').waitFor();
    await capture.screenshot('capture-decline-reasons');
    await page.getByRole('group', { name: 'Decline reasons' }).getByRole('button', { name: 'Privacy concerns' }).click();
    await capture.done.waitFor();
    expect(await capture.done.getAttribute('data-outcome')).toBe('declined');
    await capture.screenshot('capture-declined');
    expect(lastOutcome(app())).toMatchObject({ outcome: 'declined', decline_reason: 'privacy', customer_id: null });
  });

  it('shows that an address belongs to two profiles and merges them only on the associate’s word', async () => {
    const { page, capture } = await startSale(app());
    const [john, duplicate] = [DEMO_FIXTURES.johnDoe, DEMO_FIXTURES.johnDoeDuplicate];
    await capture.start();
    await capture.typeEmail('JohnDoe@gmail.com');
    await page.getByTestId('matches').waitFor();
    const ids = await capture.matches.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-customer-id')));
    expect(ids.sort()).toEqual([john.id, duplicate.id].sort());
    // nothing is chosen for the associate, so nothing can be saved or merged by default
    expect(await capture.saveButton.isDisabled()).toBe(true);
    await capture.screenshot('capture-matches');

    await capture.chooseProfile(john.id);
    await capture.confirmMerge(duplicate.id);
    await capture.consent('Email receipts');
    await capture.screenshot('capture-merge-confirmed');
    expect(await capture.save()).toBe('already_on_file');
    await page.getByTestId('merged-note').waitFor();
    await capture.screenshot('capture-merged');

    const state = withReplica(app(), (db) => ({
      merged: db.prepare(`SELECT merged_into FROM customers WHERE id = ?`).pluck().get(duplicate.id),
      outcome: db.prepare(`SELECT outcome, customer_id FROM checkout_outcomes ORDER BY occurred_at DESC, id DESC LIMIT 1`).get(),
      events: db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'customer.merged'`).pluck().get(),
    }));
    expect(state).toEqual({ merged: john.id, outcome: { outcome: 'already_on_file', customer_id: john.id }, events: 1 });
  });

  it('withdraws a consent in one tap, as easily as it was given', async () => {
    const { page, capture } = await startSale(app());
    await capture.start();
    await capture.typeEmail('sam.rivera@outlook.com');
    await capture.consent('Email receipts');
    await capture.consent('News and offers');
    await capture.consent('Personal suggestions');
    expect(await capture.save()).toBe('captured_new');
    await capture.withdraw('marketing');
    await capture.screenshot('capture-withdrawn');
    const id = lastOutcome(app()).customer_id;
    const consents = withReplica(app(), (db) => db.prepare(`SELECT purpose, status FROM consents WHERE customer_id = ? ORDER BY purpose`).all(id));
    expect(consents).toEqual([
      { purpose: 'marketing', status: 'withdrawn' },
      { purpose: 'personalization', status: 'granted' },
      { purpose: 'receipts', status: 'granted' },
    ]);
    // the next customer starts from a clean checkout
    await capture.nextCustomer();
    await page.getByRole('heading', { name: 'Find a customer' }).waitFor();
    expect(await page.getByTestId('basket-count').innerText()).toBe('Empty');
  });

  it('refuses a hostile address inline and writes nothing', async () => {
    const { page, capture } = await startSale(app());
    const before = withReplica(app(), (db) => db.prepare(`SELECT count(*) FROM checkout_outcomes`).pluck().get());
    await capture.start();
    for (const bad of ['<script>alert(1)</script>', "x' OR 1=1 --@example.com"]) {
      await capture.typeEmail(bad);
      await page.getByTestId('email-problem').waitFor();
      expect(await capture.saveButton.isDisabled()).toBe(true);
    }
    await capture.screenshot('capture-invalid');
    expect(withReplica(app(), (db) => db.prepare(`SELECT count(*) FROM checkout_outcomes`).pluck().get())).toBe(before);
  });
});
