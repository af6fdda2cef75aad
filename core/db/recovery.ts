// A damaged replica is moved aside, never modified; what it still holds of the outbox (work
// this register produced and the hub has not acknowledged) is carried into the new replica,
// which then fills itself from the store hub. Damage is looked for at every open
// (`PRAGMA quick_check`), and an empty file counts as damage, never as a fresh start.
import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import { closeDatabase, openDatabase, type OpenOptions } from './open.js';

export class ReplicaDamagedError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(
      `This register's data (${file}) is damaged: ${reason}. It was not changed. ` +
        'Connect this register to the store hub to rebuild it; nothing unsent will be lost.',
    );
    this.name = 'ReplicaDamagedError';
  }
}

export interface Recovery {
  /** Where the damaged files now are (untouched). */
  movedTo: string;
  reason: string;
  /** Unsent events read from the damaged replica and kept in the new one. */
  outboxCarried: number;
  /** True when the damaged replica's outbox could not be read at all. */
  outboxUnreadable: boolean;
}

/** Opens the replica; throws ReplicaDamagedError when it is empty, unreadable or fails quick_check. */
export function openCheckedDatabase(file: string, options: OpenOptions): BetterSqlite3.Database {
  if (fs.existsSync(file) && fs.statSync(file).size === 0) throw new ReplicaDamagedError(file, 'the file is empty');
  let db: BetterSqlite3.Database;
  try {
    db = openDatabase(file, options);
  } catch (err) {
    if (err instanceof Error && /malformed|not a database|cannot be read with this device's key|disk image/i.test(err.message)) {
      throw new ReplicaDamagedError(file, err.message);
    }
    throw err;
  }
  const check = db.pragma('quick_check(1)', { simple: true });
  if (check !== 'ok') {
    db.close();
    throw new ReplicaDamagedError(file, `integrity check: ${String(check)}`);
  }
  return db;
}

/**
 * Moves the damaged replica (and its WAL) aside, opens a new one and copies the readable outbox
 * rows into it. The damaged copy is only ever opened read-only.
 */
export function recoverReplica(file: string, options: OpenOptions, reason: string, now: Date): { db: BetterSqlite3.Database; recovery: Recovery } {
  const movedTo = `${file}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  const rows = readOutbox(movedTo, options);
  const db = openDatabase(file, options);
  let carried = 0;
  if (rows) {
    const columns = new Set((db.prepare(`SELECT name FROM pragma_table_info('outbox')`).all() as { name: string }[]).map((c) => c.name));
    db.transaction(() => {
      for (const row of rows) {
        const keys = Object.keys(row).filter((k) => columns.has(k));
        const sql = `INSERT OR IGNORE INTO outbox (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`;
        carried += db.prepare(sql).run(...keys.map((k) => row[k])).changes;
      }
    })();
  }
  return { db, recovery: { movedTo, reason, outboxCarried: carried, outboxUnreadable: rows === null } };
}

/** Every outbox row the damaged file still gives up, or null when none can be read. */
function readOutbox(file: string, options: OpenOptions): Record<string, unknown>[] | null {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  let db: BetterSqlite3.Database | undefined;
  try {
    // readonly: no migration, no WAL mode change, no write of any kind.
    db = openDatabase(file, { ...options, readonly: true });
    return db.prepare(`SELECT * FROM outbox`).all() as Record<string, unknown>[];
  } catch {
    return null;
  } finally {
    if (db) closeDatabase(db);
  }
}
