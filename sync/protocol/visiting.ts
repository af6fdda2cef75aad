// A visiting customer: a register asks the hub for another store's customer by an exact key the
// shopper gave (email, phone, loyalty id, normalized as the register matches them). Never by
// customer id and never by name: a register can only find someone whose key it was told.
import { z } from 'zod';
import { PROTOCOL_VERSION } from './messages.js';

export const visitingKinds = ['email', 'phone', 'loyalty'] as const;

export const visitingRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    /** Who is asking (the hub checks they are active staff of the device's store) and at which register. */
    staffId: z.string().min(1).max(64),
    registerId: z.string().min(1).max(64),
    kind: z.enum(visitingKinds),
    value: z.string().min(3).max(254),
  })
  .strict();
export type VisitingRequest = z.infer<typeof visitingRequestSchema>;

/** Only what a register needs to greet and serve the shopper; nothing to change them with. */
export interface VisitingCustomer {
  customerId: string;
  firstName: string;
  lastName: string;
  homeStoreId: string;
  homeStoreName: string;
  matchedBy: (typeof visitingKinds)[number];
  consents: { purpose: string; channel: string; status: string }[];
}

export interface VisitingResponse {
  protocol: typeof PROTOCOL_VERSION;
  /** null: no customer of another store has exactly this key. */
  customer: VisitingCustomer | null;
}

/** The hub's answer as a register checks it before showing a byte of it. */
export const visitingResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  customer: z
    .object({
      customerId: z.string().min(1).max(64),
      firstName: z.string().max(100),
      lastName: z.string().max(100),
      homeStoreId: z.string().min(1).max(64),
      homeStoreName: z.string().max(200),
      matchedBy: z.enum(visitingKinds),
      consents: z.array(z.object({ purpose: z.string().max(40), channel: z.string().max(40), status: z.string().max(40) })).max(20),
    })
    .nullable(),
});
