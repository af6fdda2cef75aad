import { addDays, captureReport } from '../../analytics/captureRollup.js';
import { localTime, storeTimeZone } from '../../capture/localTime.js';
import { MAX_REPORT_DAYS } from '../../contract/areas/analytics.js';
import { ApiError } from '../../contract/errors.js';
import type { HandlerSet } from '../context.js';

/** Without a range: the last 30 days of the store's calendar, today included. */
const DEFAULT_DAYS = 30;

export const analyticsHandlers: HandlerSet<'analytics.capture'> = {
  'analytics.capture'(ctx, input) {
    const home = ctx.session!.storeId;
    const today = localTime(ctx.now(), storeTimeZone(ctx.db, home)).day;
    const to = input.to ?? today;
    const from = input.from ?? addDays(to, -(DEFAULT_DAYS - 1));
    if (addDays(from, MAX_REPORT_DAYS) <= to) {
      throw new ApiError('invalid_input', `A report covers at most ${MAX_REPORT_DAYS} days.`, { from, to });
    }
    return captureReport(ctx.db, { from, to, storeId: input.storeId, today });
  },
};
