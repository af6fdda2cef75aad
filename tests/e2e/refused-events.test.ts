// Events the hub refused (issue 14): an associate sends one again after the cause was fixed;
// setting one aside takes a reason and a manager's PIN on the associate's screen. Without the
// approval the device refuses, also when the call is sent straight to the API.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { staffNamed } from './demo.js';
import { LoginPage } from './pages/LoginPage.js';
import { startSale, withReplica } from './pages/sale.js';
import { CapturePage } from './pages/CapturePage.js';

describe('refused events in the sync panel', () => {
  const app = useAppUnderTest();

  it('Send again puts one back in line; Set aside needs a reason and a manager, and keeps the event', async () => {
    const capture: CapturePage = await startSale(app(), 'Ava Martinez');
    const { page, device } = app();
    await capture.start();
    await capture.decline('Privacy concerns');
    await capture.nextCustomer();
    // The hub refused what this sale produced (as a hub would, with its reasons).
    const ids = device.db.prepare(`SELECT id FROM outbox ORDER BY created_at, id`).pluck().all() as string[];
    expect(ids.length).toBeGreaterThanOrEqual(2);
    // A standalone register never sends, so its status bar names nothing "to send".
    await page.getByTestId('sync-status').waitFor();
    expect(await page.getByTestId('pending-count').count()).toBe(0);
    device.db.prepare(`UPDATE outbox SET rejected_reason = 'unknown SKU at the hub', rejected_at = ?`).run(new Date().toISOString());

    await page.getByTestId('sync-status').click();
    const refused = page.getByTestId('sync-rejected');
    await refused.waitFor();
    expect(await refused.locator('tbody tr').count()).toBe(ids.length);
    await app().screenshot('sync-refused-actions');

    // Send again: back in the outbox's queue, with its tries reset.
    await refused.getByTestId('refused-retry').first().click();
    await page.getByTestId('sync-done').waitFor();
    await expect.poll(() => refused.locator('tbody tr').count()).toBe(ids.length - 1);
    expect(device.db.prepare(`SELECT count(*) FROM outbox WHERE rejected_reason IS NULL`).pluck().get()).toBe(1);

    // Set aside: a reason, then the manager's PIN on this screen.
    await refused.getByTestId('refused-dismiss').first().click();
    const dialog = page.getByTestId('dismiss-dialog');
    await dialog.waitFor();
    const next = dialog.getByTestId('dismiss-next');
    expect(await next.isDisabled()).toBe(true); // no reason yet, and the hint says so
    expect(await dialog.innerText()).toContain('Say why in a few words');
    await dialog.getByTestId('dismiss-reason').fill('Test SKU, withdrawn from the catalog');
    await app().screenshot('sync-dismiss-reason');
    await next.click();
    await dialog.getByTestId('dismiss-approval').waitFor();
    expect(await dialog.innerText()).toContain('Dana Kim, enter your manager PIN');
    await app().screenshot('sync-dismiss-approval');
    await new LoginPage(page).typePinAndEnter(staffNamed('Dana Kim').pin);
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('sync-done').filter({ hasText: 'Set aside' }).waitFor();

    const set = withReplica(app(), (db) => db.prepare(`SELECT dismissed_by, dismiss_reason, rejected_reason FROM outbox_dismissed`).all());
    expect(set).toEqual([{ dismissed_by: staffNamed('Dana Kim').id, dismiss_reason: 'Test SKU, withdrawn from the catalog', rejected_reason: 'unknown SKU at the hub' }]);
    expect(await refused.locator('tbody tr').count()).toBe(ids.length - 2);
  });

  it('an associate’s direct sync.dismiss without a manager’s approval is refused and changes nothing', async () => {
    const capture = await startSale(app(), 'Ava Martinez');
    const { page, device } = app();
    await capture.start();
    await capture.decline('Privacy concerns');
    const id = device.db.prepare(`SELECT id FROM outbox ORDER BY created_at LIMIT 1`).pluck().get() as string;
    device.db.prepare(`UPDATE outbox SET rejected_reason = 'refused', rejected_at = ? WHERE id = ?`).run(new Date().toISOString(), id);

    // The signed-in associate's own session, straight to the API, as a script in the page would.
    const send = (input: object) =>
      page.evaluate(async (body) => {
        // The tab's own seat (where the page keeps it), so the call runs as the signed-in associate.
        const tab = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('endcap.tab') ?? '';
        const r = await fetch('/api/call', { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Endcap-Tab': tab }, body: JSON.stringify(body) });
        return r.json();
      }, { name: 'sync.dismiss', input });
    const bare = await send({ eventId: id, reason: 'not needed' });
    expect(bare).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const forged = await send({ eventId: id, reason: 'not needed', approvalId: 'a'.repeat(32) });
    expect(forged).toMatchObject({ ok: false });
    expect(device.db.prepare(`SELECT count(*) FROM outbox_dismissed`).pluck().get()).toBe(0);
    expect(device.db.prepare(`SELECT rejected_reason FROM outbox WHERE id = ?`).pluck().get(id)).toBe('refused');
  });
});
