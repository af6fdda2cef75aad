// Facets over the candidate set: category, brand, price band and where an item is available.
// Counts are disjunctive: each facet counts as if its own choice were not made, so a chip
// shows what choosing it would give.
import type { AvailabilityFacet, FacetValue, PriceBand, SearchFacets, SearchFilters } from '../contract/areas/search.types.js';
import { availabilityOf, type PoolItem } from './pool.js';

export const PRICE_BANDS: ReadonlyArray<{ band: PriceBand; label: string; minCents: number; maxCents: number | undefined }> = [
  { band: 'under_25', label: 'Under $25', minCents: 0, maxCents: 2500 },
  { band: '25_50', label: '$25–$50', minCents: 2500, maxCents: 5000 },
  { band: '50_100', label: '$50–$100', minCents: 5000, maxCents: 10_000 },
  { band: '100_250', label: '$100–$250', minCents: 10_000, maxCents: 25_000 },
  { band: 'over_250', label: '$250 and up', minCents: 25_000, maxCents: undefined },
];

const AVAILABILITY: ReadonlyArray<{ value: AvailabilityFacet; label: string }> = [
  { value: 'here', label: 'On the shelf here' },
  { value: 'store', label: 'Another store' },
  { value: 'dc', label: 'Distribution center' },
  { value: 'partner', label: 'Partner (drop-ship)' },
];

/** Facet lists are short: a chip row, not a catalog. */
const MAX_VALUES = 8;

export function priceBandOf(cents: number): PriceBand {
  return PRICE_BANDS.find((b) => cents >= b.minCents && (b.maxCents === undefined || cents < b.maxCents))!.band;
}

type FacetName = keyof SearchFilters;

function passes(item: PoolItem, filters: SearchFilters, except?: FacetName): boolean {
  if (except !== 'category' && filters.category && item.categoryId !== filters.category && !item.categoryId.startsWith(`${filters.category}/`)) return false;
  if (except !== 'brand' && filters.brand && item.brand !== filters.brand) return false;
  if (except !== 'price' && filters.price && priceBandOf(item.priceCents) !== filters.price) return false;
  if (except !== 'availability' && filters.availability && !availabilityOf(item).includes(filters.availability)) return false;
  return true;
}

export function applyFilters(items: readonly PoolItem[], filters: SearchFilters): PoolItem[] {
  return items.filter((h) => passes(h, filters));
}

export function countFacets(items: readonly PoolItem[], filters: SearchFilters): SearchFacets {
  const category = new Map<string, FacetValue>();
  const brand = new Map<string, FacetValue>();
  const price = new Map<PriceBand, number>();
  const availability = new Map<AvailabilityFacet, number>();
  const bump = (map: Map<string, FacetValue>, value: string, label: string) => {
    const v = map.get(value);
    if (v) v.count++;
    else map.set(value, { value, label, count: 1 });
  };
  for (const h of items) {
    if (passes(h, filters, 'category')) bump(category, h.categoryId, h.categoryName);
    if (passes(h, filters, 'brand') && h.brand) bump(brand, h.brand, h.brand);
    if (passes(h, filters, 'price')) {
      const band = priceBandOf(h.priceCents);
      price.set(band, (price.get(band) ?? 0) + 1);
    }
    if (passes(h, filters, 'availability')) for (const a of availabilityOf(h)) availability.set(a, (availability.get(a) ?? 0) + 1);
  }
  const top = (map: Map<string, FacetValue>, chosen?: string) => {
    const list = [...map.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    const shown = list.slice(0, MAX_VALUES);
    // The chosen value stays visible so it can be taken off again.
    const picked = chosen ? list.find((v) => v.value === chosen) : undefined;
    if (picked && !shown.includes(picked)) shown.push(picked);
    return shown;
  };
  return {
    category: top(category, filters.category),
    brand: top(brand, filters.brand),
    price: PRICE_BANDS.filter((b) => price.has(b.band)).map((b) => ({ value: b.band, label: b.label, count: price.get(b.band)! })),
    availability: AVAILABILITY.filter((a) => availability.has(a.value)).map((a) => ({ ...a, count: availability.get(a.value)! })),
  };
}
