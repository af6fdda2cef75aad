// Product rows for a set of candidates, with their stock, as search hits.
import type Database from 'better-sqlite3';
import type { SearchHit, SourceStock } from '../contract/areas/search.types.js';
import { statement } from '../db/statements.js';
import { availableHere, stockBySku } from './stock.js';

export interface ProductRow {
  id: number;
  sku: string;
  title: string;
  brand: string;
  categoryId: string;
  categoryName: string;
  categoryPath: string;
  priceCents: number;
  compareAtCents: number | null;
  color: string | null;
  size: string | null;
  material: string | null;
  status: 'active' | 'clearance' | 'discontinued';
  isPartner: number;
  popularity: number;
}

const COLUMNS = `p.id, p.sku, p.title, p.brand, p.category_id AS categoryId, c.name AS categoryName, c.path_name AS categoryPath,
  p.price_cents AS priceCents, p.compare_at_cents AS compareAtCents, p.color, p.size, p.material, p.status,
  p.is_partner AS isPartner, p.popularity`;

const BY_IDS_SQL = `SELECT ${COLUMNS} FROM products p JOIN categories c ON c.id = p.category_id
  WHERE p.id IN (SELECT value FROM json_each(?))`;
const BY_SKU_SQL = `SELECT ${COLUMNS} FROM products p JOIN categories c ON c.id = p.category_id WHERE p.sku = ?`;

export function productsByIds(db: Database.Database, ids: readonly number[]): Map<number, ProductRow> {
  if (ids.length === 0) return new Map();
  const rows = statement(db, BY_IDS_SQL).all(JSON.stringify(ids)) as ProductRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

export function productBySku(db: Database.Database, sku: string): ProductRow | null {
  return (statement(db, BY_SKU_SQL).get(sku) as ProductRow | undefined) ?? null;
}

export function toHit(p: ProductRow, stock: readonly SourceStock[], match: SearchHit['match']): SearchHit {
  return {
    sku: p.sku,
    title: p.title,
    brand: p.brand,
    categoryId: p.categoryId,
    categoryName: p.categoryName,
    priceCents: p.priceCents,
    compareAtCents: p.compareAtCents,
    color: p.color,
    size: p.size,
    isClearance: p.status === 'clearance',
    isPartner: p.isPartner === 1,
    availableHere: availableHere(stock),
    sources: stock.filter((s) => s.available > 0),
    match,
  };
}

/** Hits for rows, with stock read in one query. */
export function hitsFor(db: Database.Database, rows: readonly ProductRow[], storeId: string, match: (p: ProductRow) => SearchHit['match']): SearchHit[] {
  const stock = stockBySku(db, rows.map((r) => r.sku), storeId);
  return rows.map((p) => toHit(p, stock.get(p.sku) ?? [], match(p)));
}
