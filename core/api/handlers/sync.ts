import { deviceStatus } from '../../device/status.js';
import { syncOutbox } from '../../device/outboxView.js';
import { ApiError } from '../../contract/errors.js';
import type { HandlerSet } from '../context.js';

export const syncHandlers: HandlerSet<'sync.outbox' | 'sync.now' | 'sync.presence'> = {
  'sync.outbox'(ctx) {
    return syncOutbox(ctx.db);
  },
  'sync.now'(ctx) {
    if (!ctx.sync) throw new ApiError('conflict', 'This device runs standalone: there is no hub to sync with.');
    ctx.sync.syncNow();
    return deviceStatus(ctx.db, ctx.now(), ctx.sync);
  },
  'sync.presence'(ctx, { visible }) {
    ctx.sync?.setForeground(visible);
    return null;
  },
};
