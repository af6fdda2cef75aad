// One CSV file from a retail system → hub rows, all or nothing. The header says which feed the
// file is; the records then go through that feed's one ingest path (ingest.ts), the same one a
// connector calls. If any row is refused, no row is applied and the report lists every refused
// row with its line and reason. A half-applied stock file would leave some SKUs at today's count
// and others at yesterday's with nothing telling them apart; fixing the listed rows and dropping
// the file again is simple, and applying the same file twice changes nothing.
import type { HubStore, ImportReport } from '../store.js';
import { readCsv } from './csvRecords.js';
import type { Feed } from './feed.js';
import { FEEDS } from './feeds.js';
import { ingestFeed, newReport, type FeedRecord, type IngestMeta } from './ingest.js';

export { MAX_REPORTED_ROWS } from './ingest.js';

/** Largest file the hub reads in one go (a retail system splits bigger feeds). */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

export interface CsvInput extends IngestMeta {
  text: string;
}

/** The header line as a report quotes it: that line only, cut short, so a stray file is never echoed at length. */
function quoteHeader(columns: string[]): string {
  const text = columns.slice(0, 30).map((c) => (c.length > 40 ? `${c.slice(0, 40)}…` : c)).join(', ');
  return columns.length > 30 ? `${text}, …` : text;
}

/** The feed whose marker columns the header names, or what is wrong with it. */
function readHeader(cells: string[]): { feed: Feed; columns: string[] } | { problem: string } {
  const columns = cells.map((c) => c.trim().toLowerCase());
  const dupes = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (dupes.length) return { problem: `the header names ${[...new Set(dupes)].join(', ')} more than once` };
  const matches = FEEDS.filter((f) => f.marker.every((k) => columns.includes(k)));
  if (matches.length === 1) return { feed: matches[0]!, columns };
  if (matches.length > 1) return { problem: `the header (${quoteHeader(columns)}) fits more than one feed (${matches.map((f) => f.kind).join(', ')}); send one feed per file` };
  const known = FEEDS.map((f) => `${f.kind} (${f.required.join(', ')})`).join('; ');
  return { problem: `the header (${quoteHeader(columns)}) is not a feed the hub knows. The feeds and their required columns: ${known}` };
}

const TOO_LARGE = `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MiB; split it`;

async function refuse(store: HubStore, meta: IngestMeta, fileError: string): Promise<ImportReport> {
  const report = { ...newReport(meta), fileError };
  await store.recordImport(report);
  return report;
}

/** Records a file refused as a whole without reading it (e.g. too large to read). */
export function refuseTooLarge(store: HubStore, input: IngestMeta): Promise<ImportReport> {
  return refuse(store, input, TOO_LARGE);
}

/** Records a file refused as a whole, unread, with why (a symbolic link, outside the drop folder). */
export function refuseUnread(store: HubStore, input: IngestMeta, fileError: string): Promise<ImportReport> {
  return refuse(store, input, fileError);
}

export function importCsv(store: HubStore, input: CsvInput): Promise<ImportReport> {
  const meta: IngestMeta = { file: input.file, source: input.source, now: input.now };
  if (Buffer.byteLength(input.text) > MAX_CSV_BYTES) return refuse(store, meta, TOO_LARGE);
  const parsed = readCsv(input.text);
  if ('problem' in parsed) return refuse(store, meta, parsed.problem);
  const head = parsed.header;
  if (!head) return refuse(store, meta, 'the file is empty');
  const header = readHeader(head);
  if ('problem' in header) return refuse(store, meta, header.problem);
  const { columns } = header;
  const width = columns.length;
  const rows = parsed.rows;
  // Records are made one at a time as the ingest reads them, so each lives only while it is checked.
  function* records(): Generator<FeedRecord> {
    for (const { cells, line } of rows) {
      if (cells.length !== width) {
        yield { line, problem: `has ${cells.length} field(s); the header has ${width}` };
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < width; i++) values[columns[i]!] = cells[i]!;
      yield { line, values };
    }
  }
  return ingestFeed(store, header.feed, columns, records(), meta);
}
