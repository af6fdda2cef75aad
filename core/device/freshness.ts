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

/**
 * Minutes since the store system counted this store's newest stock row (inventory.updated_at is
 * the source's time of the count, as the stock feed gives it): a day-old stock file pulled a
 * minute ago is a day old. null on a standalone device or with no stock rows.
 */
export function sourceAgeMinutes(db: Database.Database, now: Date, hubConfigured: boolean): number | null {
  if (!hubConfigured) return null;
  const counted = statement(db, `SELECT max(updated_at) FROM inventory WHERE location_id = (SELECT store_id FROM device)`).pluck().get() as string | null;
  return counted ? Math.max(0, (now.getTime() - Date.parse(counted)) / 60_000) : null;
}

export function isInventoryStale(ageMinutes: number): boolean {
  return ageMinutes > STALE_AFTER_MINUTES;
}

/**
 * The age stock figures are judged by (the stale flag, the engine's stock guardrail, search):
 * the older of the sync age and the source age. A count pulled a minute ago is as old as the
 * store system's newest count of this store; a fresh count is as old as the last pull. The
 * store's newest count stands for its feed (a delta feed re-sends only what changed, so an
 * unchanged row keeps an old count that is still true).
 */
export function stockAgeMinutes(db: Database.Database, now: Date, hubConfigured: boolean): number {
  return Math.max(inventoryAgeMinutes(db, now, hubConfigured), sourceAgeMinutes(db, now, hubConfigured) ?? 0);
}
