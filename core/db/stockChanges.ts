// The log of changes to stock figures (`inventory_changes`, migration 15), written by triggers
// and read by the engine's stock cache (core/engine/stockCache.ts). Kept here, with the schema,
// so that the inventory pull can trim it without knowing the engine.
import type Database from 'better-sqlite3';
import { statement } from './statements.js';

/** The log keeps about this many changes: a reader further behind reads all stock again. */
const KEEP_CHANGES = 10_000;
const TRIM_SQL = `DELETE FROM inventory_changes WHERE seq <= (SELECT max(seq) FROM inventory_changes) - ?`;

/** Keeps the change log short; the inventory pull calls it after each page (any trim is safe for readers). */
export function trimStockChanges(db: Database.Database): void {
  statement(db, TRIM_SQL).run(KEEP_CHANGES);
}
