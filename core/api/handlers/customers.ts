import { customerCard } from '../../customers/card.js';
import { lookupCustomers } from '../../customers/lookup.js';
import type { HandlerSet } from '../context.js';

export const customerHandlers: HandlerSet<'customers.lookup' | 'customers.card'> = {
  'customers.lookup'(ctx, { query, kind }) {
    return lookupCustomers(ctx.db, query, kind);
  },
  'customers.card'(ctx, { customerId }) {
    return customerCard(ctx.db, customerId);
  },
};
