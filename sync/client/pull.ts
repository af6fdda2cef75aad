// Pulls one stream page by page until the hub has nothing newer.
import type Database from 'better-sqlite3';
import { rebuildCopurchaseLinks } from '../../core/engine/learn.js';
import { PROTOCOL_VERSION, ProtocolMessageError, parseMessage, pullResponseSchema, type Stream } from '../protocol/index.js';
import { applyPage, type ApplyOptions } from './applyPage.js';
import { readCursor, recordFailure } from './syncState.js';
import type { SyncTransport } from './transport.js';

export interface PullOptions {
  now?: () => Date;
  pageSize?: number;
  /** Called after each committed page (bootstrap progress). */
  onPage?: (p: { stream: Stream; cursor: string; rows: number }) => void;
  /** Test hook passed to applyPage. */
  beforeCursor?: ApplyOptions['beforeCursor'];
}

export interface PullResult {
  pages: number;
  upserted: number;
  deleted: number;
  cursor: string;
}

export async function pull(db: Database.Database, transport: SyncTransport, stream: Stream, options: PullOptions = {}): Promise<PullResult> {
  const now = options.now ?? (() => new Date());
  const result: PullResult = { pages: 0, upserted: 0, deleted: 0, cursor: readCursor(db, stream) };
  let ordersChanged = false;
  try {
    for (;;) {
      const since = readCursor(db, stream);
      const raw = await transport.pull({ protocol: PROTOCOL_VERSION, stream, since, ...(options.pageSize ? { limit: options.pageSize } : {}) });
      const page = parseMessage(pullResponseSchema, 'pull response', raw);
      if (page.stream !== stream) throw new ProtocolMessageError('pull response', [`asked for ${stream}, got ${page.stream}`]);
      const applied = applyPage(db, page, { now: now(), ...(options.beforeCursor ? { beforeCursor: options.beforeCursor } : {}) });
      result.pages += 1;
      result.upserted += applied.upserted;
      result.deleted += applied.deleted;
      result.cursor = page.cursor;
      ordersChanged ||= applied.ordersChanged;
      options.onPage?.({ stream, cursor: page.cursor, rows: page.changes.length });
      if (!page.hasMore) break;
    }
  } catch (err) {
    recordFailure(db, stream, err, now());
    throw err;
  } finally {
    // Learned links are derived from the whole history: relearn once per pull, and only when
    // orders arrived, rather than once per page.
    if (ordersChanged) db.transaction(() => rebuildCopurchaseLinks(db, now()))();
  }
  return result;
}
