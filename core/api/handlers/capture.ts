import { CAPTURE_SETUP } from '../../capture/consentText.js';
import { checkEmail } from '../../capture/emailCheck.js';
import { findMatches } from '../../capture/matching.js';
import { requireLiveProfile } from '../../capture/merge.js';
import { checkPhone } from '../../capture/phoneCheck.js';
import type { ResubscribeApproval } from '../../capture/liftSuppression.js';
import { recordCheckout, withdrawConsent } from '../../capture/record.js';
import { suppressingProfile } from '../../capture/suppression.js';
import { lookupVisiting } from '../../customers/visiting.js';
import { recordSale } from '../../orders/sale.js';
import type { Recorder } from '../../capture/consents.js';
import { ApiError } from '../../contract/errors.js';
import type { ApiParsedInput } from '../../contract/index.js';
import type { MatchCandidate, MatchReason } from '../../contract/areas/captureTypes.js';
import type { VisitingCustomer } from '../../contract/types.js';
import { writeAudit } from '../../audit/audit.js';
import type { HandlerContext, HandlerSet } from '../context.js';

export const captureHandlers: HandlerSet<'capture.setup' | 'capture.check' | 'capture.record' | 'consent.withdraw'> = {
  'capture.setup'() {
    return CAPTURE_SETUP;
  },
  async 'capture.check'(ctx, input) {
    const email = input.email ? checkEmail(input.email) : null;
    const phone = input.phone ? checkPhone(input.phone) : null;
    const matchKey = email?.valid ? email.matchKey : null;
    const suppressedBy = matchKey ? suppressingProfile(ctx.db, matchKey) : null;
    const matches =
      matchKey || phone?.e164
        ? findMatches(ctx.db, { matchKey, phoneE164: phone?.e164 ?? null, firstName: input.firstName, lastName: input.lastName, customerId: input.customerId })
        : [];
    return { email, phone, suppressed: suppressedBy !== null, suppressedBy, matches, visiting: await visitingMatch(ctx, input.customerId, matches, email?.address ?? null, phone?.e164 ?? null) };
  },
  'capture.record'(ctx, input) {
    if (input.outcome === 'captured' && input.profile.kind === 'existing') requireMergeAllowed(ctx, input);
    const resubscribe = input.outcome === 'captured' ? resubscribeApproved(ctx, input) : null;
    const by = recorder(ctx);
    const receipt = recordCheckout(ctx.db, input, by, ctx.now(), { resubscribe });
    // A visiting customer's sale names them for the hub; this register holds no profile to link it to.
    const visiting = input.outcome === 'captured' && input.profile.kind === 'visiting';
    return { ...receipt, orderId: recordSale(ctx.db, input.basket, visiting ? { visiting: receipt.customerId! } : receipt.customerId, by, ctx.now()) };
  },
  'consent.withdraw'(ctx, { customerId, purpose }) {
    return withdrawConsent(ctx.db, customerId, purpose, recorder(ctx), ctx.now());
  },
};

/**
 * A customer of another store the hub holds under exactly this address (or phone), asked only
 * when no profile here holds it and no profile is open: a capture then matches them instead of
 * making a second profile. Offline or unanswered, the capture goes on with what is here.
 */
async function visitingMatch(ctx: HandlerContext, openId: string | null, matches: MatchCandidate[], email: string | null, phone: string | null): Promise<VisitingCustomer | null> {
  if (openId || !ctx.session) return null;
  const asks: ['email' | 'phone', string | null, MatchReason][] = [['email', email, 'same_email'], ['phone', phone, 'same_phone']];
  for (const [kind, value, reason] of asks) {
    if (!value || matches.some((m) => m.reasons.includes(reason))) continue;
    const found = await lookupVisiting(ctx.sync, ctx.session, value, kind);
    if (found.status === 'found') return found.customer;
  }
  return null;
}

/**
 * Associates merge only profiles the matcher proposes for what was typed (the same search
 * capture.check shows); anything else needs a manager's approval on screen, or a manager.
 */
function requireMergeAllowed(ctx: HandlerContext, input: Extract<ApiParsedInput<'capture.record'>, { outcome: 'captured' }>): void {
  if (input.profile.kind !== 'existing' || input.profile.mergeIds.length === 0) return;
  for (const id of [input.profile.customerId, ...input.profile.mergeIds]) requireLiveProfile(ctx.db, id); // unknown → not_found first
  const email = checkEmail(input.email);
  const phone = input.phone ? checkPhone(input.phone) : null;
  const proposed = new Set(
    findMatches(ctx.db, {
      matchKey: email.valid ? email.matchKey : null,
      phoneE164: phone?.e164 ?? null,
      firstName: input.firstName,
      lastName: input.lastName,
      customerId: input.profile.customerId,
    }).map((m) => m.id),
  );
  const outside = input.profile.mergeIds.filter((id) => !proposed.has(id));
  if (outside.length === 0 || ctx.session?.role === 'manager') return;
  const managerId = ctx.security.approvals.consume(input.profile.approvalId, 'customer.merge', input.profile.customerId);
  writeAudit(ctx.db, {
    at: ctx.now(),
    actorId: managerId,
    storeId: ctx.session!.storeId,
    action: 'merge.approved',
    subjectType: 'customer',
    subjectId: input.profile.customerId,
    justification: `Manager approved merging ${outside.join(', ')} (not proposed by the matcher) for ${ctx.session!.displayName}`,
  });
}

/**
 * Marketing for a suppressed address (withdrawn for good, or an erased person's) is refused
 * unless a manager approves at the register (or is the one signed in). A forged or spent
 * approval fails the whole checkout: nothing is written.
 */
function resubscribeApproved(ctx: HandlerContext, input: Extract<ApiParsedInput<'capture.record'>, { outcome: 'captured' }>): ResubscribeApproval | null {
  if (!input.consents.marketing && !input.consents.personalization) return null;
  const email = checkEmail(input.email);
  const subject = email.valid && email.matchKey ? suppressingProfile(ctx.db, email.matchKey) : null;
  if (!subject) return null;
  if (!input.resubscribeApprovalId && ctx.session?.role !== 'manager') return null; // recorded as suppressed, as before
  const managerId = ctx.session?.role === 'manager' && !input.resubscribeApprovalId ? ctx.session.staffId : ctx.security.approvals.consume(input.resubscribeApprovalId, 'consent.resubscribe', subject);
  writeAudit(ctx.db, {
    at: ctx.now(),
    actorId: managerId,
    storeId: ctx.session!.storeId,
    action: 'consent.resubscribed',
    subjectType: 'customer',
    subjectId: subject,
    justification: `Manager approved re-subscribing a suppressed address for ${ctx.session!.displayName}`,
  });
  return { managerId, subjectId: subject };
}

/** Who records: the associate logged in, at this device's store and register. */
function recorder(ctx: HandlerContext): Recorder {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
  return { staffId: ctx.session.staffId, storeId: ctx.session.storeId, registerId: ctx.session.registerId };
}
