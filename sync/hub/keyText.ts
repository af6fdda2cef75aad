// One text per hub row identity, used wherever the hub looks a row up by key: both stores and
// the feeds' prefetch must make the same text for the same row, however the key object was built.
import { replicatedTable, type Stream } from '../protocol/index.js';
import type { Row } from './store.js';

/** The row's identity at the hub: its key values in the protocol's key order, whatever order the caller built them in. */
export function keyText(table: string, key: Row, stream?: Stream): string {
  const t = replicatedTable(table);
  if (!t || (stream && t.stream !== stream)) throw new Error(`Table ${table} is not part of stream ${stream ?? '(any)'}.`);
  // A loop rather than filter + map: a feed file makes a key text per row, a million of them.
  const values = new Array<string | number | null>(t.key.length);
  for (let i = 0; i < t.key.length; i++) {
    const v = key[t.key[i]!];
    if (v === undefined) throw new Error(`A ${table} change lacks key column(s) ${t.key.filter((k) => key[k] === undefined).join(', ')}.`);
    values[i] = v;
  }
  return JSON.stringify(values);
}
