// The product sheet: one product with its stock everywhere and the other sizes and colours
// of its product line.
import type Database from 'better-sqlite3';
import type { ProductSheet, VariantOption } from '../contract/areas/search.types.js';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';
import { productBySku, toHit, type ProductRow } from './products.js';
import { inventoryAge } from './search.js';
import { availableHere, stockBySku } from './stock.js';

/** At most this many variants: a style's colours × sizes stay well below it. */
const MAX_VARIANTS = 60;

// Same brand and category, and a title that starts with the same style name.
const SIBLINGS_SQL = `
  SELECT p.id, p.sku, p.title, p.color, p.size, p.price_cents AS priceCents
  FROM products p
  WHERE p.category_id = ? AND p.brand = ? AND substr(p.title, 1, ?) = ? AND p.status != 'discontinued'
  ORDER BY p.id
  LIMIT ${MAX_VARIANTS * 4}`;

/**
 * The product line a title belongs to: the title without its colour and size
 * ('Ridgeway Rain Jacket, Women's, Navy, M' → 'Ridgeway Rain Jacket, Women's').
 */
export function lineOf(title: string, color: string | null, size: string | null): string {
  const parts = title.split(', ');
  const kept = [parts[0]!, ...parts.slice(1).filter((p) => p !== color && p !== size)];
  return kept.join(', ');
}

export function productSheet(db: Database.Database, sku: string, storeId: string, inventoryAgeMinutes: number): ProductSheet {
  const row = productBySku(db, sku);
  if (!row) throw new ApiError('not_found', `No product with SKU ${sku} in the catalog.`);
  const stock = stockBySku(db, [row.sku], storeId).get(row.sku) ?? [];
  return {
    product: { ...toHit(row, stock, 'all'), material: row.material, categoryPath: row.categoryPath },
    variants: variantsOf(db, row, storeId),
    stock,
    inventory: inventoryAge(inventoryAgeMinutes),
  };
}

function variantsOf(db: Database.Database, row: ProductRow, storeId: string): VariantOption[] {
  const line = lineOf(row.title, row.color, row.size);
  const styleName = line.split(', ')[0]!;
  const siblings = (
    statement(db, SIBLINGS_SQL).all(row.categoryId, row.brand, styleName.length, styleName) as Array<{
      sku: string;
      title: string;
      color: string | null;
      size: string | null;
      priceCents: number;
    }>
  )
    .filter((s) => lineOf(s.title, s.color, s.size) === line)
    .slice(0, MAX_VARIANTS);
  if (!siblings.some((s) => s.sku === row.sku)) siblings.push({ sku: row.sku, title: row.title, color: row.color, size: row.size, priceCents: row.priceCents });
  const stock = stockBySku(db, siblings.map((s) => s.sku), storeId);
  return siblings.map((s) => {
    const at = stock.get(s.sku) ?? [];
    return { sku: s.sku, color: s.color, size: s.size, priceCents: s.priceCents, availableHere: availableHere(at), orderable: at.some((x) => x.available > 0) };
  });
}
