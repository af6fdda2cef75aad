// The query planner's statistics as `PRAGMA optimize` (run whenever a replica closes) gathered
// them on the bench's large chain (244,183 products, 667,599 orders, 1,118,781 order lines), at
// the current schema.
// A query's plan can change once a replica has statistics; with these a test checks that a plan
// holds at that size without building a chain that big.
import type Database from 'better-sqlite3';

const STAT1: readonly [table: string, index: string, stat: string][] = [
  ['order_lines', 'order_lines_sku', '1118781 5'],
  ['order_lines', 'order_lines', '1118781 3 1'],
  ['orders', 'orders_location_placed', '667599 2001 1'],
  ['orders', 'orders_placed', '667599 1'],
  ['orders', 'orders_customer_placed', '667599 15 1'],
  ['orders', 'sqlite_autoindex_orders_1', '667599 1'],
  ['products', 'products_category_launched', '244183 2001 5'],
  ['products', 'products_category_popularity', '244183 2001 2'],
  ['products', 'products_launched', '244183 201'],
  ['products', 'products_category', '244183 2001'],
  ['products', 'sqlite_autoindex_products_1', '244183 1'],
];

export function withLargeChainStatistics(db: Database.Database): void {
  db.exec('ANALYZE'); // creates sqlite_stat1
  db.exec(`DELETE FROM sqlite_stat1 WHERE tbl IN ('orders', 'order_lines', 'products')`);
  const insert = db.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)`);
  for (const row of STAT1) insert.run(...row);
  db.exec('ANALYZE sqlite_schema'); // the planner reads the statistics again
}
