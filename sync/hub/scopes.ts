// Which rows' visibility follows another row's (the rules seedFromReplica applies): a customer's
// identifiers, consents and orders go where the customer goes; an order's lines follow the order.
// When a row leaves a store (a customer moves home store), the rows that follow it leave too.
import type { Stream } from '../protocol/index.js';

export interface Follower {
  table: string;
  stream: Stream;
  /** The follower's column that holds the parent's id. */
  column: string;
}

const FOLLOWERS: Record<string, { parentKey: string; followers: Follower[] }> = {
  customers: {
    parentKey: 'id',
    followers: [
      { table: 'customer_identifiers', stream: 'customers', column: 'customer_id' },
      { table: 'consents', stream: 'customers', column: 'customer_id' },
      { table: 'orders', stream: 'orders', column: 'customer_id' },
    ],
  },
  orders: { parentKey: 'id', followers: [{ table: 'order_lines', stream: 'orders', column: 'order_id' }] },
};

export function followersOf(table: string): { parentKey: string; followers: Follower[] } | undefined {
  return FOLLOWERS[table];
}

/** Streams whose rows are private to a store; only their rows can leave one. */
export const SCOPED_STREAMS: ReadonlySet<Stream> = new Set(['customers', 'orders']);
