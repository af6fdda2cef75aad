// The one way rows of a feed get into the hub, whatever carried them (a CSV drop, an upload, the
// CLI, later a Shopify or Square connector): checked records in, one transaction, one report out.
// A feed is all or nothing: if any record is refused, nothing is written and the report lists
// every refused record with its line and reason. Re-sending the same rows changes nothing: a
// change equal to the row the hub holds is not written, so devices have nothing new to pull.
import { randomUUID } from 'node:crypto';
import type { HubReader, HubStore, ImportReport, Row, RowChange } from '../store.js';
import type { Feed, FeedContext, FeedEnd } from './feed.js';
import { PrefetchReader } from './prefetch.js';
import { checkRow, rowReader } from './rowReader.js';

/** Rejected rows listed in a report; the count covers them all. */
export const MAX_REPORTED_ROWS = 1000;

/** Lines whose reads are fetched together: one query per table per chunk instead of one per line. */
const PREFETCH_CHUNK = 2000;

/** One record of a feed: its cells by lower-case column name, or why the transport could not read it. */
export type FeedRecord = { line: number; values: Record<string, string> } | { line: number; problem: string };

export interface IngestMeta {
  file: string;
  source: ImportReport['source'];
  now: Date;
}

export function newReport(meta: IngestMeta): ImportReport {
  return {
    id: `imp_${randomUUID()}`,
    file: meta.file,
    kind: null,
    source: meta.source,
    receivedAt: meta.now.toISOString(),
    status: 'rejected',
    rowsApplied: 0,
    rowsRejected: 0,
    fileError: null,
    rejections: [],
  };
}

/** What is wrong with a feed's columns as a whole, or null when they are fine. */
export function columnProblem(feed: Feed, columns: readonly string[]): string | null {
  const forbidden = columns.filter((c) => feed.forbidden?.[c]).map((c) => `${c}: ${feed.forbidden![c]}`);
  const missing = feed.required.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !feed.required.includes(c) && !feed.optional.includes(c) && !feed.forbidden?.[c]);
  const problems = [
    ...forbidden,
    missing.length ? `missing column(s) ${missing.join(', ')}` : '',
    unknown.length ? `unknown column(s) ${unknown.join(', ')} (the columns are ${[...feed.required, ...feed.optional].join(', ')})` : '',
  ].filter(Boolean);
  return problems.length ? `${feed.kind} file: ${problems.join('; ')}` : null;
}

/**
 * Applies the records of one file (or one connector batch) of `feed`, all or nothing, and
 * records the report at the hub. `columns` are the lower-case column names the records carry.
 */
export async function ingestFeed(store: HubStore, feed: Feed, columns: readonly string[], records: Iterable<FeedRecord>, meta: IngestMeta): Promise<ImportReport> {
  const report: ImportReport = { ...newReport(meta), kind: feed.kind };
  const finish = async () => {
    await store.recordImport(report);
    return report;
  };
  const problem = columnProblem(feed, columns);
  if (problem) {
    report.fileError = problem;
    return finish();
  }
  const rejected: { line: number; reason: string }[] = [];
  const fast = rowReader(feed.schema);
  await store.transact(async (hubReader) => {
    const reader = new PrefetchReader(hubReader);
    const run = feed.start(reader, feedContext(reader, meta.now));
    const firstLine = new Map<string, number>();
    let changes: RowChange[] = [];
    let rows = 0;
    let read = 0;
    // Checked lines wait here until a chunk's reads are fetched together (prefetch.ts), then run in file order.
    const waiting: { row: Row; line: number }[] = [];
    const runWaiting = async () => {
      if (feed.reads) await reader.fetch(waiting.flatMap((w) => feed.reads!(w.row)));
      for (const w of waiting) {
        let made = run.row(w.row, w.line);
        if (made instanceof Promise) made = await made;
        if (typeof made === 'string') rejected.push({ line: w.line, reason: made });
        else {
          rows += 1;
          for (const c of made) changes.push(c);
        }
      }
      waiting.length = 0;
    };
    for (const record of records) {
      read += 1;
      if ('problem' in record) {
        rejected.push({ line: record.line, reason: record.problem });
        continue;
      }
      const checked = checkRow(feed.schema, fast, record.values);
      if ('reason' in checked) {
        rejected.push({ line: record.line, reason: checked.reason });
        continue;
      }
      const keyValues = feed.key.map((k) => checked.row[k]);
      const key = JSON.stringify(keyValues);
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        rejected.push({ line: record.line, reason: `duplicate ${feed.key.join(' + ')} ${keyValues.join(' + ')} (first on line ${seen})` });
        continue;
      }
      firstLine.set(key, record.line);
      waiting.push({ row: checked.row, line: record.line });
      if (waiting.length === PREFETCH_CHUNK) await runWaiting();
    }
    await runWaiting();
    if (read === 0) {
      report.fileError = 'the file has a header but no rows';
      return { changes: [], result: undefined };
    }
    const end: FeedEnd = (await run.finish?.()) ?? { changes: [], rejections: [] };
    rejected.push(...end.rejections);
    if (rejected.length) return { changes: [], result: undefined };
    changes = await withoutHeld(reader, changes.concat(end.changes));
    report.status = 'applied';
    report.rowsApplied = rows;
    return { changes, result: undefined };
  });
  rejected.sort((a, b) => a.line - b.line);
  report.rowsRejected = rejected.length;
  report.rejections = rejected.slice(0, MAX_REPORTED_ROWS);
  return finish();
}

/**
 * The changes whose row the hub does not hold exactly so already; the held rows are read per table
 * in few queries. A fresh change (a row the feed found the hub does not hold) is kept unread.
 */
async function withoutHeld(reader: HubReader, changes: readonly RowChange[]): Promise<RowChange[]> {
  const byTable = new Map<string, number[]>();
  const held = new Array<Row | null>(changes.length).fill(null);
  changes.forEach((c, i) => {
    if (c.fresh) return;
    let list = byTable.get(c.table);
    if (!list) byTable.set(c.table, (list = []));
    list.push(i);
  });
  for (const [table, indexes] of byTable) {
    const rows = await reader.rowsByKey(table, indexes.map((i) => changes[i]!.key));
    indexes.forEach((at, j) => (held[at] = rows[j]!));
  }
  return changes.filter((c, i) => c.fresh || !sameRow(held[i]!, c.row));
}

/** Rows are flat, so a shallow comparison is enough. */
function sameRow(held: Row | null, row: Row | null): boolean {
  if (held === null || row === null) return held === row;
  const a = Object.keys(row);
  return a.length === Object.keys(held).length && a.every((k) => held[k] === row[k]);
}

function feedContext(reader: HubReader, now: Date): FeedContext {
  let lastProductId: number | null = null;
  // Per table, what was found by id: a million-line file asks on every line, so no key text is built per ask.
  const known = new Map<string, Map<string, boolean>>();
  const keyColumn = { products: 'sku', locations: 'id', categories: 'id', customers: 'id', staff: 'id' } as const;
  const of = (table: string) => known.get(table) ?? known.set(table, new Map()).get(table)!;
  return {
    now: now.toISOString(),
    async nextProductId() {
      lastProductId = (lastProductId ?? await reader.maxOf('products', 'id')) + 1;
      return lastProductId;
    },
    async exists(table, id) {
      let found = of(table).get(id);
      if (found === undefined) of(table).set(id, (found = await reader.row(table, { [keyColumn[table]]: id } as Row) !== null));
      return found;
    },
    existed: (table, id) => known.get(table)?.get(id),
  };
}
