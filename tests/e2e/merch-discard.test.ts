// Discarding the draft drops everything typed with it at once: the "Must be…" under a field and
// the "Not saved: 1 field to fix" in the header go the moment the draft starts over (issue 19).
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { logInAs } from './pages/sale.js';
import { staffNamed } from './demo.js';
import { MerchPage } from './pages/MerchPage.js';

describe('discarding the draft', () => {
  const app = useAppUnderTest();

  it('clears field errors immediately', async () => {
    const { page } = app();
    await logInAs(app(), 'Priya Shah');
    const merch = new MerchPage(page);
    await merch.open();
    await merch.tab('Guardrails');
    const guardrail = (key: string) => page.locator(`[data-testid="guardrail"][data-key="${key}"]`);
    // One saved change (so there is something to discard) and one typo.
    await guardrail('marginFloor').getByRole('textbox').fill('30');
    await merch.waitSaved();
    await guardrail('stockThreshold').getByRole('textbox').fill('abc');
    await guardrail('stockThreshold').getByTestId('guardrail-error').waitFor();
    expect(await merch.saveStatus.innerText()).toBe('Not saved: 1 field to fix');

    await page.getByRole('button', { name: 'Discard changes…' }).click();
    await page.getByTestId('discard-dialog').getByRole('button', { name: 'Discard changes' }).click();
    await page.getByTestId('discard-dialog').waitFor({ state: 'detached' });
    // No tab change needed: gone at once.
    expect(await page.getByTestId('guardrail-error').count()).toBe(0);
    expect(await guardrail('stockThreshold').getByRole('textbox').inputValue()).not.toBe('abc');
    expect(await merch.saveStatus.getAttribute('data-state')).toBe('saved');
    await app().screenshot('merch-discarded');
  });

  it('says “An associate cannot do this.” when an associate asks for the rules', async () => {
    // Asked in-process, as the register's own window (the main seat) would ask, by a signed-in associate.
    const ava = staffNamed('Ava Martinez');
    expect(app().device.app.call('session.login', { staffId: ava.id, pin: ava.pin }).ok).toBe(true);
    const r = app().device.app.call('merch.draft.get', {});
    expect(!r.ok && r.error.message).toBe('An associate cannot do this.');
  });
});
