// The sync age of stock, and the source age: how long ago the store system counted this store's newest stock row.
import { describe, expect, it } from 'vitest';
import { openSmallStore, SMALL_NOW } from '../testing/smallStore.js';
import { Catalog } from '../engine/catalog.js';
import { inventoryAgeMinutes, isInventoryStale, sourceAgeMinutes, stockAgeMinutes } from './freshness.js';

const minutesAgo = (m: number) => new Date(SMALL_NOW.getTime() - m * 60_000).toISOString();

describe('inventory freshness', () => {
  it('names the sync age and the source age of this store\'s newest count apart', () => {
    const db = openSmallStore();
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(minutesAgo(2));
    db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, updated_at) VALUES ('SKU-1', 'S1', 3, ?), ('SKU-1', 'S2', 3, ?)`).run(minutesAgo(24 * 60), minutesAgo(1));
    expect(inventoryAgeMinutes(db, SMALL_NOW, true)).toBe(2);
    // A day-old stock file for this store, pulled two minutes ago; another store's newer count does not count.
    expect(sourceAgeMinutes(db, SMALL_NOW, true)).toBe(24 * 60);
    expect(sourceAgeMinutes(db, SMALL_NOW, false)).toBe(null);
  });

  it('judges stock by the older of the two ages: a day-old count pulled two minutes ago is stale, and so is a fresh count not pulled for ten', () => {
    const db = openSmallStore();
    const setAges = (syncMinutes: number, sourceMinutes: number) => {
      db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(minutesAgo(syncMinutes));
      db.prepare(`INSERT OR REPLACE INTO inventory (sku, location_id, on_hand, updated_at) VALUES ('SKU-1', 'S1', 9, ?)`).run(minutesAgo(sourceMinutes));
      db.prepare(`UPDATE inventory SET updated_at = ? WHERE location_id = 'S1'`).run(minutesAgo(sourceMinutes));
    };
    setAges(2, 24 * 60);
    expect(stockAgeMinutes(db, SMALL_NOW, true)).toBe(24 * 60);
    expect(isInventoryStale(stockAgeMinutes(db, SMALL_NOW, true))).toBe(true);
    // The engine's stock guardrail reads the same age (a fresh Catalog: its age is cached per moment).
    expect(new Catalog(db).stockHere('SKU-1', 'S1', SMALL_NOW)?.ageMinutes).toBe(24 * 60);
    setAges(10, 1);
    expect(stockAgeMinutes(db, SMALL_NOW, true)).toBe(10);
    setAges(1, 2);
    expect(isInventoryStale(stockAgeMinutes(db, SMALL_NOW, true))).toBe(false);
    expect(new Catalog(db).stockHere('SKU-1', 'S1', SMALL_NOW)?.ageMinutes).toBe(2);
    // A standalone device's stock is the only truth.
    setAges(1, 24 * 60);
    expect(stockAgeMinutes(db, SMALL_NOW, false)).toBe(0);
  });
});
