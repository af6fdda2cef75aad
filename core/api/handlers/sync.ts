import { deviceStatus } from '../../device/status.js';
import { syncOutbox } from '../../device/outboxView.js';
import { ApiError } from '../../contract/errors.js';
import type { HandlerSet } from '../context.js';
import { dismissRefused, retryRefused } from '../../outbox/refused.js';
import { writeAudit } from '../../audit/audit.js';

export const syncHandlers: HandlerSet<'sync.outbox' | 'sync.now' | 'sync.presence' | 'sync.retry' | 'sync.dismiss'> = {
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
  'sync.retry'(ctx, { eventId }) {
    const session = ctx.session!;
    retryRefused(ctx.db, eventId);
    writeAudit(ctx.db, { at: ctx.now(), actorId: session.staffId, storeId: session.storeId, action: 'outbox.retry', subjectType: 'outbox', subjectId: eventId, justification: 'Refused event sent again' });
    return null;
  },
  'sync.dismiss'(ctx, { eventId, reason, approvalId }) {
    const session = ctx.session!;
    const managerId = session.role === 'manager' ? session.staffId : ctx.security.approvals.consume(approvalId, 'sync.dismiss', eventId);
    dismissRefused(ctx.db, eventId, managerId, reason, ctx.now());
    writeAudit(ctx.db, { at: ctx.now(), actorId: managerId, storeId: session.storeId, action: 'outbox.dismissed', subjectType: 'outbox', subjectId: eventId, justification: reason });
    return null;
  },
};
