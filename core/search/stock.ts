// Stock per location for a set of SKUs: on hand minus what the chain reserved and what orders
// placed on this device hold (local_reserved), with each location's lead time for delivery.
import type Database from 'better-sqlite3';
import type { SourceKind, SourceStock } from '../contract/areas/search.types.js';
import { statement } from '../db/statements.js';

const STOCK_SQL = `
  SELECT i.sku, i.location_id AS locationId, l.name AS locationName, l.kind,
         max(0, i.on_hand - i.reserved - i.local_reserved) AS available, l.lead_time_days AS leadTimeDays
  FROM inventory i JOIN locations l ON l.id = i.location_id
  WHERE i.sku IN (SELECT value FROM json_each(?))`;

/** Every stocking location of each SKU (zero included), fastest to deliver first. */
export function stockBySku(db: Database.Database, skus: readonly string[], storeId: string): Map<string, SourceStock[]> {
  const out = new Map<string, SourceStock[]>();
  if (skus.length === 0) return out;
  const rows = statement(db, STOCK_SQL).all(JSON.stringify(skus)) as Array<Omit<SourceStock, 'isHere'> & { sku: string; kind: SourceKind }>;
  for (const { sku, ...r } of rows) {
    let list = out.get(sku);
    if (!list) out.set(sku, (list = []));
    list.push({ ...r, isHere: r.locationId === storeId });
  }
  for (const list of out.values()) list.sort(bySpeed);
  return out;
}

/** Fastest delivery first; among equals, the one with the most to spare. */
export function bySpeed(a: SourceStock, b: SourceStock): number {
  return a.leadTimeDays - b.leadTimeDays || b.available - a.available || a.locationId.localeCompare(b.locationId);
}

export function availableHere(stock: readonly SourceStock[]): number {
  return stock.find((s) => s.isHere)?.available ?? 0;
}
