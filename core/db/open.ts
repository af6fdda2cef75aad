import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type { Database };

/**
 * Opens (and migrates) the device replica. Pragmas follow DESIGN §3: WAL for readers during
 * writes, synchronous=FULL so a capture survives a power cut at the register.
 */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db);
  return db;
}

export function closeDatabase(db: Database.Database): void {
  if (db.open) {
    if (!db.readonly) db.pragma('optimize');
    db.close();
  }
}
