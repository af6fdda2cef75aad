import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSearchProducts, openSearchStore } from '../testing/searchStore.js';
import { rebuildSearchIndex } from './rebuild.js';
import { ProductSearch } from './search.js';

let db: Database.Database;
const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
const skus = (q: string) => new ProductSearch(db).search({ query: q }, ctx).results.map((r) => r.sku);

beforeEach(() => (db = openSearchStore()));
afterEach(() => db.close());

describe('rebuilding the search index', () => {
  it('indexes every product again, finds what it found before and keeps the rank settings', () => {
    const before = ['northpeak tent', 'headlamp', 'olive', 'hedlamp'].map(skus);
    const products = (db.prepare(`SELECT count(*) AS n FROM products`).get() as { n: number }).n;
    expect(rebuildSearchIndex(db)).toBe(products);
    expect(['northpeak tent', 'headlamp', 'olive', 'hedlamp'].map(skus)).toEqual(before);
    expect(db.prepare(`SELECT v FROM products_fts_config WHERE k = 'rank'`).get()).toEqual({ v: 'bm25(6.0, 3.0, 1.5, 1.0)' });
  });

  it('leaves the triggers working on the new index', () => {
    rebuildSearchIndex(db);
    addSearchProducts(db, [{ sku: 'STOVE-1', title: 'Emberline Camp Stove', brand: 'Emberline', category: 'outdoor/tents', price: 89, stock: { S1: 2 } }]);
    expect(skus('emberline')).toEqual(['STOVE-1']);
    db.prepare(`DELETE FROM inventory WHERE sku = 'STOVE-1'`).run();
    db.prepare(`DELETE FROM products WHERE sku = 'STOVE-1'`).run();
    expect(skus('emberline')).toEqual([]);
  });
});
