import { deviceStatus } from '../../device/status.js';
import type { HandlerSet } from '../context.js';

export const deviceHandlers: HandlerSet<'device.status'> = {
  'device.status'(ctx) {
    return deviceStatus(ctx.db, ctx.now(), ctx.sync);
  },
};
