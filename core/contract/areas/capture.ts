import { z } from 'zod';
import { define } from '../define.js';
import { id, text } from '../schemas.js';
import { namePart } from '../fields.js';
import type { CaptureCheck, CaptureReceipt, CaptureSetup, ConsentRecord } from './captureTypes.js';

export const declineReasons = ['no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked'] as const;
export const consentPurposes = ['receipts', 'marketing', 'personalization'] as const;

// Letters (any script), spaces, apostrophes, hyphens and dots: the shared field rule (fields.ts).
const personName = namePart;
const email = text(254);
const phone = text(40);

/** Today's basket, recorded as the sale when the checkout is (prices come from the catalog). */
const basket = z.array(z.object({ sku: id, quantity: z.number().int().min(1).max(99) }).strict()).max(50).default([]);

const profileChoice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new') }).strict(),
  z
    .object({
      kind: z.literal('existing'),
      customerId: id,
      /** Other profiles the associate confirmed are the same person. */
      mergeIds: z.array(id).max(5).default([]),
      /**
       * A manager's approval (approval.grant, action customer.merge, subject customerId) for
       * merging profiles the matcher did not propose; associates merge only among its candidates.
       */
      approvalId: z.string().regex(/^[0-9a-f]{32}$/, { message: 'not an approval' }).optional(),
    })
    .strict(),
  // A customer of another store the hub found (capture.check's visiting): their home store keeps them; the hub checks it.
  z.object({ kind: z.literal('visiting'), customerId: id }).strict(),
]);

export const captureContract = {
  'capture.setup': define<CaptureSetup>()({
    input: z.object({}).strict(),
    access: 'staff',
    write: false,
  }),
  // Read-only: validates as the associate types and lists who this might already be.
  'capture.check': define<CaptureCheck>()({
    input: z
      .object({
        email: email.optional(),
        phone: phone.optional(),
        firstName: personName.optional(),
        lastName: personName.optional(),
        customerId: id.nullable().default(null),
      })
      .strict(),
    access: 'staff',
    write: false,
  }),
  // One checkout, one outcome: written with its profile change, consents, the sale (the basket as an
  // order) and their outbox events in one transaction.
  'capture.record': define<CaptureReceipt>()({
    input: z.discriminatedUnion('outcome', [
      z
        .object({
          outcome: z.literal('captured'),
          email: text(254, 1),
          phone: phone.default(''),
          firstName: personName.default(''),
          lastName: personName.default(''),
          profile: profileChoice,
          consents: z.object({ receipts: z.boolean(), marketing: z.boolean(), personalization: z.boolean() }).strict(),
          consentTextVersion: id,
          /** The typo suggestion shown, if any, and whether the associate took it. */
          typo: z.object({ suggested: z.boolean(), accepted: z.boolean() }).strict().default({ suggested: false, accepted: false }),
          /** A manager's approval to re-subscribe a suppressed address (approval.grant 'consent.resubscribe' on capture.check's suppressedBy). */
          resubscribeApprovalId: z.string().regex(/^[0-9a-f]{32}$/, { message: 'not an approval' }).optional(),
          basket,
        })
        .strict(),
      z.object({ outcome: z.literal('already_on_file'), customerId: id, basket }).strict(),
      z.object({ outcome: z.literal('declined'), reason: z.enum(declineReasons), customerId: id.nullable().default(null), basket }).strict(),
      z.object({ outcome: z.literal('invalid'), customerId: id.nullable().default(null), basket }).strict(),
    ]),
    access: 'staff',
    write: true,
  }),
  // Withdrawing is one tap, like giving.
  'consent.withdraw': define<ConsentRecord[]>()({
    input: z.object({ customerId: id, purpose: z.enum(consentPurposes) }).strict(),
    access: 'staff',
    write: true,
  }),
} as const;
