// Where a ship-to-home order can come from: any location with enough stock to spare,
// fastest delivery first (this store ships too).
import type Database from 'better-sqlite3';
import type { SourceStock } from '../contract/areas/search.types.js';
import { stockBySku } from '../search/stock.js';

export function shipSources(db: Database.Database, sku: string, storeId: string, quantity: number): SourceStock[] {
  return (stockBySku(db, [sku], storeId).get(sku) ?? []).filter((s) => s.available >= quantity);
}

/** The fastest source with enough stock; null when nobody has that many. */
export function chooseSource(db: Database.Database, sku: string, storeId: string, quantity: number): SourceStock | null {
  return shipSources(db, sku, storeId, quantity)[0] ?? null;
}
