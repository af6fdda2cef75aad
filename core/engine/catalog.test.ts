import { describe, expect, it } from 'vitest';
import { openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { Catalog } from './catalog.js';

describe('stock of many SKUs in one read', () => {
  it('says what one read per SKU says, and null for a SKU this store has no row for', () => {
    const db = openEngineStore();
    const catalog = new Catalog(db);
    const skus = ['BAG-1', 'SHOE-OOS', 'NOT-A-SKU', 'JACKET-CLR'];
    const many = catalog.stockHereMany(skus, 'S1', SMALL_NOW);
    expect([...many.keys()]).toEqual(skus);
    for (const sku of skus) expect(many.get(sku)).toEqual(catalog.stockHere(sku, 'S1', SMALL_NOW));
    expect(many.get('NOT-A-SKU')).toBeNull();
    expect(catalog.stockHereMany([], 'S1', SMALL_NOW).size).toBe(0);
  });
});

describe('best sellers counted in styles', () => {
  it('holds the first styles of a category, best first, and drops them when a catalog pull lands', () => {
    const db = openEngineStore();
    const catalog = new Catalog(db);
    catalog.checkCatalogVersion();
    const skus = () => catalog.bestStyles('outdoor/camping', null, 2).map((p) => p.sku);
    const before = skus();
    expect(before).toEqual([...catalog.topProducts('outdoor/camping')].slice(0, 2).map((p) => p.sku));
    db.prepare(`UPDATE products SET status = 'discontinued' WHERE sku = ?`).run(before[0]);
    expect(skus()).toEqual(before); // the same catalog version: the kept list
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'catalog'`).run(new Date(SMALL_NOW.getTime() + 60_000).toISOString());
    catalog.checkCatalogVersion();
    expect(skus()).not.toContain(before[0]);
  });

  it('a style in several sizes is one style', () => {
    const db = openEngineStore();
    const insert = db.prepare(
      `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
       SELECT ?, ?, brand, category_id, price_cents, cost_cents, launched_at, season, status, ?, updated_at FROM products WHERE sku = 'SOCK-1'`,
    );
    insert.run('SOCK-S', 'Merino Run Sock, S', 0.99);
    insert.run('SOCK-M', 'Merino Run Sock, M', 0.98);
    const catalog = new Catalog(db);
    expect(catalog.bestStyles('footwear/socks', null, 1).map((p) => p.sku)).toEqual(['SOCK-S', 'SOCK-M', 'SOCK-1']); // "Merino Run Sock" too
  });

  it('reads on past the first pages until it has the styles asked for', () => {
    const db = openEngineStore();
    const insert = db.prepare(
      `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
       SELECT ?, ?, brand, category_id, price_cents, cost_cents, launched_at, season, status, ?, updated_at FROM products WHERE sku = 'SOCK-1'`,
    );
    // one boot in 120 sizes and colours outsells everything: its sizes alone fill the first pages
    for (let i = 0; i < 120; i++) insert.run(`BOOT-${i}`, `Ridge Boot, Size ${i}`, 2 - i / 1000);
    const catalog = new Catalog(db);
    catalog.checkCatalogVersion();
    const styles = new Set(catalog.bestStyles('footwear/socks', null, 2).map((p) => p.title.split(',')[0]));
    expect(styles).toEqual(new Set(['Ridge Boot', 'Merino Run Sock']));
  });
});
