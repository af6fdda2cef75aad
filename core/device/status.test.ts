import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncPort } from '../contract/ports.js';
import { createApp } from '../testing/app.js';
import { hashPin } from '../auth/pin.js';
import { closeDatabase, openDatabase, type Database } from '../db/open.js';
import { enqueue } from '../outbox/outbox.js';

const NOW = new Date('2026-11-23T12:00:00.000Z');
let db: Database.Database;
afterEach(() => closeDatabase(db));

function replica(): Database.Database {
  db = openDatabase(':memory:');
  db.exec(`INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES ('S1', 'store', 'Denver', 'Denver', 'CO', 'US', 'America/Denver', 2);
           INSERT INTO device (id, device_id, store_id, register_id, created_at) VALUES (1, 'dev_1', 'S1', 'R1', 'now');`);
  return db;
}

function fakeSync(connection: ReturnType<SyncPort['connection']> = 'online') {
  const listeners = new Set<() => void>();
  return {
    connection: () => connection,
    identity: () => ({ deviceId: 'dev_9', storeId: 'S1', registerId: 'R4' }),
    bootstrapProgress: () => null,
    nudge: vi.fn(),
    syncNow: vi.fn(),
    noteActivity: vi.fn(),
    setForeground: vi.fn(),
    onChange: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    fire: () => listeners.forEach((l) => l()),
  };
}

describe('device status', () => {
  it('is standalone without a hub: stock never goes stale and nothing is waiting to send', () => {
    const app = createApp({ db: replica(), now: () => NOW });
    enqueue(db, 'checkout.outcome', { storeId: 'S1' }, NOW); // kept locally, never sent
    const status = app.call('device.status', {});
    expect(status.ok && status.value).toMatchObject({ connection: 'standalone', inventoryAgeMinutes: 0, inventoryStale: false, outbox: { pending: 0, rejected: 0 } });
  });

  it('with a hub: inventory older than 5 minutes is stale, and the outbox is counted', () => {
    replica();
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(new Date(NOW.getTime() - 6 * 60_000).toISOString());
    enqueue(db, 'checkout.outcome', { storeId: 'S1' }, NOW);
    const refused = enqueue(db, 'checkout.outcome', { storeId: 'S2' }, NOW);
    db.prepare(`UPDATE outbox SET rejected_reason = 'wrong store' WHERE id = ?`).run(refused);
    const app = createApp({ db, now: () => NOW, sync: fakeSync('offline') });
    const status = app.call('device.status', {});
    expect(status.ok && status.value).toMatchObject({ connection: 'offline', inventoryAgeMinutes: 6, inventoryStale: true, outbox: { pending: 1, rejected: 1 } });
    const outbox = app.call('sync.outbox', {});
    expect(outbox.ok).toBe(false); // staff only
  });

  it('with a hub: a count the store system took an hour ago is stale however recent the pull, and the panel gets both ages', () => {
    replica();
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(new Date(NOW.getTime() - 60_000).toISOString());
    db.exec(`INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES ('c', NULL, 'C', 'C', 0);
             INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, updated_at) VALUES ('SKU-1', 'Tent', 'B', 'c', 100, 50, '2025-01-01', 'all', 'active', 'now')`);
    db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, updated_at) VALUES ('SKU-1', 'S1', 3, ?)`).run(new Date(NOW.getTime() - 60 * 60_000).toISOString());
    const status = createApp({ db, now: () => NOW, sync: fakeSync('online') }).call('device.status', {});
    expect(status.ok && status.value).toMatchObject({ inventoryAgeMinutes: 1, inventorySourceAgeMinutes: 60, inventoryStale: true });
  });

  it('names the store from the hub config while a new device has no device row yet', () => {
    db = openDatabase(':memory:');
    const app = createApp({ db, now: () => NOW, sync: { ...fakeSync(), connection: () => 'bootstrapping' } });
    const status = app.call('device.status', {});
    expect(status.ok && status.value).toMatchObject({ connection: 'bootstrapping', deviceId: 'dev_9', storeId: 'S1', storeName: 'S1', registerId: 'R4', inventoryStale: true });
  });

  it('nudges sync after a committed write, tells the UI when sync changes something, and ignores its own polling as activity', () => {
    const sync = fakeSync();
    const app = createApp({ db: replica(), now: () => NOW, sync });
    const events: string[] = [];
    app.subscribe((e) => events.push(e));

    app.call('device.status', {});
    expect(sync.noteActivity).not.toHaveBeenCalled();
    app.call('session.login', { staffId: 'nobody', pin: '1234' }); // a write that fails: nothing committed
    expect(sync.nudge).not.toHaveBeenCalled();
    expect(sync.noteActivity).toHaveBeenCalledTimes(1);
    db.prepare(`INSERT INTO staff (id, display_name, role, store_id, pin_hash) VALUES ('E1', 'Ava', 'associate', 'S1', ?)`).run(hashPin('1111'));
    expect(app.call('session.login', { staffId: 'E1', pin: '1111' }).ok).toBe(true);
    expect(sync.nudge).toHaveBeenCalledTimes(1);
    app.call('session.logout', {});
    sync.fire();
    expect(events).toEqual(['session.changed', 'session.changed', 'device.status']);
    expect(app.call('sync.now', {}).ok).toBe(false); // signed out: staff only
  });
});
