// A code typed or scanned from a shelf tag: the product it names, before any text matching.
// Only a query that is one token holding a digit can be a code. It is looked up as typed and
// upper-cased (SKUs are stored upper-case) as a SKU, then as a barcode, then as a supplier's
// code, each through its own index; a SKU wins over a barcode that happens to read the same.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';

const MAX_CODE = 40;
const BY_CODE_SQL = `
  SELECT id FROM (
    SELECT id, 1 AS kind FROM products WHERE sku IN (:code, :upper)
    UNION ALL SELECT id, 2 FROM products WHERE barcode = :code
    UNION ALL SELECT id, 3 FROM products WHERE supplier_code IN (:code, :upper)
  ) ORDER BY kind, id LIMIT 1`;

/** The id of the product whose SKU, barcode or supplier code the whole query is, or null. */
export function productByCode(db: Database.Database, query: string): number | null {
  const code = query.trim();
  if (code.length === 0 || code.length > MAX_CODE || /\s/.test(code) || !/\d/.test(code)) return null;
  const row = statement(db, BY_CODE_SQL).get({ code, upper: code.toUpperCase() }) as { id: number } | undefined;
  return row?.id ?? null;
}
