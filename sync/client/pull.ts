// Pulls one stream page by page until the hub has nothing newer.
import type Database from 'better-sqlite3';
import type { ReplicaLearner } from '../../core/contract/ports.js';
import { PROTOCOL_VERSION, ProtocolMessageError, parseMessage, pullPageEnvelopeSchema, type Stream } from '../protocol/index.js';
import { applyPage, type ApplyOptions } from './applyPage.js';
import { readCursor, recordFailure } from './syncState.js';
import type { SyncTransport } from './transport.js';

export interface PullOptions {
  now?: () => Date;
  pageSize?: number;
  /** Called after each committed page (bootstrap progress); `remaining` when the hub says. */
  onPage?: (p: { stream: Stream; cursor: string; rows: number; remaining?: number }) => void;
  /** Streams already catching up further up this call (so two streams never wait on each other forever). */
  chain?: readonly Stream[];
  /** Told once per pull when orders arrived, so the device relearns (sync knows no engine). */
  learner?: ReplicaLearner;
  /** Test hook passed to applyPage. */
  beforeCursor?: ApplyOptions['beforeCursor'];
}

export interface PullResult {
  pages: number;
  upserted: number;
  deleted: number;
  cursor: string;
}

/**
 * Streams whose rows point at rows of other streams, either way: stock and order lines at a
 * product, an order at a customer. Streams have their own cadences (inventory every minute, the
 * catalog every 15), so a page can name a row the replica has not pulled yet, or remove one that
 * another stream's rows still name until that stream's own removals arrive.
 */
const RELATED: Record<Stream, Stream[]> = {
  catalog: ['orders'],
  inventory: ['catalog'],
  customers: ['catalog', 'orders'],
  orders: ['catalog', 'customers'],
  merch_config: ['catalog'],
};

function isForeignKeyFailure(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

export async function pull(db: Database.Database, transport: SyncTransport, stream: Stream, options: PullOptions = {}): Promise<PullResult> {
  const now = options.now ?? (() => new Date());
  const result: PullResult = { pages: 0, upserted: 0, deleted: 0, cursor: readCursor(db, stream) };
  let ordersChanged = false;
  let ordersWritten = 0;
  const ask = (since: string) => transport.pull({ protocol: PROTOCOL_VERSION, stream, since, ...(options.pageSize ? { limit: options.pageSize } : {}) });
  let next: Promise<unknown> | undefined;
  try {
    for (;;) {
      const raw = await (next ?? ask(readCursor(db, stream)));
      next = undefined;
      // The envelope only: applyPage checks each change (zod per change cost a fifth of a bootstrap).
      const page = parseMessage(pullPageEnvelopeSchema, 'pull response', raw);
      if (page.stream !== stream) throw new ProtocolMessageError('pull response', [`asked for ${stream}, got ${page.stream}`]);
      // Ask for the next page before applying this one, so the hub and the wire work while SQLite
      // writes. It starts at this page's cursor; if this page is not applied, it is dropped
      // unread (and were it ever applied out of turn, CursorMismatchError would refuse it).
      if (page.hasMore) {
        next = ask(page.cursor);
        next.catch(() => {});
      }
      const apply = () => applyPage(db, page, { now: now(), ...(options.beforeCursor ? { beforeCursor: options.beforeCursor } : {}) });
      let applied: ReturnType<typeof apply>;
      try {
        applied = apply();
      } catch (err) {
        // The page names a row of a stream this replica is behind on: catch that stream up, then
        // apply the same page once more (it rolled back whole, the cursor has not moved).
        const chain = [...(options.chain ?? []), stream];
        const catchUp = RELATED[stream].filter((s) => !chain.includes(s));
        if (!isForeignKeyFailure(err) || !catchUp.length) throw err;
        for (const other of catchUp) await pull(db, transport, other, { now, chain, ...(options.pageSize ? { pageSize: options.pageSize } : {}), ...(options.learner ? { learner: options.learner } : {}) });
        applied = apply();
      }
      result.pages += 1;
      result.upserted += applied.upserted;
      result.deleted += applied.deleted;
      result.cursor = page.cursor;
      ordersChanged ||= applied.ordersChanged;
      ordersWritten += applied.ordersWritten;
      options.onPage?.({ stream, cursor: page.cursor, rows: page.changes.length, ...(page.remaining === undefined ? {} : { remaining: page.remaining }) });
      if (!page.hasMore) break;
    }
  } catch (err) {
    recordFailure(db, stream, err, now());
    throw err;
  } finally {
    // Relearn once per pull, and only when orders arrived, rather than once per page.
    if (ordersChanged) options.learner?.ordersArrived(now(), ordersWritten);
  }
  return result;
}
