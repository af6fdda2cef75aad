import { APPROVAL_ACTIONS } from '../../auth/approval.js';
import { pinChangeMessage, pinChangeProof, sharedHashParams } from '../../auth/pin.js';
import { readSecuritySettings } from '../../auth/settings.js';
import { isLockedHere, type SharedLockRow } from '../../auth/storeLock.js';
import { attemptPin, readStaff, setPin, type AuthDeps } from '../../auth/staffAuth.js';
import { writeAudit } from '../../audit/audit.js';
import { readDevice } from '../../device/device.js';
import { ApiError } from '../../contract/errors.js';
import { NO_PIN } from '../../auth/staffAdmin.js';
import { enqueue } from '../../outbox/outbox.js';
import type { HandlerContext, HandlerSet } from '../context.js';
import type { LoginOutcome, Role, Session, StaffTile } from '../../contract/types.js';

interface TileRow extends SharedLockRow {
  display_name: string;
  role: Role;
}

function authDeps(ctx: HandlerContext, storeId: string): AuthDeps {
  return { db: ctx.db, now: ctx.now(), storeId, clock: ctx.security.clock, ...(ctx.security.pepper ? { pepper: ctx.security.pepper } : {}) };
}

export const sessionHandlers: HandlerSet<
  'session.staff' | 'session.current' | 'session.login' | 'session.logout' | 'session.changePin' | 'approval.grant' | 'staff.unlock' | 'security.settings'
> = {
  'session.staff'(ctx) {
    const device = readDevice(ctx.db);
    const rows = ctx.db
      .prepare(
        `SELECT id, display_name, role, failed_attempts, lock_ms, lock_elapsed_ms, lock_at, store_lock_ms, store_lock_failed, store_lock_at FROM staff
         WHERE store_id = ? AND active = 1 ORDER BY role, display_name`,
      )
      .all(device.storeId) as TileRow[];
    return rows.map((r): StaffTile => ({ id: r.id, displayName: r.display_name, role: r.role, locked: isLockedHere(ctx.security.clock, r, ctx.now()) }));
  },

  'session.current'(ctx) {
    return ctx.session;
  },

  'session.login'(ctx, { staffId, pin }) {
    const device = readDevice(ctx.db);
    // No PIN yet (new, or reset by a manager): whatever was typed, the person chooses one first.
    const held = readStaff(ctx.db, staffId);
    if (held && held.active === 1 && held.store_id === device.storeId && held.pin_hash === NO_PIN) return { status: 'choose_pin' };
    const attempt = attemptPin(authDeps(ctx, device.storeId), staffId, pin);
    if (attempt.status !== 'ok') return attempt;
    return startSession(ctx, attempt.staff, ctx.now(), attempt.pinChangeRequired);
  },

  'session.logout'(ctx) {
    if (ctx.session) ctx.setSession(null);
    return null;
  },

  'session.changePin'(ctx, { currentPin, newPin }) {
    const session = ctx.session!;
    const attempt = attemptPin(authDeps(ctx, session.storeId), session.staffId, currentPin);
    if (attempt.status === 'wrong_pin') throw new ApiError('wrong_pin', 'The current PIN is not right.', { attemptsLeft: attempt.attemptsLeft });
    if (attempt.status === 'locked') {
      ctx.setSession(null);
      return null; // the lock is committed; the person is signed out
    }
    // The hub's salt for the old PIN, read before the new PIN replaces it.
    const hubParams = sharedHashParams(attempt.staff.pin_hash) ?? attempt.staff.hub_pin_params;
    const shared = setPin(ctx.db, session.staffId, newPin, ctx.security.pepper);
    const now = ctx.now();
    writeAudit(ctx.db, { at: now, actorId: session.staffId, storeId: session.storeId, action: 'pin.changed', subjectType: 'staff', subjectId: session.staffId, justification: 'Changed own PIN' });
    // To the store's other registers, with proof of the old PIN; without the hub's salt (a PIN
    // re-hashed before registers kept it) the hub refuses it and a manager resets the PIN instead.
    const proof = hubParams ? { oldPinProof: pinChangeProof(currentPin, hubParams, pinChangeMessage(session.staffId, session.storeId, shared)) } : {};
    enqueue(ctx.db, 'staff.pin_set', { staffId: session.staffId, storeId: session.storeId, pinHash: shared, ...proof, at: now.toISOString() }, now);
    const { pinChangeRequired: _done, ...rest } = session;
    ctx.setSession(rest);
    return null;
  },

  'approval.grant'(ctx, { managerId, pin, action, subjectId }) {
    if (!(APPROVAL_ACTIONS as readonly string[]).includes(action)) throw new ApiError('invalid_input', 'Unknown approval.');
    const device = readDevice(ctx.db);
    const manager = readStaff(ctx.db, managerId);
    if (!manager || manager.role !== 'manager' || manager.active !== 1 || manager.store_id !== device.storeId) return { status: 'not_a_manager' };
    const attempt = attemptPin(authDeps(ctx, device.storeId), managerId, pin);
    if (attempt.status !== 'ok') return attempt;
    const approvalId = ctx.security.approvals.grant(managerId, action, subjectId);
    writeAudit(ctx.db, {
      at: ctx.now(),
      actorId: managerId,
      storeId: device.storeId,
      action: 'approval.granted',
      subjectType: action,
      subjectId,
      justification: `Approved ${action} for ${ctx.session?.displayName ?? 'the register'} at the register`,
    });
    return { status: 'approved', approvalId, managerName: manager.display_name };
  },

  'staff.unlock'(ctx, { staffId, approvalId }) {
    const device = readDevice(ctx.db);
    const target = readStaff(ctx.db, staffId);
    if (!target || target.store_id !== device.storeId) throw new ApiError('not_found', 'No such person at this store.');
    // A signed-in manager unlocks directly; anyone else needs a manager's approval on screen.
    const managerId = ctx.session?.role === 'manager' ? ctx.session.staffId : ctx.security.approvals.consume(approvalId, 'staff.unlock', staffId);
    if (managerId === staffId) throw new ApiError('forbidden', 'A manager cannot unlock themselves; ask another manager.');
    const now = ctx.now();
    // The unlock lifts every lock this register knows of, so it comes after them, even when this
    // register's clock is behind the one that made the lock.
    const lastLock = Math.max(Date.parse(target.lock_at ?? '') || 0, Date.parse(target.store_lock_at ?? '') || 0);
    const at = new Date(Math.max(now.getTime(), lastLock + 1)).toISOString();
    ctx.security.clock.clear(ctx.db, staffId, at);
    writeAudit(ctx.db, { at: now, actorId: managerId, storeId: device.storeId, action: 'staff.unlocked', subjectType: 'staff', subjectId: staffId, justification: `Unlocked by a manager after ${target.failed_attempts} wrong PINs` });
    enqueue(ctx.db, 'staff.unlocked', { staffId, storeId: device.storeId, managerId, unlockedAt: at }, now);
    return null;
  },

  'security.settings'(ctx) {
    return readSecuritySettings(ctx.db);
  },
};

/** Signs `staff` in on this register (a PIN was just verified or chosen). */
export function startSession(ctx: HandlerContext, staff: { id: string; display_name: string; role: Role }, now: Date, pinChangeRequired = false): LoginOutcome {
  const device = readDevice(ctx.db);
  writeAudit(ctx.db, { at: now, actorId: staff.id, storeId: device.storeId, action: 'login', subjectType: 'staff', subjectId: staff.id, justification: pinChangeRequired ? 'Signed in; PIN shorter than the chain policy, change asked' : 'Signed in' });
  const session: Session = {
    staffId: staff.id,
    displayName: staff.display_name,
    role: staff.role,
    storeId: device.storeId,
    storeName: device.storeName,
    registerId: device.registerId,
    startedAt: now.toISOString(),
    ...(pinChangeRequired ? { pinChangeRequired: true } : {}),
  };
  ctx.setSession(session);
  return { status: 'signed_in', session };
}
