// Loads a device-format SQLite file (e.g. one built by scripts/demo.js) into the hub. The file is
// read as data with better-sqlite3; the hub never imports device code.
//
// Who sees what: the catalog, stock at every location (endless aisle needs stock elsewhere) and
// merch config go to every store; staff (PIN hashes) only to their own store. A customer, their
// identifiers and consents go only to devices of the customer's home store; an order and its
// lines follow its customer (walk-in orders without a customer follow the store where they were
// placed). Customers without a home store stay at the hub.
import Database from 'better-sqlite3';
import { REPLICATED_TABLES, type ReplicatedTable } from '../protocol/index.js';
import { HUB_ONLY, type HubStore, type Row, type RowChange } from './store.js';

const BATCH = 10_000;

export async function seedFromReplica(store: HubStore, file: string): Promise<Record<string, number>> {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const homeOf = new Map<string, string | null>();
    for (const r of src.prepare('SELECT id, home_store_id AS home FROM customers').iterate() as IterableIterator<{ id: string; home: string | null }>) {
      homeOf.set(r.id, r.home);
    }
    const orderScope = new Map<string, string>();
    for (const r of src.prepare('SELECT id, customer_id AS c, location_id AS l FROM orders').iterate() as IterableIterator<{ id: string; c: string | null; l: string | null }>) {
      orderScope.set(r.id, (r.c ? homeOf.get(r.c) : r.l) ?? HUB_ONLY);
    }
    const customerScope = (id: unknown) => homeOf.get(String(id)) ?? HUB_ONLY;
    const scopeOf: Record<string, (row: Row) => string | null> = {
      customers: (r) => customerScope(r.id),
      customer_identifiers: (r) => customerScope(r.customer_id),
      consents: (r) => customerScope(r.customer_id),
      orders: (r) => orderScope.get(String(r.id)) ?? HUB_ONLY,
      order_lines: (r) => orderScope.get(String(r.order_id)) ?? HUB_ONLY,
      // A store's staff and their PIN hashes go to that store's devices only.
      staff: (r) => String(r.store_id),
    };

    const counts: Record<string, number> = {};
    for (const table of REPLICATED_TABLES) counts[table.table] = await copyTable(src, store, table, scopeOf[table.table] ?? (() => null));
    return counts;
  } finally {
    src.close();
  }
}

async function copyTable(src: Database.Database, store: HubStore, t: ReplicatedTable, scope: (row: Row) => string | null): Promise<number> {
  const sql = `SELECT ${t.columns.join(', ')} FROM ${t.table} ORDER BY ${t.key.join(', ')}`;
  let batch: RowChange[] = [];
  let n = 0;
  for (const row of src.prepare(sql).iterate() as IterableIterator<Row>) {
    const key: Row = {};
    for (const k of t.key) key[k] = row[k]!;
    batch.push({ stream: t.stream, table: t.table, key, row, scopeStoreId: scope(row) });
    n += 1;
    if (batch.length === BATCH) {
      await store.writeChanges(batch);
      batch = [];
    }
  }
  if (batch.length) await store.writeChanges(batch);
  return n;
}
