// The sync age of stock, and the source age: how long ago the store system counted this store's newest stock row.
import { describe, expect, it } from 'vitest';
import { openSmallStore, SMALL_NOW } from '../testing/smallStore.js';
import { inventoryAgeMinutes, sourceAgeMinutes } from './freshness.js';

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
});
