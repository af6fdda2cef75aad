// Sync as a store lives it: the network drops, the associate captures an email and orders an
// item anyway, the status bar says the device is offline and — as time passes — that its stock
// figures are out of date; the network returns and both reach the hub exactly once and show as
// confirmed. And a new register filling itself from the hub before anyone can log in.
import { describe, expect, it } from 'vitest';
import { useAppUnderTest } from './harness.js';
import { SearchPage } from './pages/SearchPage.js';
import { SyncPage } from './pages/SyncPage.js';
import { orderForDelivery, startSale, withReplica } from './pages/sale.js';

const ASSOCIATE = 'Ava Martinez';
const MINUTE = 60_000;

describe('sync with the store hub', () => {
  const app = useAppUnderTest({ hub: 'synced' });

  it('keeps a capture and an order made offline, flags stale stock, and confirms both once the hub is back', async () => {
    const { page, hub } = app();
    const sync = new SyncPage(page);
    const capture = await startSale(app(), ASSOCIATE);
    await expect.poll(() => sync.connection()).toBe('online');
    await expect.poll(() => sync.staleWarning.count()).toBe(0);

    // The store's network goes down; the device notices at its next contact with the hub.
    await hub!.cut();
    await expect.poll(() => sync.connection(), { timeout: 15_000 }).toBe('offline');
    await app().screenshot('sync-statusbar-offline');

    await capture.start();
    await capture.typeEmail('maya.lindqvist@example.com');
    await capture.fill('First name', 'Maya');
    await capture.fill('Last name', 'Lindqvist');
    await capture.consent('Email receipts');
    expect(await capture.save()).toBe('captured_new');
    const outcomeId = withReplica(app(), (db) => db.prepare(`SELECT id FROM checkout_outcomes ORDER BY occurred_at DESC, id DESC LIMIT 1`).pluck().get() as string);

    const { orderId, item } = await orderForDelivery(app());
    const search = new SearchPage(page);

    // Six minutes pass without the hub: the last inventory pull is now older than the 5-minute promise.
    app().advanceClock(6 * MINUTE);
    await sync.staleWarning.waitFor();
    await expect.poll(() => sync.inventoryAge.textContent()).toContain('6 min');
    await expect.poll(() => sync.connection()).toBe('offline');
    // Search reads the same age: its stock figures say they are out of date too.
    await search.type(item.title.replace(/,/g, ''));
    await expect.poll(() => page.getByTestId('inventory-age').getAttribute('data-stale')).toBe('true');
    await app().screenshot('sync-statusbar-offline-stale');

    await sync.openPanel();
    await expect.poll(() => sync.pendingKinds()).toEqual(expect.arrayContaining(['checkout.outcome', 'customer.created', 'consent.changed', 'aisle_order.placed']));
    await expect.poll(() => sync.panel.getByTestId('sync-stale-notice').count()).toBe(1);
    await app().screenshot('sync-panel-offline');

    // The network is back, and the store system kept counting meanwhile: the device sends what it
    // kept and pulls fresh stock by itself (by the source's time, counted as the register's clock reads now).
    hub!.recountStock(app().now());
    await hub!.restore();
    await expect.poll(() => sync.connection(), { timeout: 15_000 }).toBe('online');
    await sync.nothingPending.waitFor({ timeout: 15_000 });
    await sync.staleWarning.waitFor({ state: 'detached', timeout: 15_000 });
    await app().screenshot('sync-panel-synced');
    await sync.closePanel();

    // The order shows as confirmed where the associate follows it up.
    await page.reload();
    const again = new SearchPage(page);
    await again.open();
    await expect.poll(() => again.orderItems.and(page.locator(`[data-order-id="${orderId}"]`)).getAttribute('data-status')).toBe('confirmed');

    // The hub holds each event exactly once, and the device nothing more.
    const held = await hub!.events();
    const one = (kind: string, field: string, value: string) => held.filter((e) => e.kind === kind && JSON.parse(e.payload)[field] === value).length;
    expect(one('checkout.outcome', 'outcomeId', outcomeId)).toBe(1);
    expect(one('aisle_order.placed', 'orderId', orderId)).toBe(1);
    expect(new Set(held.map((e) => e.id)).size).toBe(held.length);
    expect(withReplica(app(), (db) => db.prepare(`SELECT count(*) AS n FROM outbox`).get())).toEqual({ n: 0 });
    expect(withReplica(app(), (db) => db.prepare(`SELECT status, confirmed_at IS NOT NULL AS confirmed FROM aisle_orders WHERE id = ?`).get(orderId))).toEqual({
      status: 'confirmed',
      confirmed: 1,
    });
  });
});

describe('a new register', () => {
  const app = useAppUnderTest({ hub: 'new-device' });

  it('fills its empty replica from the hub with a progress screen before anyone can log in', async () => {
    const { page } = app();
    const sync = new SyncPage(page);
    await sync.bootstrap.waitFor();
    await expect.poll(() => sync.bootstrapRows(), { timeout: 30_000 }).toBeGreaterThan(0);
    await app().screenshot('sync-bootstrap');

    // Done: the register knows its store and shows the login screen.
    await page.getByRole('heading', { name: 'Who’s working?' }).waitFor({ timeout: 120_000 });
    await app().screenshot('sync-bootstrap-done');
    const replica = withReplica(app(), (db) => ({
      device: db.prepare(`SELECT store_id AS store, register_id AS register FROM device`).get(),
      products: (db.prepare(`SELECT count(*) AS n FROM products`).get() as { n: number }).n,
      cursors: db.prepare(`SELECT count(*) AS n FROM sync_state WHERE cursor != '0'`).get(),
    }));
    expect(replica.device).toEqual({ store: 'S1', register: 'R1' });
    expect(replica.products).toBeGreaterThan(1000);
    expect(replica.cursors).toEqual({ n: 5 });
  });
});
