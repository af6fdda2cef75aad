import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSearchStore } from '../testing/searchStore.js';
import { explainPlan } from '../testing/queryPlan.js';
import { findCandidates } from './candidates.js';
import { ProductSearch, type SearchInput } from './search.js';

let db: Database.Database;
let search: ProductSearch;
const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
const skus = (input: SearchInput) => search.search(input, ctx).results.map((r) => r.sku);
/** The results that match every word (a short list is topped up with partial matches below them). */
const full = (input: SearchInput) => search.search(input, ctx).results.filter((r) => r.match === 'all').map((r) => r.sku);

beforeEach(() => {
  db = openSearchStore();
  search = new ProductSearch(db);
});
afterEach(() => db.close());

describe('product search', () => {
  it('finds items by title, brand, category and attributes', () => {
    expect(skus({ query: 'headlamp' })).toEqual(['LAMP-1']);
    expect(skus({ query: 'loftwell' })).toEqual(['BAG-1']);
    expect(skus({ query: 'sleeping bags' })).toContain('BAG-1');
    expect(full({ query: 'slate tent' })).toEqual(['TENT-2S']);
  });

  it('matches the last word as a prefix while typing', () => {
    expect(skus({ query: 'trailh' }).sort()).toEqual(['TENT-2', 'TENT-2S', 'TENT-4']);
    expect(skus({ query: 'trailhead', asYouType: false }).sort()).toEqual(['TENT-2', 'TENT-2S', 'TENT-4']);
  });

  it('corrects misspelt words against the index vocabulary and says so', () => {
    const r = search.search({ query: 'hedlamp' }, ctx);
    expect(r.results.map((x) => x.sku)).toEqual(['LAMP-1']);
    expect(r.corrections).toEqual([{ from: 'hedlamp', to: 'headlamp' }]);
    expect(skus({ query: 'sleepign bag' })).toContain('BAG-1'); // transposition
    expect(skus({ query: 'nortpeak tent' })).toContain('TENT-2'); // deletion
  });

  it('corrects a misspelt word still being typed as the start of a word', () => {
    expect(skus({ query: 'headlanp' })).toEqual(['LAMP-1']);
    expect(full({ query: 'tent trailhj' }).sort()).toEqual(['TENT-2', 'TENT-2S', 'TENT-4']);
    expect(full({ query: 'tent traulhe' }).sort()).toEqual(['TENT-2', 'TENT-2S', 'TENT-4']);
    expect(search.search({ query: 'tent xqzvw' }, ctx).broadened).toBe(true); // nothing near 'xqzvw'
  });

  it('uses the retailer synonyms and units', () => {
    expect(skus({ query: 'tee' })).toEqual(['TEE-1']);
    expect(full({ query: 'navy tshirt' })).toEqual(['TEE-1']);
    expect(full({ query: '2l bottle' })).toEqual(['BOTTLE-2L']);
    expect(full({ query: '2 liter' })).toEqual(['BOTTLE-2L']);
  });

  it('picks up a synonym the retailer adds, without a restart', () => {
    expect(skus({ query: 'shelter', asYouType: false })).toEqual([]);
    db.prepare(`INSERT INTO search_synonyms (term, equivalent) VALUES ('shelter', 'tent')`).run();
    expect(skus({ query: 'shelter', asYouType: false })).toContain('TENT-2');
  });

  it('ranks available items first and keeps out-of-stock ones findable below them', () => {
    const tents = skus({ query: 'tent' });
    expect(tents).toHaveLength(6);
    // The most popular tent, but nowhere to be had; SKU-1 has no stock rows at all.
    expect(tents.slice(-2).sort()).toEqual(['SKU-1', 'TENT-OOS']);
    expect(tents[0]).toBe('TENT-2'); // on the shelf here
  });

  it('broadens to some of the words when no item has them all', () => {
    const r = search.search({ query: 'olive headlamp' }, ctx);
    expect(r.broadened).toBe(true);
    expect(r.results.map((x) => x.sku)).toContain('LAMP-1');
    expect(r.results.every((x) => x.match === 'some')).toBe(true);
  });

  it('counts facets and narrows by them', () => {
    const r = search.search({ query: 'tent' }, ctx);
    expect(r.facets.brand.find((b) => b.value === 'Northpeak')?.count).toBe(4);
    expect(Object.fromEntries(r.facets.availability.map((a) => [a.value, a.count]))).toEqual({ here: 1, store: 1, dc: 2, partner: 1 });
    expect(skus({ query: 'tent', filters: { brand: 'Northpeak' } }).sort()).toEqual(['SKU-1', 'TENT-2', 'TENT-2S', 'TENT-4']);
    expect(skus({ query: 'tent', filters: { availability: 'partner' } })).toEqual(['TENT-P']);
    expect(skus({ query: 'tent', filters: { price: 'over_250' } }).sort()).toEqual(['TENT-4', 'TENT-OOS', 'TENT-P']);
    expect(skus({ query: 'o', filters: { category: 'outdoor' } }).every((s) => s !== 'TEE-1')).toBe(true);
  });

  it('gives stock per location with lead times, net of reservations, and the inventory age', () => {
    db.prepare(`UPDATE inventory SET local_reserved = 15 WHERE sku = 'TENT-2' AND location_id = 'DC1'`).run();
    const r = search.search({ query: 'trailhead 2 person olive' }, ctx);
    const hit = r.results.find((x) => x.sku === 'TENT-2')!;
    expect(hit.availableHere).toBe(4);
    expect(hit.sources.map((s) => [s.locationId, s.available, s.leadTimeDays])).toEqual([
      ['DC1', 5, 2],
      ['S1', 4, 3],
    ]);
    expect(r.inventory).toEqual({ ageMinutes: 1, stale: false });
    expect(search.search({ query: 'tent' }, { storeId: 'S1', inventoryAgeMinutes: 42 }).inventory).toEqual({ ageMinutes: 42, stale: true });
    expect(search.search({ query: 'tent' }, { storeId: 'S1', inventoryAgeMinutes: Infinity }).inventory).toEqual({ ageMinutes: null, stale: true });
  });

  it('keeps the index current as products change, through triggers', () => {
    db.prepare(`UPDATE products SET title = 'Northpeak Basecamp Tent, 2-Person, Olive' WHERE sku = 'TENT-2'`).run();
    expect(skus({ query: 'basecamp' })).toEqual(['TENT-2']);
    expect(skus({ query: 'trailhead' }).sort()).toEqual(['TENT-2S', 'TENT-4']);
    db.prepare(`DELETE FROM inventory WHERE sku = 'TEE-1'`).run();
    db.prepare(`DELETE FROM products WHERE sku = 'TEE-1'`).run();
    expect(skus({ query: 'threadline' })).toEqual([]);
    db.prepare(`UPDATE categories SET path_name = 'Outdoor > Headlamps & Torches' WHERE id = 'outdoor/lighting'`).run();
    expect(skus({ query: 'torches' })).toEqual(['LAMP-1']);
  });

  it('scores a broad query over the first matches only, which is every match when there are few', () => {
    const groups = [[{ words: ['t'], prefix: true }]];
    const full = findCandidates(db, groups, 'all', 400);
    const broad = findCandidates(db, groups, 'all', 400, {}, true);
    expect(broad).toEqual(full);
    expect(findCandidates(db, groups, 'all', 2, {}, true)).toEqual(full.slice(0, 2));
  });

  it('reads the bounded candidate set from the FTS index, products by key', () => {
    const ftsPlan = explainPlan(db, `SELECT rowid, rank FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 400`, ['"tent"']);
    expect(ftsPlan).toMatch(/VIRTUAL TABLE INDEX/);
    expect(ftsPlan).not.toMatch(/SCAN products\b/);
    const stockPlan = explainPlan(db, `SELECT * FROM inventory WHERE sku IN (SELECT value FROM json_each(?))`, ['[]']);
    expect(stockPlan).toMatch(/SEARCH inventory USING PRIMARY KEY \(sku=\?\)/);
  });
});
