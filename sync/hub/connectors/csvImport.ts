// One CSV file from a retail system → hub rows, all or nothing. The file is one transaction: if
// any row is refused, no row is applied and the report lists every refused row with its line
// and reason. A half-applied stock file would leave some SKUs at today's count and others at
// yesterday's with nothing telling them apart; fixing the listed rows and dropping the file
// again is simple, and applying the same file twice changes nothing but versions.
import { randomUUID } from 'node:crypto';
import { CsvError, parse } from 'csv-parse/sync';
import type { HubReader, HubStore, ImportReport, Row, RowChange } from '../store.js';
import { FEEDS, type Feed, type FeedContext } from './csvFeeds.js';

/** Largest file the hub reads in one go (a retail system splits bigger feeds). */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;
/** Rejected rows listed in a report; the count covers them all. */
export const MAX_REPORTED_ROWS = 1000;

export interface CsvInput {
  file: string;
  text: string;
  source: ImportReport['source'];
  now: Date;
}

type Header = { feed: Feed; columns: string[] } | { problem: string; feed?: Feed };

/** The header line as a report quotes it: that line only, cut short, so a stray file is never echoed at length. */
function quoteHeader(columns: string[]): string {
  const text = columns.slice(0, 30).map((c) => (c.length > 40 ? `${c.slice(0, 40)}…` : c)).join(', ');
  return columns.length > 30 ? `${text}, …` : text;
}

/** The feed whose columns the header names, or what is wrong with it. */
function readHeader(cells: string[]): Header {
  const columns = cells.map((c) => c.trim().toLowerCase());
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length) return { problem: `the header names ${[...new Set(dupes)].join(', ')} more than once` };
  // The feed is the one whose identifying columns are all there; the rest of the header is checked against it.
  const feed = FEEDS.find((f) => f.key.every((k) => columns.includes(k)) && (f.kind === 'catalog' ? columns.includes('title') : columns.includes('location_id')));
  if (!feed) {
    return { problem: `the header (${quoteHeader(columns)}) is neither an inventory file (${FEEDS[0]!.required.join(', ')}) nor a catalog file (${FEEDS[1]!.required.join(', ')})` };
  }
  const missing = feed.required.filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !feed.required.includes(c) && !feed.optional.includes(c));
  const problems = [
    missing.length ? `missing column(s) ${missing.join(', ')}` : '',
    unknown.length ? `unknown column(s) ${unknown.join(', ')} (the columns are ${[...feed.required, ...feed.optional].join(', ')})` : '',
  ].filter(Boolean);
  return problems.length ? { problem: `${feed.kind} file: ${problems.join('; ')}`, feed } : { feed, columns };
}

function parseCsv(text: string): { records: { cells: string[]; line: number }[] } | { problem: string } {
  try {
    const parsed = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return { records: parsed.map((p) => ({ cells: p.record, line: p.info.lines })) };
  } catch (err) {
    return { problem: err instanceof CsvError ? `not readable as CSV: ${err.message}` : String(err) };
  }
}

const TOO_LARGE = `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MiB; split it`;

function newReport(input: Omit<CsvInput, 'text'>): ImportReport {
  return {
    id: `imp_${randomUUID()}`,
    file: input.file,
    kind: null,
    source: input.source,
    receivedAt: input.now.toISOString(),
    status: 'rejected',
    rowsApplied: 0,
    rowsRejected: 0,
    fileError: null,
    rejections: [],
  };
}

/** Records a file refused as a whole without reading it (e.g. too large to read). */
export function refuseTooLarge(store: HubStore, input: Omit<CsvInput, 'text'>): ImportReport {
  return refuseUnread(store, input, TOO_LARGE);
}

/** Records a file refused as a whole, unread, with why (too large, a symbolic link, outside the drop folder). */
export function refuseUnread(store: HubStore, input: Omit<CsvInput, 'text'>, fileError: string): ImportReport {
  const report = { ...newReport(input), fileError };
  store.recordImport(report);
  return report;
}

export function importCsv(store: HubStore, input: CsvInput): ImportReport {
  const report = newReport(input);
  const finish = () => {
    store.recordImport(report);
    return report;
  };
  if (Buffer.byteLength(input.text) > MAX_CSV_BYTES) {
    report.fileError = TOO_LARGE;
    return finish();
  }
  const parsed = parseCsv(input.text);
  if ('problem' in parsed) {
    report.fileError = parsed.problem;
    return finish();
  }
  const [head, ...records] = parsed.records;
  const header = head ? readHeader(head.cells) : { problem: 'the file is empty' };
  report.kind = header.feed?.kind ?? null;
  if ('problem' in header) {
    report.fileError = header.problem;
    return finish();
  }
  if (records.length === 0) {
    report.fileError = 'the file has a header but no rows';
    return finish();
  }

  const reject = (line: number, reason: string) => {
    report.rowsRejected += 1;
    if (report.rejections.length < MAX_REPORTED_ROWS) report.rejections.push({ line, reason });
  };
  store.transact((reader) => {
    const ctx = feedContext(reader, input.now);
    const firstLine = new Map<string, number>();
    const changes: RowChange[] = [];
    for (const { cells, line } of records) {
      if (cells.length !== header.columns.length) {
        reject(line, `has ${cells.length} field(s); the header has ${header.columns.length}`);
        continue;
      }
      const raw = Object.fromEntries(header.columns.map((c, i) => [c, cells[i]!]));
      const checked = header.feed.schema.safeParse(raw);
      if (!checked.success) {
        reject(line, checked.error.issues.map((i) => i.message).join('; '));
        continue;
      }
      const key = JSON.stringify(header.feed.key.map((k) => checked.data[k]));
      const seen = firstLine.get(key);
      if (seen !== undefined) {
        reject(line, `duplicate ${header.feed.key.join(' + ')} ${header.feed.key.map((k) => checked.data[k]).join(' + ')} (first on line ${seen})`);
        continue;
      }
      firstLine.set(key, line);
      const change = header.feed.toChange(checked.data, reader, ctx);
      if (typeof change === 'string') reject(line, change);
      else changes.push(change);
    }
    const clean = report.rowsRejected === 0;
    report.status = clean ? 'applied' : 'rejected';
    report.rowsApplied = clean ? changes.length : 0;
    return { changes: clean ? changes : [], result: undefined };
  });
  return finish();
}

function feedContext(reader: HubReader, now: Date): FeedContext {
  let lastProductId: number | null = null;
  const known = new Map<string, boolean>();
  const keyColumn = { products: 'sku', locations: 'id', categories: 'id' } as const;
  return {
    now: now.toISOString(),
    nextProductId() {
      lastProductId = (lastProductId ?? reader.maxOf('products', 'id')) + 1;
      return lastProductId;
    },
    exists(table, id) {
      const k = `${table}\u0000${id}`;
      let found = known.get(k);
      if (found === undefined) known.set(k, (found = reader.row(table, { [keyColumn[table]]: id } as Row) !== null));
      return found;
    },
  };
}
