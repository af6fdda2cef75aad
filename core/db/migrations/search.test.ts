import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';

const SEARCH_VERSION = 3;

describe('migration 3 (search)', () => {
  it('keeps existing stock and indexed products, adds synonyms, local holds and the orders table', () => {
    const db = new Database(':memory:');
    migrate(db, { target: SEARCH_VERSION - 1 });
    db.exec(`
      INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES ('S1', 'store', 'S', 'D', 'CO', 'US', 'UTC', 3);
      INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES ('tents', NULL, 'Tents', 'Outdoor > Tents', 0);
      INSERT INTO products (id, sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, updated_at)
        VALUES (7, 'T-1', 'Ridgeline Tent', 'Northpeak', 'tents', 100, 50, '2025-01-01', 'all', 'active', '2025-01-01');
      INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at) VALUES ('T-1', 'S1', 5, 1, '2025-01-01');
    `);

    migrate(db, { target: SEARCH_VERSION });
    expect(schemaVersion(db)).toBe(SEARCH_VERSION);
    expect(db.prepare(`SELECT on_hand, reserved, local_reserved FROM inventory`).get()).toEqual({ on_hand: 5, reserved: 1, local_reserved: 0 });
    // The index built before the migration is still there (not rebuilt), with the new rank function.
    expect(db.prepare(`SELECT rowid FROM products_fts WHERE products_fts MATCH '"ridgeline"' ORDER BY rank`).all()).toEqual([{ rowid: 7 }]);
    expect(db.prepare(`SELECT v FROM products_fts_config WHERE k = 'rank'`).get()).toEqual({ v: 'bm25(6.0, 3.0, 1.5, 1.0)' });
    expect(db.prepare(`SELECT equivalent FROM search_synonyms WHERE term = 'tee'`).all()).toEqual([{ equivalent: 't shirt' }]);

    const generation = () => (db.prepare(`SELECT generation FROM search_state`).get() as { generation: number }).generation;
    const g = generation();
    db.prepare(`UPDATE products SET title = 'Ridgeline Tent 2' WHERE id = 7`).run();
    expect(generation()).toBe(g + 1);
    db.prepare(`UPDATE products SET popularity = 0.5 WHERE id = 7`).run(); // not an indexed field
    expect(generation()).toBe(g + 1);

    expect(() => db.prepare(`UPDATE inventory SET local_reserved = -1`).run()).toThrow(/CHECK/);
    expect(db.prepare(`SELECT count(*) AS n FROM aisle_orders`).get()).toEqual({ n: 0 });
  });
});
