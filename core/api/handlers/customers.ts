import { customerCard } from '../../customers/card.js';
import { lookupCustomers } from '../../customers/lookup.js';
import { lookupVisiting } from '../../customers/visiting.js';
import type { HandlerSet } from '../context.js';

export const customerHandlers: HandlerSet<'customers.lookup' | 'customers.lookupVisiting' | 'customers.card'> = {
  'customers.lookup'(ctx, { query, kind }) {
    return lookupCustomers(ctx.db, query, kind);
  },
  'customers.lookupVisiting'(ctx, { query, kind }) {
    return lookupVisiting(ctx.sync, ctx.session!, query, kind);
  },
  'customers.card'(ctx, { customerId }) {
    return customerCard(ctx.db, customerId);
  },
};
