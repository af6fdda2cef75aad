import { CAPTURE_SETUP } from '../../capture/consentText.js';
import { checkEmail } from '../../capture/emailCheck.js';
import { findMatches } from '../../capture/matching.js';
import { checkPhone } from '../../capture/phoneCheck.js';
import { recordCheckout, withdrawConsent } from '../../capture/record.js';
import { isSuppressed } from '../../capture/suppression.js';
import { recordSale } from '../../orders/sale.js';
import type { Recorder } from '../../capture/consents.js';
import { ApiError } from '../../contract/errors.js';
import type { HandlerContext, HandlerSet } from '../context.js';

export const captureHandlers: HandlerSet<'capture.setup' | 'capture.check' | 'capture.record' | 'consent.withdraw'> = {
  'capture.setup'() {
    return CAPTURE_SETUP;
  },
  'capture.check'(ctx, input) {
    const email = input.email ? checkEmail(input.email) : null;
    const phone = input.phone ? checkPhone(input.phone) : null;
    const matchKey = email?.valid ? email.matchKey : null;
    return {
      email,
      phone,
      suppressed: matchKey ? isSuppressed(ctx.db, matchKey) : false,
      matches:
        matchKey || phone?.e164
          ? findMatches(ctx.db, { matchKey, phoneE164: phone?.e164 ?? null, firstName: input.firstName, lastName: input.lastName, customerId: input.customerId })
          : [],
    };
  },
  'capture.record'(ctx, input) {
    const by = recorder(ctx);
    const receipt = recordCheckout(ctx.db, input, by, ctx.now());
    return { ...receipt, orderId: recordSale(ctx.db, input.basket, receipt.customerId, by, ctx.now()) };
  },
  'consent.withdraw'(ctx, { customerId, purpose }) {
    return withdrawConsent(ctx.db, customerId, purpose, recorder(ctx), ctx.now());
  },
};

/** Who records: the associate logged in, at this device's store and register. */
function recorder(ctx: HandlerContext): Recorder {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
  return { staffId: ctx.session.staffId, storeId: ctx.session.storeId, registerId: ctx.session.registerId };
}
