// The synthetic chain of the sync benchmark: 20 locations, 250,000 SKUs, stock for every SKU at
// every location (5,000,000 rows). Rows are computed from their index, so the hub process and
// the raw baseline produce exactly the same rows without holding them all in memory.
import type { Row } from '../../sync/hub/store.js';

export const LOCATIONS = 20;
/** 250,000 SKUs × 20 locations = 5,000,000 stock rows; `--skus=N` for a quick look. */
export const SKUS = 250_000;
export const UPDATED_AT = '2026-11-01T06:00:00.000Z';
const CATEGORIES = 50;

export const locationId = (l: number) => `L${String(l + 1).padStart(2, '0')}`;
export const skuOf = (s: number) => `B${String(s).padStart(7, '0')}`;

export function locationRows(): Row[] {
  return Array.from({ length: LOCATIONS }, (_, l) => ({
    id: locationId(l), kind: l < 17 ? 'store' : 'dc', name: `Location ${l + 1}`, city: 'Denver', region: 'CO', country: 'US',
    timezone: 'America/Denver', lead_time_days: 2 + (l % 5),
  }));
}

export function categoryRows(): Row[] {
  return Array.from({ length: CATEGORIES }, (_, c) => ({ id: `bench/c${c}`, parent_id: null, name: `Category ${c}`, path_name: `Category ${c}`, depth: 0, sensitive: 0 }));
}

export function productRow(s: number): Row {
  return {
    id: s + 1, sku: skuOf(s), title: `Bench product ${s}`, brand: `Brand ${s % 300}`, category_id: `bench/c${s % CATEGORIES}`,
    price_cents: 1000 + (s % 9000), cost_cents: 500 + (s % 4000), compare_at_cents: null, color: null, size: null, material: null,
    is_partner: 0, partner_location_id: null, launched_at: '2025-01-01T00:00:00.000Z', season: 'all', status: 'active',
    popularity: s % 100, updated_at: UPDATED_AT,
  };
}

/** Stock row number i (SKU-major, so key order is sku then location). `round` changes the counts. */
export function inventoryRow(i: number, round = 0): { sku: string; location_id: string; on_hand: number; reserved: number; updated_at: string } {
  const s = Math.floor(i / LOCATIONS);
  return { sku: skuOf(s), location_id: locationId(i % LOCATIONS), on_hand: (i * 7 + round * 13) % 60, reserved: (i + round) % 3, updated_at: UPDATED_AT };
}

/** Which stock rows the 5-minute cycle changes: 100,000 spread over the whole chain. */
export function cycleRowIndex(k: number, total: number, count: number): number {
  return Math.floor((k * total) / count);
}
