import { ApiError } from '../../contract/errors.js';
import type { HandlerContext, HandlerSet } from '../context.js';
import type { Session } from '../../contract/types.js';

export const starterHandlers: HandlerSet<'starters.forCustomer' | 'starters.feedback'> = {
  'starters.forCustomer'(ctx, { customerId, cart, limit }) {
    const s = signedIn(ctx);
    return ctx.engine.decide({ customerId, cart, limit, storeId: s.storeId, staffId: s.staffId, now: ctx.now() });
  },
  'starters.feedback'(ctx, { decisionId, position, feedback, reason }) {
    ctx.engine.feedback(decisionId, position, feedback, signedIn(ctx).staffId, ctx.now(), reason);
    return null;
  },
};

function signedIn(ctx: HandlerContext): Session {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
  return ctx.session;
}
