// Proving who is at the register with a PIN: the one path for signing in and for a manager's
// approval, so both count wrong attempts and lock the same way. Also setting a PIN, which a
// person's own "change PIN" and a manager's "reset PIN" share.
import type Database from 'better-sqlite3';
import { writeAudit } from '../audit/audit.js';
import { ApiError } from '../contract/errors.js';
import type { Role } from '../contract/types.js';
import { enqueue } from '../outbox/outbox.js';
import { attemptsBeforeLock, LockClock, lockFor, MANAGER_ONLY } from './lockout.js';
import { checkPin, describePinProblem, hashPin, newPinProblem, sharedHashParams, WeakPinHashError } from './pin.js';
import { readSecuritySettings } from './settings.js';
import { adoptStoreLock, type SharedLockRow } from './storeLock.js';

export interface StaffRecord extends SharedLockRow {
  display_name: string;
  role: Role;
  store_id: string;
  pin_hash: string;
  active: number;
  pin_change_due: number;
  hub_pin_params: string | null;
}

export interface AuthDeps {
  db: Database.Database;
  now: Date;
  storeId: string;
  clock: LockClock;
  /** The device's PIN pepper (from the key store); absent on a plain test replica. */
  pepper?: Buffer;
}

export type PinAttempt =
  | { status: 'ok'; staff: StaffRecord; pinChangeRequired: boolean }
  | { status: 'wrong_pin'; attemptsLeft: number }
  | { status: 'locked'; lockedUntil: string | null; byManager: boolean };

export function readStaff(db: Database.Database, staffId: string): StaffRecord | undefined {
  return db
    .prepare(
      `SELECT id, display_name, role, store_id, pin_hash, active, failed_attempts, lock_ms, lock_elapsed_ms, pin_change_due,
              lock_at, store_lock_ms, store_lock_failed, store_lock_at, hub_pin_params
       FROM staff WHERE id = ?`,
    )
    .get(staffId) as StaffRecord | undefined;
}

/** Checks `pin` for `staffId` at this store, counting a wrong one toward the escalating lock. */
export function attemptPin(deps: AuthDeps, staffId: string, pin: string): PinAttempt {
  const { db, now, clock } = deps;
  const held = readStaff(db, staffId);
  if (!held || held.active !== 1 || held.store_id !== deps.storeId) throw new ApiError('not_found', 'This person cannot sign in on this register.');
  // A newer lock or unlock from another register of the store counts here first.
  const staff = adoptStoreLock(db, clock, held, now) ? readStaff(db, staffId)! : held;

  const lock = clock.save(db, staff);
  if (lock.locked) return { status: 'locked', lockedUntil: lock.byManager ? null : new Date(now.getTime() + lock.remainingMs).toISOString(), byManager: lock.byManager };

  let result;
  try {
    result = checkPin(pin, staff.pin_hash, deps.pepper);
  } catch (err) {
    if (!(err instanceof WeakPinHashError)) throw err;
    writeAudit(db, { at: now, actorId: staff.id, storeId: deps.storeId, action: 'login.weak_hash_refused', subjectType: 'staff', subjectId: staff.id, justification: err.message });
    throw new ApiError('forbidden', 'This PIN was stored in a form Endcap no longer accepts. A manager must set a new one.');
  }

  if (!result.match) {
    const failed = staff.failed_attempts + 1;
    db.prepare(`UPDATE staff SET failed_attempts = ? WHERE id = ?`).run(failed, staff.id);
    const ms = lockFor(failed);
    if (ms !== null) {
      const until = ms === MANAGER_ONLY ? null : new Date(now.getTime() + ms).toISOString();
      clock.start(db, staff.id, ms, until, now.toISOString());
      const what = ms === MANAGER_ONLY ? 'until a manager unlocks' : `for ${ms / 60_000} minutes`;
      writeAudit(db, { at: now, actorId: staff.id, storeId: deps.storeId, action: 'login.locked', subjectType: 'staff', subjectId: staff.id, justification: `Locked ${what} after ${failed} wrong PINs` });
      enqueue(db, 'staff.locked', { staffId: staff.id, storeId: deps.storeId, failedAttempts: failed, lockMs: ms, lockedAt: now.toISOString() }, now);
      return { status: 'locked', lockedUntil: until, byManager: ms === MANAGER_ONLY };
    }
    writeAudit(db, { at: now, actorId: staff.id, storeId: deps.storeId, action: 'login.wrong_pin', subjectType: 'staff', subjectId: staff.id, justification: `Wrong PIN (${failed} in a row)` });
    return { status: 'wrong_pin', attemptsLeft: attemptsBeforeLock(failed) };
  }

  clock.clear(db, staff.id, now.toISOString());
  // A hash from before peppers (or from the hub) becomes this device's peppered one; the hub's
  // salt stays (never its key), so a later PIN change can prove the old PIN to the hub.
  if (result.rehash) {
    db.prepare(`UPDATE staff SET pin_hash = ?, hub_pin_params = ? WHERE id = ?`).run(hashPin(pin, deps.pepper), sharedHashParams(staff.pin_hash), staff.id);
  }
  const pinChangeRequired = pin.length < readSecuritySettings(db).pinLength;
  if (pinChangeRequired !== (staff.pin_change_due === 1)) db.prepare(`UPDATE staff SET pin_change_due = ? WHERE id = ?`).run(pinChangeRequired ? 1 : 0, staff.id);
  return { status: 'ok', staff: readStaff(db, staff.id)!, pinChangeRequired };
}

/**
 * Sets a new PIN after checking it against the chain's policy; throws a typed error naming why
 * not. Returns the unpeppered hash the store's other registers get through the hub.
 */
export function setPin(db: Database.Database, staffId: string, pin: string, pepper: Buffer | undefined): string {
  const { pinLength } = readSecuritySettings(db);
  const problem = newPinProblem(pin, pinLength);
  if (problem) throw new ApiError('invalid_input', describePinProblem(problem, pinLength), { problem, pinLength });
  const shared = hashPin(pin);
  const local = pepper ? hashPin(pin, pepper) : shared;
  const changed = db.prepare(`UPDATE staff SET pin_hash = ?, hub_pin_params = ?, pin_change_due = 0 WHERE id = ?`).run(local, sharedHashParams(shared), staffId).changes;
  if (changed !== 1) throw new ApiError('not_found', 'No such person.');
  return shared;
}
