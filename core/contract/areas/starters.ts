import { z } from 'zod';
import { define } from '../define.js';
import { id, text } from '../schemas.js';
import { skipReasons, type ProductAtStore, type StarterSet } from '../types.js';

export const startersContract = {
  'products.get': define<ProductAtStore>()({
    input: z.object({ sku: text(40, 1) }).strict(),
    access: 'staff',
    write: false,
  }),
  // Writes: every decision is audited and its impressions go to the outbox.
  'starters.forCustomer': define<StarterSet>()({
    input: z
      .object({
        customerId: id.nullable().default(null),
        cart: z.array(z.object({ sku: id, quantity: z.number().int().min(1).max(99) }).strict()).max(50).default([]),
        limit: z.number().int().min(1).max(8).default(4),
      })
      .strict(),
    access: 'staff',
    write: true,
  }),
  'starters.feedback': define<null>()({
    // A reason goes with "not relevant" only; "already owns it" keeps that product out of later starters.
    input: z
      .object({ decisionId: id, position: z.number().int().min(0).max(7), feedback: z.enum(['used', 'not_relevant']), reason: z.enum(skipReasons).nullable().default(null) })
      .strict()
      .refine((v) => v.reason === null || v.feedback === 'not_relevant', { message: 'A reason is given only with "not_relevant".', path: ['reason'] }),
    access: 'staff',
    write: true,
  }),
} as const;
