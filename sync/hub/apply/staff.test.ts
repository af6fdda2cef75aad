// Staff changes and chosen PINs at the hub: a device speaks for its own store's staff only, the
// change must come from an active manager of that store, and a PIN is set only after a reset.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord, Row } from '../store.js';
import { hubEvent, NOW, smallCatalog } from '../testFixtures.js';
import { applyEvent } from './index.js';
import { applyStaffChanged } from './staff.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('staff applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;
  const person = (id: string, role: string, store: string, pin = 'scrypt$16384$c2FsdA==$a2V5') =>
    ({ stream: 'catalog' as const, table: 'staff', key: { id }, row: { id, display_name: id, role, store_id: store, pin_hash: pin, active: 1 }, scopeStoreId: store });

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges([...smallCatalog(), person('dana', 'manager', 'S1'), person('ava', 'associate', 'S1'), person('omar', 'associate', 'S2'), person('boss2', 'manager', 'S2')]);
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
  const staff = async (id: string, store = 'S1') => (await hub.store.changesSince('catalog', store, 0, 1000)).changes.filter((c) => c.table === 'staff' && c.key.id === id).at(-1)?.row as Row | undefined;
  const changed = (n: number, extra: object = {}) =>
    hubEvent(n, 'staff.changed', { staffId: 'kai', storeId: 'S1', displayName: 'Kai Lee', role: 'associate', active: true, pinReset: true, by: 'dana', at: NOW.toISOString(), ...extra });
  const pinSet = (n: number, extra: object = {}) => hubEvent(n, 'staff.pin_set', { staffId: 'kai', storeId: 'S1', pinHash: 'scrypt$16384$bmV3$aGFzaA==', at: NOW.toISOString(), ...extra });

  describe('staff.changed and staff.pin_set', () => {
    it('adds a person without a PIN for their store only; the PIN they choose follows; a reset empties it again', async () => {
      expect((await push(changed(1))).rejected).toEqual([]);
      expect(await staff('kai')).toEqual({ id: 'kai', display_name: 'Kai Lee', role: 'associate', store_id: 'S1', pin_hash: '', active: 1 });
      expect(await staff('kai', 'S2')).toBeUndefined();
      expect((await push(pinSet(2))).rejected).toEqual([]);
      expect(await staff('kai')).toMatchObject({ pin_hash: 'scrypt$16384$bmV3$aGFzaA==' });
      // A role change keeps the PIN; a reset empties it.
      await push(changed(3, { role: 'merchandiser', pinReset: false }));
      expect(await staff('kai')).toMatchObject({ role: 'merchandiser', pin_hash: 'scrypt$16384$bmV3$aGFzaA==' });
      await push(changed(4, { role: 'merchandiser', pinReset: false, active: false }));
      expect(await staff('kai')).toMatchObject({ active: 0 });
      await push(changed(5, { role: 'merchandiser', pinReset: true, active: true }));
      expect(await staff('kai')).toMatchObject({ pin_hash: '', active: 1 });
    });

    it('refuses, as an attacker would send them, changes to another store\'s staff, from a non-manager, and PINs set without a reset', async () => {
      const res = await push(
        changed(1, { staffId: 'omar' }),
        changed(2, { by: 'ava' }),
        changed(3, { by: 'boss2' }),
        changed(4, { role: 'owner' }),
        pinSet(5, { staffId: 'ava' }),
        pinSet(6, { staffId: 'omar' }),
        pinSet(7, { staffId: 'ghost' }),
        pinSet(8, { staffId: 'ava', pinHash: '1111' }),
      );
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.reason.split(':')[0])).toEqual([
        'staff_of_other_store', 'not_a_manager', 'not_a_manager', 'staff.changed payload', 'pin_not_reset', 'staff_of_other_store', 'unknown_staff', 'staff.pin_set payload',
      ]);
      const other = (await hub.store.addDevice('S2', NOW)).device;
      expect(await applyStaffChanged(changed(9), other, { row: async () => null, rowsByKey: async (_t, keys) => keys.map(() => null), rowsByKeyPrefix: async () => [], rowsWhere: async () => [], rowsWhereIn: async () => [], maxOf: async () => 0, hasChainRole: async () => false, foundVisiting: async () => false })).toMatchObject({ ok: false, reason: expect.stringMatching(/^wrong_store/) });
      expect(await staff('ava')).toMatchObject({ pin_hash: 'scrypt$16384$c2FsdA==$a2V5' });
    });
  });
});
