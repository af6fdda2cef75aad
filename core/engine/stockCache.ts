// Stock figures kept between decisions. A decision looks at the stock of about 190 SKUs at 250k
// products, most of them unchanged since the last customer, and reading them again was a fifth
// of its time. Triggers log every change to a stock figure (migration 15), so before each read
// the cache drops exactly the figures that changed since it last looked, and all of them when
// it cannot tell (it fell behind the log's trimming, core/db/stockChanges.ts, or what it saw
// was rolled back). A figure it returns is therefore always the one a read of the table would
// return now, whoever trims the log and however far.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';

const LATEST_SQL = `SELECT seq, tag FROM inventory_changes ORDER BY seq DESC LIMIT 1`;
const TAG_AT_SQL = `SELECT tag FROM inventory_changes WHERE seq = ?`;
const CHANGED_SINCE_SQL = `SELECT sku, location_id AS locationId FROM inventory_changes WHERE seq > ?`;

/** Available = on hand − reserved by the chain − held by orders placed on this device. */
const AVAILABLE_SQL = `SELECT sku, on_hand - reserved - local_reserved AS available FROM inventory
  WHERE location_id = ? AND sku IN (SELECT value FROM json_each(?))`;

/** More changes than this since the last look: reading everything again is cheaper than dropping one by one. */
const MAX_DROPS = 2_000;
/** A bound on memory: a busy day's decisions look at a few thousand SKUs a store, not 250k. */
const MAX_FIGURES = 200_000;

interface Mark {
  seq: number;
  tag: number;
}

export class StockCache {
  /** Available stock by location and SKU; null: the location has no row for the SKU. */
  private readonly figures = new Map<string, number | null>();
  /** The newest logged change this cache has accounted for (null: none yet). */
  private seen: Mark | null = null;

  constructor(private readonly db: Database.Database) {}

  /** Available stock at `locationId` of each SKU (null: no row there), as the table says now. */
  available(locationId: string, skus: readonly string[]): Map<string, number | null> {
    this.dropChanged();
    let missing = skus.filter((sku) => !this.figures.has(key(locationId, sku)));
    if (this.figures.size + missing.length > MAX_FIGURES) {
      this.figures.clear();
      missing = [...skus];
    }
    if (missing.length > 0) {
      for (const sku of missing) this.figures.set(key(locationId, sku), null);
      for (const r of statement(this.db, AVAILABLE_SQL).all(locationId, JSON.stringify(missing)) as { sku: string; available: number }[]) {
        this.figures.set(key(locationId, r.sku), r.available);
      }
    }
    return new Map(skus.map((sku) => [sku, this.figures.get(key(locationId, sku))!]));
  }

  private dropChanged(): void {
    const latest = (statement(this.db, LATEST_SQL).get() as Mark | undefined) ?? null;
    if (latest?.seq === this.seen?.seq && latest?.tag === this.seen?.tag) return;
    const seen = this.seen;
    // Still in the log as it was seen: drop what came after it. Otherwise (trimmed away, or a
    // rolled-back change whose seq was given out again) nothing kept can be trusted.
    const few = seen !== null && latest !== null && latest.seq > seen.seq && latest.seq - seen.seq <= MAX_DROPS;
    const intact = few && (statement(this.db, TAG_AT_SQL).get(seen.seq) as { tag: number } | undefined)?.tag === seen.tag;
    if (intact) {
      for (const r of statement(this.db, CHANGED_SINCE_SQL).all(seen.seq) as { sku: string; locationId: string }[]) this.figures.delete(key(r.locationId, r.sku));
    } else this.figures.clear();
    this.seen = latest;
  }
}

function key(locationId: string, sku: string): string {
  return `${locationId}\n${sku}`;
}
