import { choosePin, listStaff, resetPin, saveStaff } from '../../auth/staffAdmin.js';
import { ApiError } from '../../contract/errors.js';
import { readDevice } from '../../device/device.js';
import type { HandlerContext, HandlerSet } from '../context.js';
import { startSession } from './session.js';

export const staffHandlers: HandlerSet<'staff.list' | 'staff.save' | 'staff.resetPin' | 'session.choosePin'> = {
  'staff.list'(ctx) {
    return listStaff(ctx.db, manager(ctx).storeId, ctx.now());
  },
  'staff.save'(ctx, input) {
    return saveStaff(ctx.db, input, manager(ctx), ctx.now());
  },
  'staff.resetPin'(ctx, { staffId }) {
    return resetPin(ctx.db, staffId, manager(ctx), ctx.now());
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
