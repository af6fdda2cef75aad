// The whole search index built anew from the products table, for a bootstrap that filled the
// catalog in bulk (the app itself never needs it: triggers keep the index current).
// Deleting a million rows from an FTS5 table that holds its own content tokenizes every row
// again to take its words out, so the index is dropped and created empty instead (same
// definition and rank settings), then filled by one INSERT … SELECT in the same transaction,
// then merged into one segment.
import type Database from 'better-sqlite3';

/** Rebuilds `products_fts` from `products`; returns how many products it indexed. */
export function rebuildSearchIndex(db: Database.Database): number {
  const table = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'products_fts'`).get() as { sql: string } | undefined;
  if (!table) throw new Error('products_fts is missing: the replica is not migrated');
  const indexed = db.transaction(() => {
    const config = db.prepare(`SELECT k, v FROM products_fts_config WHERE k != 'version'`).all() as { k: string; v: unknown }[];
    db.exec(`DROP TABLE products_fts`);
    db.exec(table.sql);
    const setConfig = db.prepare(`INSERT INTO products_fts (products_fts, rank) VALUES (?, ?)`);
    for (const c of config) setConfig.run(c.k, c.v);
    const { changes } = db
      .prepare(
        `INSERT INTO products_fts (rowid, title, brand, category, attributes)
         SELECT p.id, p.title, p.brand, c.path_name, concat_ws(' ', p.color, p.size, p.material)
         FROM products p LEFT JOIN categories c ON c.id = p.category_id`,
      )
      .run();
    // The catalog's words changed: the search reloads its vocabulary.
    db.exec(`UPDATE search_state SET generation = generation + 1 WHERE id = 1`);
    return changes;
  })();
  db.exec(`INSERT INTO products_fts (products_fts) VALUES ('optimize')`);
  return indexed;
}
