import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSearchProducts, openSearchStore, type SearchStoreProduct } from '../testing/searchStore.js';
import { ProductSearch, type SearchInput } from './search.js';

let db: Database.Database;
let search: ProductSearch;
const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
const run = (input: SearchInput) => search.search({ asYouType: false, ...input }, ctx);
const item = (sku: string, title: string): SearchStoreProduct => ({ sku, title, brand: 'Acme', category: 'apparel', price: 20, stock: { S1: 3 } });

beforeEach(() => {
  db = openSearchStore();
  addSearchProducts(db, [item('BAL-1', 'Fluorescent Lamp Ballast, 2-Lamp'), item('TUBE-1', 'Fluorescent Tube, 4 ft.'), item('SHOE-1', 'Ballet Flat Shoe')]);
  search = new ProductSearch(db);
});
afterEach(() => db.close());

describe('a real word no product holds, when nothing holds every word', () => {
  it('is read as a misspelling of a catalog word', () => {
    db.prepare(`DELETE FROM inventory WHERE sku = 'SHOE-1'`).run();
    db.prepare(`DELETE FROM products WHERE sku = 'SHOE-1'`).run();
    search = new ProductSearch(db);
    const r = run({ query: 'fluorescent ballet' });
    expect(r.results[0]).toMatchObject({ sku: 'BAL-1', match: 'all' });
    expect(r.corrections).toEqual([{ from: 'ballet', to: 'ballast' }]);
  });

  it('stays as typed when a product holds it, or when the query finds products holding every word', () => {
    // 'ballet' is a catalog word here: nothing to correct, the partial matches follow.
    expect(run({ query: 'fluorescent ballet' }).corrections).toEqual([]);
    db.prepare(`DELETE FROM inventory WHERE sku = 'SHOE-1'`).run();
    db.prepare(`DELETE FROM products WHERE sku = 'SHOE-1'`).run();
    search = new ProductSearch(db);
    // A lone real word is never corrected (clothes is not cloths).
    expect(run({ query: 'ballet' }).corrections).toEqual([]);
  });
});
