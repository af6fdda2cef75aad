// A suppressed address at checkout: the form says marketing stays off, and when the customer
// asks for offers again a manager approves with their PIN on the associate's screen; the
// capture then records the opt-in with that approval, audited in the manager's name.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { DEMO_FIXTURES, staffNamed, wrongPinFor } from './demo.js';
import { LoginPage } from './pages/LoginPage.js';
import { startSale, withReplica } from './pages/sale.js';

const ASSOCIATE = 'Ava Martinez';
const MANAGER = 'Dana Kim';

describe('re-subscribing a suppressed address at checkout', () => {
  const app = useAppUnderTest();

  it('says the address is suppressed, takes a manager\'s PIN, then records the opt-in with the approval', async () => {
    const { page } = app();
    await page.setViewportSize({ width: 1024, height: 768 });
    const renee = DEMO_FIXTURES.suppressed;
    const capture = await startSale(app(), ASSOCIATE);
    await capture.start();
    await capture.typeEmail(renee.email!);
    await page.getByTestId('suppressed-note').waitFor();
    const offers = page.getByRole('switch', { name: 'News and offers' });
    expect(await offers.isDisabled()).toBe(true);
    const panel = page.getByTestId('resubscribe');
    expect(await panel.innerText()).toContain('A manager approves');
    await capture.screenshot('capture-resubscribe-offer');

    await page.getByTestId('resubscribe-ask').click();
    const pad = page.getByTestId('resubscribe-approval');
    await pad.waitFor();
    expect(await pad.innerText()).toContain(`${MANAGER}, enter your manager PIN`);
    // A wrong manager PIN is refused on the pad and nothing is approved.
    const login = new LoginPage(page);
    await login.typePinAndEnter(wrongPinFor(MANAGER));
    await page.getByTestId('resubscribe-approval-feedback').filter({ hasText: 'Wrong manager PIN' }).waitFor();
    await capture.screenshot('capture-resubscribe-approval');
    await login.typePinAndEnter(staffNamed(MANAGER).pin);
    await pad.waitFor({ state: 'detached' });
    await panel.filter({ hasText: `${MANAGER} approved offers again` }).waitFor();

    await capture.chooseProfile(renee.id);
    await capture.consent('Email receipts');
    await capture.consent('News and offers');
    await capture.screenshot('capture-resubscribe-approved');
    expect(await capture.save()).toBe('already_on_file'); // her profile already holds the address
    await capture.screenshot('capture-resubscribe-done');

    const saved = withReplica(app(), (db) => ({
      marketing: db.prepare(`SELECT status, recorded_by FROM consents WHERE customer_id = ? AND purpose = 'marketing' AND channel = 'email'`).get(renee.id),
      audit: db.prepare(`SELECT actor_id, subject_id FROM audit_log WHERE action = 'consent.resubscribed'`).all(),
    }));
    expect(saved.marketing).toEqual({ status: 'granted', recorded_by: staffNamed(ASSOCIATE).id });
    expect(saved.audit).toEqual([{ actor_id: staffNamed(MANAGER).id, subject_id: renee.id }]);
  });
});
