// PIN locks and unlocks at the hub, decided against its own rows and sent as an attacker would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord, Row } from '../store.js';
import { hubEvent, NOW, smallCatalog, staffRow } from '../testFixtures.js';
import { applyEvent } from './index.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('staffLock applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges([
      ...smallCatalog(), staffRow('dana', 'S1', 'manager'), staffRow('ava', 'S1'), staffRow('sam', 'S1'), staffRow('old-boss', 'S1', 'manager', 0),
      staffRow('omar', 'S2'), staffRow('boss2', 'S2', 'manager'),
    ]);
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const push = (receivedAt: Date, ...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, receivedAt, applyEvent);
  const staff = async (id: string) => (await hub.store.changesSince('catalog', 'S1', 0, 1000)).changes.filter((c) => c.table === 'staff' && c.key.id === id).at(-1)?.row as Row | undefined;
  const lockOf = async (id: string) => {
    const r = (await staff(id))!;
    return { ms: r.store_lock_ms ?? null, failed: r.store_lock_failed ?? null, at: r.store_lock_at ?? null };
  };
  const locked = (n: number, extra: object = {}) => hubEvent(n, 'staff.locked', { staffId: 'ava', storeId: 'S1', failedAttempts: 5, lockMs: 300_000, lockedAt: at(0), ...extra });
  const unlocked = (n: number, extra: object = {}) => hubEvent(n, 'staff.unlocked', { staffId: 'ava', storeId: 'S1', managerId: 'dana', unlockedAt: at(1), ...extra });
  const later = new Date(NOW.getTime() + 3600_000);

  describe('staff.locked and staff.unlocked', () => {
    it('carries a lock to the staff row, keeps name and PIN, and lifts it on a manager\'s unlock', async () => {
      const before = (await staff('ava'))!;
      expect((await push(later, locked(1))).rejected).toEqual([]);
      expect(await lockOf('ava')).toEqual({ ms: 300_000, failed: 5, at: at(0) });
      expect(await staff('ava')).toMatchObject({ display_name: before.display_name, pin_hash: before.pin_hash, role: 'associate' });
      expect((await push(later, unlocked(2))).rejected).toEqual([]);
      expect(await lockOf('ava')).toEqual({ ms: null, failed: null, at: at(1) });
    });

    it('newest decision wins; a lock until a manager unlocks is never shortened by a timed one; a clock set ahead is cut to the hub\'s time', async () => {
      await push(later, locked(1, { failedAttempts: 15, lockMs: -1, lockedAt: at(5) }));
      // An older unlock (made before the lock) changes nothing, but is held.
      expect(await push(later, unlocked(2, { unlockedAt: at(2) }))).toMatchObject({ acked: [expect.any(String)], rejected: [] });
      expect(await lockOf('ava')).toMatchObject({ ms: -1 });
      // A register that had not heard of it sends a later 5-minute lock: still until a manager unlocks.
      await push(later, locked(3, { failedAttempts: 5, lockMs: 300_000, lockedAt: at(7) }));
      expect(await lockOf('ava')).toEqual({ ms: -1, failed: 15, at: at(7) });
      // A lock stamped a year ahead is taken at the hub's time, so the next unlock still lifts it.
      await push(later, locked(4, { staffId: 'sam', lockedAt: '2027-12-01T00:00:00.000Z' }));
      expect((await lockOf('sam')).at).toBe(later.toISOString());
      await push(new Date(later.getTime() + 60_000), unlocked(5, { staffId: 'sam', unlockedAt: new Date(later.getTime() + 30_000).toISOString() }));
      expect((await lockOf('sam')).ms).toBeNull();
    });

    it('refuses, as an attacker would send them, unlocks not from an active manager of the store and locks of other people', async () => {
      await push(later, locked(1, { failedAttempts: 15, lockMs: -1 }));
      const res = await push(
        later,
        unlocked(2, { managerId: 'sam' }), // an associate's id as the "manager"
        unlocked(3, { managerId: 'boss2' }), // a manager of another store
        unlocked(4, { managerId: 'old-boss' }), // a deactivated manager
        unlocked(5, { managerId: 'ghost' }), // a forged staff id
        unlocked(6, { staffId: 'dana', managerId: 'dana' }), // a manager unlocking themselves
        unlocked(7, { staffId: 'omar' }), // another store's person
        unlocked(8, { storeId: 'S2' }),
        locked(9, { staffId: 'ghost' }),
        locked(10, { staffId: 'omar' }),
        locked(11, { lockMs: 1 }),
        locked(12, { lockMs: 0 }),
        locked(13, { failedAttempts: 0 }),
      );
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.reason.split(':')[0])).toEqual([
        'not_a_manager', 'not_a_manager', 'not_a_manager', 'not_a_manager', 'not_a_manager', 'staff_of_other_store', 'wrong_store',
        'unknown_staff', 'staff_of_other_store', 'staff.locked payload', 'staff.locked payload', 'staff.locked payload',
      ]);
      expect(await lockOf('ava')).toMatchObject({ ms: -1 });
    });

    it('a manager\'s staff change and a staff feed keep the lock', async () => {
      await push(later, locked(1, { failedAttempts: 15, lockMs: -1 }));
      await push(later, hubEvent(2, 'staff.changed', { staffId: 'ava', storeId: 'S1', displayName: 'Ava M.', role: 'associate', active: true, pinReset: false, by: 'dana', at: at(2) }));
      expect(await staff('ava')).toMatchObject({ display_name: 'Ava M.', store_lock_ms: -1 });
    });
  });
});
