import { cachedReport } from '../../analytics/hubReports.js';
import type { HandlerSet } from '../context.js';

export const hubReportHandlers: HandlerSet<'analytics.hubReport'> = {
  'analytics.hubReport'(ctx, { store, from, to }) {
    const scope = store ?? '';
    const connection = ctx.sync ? ctx.sync.connection() : 'standalone';
    // The hub checks the role and store again: the device only says who is signed in.
    const requested = !!ctx.sync?.requestReport && connection !== 'bootstrapping';
    if (requested) ctx.sync!.requestReport!(scope, { staffId: ctx.session!.staffId, ...(store ? { store } : {}), from, to });
    const cached = cachedReport(ctx.db, scope);
    return { report: cached?.report ?? null, fetchedAt: cached?.fetchedAt ?? null, requested, connection };
  },
};
