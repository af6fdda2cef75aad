import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, verifyPin } from '../../auth/pin.js';
import { writeAudit } from '../../audit/audit.js';
import { readDevice } from '../../device/device.js';
import { ApiError } from '../../contract/errors.js';
import { NO_PIN } from '../../auth/staffAdmin.js';
import type { HandlerContext, HandlerSet } from '../context.js';
import type { LoginOutcome, Role, Session, StaffTile } from '../../contract/types.js';

interface StaffRow {
  id: string;
  display_name: string;
  role: Role;
  pin_hash: string;
  failed_attempts: number;
  locked_until: string | null;
}

export const sessionHandlers: HandlerSet<'session.staff' | 'session.current' | 'session.login' | 'session.logout'> = {
  'session.staff'(ctx) {
    const device = readDevice(ctx.db);
    const now = ctx.now().toISOString();
    const rows = ctx.db
      .prepare(
        `SELECT id, display_name, role, locked_until FROM staff
         WHERE store_id = ? AND active = 1 ORDER BY role, display_name`,
      )
      .all(device.storeId) as StaffRow[];
    return rows.map(
      (r): StaffTile => ({ id: r.id, displayName: r.display_name, role: r.role, locked: !!r.locked_until && r.locked_until > now }),
    );
  },

  'session.current'(ctx) {
    return ctx.session;
  },

  'session.login'(ctx, { staffId, pin }) {
    const device = readDevice(ctx.db);
    const staff = ctx.db
      .prepare(`SELECT id, display_name, role, pin_hash, failed_attempts, locked_until FROM staff WHERE id = ? AND store_id = ? AND active = 1`)
      .get(staffId, device.storeId) as StaffRow | undefined;
    if (!staff) throw new ApiError('not_found', 'This person cannot log in on this register.');

    const now = ctx.now();
    if (staff.locked_until && staff.locked_until > now.toISOString()) {
      return { status: 'locked', lockedUntil: staff.locked_until };
    }
    // No PIN yet (new, or reset by a manager): whatever was typed, the person chooses one first.
    if (staff.pin_hash === NO_PIN) return { status: 'choose_pin' };

    if (!verifyPin(pin, staff.pin_hash)) {
      const failed = staff.failed_attempts + 1;
      if (failed >= MAX_FAILED_ATTEMPTS) {
        const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
        ctx.db.prepare(`UPDATE staff SET failed_attempts = 0, locked_until = ? WHERE id = ?`).run(until, staff.id);
        writeAudit(ctx.db, { at: now, actorId: staff.id, storeId: device.storeId, action: 'login.locked', subjectType: 'staff', subjectId: staff.id, justification: `Locked for ${LOCKOUT_MINUTES} minutes after ${failed} wrong PINs` });
        return { status: 'locked', lockedUntil: until };
      }
      ctx.db.prepare(`UPDATE staff SET failed_attempts = ? WHERE id = ?`).run(failed, staff.id);
      writeAudit(ctx.db, { at: now, actorId: staff.id, storeId: device.storeId, action: 'login.wrong_pin', subjectType: 'staff', subjectId: staff.id, justification: `Wrong PIN (${failed} of ${MAX_FAILED_ATTEMPTS})` });
      return { status: 'wrong_pin', attemptsLeft: MAX_FAILED_ATTEMPTS - failed };
    }

    ctx.db.prepare(`UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?`).run(staff.id);
    return startSession(ctx, staff, now);
  },

  'session.logout'(ctx) {
    if (ctx.session) ctx.setSession(null);
    return null;
  },
};

/** Signs `staff` in on this register (a PIN was just verified or chosen). */
export function startSession(ctx: HandlerContext, staff: Pick<StaffRow, 'id' | 'display_name' | 'role'>, now: Date): LoginOutcome {
  const device = readDevice(ctx.db);
  writeAudit(ctx.db, { at: now, actorId: staff.id, storeId: device.storeId, action: 'login', subjectType: 'staff', subjectId: staff.id, justification: 'Signed in' });
  const session: Session = {
    staffId: staff.id,
    displayName: staff.display_name,
    role: staff.role,
    storeId: device.storeId,
    storeName: device.storeName,
    registerId: device.registerId,
    startedAt: now.toISOString(),
  };
  ctx.setSession(session);
  return { status: 'signed_in', session };
}

