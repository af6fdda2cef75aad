import { addDays } from '../../analytics/captureRollup.js';
import { cachedReport, captureFromHub, reportScope } from '../../analytics/hubReports.js';
import { localTime, storeTimeZone } from '../../capture/localTime.js';
import type { HubReportView } from '../../contract/areas/hubReportTypes.js';
import type { HandlerContext, HandlerSet } from '../context.js';

/**
 * A report younger than this is not asked for again: the screen re-reads the cache whenever the
 * device status changes (which a report's arrival does), and must not turn that into a loop.
 */
export const REPORT_REFRESH_MS = 60_000;

/** The cached report for this scope and range, and a fresh one asked of the hub when it is reachable and the cached one is old. */
function hubView(ctx: HandlerContext, store: string | undefined, range: { from?: string | undefined; to?: string | undefined; days: number }): { view: HubReportView; today: string } {
  // Days are the store's own calendar days, as the hub counts them.
  const today = localTime(ctx.now(), storeTimeZone(ctx.db, ctx.session!.storeId)).day;
  const to = range.to ?? today;
  const from = range.from ?? addDays(to, -(range.days - 1));
  const scope = reportScope(store, from, to);
  const connection = ctx.sync ? ctx.sync.connection() : 'standalone';
  const cached = cachedReport(ctx.db, scope);
  const ageMs = cached ? Math.max(0, ctx.now().getTime() - Date.parse(cached.fetchedAt)) : null;
  const fresh = ageMs !== null && ageMs < REPORT_REFRESH_MS;
  // The hub checks the role and store again: the device only says who is signed in.
  const requested = !!ctx.sync?.requestReport && connection !== 'bootstrapping' && !fresh;
  if (requested) ctx.sync!.requestReport!(scope, { staffId: ctx.session!.staffId, ...(store ? { store } : {}), from, to });
  const view: HubReportView = { report: cached?.report ?? null, fetchedAt: cached?.fetchedAt ?? null, ageMinutes: ageMs === null ? null : Math.floor(ageMs / 60_000), requested, connection };
  return { view, today };
}

export const hubReportHandlers: HandlerSet<'analytics.hubReport' | 'analytics.captureHub'> = {
  'analytics.hubReport'(ctx, { store, from, to, days }) {
    return hubView(ctx, store, { from, to, days }).view;
  },
  'analytics.captureHub'(ctx, { store, days }) {
    const { view, today } = hubView(ctx, store, { days });
    return { ...view, report: view.report ? captureFromHub(view.report, today) : null, scope: store ?? ctx.session!.storeId };
  },
};
