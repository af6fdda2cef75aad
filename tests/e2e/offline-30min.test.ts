// A register cut off from its hub for 30 minutes (issue 14): the hub is stopped and the
// device's clock moved on half an hour (the harness's test clock, which the app, the freshness
// rules and sync all read). Lookup, starters with their products and stock time, a capture and
// a ship-to-home order all work; the status bar says since when it is offline; when the hub
// returns, everything reaches it exactly once.
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURES } from './demo.js';
import { useAppUnderTest } from './harness.js';
import { LookupPage } from './pages/LookupPage.js';
import { SyncPage } from './pages/SyncPage.js';
import { orderForDelivery, startSale, withReplica } from './pages/sale.js';

const MINUTE = 60_000;

describe('30 minutes without the hub', () => {
  const app = useAppUnderTest({ hub: 'synced' });

  it('keeps looking up, suggesting, capturing and ordering, says since when, and delivers everything once', async () => {
    const { page, hub } = app();
    const sync = new SyncPage(page);
    const capture = await startSale(app(), 'Ava Martinez');
    await expect.poll(() => sync.connection()).toBe('online');

    await hub!.cut();
    await expect.poll(() => sync.connection(), { timeout: 15_000 }).toBe('offline');
    const since = page.getByTestId('offline-since');
    await since.waitFor();
    const sinceText = await since.innerText();
    expect(sinceText).toMatch(/^since \d{1,2}:\d{2}/);
    app().advanceClock(30 * MINUTE);

    await capture.start();
    await capture.typeEmail('noor.haddad@example.com');
    await capture.fill('First name', 'Noor');
    await capture.fill('Last name', 'Haddad');
    await capture.consent('Email receipts');
    expect(await capture.save()).toBe('captured_new');
    await capture.nextCustomer();
    const outcomeId = withReplica(app(), (db) => db.prepare(`SELECT id FROM checkout_outcomes ORDER BY occurred_at DESC, id DESC LIMIT 1`).pluck().get() as string);

    // Lookup and the card's starters, their products kept from the last known stock with its time.
    const lookup = new LookupPage(page);
    await lookup.search(DEMO_FIXTURES.johnDoe.email!);
    await lookup.rows.first().click();
    await page.locator('[data-testid="customer-card"]:not([aria-busy="true"])').waitFor();
    await page.getByTestId('starter-product').first().waitFor();
    expect(await page.getByTestId('stock-as-of').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('stock-as-of').first().innerText()).toMatch(/^stock as of \d{1,2}:\d{2}/);
    // The status bar still says since when, the time it went offline (not "now").
    expect(await since.innerText()).toBe(sinceText);
    await app().screenshot('offline-30min-card');

    const { orderId } = await orderForDelivery(app());
    await app().screenshot('offline-30min-statusbar');
    const waiting = withReplica(app(), (db) => db.prepare(`SELECT count(*) FROM outbox`).pluck().get() as number);
    expect(waiting).toBeGreaterThanOrEqual(4);

    // The hub is back: everything goes, once.
    await hub!.restore();
    await expect.poll(() => sync.connection(), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => withReplica(app(), (db) => db.prepare(`SELECT count(*) FROM outbox`).pluck().get()), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('offline-since').count()).toBe(0);
    const held = await hub!.events();
    const count = (kind: string, field: string, value: string) => held.filter((e) => e.kind === kind && JSON.parse(e.payload)[field] === value).length;
    expect(count('checkout.outcome', 'outcomeId', outcomeId)).toBe(1);
    expect(count('aisle_order.placed', 'orderId', orderId)).toBe(1);
    expect(new Set(held.map((e) => e.id)).size).toBe(held.length);
  });
});
