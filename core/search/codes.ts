// A SKU typed or scanned from a shelf tag: the product it names, before any text matching.
// Only a query that is one token holding a digit can be a code; it is looked up as typed and
// upper-cased (SKUs are stored upper-case), through the products' unique SKU index.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';

const MAX_CODE = 40;
const BY_CODE_SQL = `SELECT id FROM products WHERE sku IN (?, ?)`;

/** The id of the product whose SKU the whole query is, or null. */
export function productByCode(db: Database.Database, query: string): number | null {
  const code = query.trim();
  if (code.length === 0 || code.length > MAX_CODE || /\s/.test(code) || !/\d/.test(code)) return null;
  const row = statement(db, BY_CODE_SQL).get(code, code.toUpperCase()) as { id: number } | undefined;
  return row?.id ?? null;
}
