// A register without its app: just the tables the real sync client reads and writes (sync_state,
// outbox, and the replicated tables of the streams it pulls), in memory, so a benchmark can run
// thousands of registers through the real `pull` and `push` in one process. Tables have the
// replicated columns and keys only, no foreign keys (the catalog is not pulled).
//
// `dropStockExcept`: stock rows are applied through the real statements but not kept, except the
// rows of that SKU (the benchmark's marker of each feed): two thousand registers holding a
// 100,000-row stock table each would need gigabytes the hub under test does not need them to.
import Database from 'better-sqlite3';
import { REPLICATED_TABLES, STREAMS, type Stream } from '../protocol/index.js';

export interface LightReplicaOptions {
  streams: readonly Stream[];
  dropStockExcept?: string;
  /** A file instead of memory (tests that reopen it). */
  file?: string;
}

export function openLightReplica({ streams, dropStockExcept, file }: LightReplicaOptions): Database.Database {
  const db = new Database(file ?? ':memory:');
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS sync_state (stream TEXT PRIMARY KEY, cursor TEXT NOT NULL DEFAULT '0', last_success_at TEXT,
      last_attempt_at TEXT, last_error TEXT, last_error_at TEXT);
    CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, created_at TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, last_attempt_at TEXT, rejected_reason TEXT, rejected_at TEXT);
  `);
  const insertStream = db.prepare('INSERT OR IGNORE INTO sync_state (stream) VALUES (?)');
  for (const s of STREAMS) insertStream.run(s);
  for (const t of REPLICATED_TABLES.filter((r) => streams.includes(r.stream))) {
    db.exec(`CREATE TABLE IF NOT EXISTS ${t.table} (${t.columns.join(', ')}, PRIMARY KEY (${t.key.join(', ')}))`);
  }
  // the inventory pull trims a register's log of stock changes (core/db/stockChanges.ts, migration 15)
  if (streams.includes('inventory')) {
    db.exec(`CREATE TABLE IF NOT EXISTS inventory_changes (seq INTEGER PRIMARY KEY, sku TEXT NOT NULL, location_id TEXT NOT NULL, tag INTEGER NOT NULL DEFAULT (random()))`);
  }
  if (dropStockExcept !== undefined && streams.includes('inventory')) {
    db.prepare(`CREATE TRIGGER IF NOT EXISTS light_stock BEFORE INSERT ON inventory WHEN NEW.sku <> '${dropStockExcept.replaceAll("'", "''")}'
      BEGIN SELECT RAISE(IGNORE); END`).run();
  }
  return db;
}

/** Sets a stream's cursor, as if the register had bootstrapped up to it earlier. */
export function setCursor(db: Database.Database, stream: Stream, cursor: string): void {
  db.prepare('UPDATE sync_state SET cursor = ? WHERE stream = ?').run(cursor, stream);
}
