// The one loop every inbound connector runs: per resource, fetch the page after the stored
// cursor, hand its records to the feeds' own ingest (the same function the CSV files use), and
// store the cursor past the page in the same transaction as the rows. A page a feed refuses
// writes nothing and leaves the cursor where it was: the run stops with the feed's reasons, and
// the next run asks for the same page again.
import type { HubStore, ImportReport } from '../../store.js';
import type { FeedKind } from '../feed.js';
import { feedOf } from '../feeds.js';
import { ingestFeed, type FeedRecord } from '../ingest.js';
import type { Clock } from './http.js';
import type { ConnectorState, VendorId } from './state.js';

/** Records of one feed from one vendor page; every record carries every column. */
export interface FeedBatch {
  kind: FeedKind;
  columns: readonly string[];
  records: FeedRecord[];
}

export interface VendorPage {
  batches: FeedBatch[];
  /** The cursor to store once the page is in. */
  next: unknown;
  /** More pages follow in this run. */
  more: boolean;
  /** Vendor ids mapped on this page, stored with its rows (a later resource looks them up). */
  ids?: VendorId[];
}

export interface InboundResource {
  name: string;
  fetchPage(cursor: unknown): Promise<VendorPage>;
}

export interface InboundOutcome {
  rows: number;
  pages: number;
  reports: ImportReport[];
  /** Why the run stopped early (a refused page, a vendor that kept failing); null when it finished. */
  error: string | null;
}

/** Builds a feed record from a row of text cells, in the feed's column order. */
export const record = (line: number, values: Record<string, string>): FeedRecord => ({ line, values });

export async function runInbound(store: HubStore, state: ConnectorState, connectorId: string, resources: readonly InboundResource[], clock: Clock): Promise<InboundOutcome> {
  const outcome: InboundOutcome = { rows: 0, pages: 0, reports: [], error: null };
  const runId = await state.startRun(connectorId, clock.now());
  try {
    for (const resource of resources) {
      let cursor = await state.cursor(connectorId, resource.name);
      for (;;) {
        const page = await resource.fetchPage(cursor);
        const now = clock.now();
        const reports = await state.atomically(async () => {
          const made: ImportReport[] = [];
          for (const b of page.batches.filter((b) => b.records.length > 0)) {
            made.push(await ingestFeed(store, feedOf(b.kind), b.columns, b.records, { file: `${connectorId}:${resource.name} page ${outcome.pages + 1}`, source: 'connector', now }));
          }
          if (made.every((r) => r.status === 'applied')) {
            await state.putIds(connectorId, page.ids ?? []);
            await state.putCursor(connectorId, resource.name, page.next, now);
          }
          return made;
        });
        outcome.reports.push(...reports);
        outcome.pages += 1;
        const refused = reports.find((r) => r.status !== 'applied');
        if (refused) {
          const why = refused.fileError ?? refused.rejections.slice(0, 3).map((r) => `record ${r.line}: ${r.reason}`).join('; ');
          throw new Error(`${resource.name}: the ${refused.kind} feed refused a page (${refused.rowsRejected} record(s)): ${why}`);
        }
        for (const r of reports) outcome.rows += r.rowsApplied;
        cursor = page.next;
        if (!page.more) break;
      }
    }
  } catch (err) {
    outcome.error = err instanceof Error ? err.message : String(err);
  }
  await state.finishRun(runId, clock.now(), { status: outcome.error ? 'failed' : 'ok', rows: outcome.rows, error: outcome.error });
  return outcome;
}
