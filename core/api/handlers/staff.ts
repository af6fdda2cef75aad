import { choosePin, listStaff, resetPin, saveStaff, type LockedNow } from '../../auth/staffAdmin.js';
import { isLockedHere } from '../../auth/storeLock.js';
import { ApiError } from '../../contract/errors.js';
import { readDevice } from '../../device/device.js';
import type { HandlerContext, HandlerSet } from '../context.js';
import { startSession } from './session.js';

export const staffHandlers: HandlerSet<'staff.list' | 'staff.save' | 'staff.resetPin' | 'session.choosePin'> = {
  'staff.list'(ctx) {
    return listStaff(ctx.db, manager(ctx).storeId, lockedNow(ctx));
  },
  'staff.save'(ctx, input) {
    return saveStaff(ctx.db, input, manager(ctx), ctx.now(), lockedNow(ctx));
  },
  'staff.resetPin'(ctx, { staffId }) {
    return resetPin(ctx.db, staffId, manager(ctx), ctx.now(), lockedNow(ctx));
  },
  'session.choosePin'(ctx, { staffId, pin }) {
    const now = ctx.now();
    const staff = choosePin(ctx.db, staffId, readDevice(ctx.db).storeId, pin, now);
    return startSession(ctx, staff, now);
  },
};

function manager(ctx: HandlerContext) {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
  return ctx.session;
}

/** Locked as the sign-in tiles say it (session.staff): the lockout clock and the store's newer decisions. */
function lockedNow(ctx: HandlerContext): LockedNow {
  const now = ctx.now();
  return (row) => isLockedHere(ctx.security.clock, row, now);
}
