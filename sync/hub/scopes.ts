// Which rows' visibility follows another row's (the rules seedFromReplica applies): a customer's
// identifiers, consents and orders go where the customer goes, and so does a profile merged into
// it (the merged profile's row points at its survivor); an order's lines follow the order.
// When a row leaves a store (a customer moves home store), the rows that follow it leave too.
import { REPLICATED_TABLES, type Stream } from '../protocol/index.js';

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
      { table: 'customers', stream: 'customers', column: 'merged_into' },
    ],
  },
  orders: { parentKey: 'id', followers: [{ table: 'order_lines', stream: 'orders', column: 'order_id' }] },
};

export function followersOf(table: string): { parentKey: string; followers: Follower[] } | undefined {
  return FOLLOWERS[table];
}

/** The rows `table` follows, as (parent table, parent key column, this table's column holding the parent's id). */
export function parentsOf(table: string): { table: string; parentKey: string; column: string }[] {
  return Object.entries(FOLLOWERS).flatMap(([parent, rule]) =>
    rule.followers.filter((f) => f.table === table).map((f) => ({ table: parent, parentKey: rule.parentKey, column: f.column })),
  );
}

/** Tables whose rows are private to a store (staff: PIN hashes); only their rows can leave one. */
export const SCOPED_TABLES: ReadonlySet<string> = new Set(['customers', 'customer_identifiers', 'consents', 'orders', 'order_lines', 'staff']);

/** Streams holding a private table: their pages carry the tombstones of rows that left the store. */
export const SCOPED_STREAMS: ReadonlySet<Stream> = new Set(REPLICATED_TABLES.filter((t) => SCOPED_TABLES.has(t.table)).map((t) => t.stream));
