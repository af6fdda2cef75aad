import type Database from 'better-sqlite3';
import type { Stream } from '../protocol/index.js';

export function readCursor(db: Database.Database, stream: Stream): string {
  const row = db.prepare('SELECT cursor FROM sync_state WHERE stream = ?').get(stream) as { cursor: string } | undefined;
  if (!row) throw new Error(`The replica has no sync_state row for stream ${stream}.`);
  return row.cursor;
}

/** Keeps the last failure visible (status bar, sync panel) without touching the cursor. */
export function recordFailure(db: Database.Database, stream: Stream, err: unknown, at: Date): void {
  const message = err instanceof Error ? err.message : String(err);
  db.prepare('UPDATE sync_state SET last_attempt_at = ?, last_error = ?, last_error_at = ? WHERE stream = ?').run(
    at.toISOString(),
    message.slice(0, 500),
    at.toISOString(),
    stream,
  );
}
