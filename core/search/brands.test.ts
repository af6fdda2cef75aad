import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSearchProducts, openSearchStore, type SearchStoreProduct } from '../testing/searchStore.js';
import { ProductSearch, type SearchInput } from './search.js';

let db: Database.Database;
let search: ProductSearch;
const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
const run = (input: SearchInput) => search.search({ asYouType: false, ...input }, ctx);
const skus = (input: SearchInput) => run(input).results.map((r) => r.sku);

// The brand opens the title and the brand field is empty, as in many retailers' feeds.
const item = (sku: string, title: string, brand = ''): SearchStoreProduct => ({ sku, title, brand, category: 'apparel', price: 20, stock: { S1: 3 } });

beforeEach(() => {
  db = openSearchStore();
  addSearchProducts(db, [
    item('MS-1', 'Martha Stewart Living Bath Mirror'),
    item('MS-2', 'Martha Stewart Living Vanity'),
    item('MS-3', 'Martha Stewart Living Table Lamp'),
    item('ST-1', 'Steward Pocket Knife'),
    // 'Black Vinyl' opens three titles but stands inside more: a kind of product, not a brand.
    item('BV-1', 'Black Vinyl Fence Cap'),
    item('BV-2', 'Black Vinyl Gate Latch'),
    item('BV-3', 'Black Vinyl Post Sleeve'),
    item('BV-4', 'Fence Panel in Black Vinyl'),
    item('BV-5', 'Garden Edging, Black Vinyl'),
    item('BV-6', 'Trellis of Black Vinyl'),
    item('BL-1', 'Blank Vinyl Sign'),
  ]);
  search = new ProductSearch(db);
});
afterEach(() => db.close());

describe('brands learned from the catalog', () => {
  it('reads a real word beside the rest of a brand that opens titles as that brand misspelt', () => {
    const r = run({ query: 'martha steward mirror' });
    expect(r.results[0]!.sku).toBe('MS-1');
    expect(r.corrections).toEqual([{ from: 'steward', to: 'stewart' }]);
    expect(skus({ query: 'martha steward' }).slice(0, 3).sort()).toEqual(['MS-1', 'MS-2', 'MS-3']);
  });

  it('takes multi-word brands from the brand field too', () => {
    // 'Lumen Labs' is the headlamp's brand field (search store); 'lads' is a real word.
    const r = run({ query: 'lumen lads headlamp' });
    expect(r.results[0]!.sku).toBe('LAMP-1');
    expect(r.corrections).toEqual([{ from: 'lads', to: 'labs' }]);
  });

  it('leaves a real word alone away from a brand, and beside words that are no brand', () => {
    expect(run({ query: 'steward knife' }).corrections).toEqual([]);
    expect(skus({ query: 'steward knife' })[0]).toBe('ST-1');
    const blank = run({ query: 'blank vinyl' });
    expect(blank.corrections).toEqual([]);
    expect(blank.results[0]!.sku).toBe('BL-1');
  });

  it('never reads a short word or a far one as a brand', () => {
    expect(run({ query: 'martha stewardship' }).corrections).toEqual([]);
    expect(run({ query: 'martha stew' }).corrections).toEqual([]);
  });
});
