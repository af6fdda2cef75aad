// A manager administers the staff of their own store: adds a person (who has no PIN yet),
// changes a role, deactivates or reactivates, resets a PIN. An empty pin_hash means "no PIN":
// nobody can sign in as that person until they choose one at the register. Every change is
// written with its outbox event and audit entry in the caller's transaction.
import type Database from 'better-sqlite3';
import type { StaffMember } from '../contract/areas/staff.js';
import type { Role, Session } from '../contract/types.js';
import { ApiError } from '../contract/errors.js';
import { writeAudit } from '../audit/audit.js';
import { statement } from '../db/statements.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/outbox.js';
import { describePinProblem, hashPin, newPinProblem } from './pin.js';
import { readSecuritySettings } from './settings.js';
import type { SharedLockRow } from './storeLock.js';

/** Whether a person is locked at this register now (lockout clock and the store's decisions: auth/storeLock.ts). */
export type LockedNow = (row: SharedLockRow) => boolean;

/** pin_hash of a person who has not chosen a PIN (a scrypt hash never has this form). */
export const NO_PIN = '';

interface StaffRow extends SharedLockRow { id: string; display_name: string; role: Role; store_id: string; pin_hash: string; active: number }

const member = (r: StaffRow, lockedNow: LockedNow): StaffMember => ({
  id: r.id,
  displayName: r.display_name,
  role: r.role,
  active: r.active === 1,
  pinSet: r.pin_hash !== NO_PIN,
  locked: lockedNow(r),
});

const row = (db: Database.Database, id: string) => statement(db, `SELECT * FROM staff WHERE id = ?`).get(id) as StaffRow | undefined;

export function listStaff(db: Database.Database, storeId: string, lockedNow: LockedNow): StaffMember[] {
  return (statement(db, `SELECT * FROM staff WHERE store_id = ? ORDER BY active DESC, display_name, id`).all(storeId) as StaffRow[]).map((r) => member(r, lockedNow));
}

/** This store's person, or a typed refusal (another store's staff are not this manager's). */
function ownStaff(db: Database.Database, id: string, by: Session): StaffRow {
  const r = row(db, id);
  if (!r || r.store_id !== by.storeId) throw new ApiError('not_found', 'No such person in this store.', { staffId: id });
  return r;
}

function changed(db: Database.Database, r: StaffRow, by: Session, at: Date, action: string, pinReset: boolean): void {
  enqueue(db, 'staff.changed', { staffId: r.id, storeId: r.store_id, displayName: r.display_name, role: r.role, active: r.active === 1, pinReset, by: by.staffId, at: at.toISOString() }, at);
  writeAudit(db, { at, actorId: by.staffId, storeId: by.storeId, action, subjectType: 'staff', subjectId: r.id, inputsSummary: { role: r.role, active: r.active }, justification: `${action.replace('staff.', '')} by ${by.displayName}` });
}

export function saveStaff(db: Database.Database, input: { id?: string | undefined; displayName: string; role: Role; active: boolean }, by: Session, at: Date, lockedNow: LockedNow): StaffMember {
  if (input.id === undefined) {
    const id = `ST-${newId()}`;
    statement(db, `INSERT INTO staff (id, display_name, role, store_id, pin_hash, active) VALUES (?, ?, ?, ?, ?, ?)`).run(id, input.displayName, input.role, by.storeId, NO_PIN, input.active ? 1 : 0);
    const r = row(db, id)!;
    changed(db, r, by, at, 'staff.added', true);
    return member(r, lockedNow);
  }
  const before = ownStaff(db, input.id, by);
  // A manager cannot lock themselves out or give up their own role by mistake.
  if (before.id === by.staffId && (!input.active || input.role !== 'manager')) {
    throw new ApiError('conflict', 'You cannot deactivate yourself or change your own role; ask another manager.');
  }
  statement(db, `UPDATE staff SET display_name = ?, role = ?, active = ? WHERE id = ?`).run(input.displayName, input.role, input.active ? 1 : 0, before.id);
  const r = row(db, before.id)!;
  changed(db, r, by, at, before.active === 1 && !input.active ? 'staff.deactivated' : 'staff.updated', false);
  return member(r, lockedNow);
}

export function resetPin(db: Database.Database, staffId: string, by: Session, at: Date, lockedNow: LockedNow): StaffMember {
  const before = ownStaff(db, staffId, by);
  statement(db, `UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?`).run(NO_PIN, before.id);
  const r = row(db, before.id)!;
  changed(db, r, by, at, 'staff.pin_reset', true);
  return member(r, lockedNow);
}

/**
 * A person without a PIN chooses one at sign-in. Only then: a person who has a PIN changes it
 * through a manager's reset, never by typing a new one here.
 */
export function choosePin(db: Database.Database, staffId: string, storeId: string, pin: string, at: Date): StaffRow {
  const r = row(db, staffId);
  if (!r || r.store_id !== storeId || r.active !== 1) throw new ApiError('not_found', 'This person cannot log in on this register.');
  if (r.pin_hash !== NO_PIN) throw new ApiError('conflict', 'This person already has a PIN; ask a manager to reset it.');
  // The chain's PIN policy (length, no runs or repeats), the same one a PIN change follows.
  const { pinLength } = readSecuritySettings(db);
  const problem = newPinProblem(pin, pinLength);
  if (problem) throw new ApiError('invalid_input', describePinProblem(problem, pinLength), { field: 'pin' });
  // Unpeppered, because it travels to the store's other registers; each re-hashes it with its own pepper at the first sign-in.
  const hash = hashPin(pin);
  statement(db, `UPDATE staff SET pin_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?`).run(hash, staffId);
  // The hash travels so the store's other registers accept the same PIN.
  enqueue(db, 'staff.pin_set', { staffId, storeId, pinHash: hash, at: at.toISOString() }, at);
  writeAudit(db, { at, actorId: staffId, storeId, action: 'staff.pin_chosen', subjectType: 'staff', subjectId: staffId, justification: 'Chose a new PIN at sign-in' });
  return row(db, staffId)!;
}
