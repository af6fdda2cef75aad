import { z } from 'zod';
import { define } from '../define.js';
import { id, text } from '../schemas.js';
import type { CustomerCard, LookupResult, VisitingLookupResult } from '../types.js';

export const lookupKinds = ['auto', 'email', 'phone', 'loyalty', 'name'] as const;

export const customersContract = {
  'customers.lookup': define<LookupResult>()({
    input: z.object({ query: text(120, 1), kind: z.enum(lookupKinds).default('auto') }).strict(),
    access: 'staff',
    write: false,
  }),
  /** Asks the hub for a customer of another store by an exact key (answers later: an async call). */
  'customers.lookupVisiting': define<VisitingLookupResult>()({
    input: z.object({ query: text(120, 1), kind: z.enum(['auto', 'email', 'phone', 'loyalty']).default('auto') }).strict(),
    access: 'staff',
    write: false,
  }),
  'customers.card': define<CustomerCard>()({
    input: z.object({ customerId: id }).strict(),
    access: 'staff',
    write: false,
  }),
} as const;
