// A feed's rows read the hub's rows they point at (the SKU, the location, the row they replace).
// On PostgreSQL each read is a round trip, so a 10 MB file would wait on the network per line:
// ingest.ts asks the feed which rows a chunk of lines will read (Feed.reads), fetches them in one
// query per table, and the feed's own `reader.row` and `reader.rowsWhere` calls are then answered from memory. Nothing is
// written while a feed runs (its changes are written after the whole file), so what was fetched stays true.
import { keyText } from '../keyText.js';
import type { HubReader, Row } from '../store.js';

/** What a feed line will read: one row by its key, or the rows whose `column` equals `value`. */
export type RowRead = { table: string; key: Row } | { table: string; column: string; value: string | number };

const of = <K, V>(map: Map<K, Map<string, V>>, k: K): Map<string, V> => map.get(k) ?? map.set(k, new Map()).get(k)!;

/** A HubReader whose `row` and `rowsWhere` answer from what was fetched ahead; every other read goes to the store. */
export class PrefetchReader implements HubReader {
  /** By table, then key text: the row, or null when the hub holds none. */
  private readonly held = new Map<string, Map<string, Row | null>>();
  /** By table and column, then the value as JSON: the rows rowsWhere answers. */
  private readonly where = new Map<string, Map<string, Row[]>>();

  constructor(private readonly inner: HubReader) {}

  /** Fetches what was not fetched yet: one query per table (rowsByKey) or per table and column (rowsWhereIn). */
  async fetch(reads: Iterable<RowRead>): Promise<void> {
    const keys = new Map<string, Map<string, Row>>();
    const values = new Map<string, Map<string, string | number>>();
    for (const r of reads) {
      if ('key' in r) {
        const text = keyText(r.table, r.key);
        if (!this.held.get(r.table)?.has(text)) of(keys, r.table).set(text, r.key);
      } else {
        const text = JSON.stringify(r.value);
        const at = `${r.table}\u0000${r.column}`;
        if (!this.where.get(at)?.has(text)) of(values, at).set(text, r.value);
      }
    }
    for (const [table, wanted] of keys) {
      const rows = await this.inner.rowsByKey(table, [...wanted.values()]);
      const held = of(this.held, table);
      let i = 0;
      for (const text of wanted.keys()) held.set(text, rows[i++]!);
    }
    for (const [at, wanted] of values) {
      const [table, column] = at.split('\u0000') as [string, string];
      const found = of(this.where, at);
      for (const text of wanted.keys()) found.set(text, []);
      // In key order, as rowsWhere answers; each value's rows keep that order.
      for (const row of await this.inner.rowsWhereIn(table, column, [...wanted.values()])) found.get(JSON.stringify(row[column]))?.push(row);
    }
  }

  row(table: string, key: Row): Promise<Row | null> {
    const found = this.held.get(table)?.get(keyText(table, key));
    return found === undefined ? this.inner.row(table, key) : Promise.resolve(found);
  }

  rowsWhere(table: string, column: string, value: string | number): Promise<Row[]> {
    const found = this.where.get(`${table}\u0000${column}`)?.get(JSON.stringify(value));
    return found === undefined ? this.inner.rowsWhere(table, column, value) : Promise.resolve([...found]);
  }

  rowsWhereIn(table: string, column: string, values: readonly (string | number)[]): Promise<Row[]> {
    return this.inner.rowsWhereIn(table, column, values);
  }
  /** The rows fetched ahead from memory (ingest compares every change with the row it replaces), the rest from the store. */
  async rowsByKey(table: string, keys: readonly Row[]): Promise<(Row | null)[]> {
    const held = this.held.get(table);
    const found = keys.map((k) => held?.get(keyText(table, k)));
    const missing = keys.filter((_, i) => found[i] === undefined);
    if (missing.length) {
      const rows = await this.inner.rowsByKey(table, missing);
      let j = 0;
      found.forEach((r, i) => {
        if (r === undefined) found[i] = rows[j++]!;
      });
    }
    return found as (Row | null)[];
  }
  rowsByKeyPrefix(table: string, prefix: readonly (string | number)[]): Promise<Row[]> {
    return this.inner.rowsByKeyPrefix(table, prefix);
  }
  maxOf(table: string, column: string): Promise<number> {
    return this.inner.maxOf(table, column);
  }
  hasChainRole(staffId: string): Promise<boolean> {
    return this.inner.hasChainRole(staffId);
  }
  foundVisiting(storeId: string, customerId: string, since: string): Promise<boolean> {
    return this.inner.foundVisiting(storeId, customerId, since);
  }
}
