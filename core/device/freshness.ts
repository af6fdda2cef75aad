// How old the replica's stock is: one definition for the status bar, the sync panel, search and
// the offer engine.
import type Database from 'better-sqlite3';
import { STALE_AFTER_MINUTES } from '../../sync/protocol/policy.js';
import { statement } from '../db/statements.js';

/** DESIGN §7: inventory older than this is flagged, and never used to promote an item (defined beside the policy ranges the hub shares). */
export { STALE_AFTER_MINUTES };

/** Minutes since the last inventory pull; 0 on a standalone device (its stock is the only truth), Infinity if never. */
export function inventoryAgeMinutes(db: Database.Database, now: Date, hubConfigured: boolean): number {
  if (!hubConfigured) return 0;
  const row = statement(db, `SELECT last_success_at AS at FROM sync_state WHERE stream = 'inventory'`).get() as { at: string | null } | undefined;
  return row?.at ? Math.max(0, (now.getTime() - Date.parse(row.at)) / 60_000) : Infinity;
}

export function isInventoryStale(ageMinutes: number): boolean {
  return ageMinutes > STALE_AFTER_MINUTES;
}
