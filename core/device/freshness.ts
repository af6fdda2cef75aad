// How old the replica's stock is: one definition for the status bar, the sync panel, search and
// the offer engine.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';

/** DESIGN §7: inventory older than this is flagged, and never used to promote an item. */
export const STALE_AFTER_MINUTES = 5;

export interface InventoryFreshness {
  ageMinutes: number;
  /**
   * Which age it is: 'sync' = this register last heard from the hub that long ago; 'source' = the
   * store system's newest stock count for this store is that old (a day-old stock file dropped at
   * the hub a minute ago is a day old). null on a standalone device.
   */
  oldest: 'sync' | 'source' | null;
}

/**
 * How old this store's stock figures are: the older of the sync age (since the last inventory
 * pull) and the source age (since the source system counted this store's newest stock row).
 * 0 on a standalone device (its stock is the only truth), Infinity if never pulled.
 */
export function inventoryFreshness(db: Database.Database, now: Date, hubConfigured: boolean): InventoryFreshness {
  if (!hubConfigured) return { ageMinutes: 0, oldest: null };
  const row = statement(
    db,
    `SELECT (SELECT last_success_at FROM sync_state WHERE stream = 'inventory') AS synced,
            (SELECT max(updated_at) FROM inventory WHERE location_id = (SELECT store_id FROM device)) AS counted`,
  ).get() as { synced: string | null; counted: string | null };
  const minutesSince = (iso: string | null) => (iso ? Math.max(0, (now.getTime() - Date.parse(iso)) / 60_000) : Infinity);
  const sync = minutesSince(row.synced);
  // A store with no stock rows yet has no source age.
  const source = row.counted ? minutesSince(row.counted) : 0;
  return source > sync ? { ageMinutes: source, oldest: 'source' } : { ageMinutes: sync, oldest: 'sync' };
}

/** Minutes of inventoryFreshness, the one figure the engine, search and status bar use. */
export function inventoryAgeMinutes(db: Database.Database, now: Date, hubConfigured: boolean): number {
  return inventoryFreshness(db, now, hubConfigured).ageMinutes;
}

export function isInventoryStale(ageMinutes: number): boolean {
  return ageMinutes > STALE_AFTER_MINUTES;
}
