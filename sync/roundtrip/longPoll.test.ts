// The register's inventory long-poll, end to end: DeviceSync through the real HttpTransport
// against the real hub, on both hub stores. With the inventory cadence at its 5-minute maximum,
// a stock change still reaches the replica at once: the waiting pull brought the news.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { DeviceSync } from '../client/deviceSync.js';
import { INVENTORY_MAX_INTERVAL_MS } from '../client/scheduler.js';
import { hubStoreCases, type HubStoreCase } from '../hub/postgres/testStore.js';
import { buildHubServer } from '../hub/server.js';
import type { RowChange } from '../hub/store.js';
import { NOW, smallCatalog } from '../hub/testFixtures.js';
import { injectTransport } from './injectTransport.js';

const stock = (onHand: number): RowChange => ({
  stream: 'inventory', table: 'inventory', key: { sku: 'TENT-1', location_id: 'S1' }, row: { sku: 'TENT-1', location_id: 'S1', on_hand: onHand, reserved: 0, updated_at: NOW.toISOString() }, scopeStoreId: null,
});

describe.each(hubStoreCases())('inventory news at the register ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let app: FastifyInstance;
  let sync: DeviceSync | undefined;
  let db: Database.Database | undefined;
  afterEach(async () => {
    sync?.stop();
    await app.close(); // answers the long-poll still waiting
    if (db) closeDatabase(db);
    await hub.dispose();
  });

  it('pulls a stock change as soon as the hub commits it, not at the next scheduled pull', async () => {
    hub = await open();
    await hub.store.writeChanges(smallCatalog());
    const { token } = await hub.store.addDevice('S1', NOW);
    app = buildHubServer(hub.store, { now: () => NOW, rateLimit: false });
    db = openDatabase(':memory:');
    const replica = db;
    const onHand = () => replica.prepare(`SELECT on_hand FROM inventory WHERE sku = 'TENT-1' AND location_id = 'S1'`).pluck().get() as number | undefined;
    sync = new DeviceSync(replica, {
      config: { url: 'http://hub.invalid', token, store: 'S1' },
      transport: injectTransport(app, token),
      now: () => NOW,
      scheduler: { inventoryEveryMs: INVENTORY_MAX_INTERVAL_MS, othersEveryMs: INVENTORY_MAX_INTERVAL_MS, pushEveryMs: INVENTORY_MAX_INTERVAL_MS },
      log: () => {},
    });
    sync.start();
    await vi.waitFor(() => expect(onHand()).toBe(5), { timeout: 30_000 });
    // The bootstrap and the first scheduled pulls are done; the register now waits at the hub.
    await vi.waitFor(async () => expect((await hub.store.versionSignal()).waiting).toBe(1), { timeout: 30_000 });
    await hub.store.writeChanges([stock(9)]);
    await vi.waitFor(() => expect(onHand()).toBe(9), { timeout: 30_000, interval: 20 });
  }, 60_000);
});
