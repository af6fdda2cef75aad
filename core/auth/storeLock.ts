// A PIN lock made at another register of the store reaches this one through the hub's staff
// rows (store_lock_*). This register's own decision (lock_at: a lock, a manager's unlock, a good
// PIN) and the store's are compared by when they were made: the newer one wins. So a pulled row never wipes a lock this register made
// offline after it, and a manager's unlock at another register lifts an older lock here.
import type Database from 'better-sqlite3';
import { MANAGER_ONLY, type LockClock, type LockRow } from './lockout.js';

export interface SharedLockRow extends LockRow {
  lock_at: string | null;
  store_lock_ms: number | null;
  store_lock_failed: number | null;
  store_lock_at: string | null;
}

/**
 * The store's decision is newer than this register's own. At the same moment the store's wins
 * when it differs: the hub merged this register's lock with one it held (a lock until a manager
 * unlocks stays so), or a manager elsewhere unlocked at that very moment.
 */
export function storeLockIsNewer(row: SharedLockRow): boolean {
  if (row.store_lock_at === null) return false;
  if (row.lock_at === null || row.store_lock_at > row.lock_at) return true;
  return row.store_lock_at === row.lock_at && row.store_lock_ms !== row.lock_ms;
}

/**
 * How much of a timed lock made elsewhere has passed: wall time since it was decided (this
 * register's monotonic clock has not seen it), never negative and never more than the lock.
 */
function carriedElapsedMs(row: SharedLockRow, now: Date): number {
  if (row.store_lock_ms === null || row.store_lock_ms === MANAGER_ONLY) return 0;
  return Math.min(row.store_lock_ms, Math.max(0, now.getTime() - Date.parse(row.store_lock_at!)));
}

/** Whether the person is locked at this register now, the store's newer decision included (for display). */
export function isLockedHere(clock: LockClock, row: SharedLockRow, now: Date): boolean {
  if (!storeLockIsNewer(row)) return clock.state(row).locked;
  if (row.store_lock_ms === null) return false;
  return row.store_lock_ms === MANAGER_ONLY || carriedElapsedMs(row, now) < row.store_lock_ms;
}

/** Makes the store's newer decision this register's own (inside a writing call); true when it did. */
export function adoptStoreLock(db: Database.Database, clock: LockClock, row: SharedLockRow, now: Date): boolean {
  if (!storeLockIsNewer(row)) return false;
  const at = row.store_lock_at!;
  if (row.store_lock_ms === null) {
    clock.clear(db, row.id, at);
    return true;
  }
  const elapsed = carriedElapsedMs(row, now);
  const until = row.store_lock_ms === MANAGER_ONLY ? null : new Date(now.getTime() + row.store_lock_ms - elapsed).toISOString();
  db.prepare(`UPDATE staff SET failed_attempts = ? WHERE id = ?`).run(row.store_lock_failed ?? 0, row.id);
  clock.start(db, row.id, row.store_lock_ms, until, at, elapsed);
  return true;
}
