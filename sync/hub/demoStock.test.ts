import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recountDemoStock } from './demoStock.js';
import type { RowChange } from './store.js';
import { NOW, smallCatalog } from './testFixtures.js';
import { hubStoreCases, type HubStoreCase } from './postgres/testStore.js';

describe.each(hubStoreCases())('demo stock ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  beforeEach(async () => {
    hub = await open();
  });
  afterEach(() => hub.dispose());

  describe('the demo\'s stock recount', () => {
    it('re-sends some counts of every store as counted now, quantities unchanged, for registers to pull', async () => {
      const old = '2026-01-01T00:00:00.000Z';
      const inv = (sku: string, location: string): RowChange => ({ stream: 'inventory', table: 'inventory', key: { sku, location_id: location }, row: { sku, location_id: location, on_hand: 4, reserved: 0, updated_at: old }, scopeStoreId: null });
      await hub.store.writeChanges([...smallCatalog(), inv('TENT-1', 'S1'), inv('TENT-1', 'S2')]);
      const before = (await hub.store.changesSince('inventory', 'S1', 0, 100)).changes.at(-1)!.version;
      const n = await recountDemoStock(hub.store, NOW);
      const after = (await hub.store.changesSince('inventory', 'S1', before, 100)).changes.filter((c) => c.row?.location_id === 'S1' || c.row?.location_id === 'S2');
      expect(n).toBeGreaterThanOrEqual(2);
      expect(after.map((c) => [c.row!.location_id, c.row!.on_hand, c.row!.updated_at])).toEqual(expect.arrayContaining([['S1', 4, NOW.toISOString()], ['S2', 4, NOW.toISOString()]]));
    });
  });
});
