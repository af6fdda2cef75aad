// The candidates as one flat row each: product facts plus how many are available here, at
// the best other store, the DC and a partner (one grouped query). Facets, filters and ranking
// work on these; full per-location stock is read only for the results actually shown.
import type Database from 'better-sqlite3';
import type { AvailabilityFacet } from '../contract/areas/search.types.js';
import { statement } from '../db/statements.js';
import type { Candidate } from './candidates.js';

export interface PoolItem {
  id: number;
  sku: string;
  title: string;
  categoryId: string;
  categoryName: string;
  brand: string;
  priceCents: number;
  popularity: number;
  here: number;
  otherStore: number;
  dc: number;
  partner: number;
  bm25: number;
  match: 'all' | 'some';
}

const AVAILABLE = `max(0, i.on_hand - i.reserved - i.local_reserved)`;
const POOL_SQL = `
  SELECT p.id, p.sku, p.title, p.category_id AS categoryId, c.name AS categoryName, p.brand, p.price_cents AS priceCents, p.popularity,
         coalesce(max(CASE WHEN i.location_id = :store THEN ${AVAILABLE} END), 0) AS here,
         coalesce(max(CASE WHEN l.kind = 'store' AND i.location_id != :store THEN ${AVAILABLE} END), 0) AS otherStore,
         coalesce(max(CASE WHEN l.kind = 'dc' THEN ${AVAILABLE} END), 0) AS dc,
         coalesce(max(CASE WHEN l.kind = 'partner' THEN ${AVAILABLE} END), 0) AS partner
  FROM json_each(:ids) j
  JOIN products p ON p.id = j.value
  JOIN categories c ON c.id = p.category_id
  LEFT JOIN inventory i ON i.sku = p.sku
  LEFT JOIN locations l ON l.id = i.location_id
  GROUP BY p.id`;

/** Full matches first, then the broader ones not already among them. */
export function loadPool(db: Database.Database, all: readonly Candidate[], some: readonly Candidate[], storeId: string): PoolItem[] {
  const inAll = new Set(all.map((c) => c.id));
  const candidates = [...all, ...some.filter((c) => !inAll.has(c.id))];
  if (candidates.length === 0) return [];
  const bm25 = new Map(candidates.map((c) => [c.id, c.bm25]));
  const rows = statement(db, POOL_SQL).all({ ids: JSON.stringify(candidates.map((c) => c.id)), store: storeId }) as Omit<PoolItem, 'bm25' | 'match'>[];
  return rows.map((r) => ({ ...r, bm25: bm25.get(r.id) ?? 0, match: inAll.has(r.id) ? 'all' : 'some' }));
}

export function availabilityOf(item: Pick<PoolItem, 'here' | 'otherStore' | 'dc' | 'partner'>): AvailabilityFacet[] {
  const out: AvailabilityFacet[] = [];
  if (item.here > 0) out.push('here');
  if (item.otherStore > 0) out.push('store');
  if (item.dc > 0) out.push('dc');
  if (item.partner > 0) out.push('partner');
  return out;
}

export function orderable(item: Pick<PoolItem, 'here' | 'otherStore' | 'dc' | 'partner'>): boolean {
  return item.here > 0 || item.otherStore > 0 || item.dc > 0 || item.partner > 0;
}
