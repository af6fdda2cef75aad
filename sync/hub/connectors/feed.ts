// What a feed is: the columns it reads, a zod check of one row, and a run over one file that
// turns checked rows into hub row changes. A run sees the whole file before anything is written
// (an order's lines come on several rows; a category's parent may come later in the file), so
// `finish` may add changes that depend on every row, or refuse lines after the fact.
import type { z } from 'zod';
import type { HubReader, ImportReport, Row, RowChange } from '../store.js';
import type { RowRead } from './prefetch.js';

export type FeedKind = NonNullable<ImportReport['kind']>;

export interface Rejection {
  line: number;
  reason: string;
}

export interface FeedRun {
  /**
   * The changes one checked row makes, or why it cannot be applied; answered at once when the row
   * needs nothing it has not read yet (a million-line file then waits on no promise per line).
   */
  row(r: Row, line: number): RowChange[] | string | Promise<RowChange[] | string>;
  /** Changes that need the whole file, and lines refused once every row was seen. */
  finish?(): Promise<FeedEnd>;
}

export interface FeedEnd {
  changes: RowChange[];
  rejections: Rejection[];
}

export interface Feed {
  kind: FeedKind;
  required: readonly string[];
  optional: readonly string[];
  /** Columns that tell this feed's header apart from every other feed's. */
  marker: readonly string[];
  /** Columns that identify a row; a file may list each key once. */
  key: readonly string[];
  schema: z.ZodType<Row>;
  /** A header column refused with its own reason (e.g. a PIN column in a staff file). */
  forbidden?: Record<string, string>;
  /**
   * The hub rows a checked row will read with `reader.row` (or `ctx.exists`): ingest fetches them
   * for many rows at once, so a big file does not wait on the database per line (prefetch.ts).
   */
  reads?(r: Row): RowRead[];
  start(reader: HubReader, ctx: FeedContext): FeedRun;
}

export interface FeedContext {
  now: string;
  /** Next products.id for a SKU the hub has not seen (ids are fixed once written: the device's search index points at them). */
  nextProductId(): Promise<number>;
  /** Memoized lookups: a 100k-row file asks about the same locations again and again. */
  exists(table: 'products' | 'locations' | 'categories' | 'customers' | 'staff', id: string): Promise<boolean>;
  /** What `exists` answered before for this id, without asking again; undefined when it was not asked yet. */
  existed(table: 'products' | 'locations' | 'categories' | 'customers' | 'staff', id: string): boolean | undefined;
}

/** A feed whose rows are independent: each row makes one change or is refused. */
export const perRow =
  (toChange: (r: Row, reader: HubReader, ctx: FeedContext) => Promise<RowChange | string>) =>
  (reader: HubReader, ctx: FeedContext): FeedRun => ({
    row: async (r) => {
      const change = await toChange(r, reader, ctx);
      return typeof change === 'string' ? change : [change];
    },
  });
