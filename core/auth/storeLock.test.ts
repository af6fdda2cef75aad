// Which lock decision a register applies: its own or the store's (from the hub), newest first.
import { describe, expect, it } from 'vitest';
import { LockClock, MANAGER_ONLY } from './lockout.js';
import { isLockedHere, storeLockIsNewer, type SharedLockRow } from './storeLock.js';

const T = (m: number) => new Date(Date.UTC(2026, 10, 23, 12, m)).toISOString();
const row = (over: Partial<SharedLockRow>): SharedLockRow => ({
  id: 'ava', failed_attempts: 0, lock_ms: null, lock_elapsed_ms: 0, lock_at: null, store_lock_ms: null, store_lock_failed: null, store_lock_at: null, ...over,
});

describe('store locks against this register\'s own', () => {
  it('the newer decision wins; a row without a store lock never lifts this register\'s lock', () => {
    expect(storeLockIsNewer(row({ lock_ms: MANAGER_ONLY, lock_at: T(10) }))).toBe(false);
    expect(storeLockIsNewer(row({ lock_ms: MANAGER_ONLY, lock_at: T(10), store_lock_ms: null, store_lock_at: T(5) }))).toBe(false); // an older unlock
    expect(storeLockIsNewer(row({ lock_ms: MANAGER_ONLY, lock_at: T(10), store_lock_ms: null, store_lock_at: T(12) }))).toBe(true); // a later unlock
    expect(storeLockIsNewer(row({ store_lock_ms: 300_000, store_lock_at: T(1) }))).toBe(true); // never decided here
    // The same moment: the hub's differing decision (it kept a manager-only lock) wins; its echo of ours changes nothing.
    expect(storeLockIsNewer(row({ lock_ms: 300_000, lock_at: T(3), store_lock_ms: MANAGER_ONLY, store_lock_at: T(3) }))).toBe(true);
    expect(storeLockIsNewer(row({ lock_ms: 300_000, lock_at: T(3), store_lock_ms: 300_000, store_lock_at: T(3) }))).toBe(false);
  });

  it('a timed lock from elsewhere counts the wall time since it was made; a manager-only one never ends', () => {
    const clock = new LockClock(() => 0);
    const now = new Date(T(10));
    expect(isLockedHere(clock, row({ store_lock_ms: 300_000, store_lock_at: T(7) }), now)).toBe(true); // 3 of 5 minutes
    expect(isLockedHere(clock, row({ store_lock_ms: 300_000, store_lock_at: T(4) }), now)).toBe(false);
    expect(isLockedHere(clock, row({ store_lock_ms: MANAGER_ONLY, store_lock_at: T(0) }), new Date(T(59)))).toBe(true);
    expect(isLockedHere(clock, row({ lock_ms: MANAGER_ONLY, lock_at: T(0), store_lock_ms: null, store_lock_at: T(1) }), now)).toBe(false);
  });
});
