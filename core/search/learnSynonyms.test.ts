import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSearchProducts, openSearchStore, type SearchStoreProduct } from '../testing/searchStore.js';
import { indexCounts, isShortFormOf, learnSynonyms, saveLearnedSynonyms, type ChosenResult } from './learnSynonyms.js';
import { ProductSearch } from './search.js';

let db: Database.Database;
const item = (sku: string, title: string): SearchStoreProduct => ({ sku, title, brand: 'Acme', category: 'apparel', price: 20, stock: { S1: 3 } });

beforeEach(() => {
  db = openSearchStore();
  addSearchProducts(db, [
    item('PAIL-5', '5 Gal. Homer Bucket'),
    item('PAIL-2', '2 Gal. Utility Pail'),
    item('PAINT-1', 'Interior Paint, 1 Gal., White'),
    item('STAIN-1', 'Deck Stain, 1 Gal., Cedar'),
    item('LED-1', 'LED Bulb 60W Equivalent, Soft White'),
    item('LED-2', 'LED Bulb 75W Equivalent, Daylight'),
    item('LED-3', 'LED Flood 90W Equivalent'),
    item('LED-4', 'LED Candle 40W Equivalent'),
    item('LED-5', 'LED Globe 60W Equivalent'),
    // The rest of the store: a short form is learned only when it is rare in the catalog at large.
    ...Array.from({ length: 40 }, (_, i) => item(`MISC-${i}`, `Camp Mug ${i}`)),
  ]);
});
afterEach(() => db.close());

const chose = (query: string, ...titles: string[]): ChosenResult[] => titles.map((title) => ({ query, title }));

describe('short forms learned from chosen results', () => {
  it('tells a short form from another word', () => {
    expect(isShortFormOf('gal', 'gallon')).toBe(true);
    expect(isShortFormOf('pkg', 'package')).toBe(true);
    expect(isShortFormOf('qt', 'quart')).toBe(true);
    expect(isShortFormOf('gallon', 'gal')).toBe(false);
    expect(isShortFormOf('equivalent', 'bulb')).toBe(false);
    expect(isShortFormOf('lag', 'gallon')).toBe(false);
  });

  it('learns how the catalog writes a word customers spell out, and search then finds it', () => {
    const log = [
      ...chose('5 gallon bucket', '5 Gal. Homer Bucket'),
      ...chose('gallon paint white', 'Interior Paint, 1 Gal., White'),
      ...chose('deck stain gallon', 'Deck Stain, 1 Gal., Cedar'),
      ...chose('2 gallon pail', '2 Gal. Utility Pail'),
    ];
    const learned = learnSynonyms(log, indexCounts(db));
    expect(learned).toEqual([{ term: 'gallon', equivalent: 'gal', queries: 4 }]);
    const search = new ProductSearch(db);
    const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
    // Before: the bucket holds only one of the words (a partial match at best).
    const full = () => search.search({ query: 'gallon bucket', asYouType: false }, ctx).results.filter((r) => r.match === 'all').map((r) => r.sku);
    expect(full()).toEqual([]);
    expect(saveLearnedSynonyms(db, learned)).toBe(2);
    expect(saveLearnedSynonyms(db, learned)).toBe(0);
    expect(full()).toEqual(['PAIL-5']);
  });

  it('does not read a neighbour of the chosen products as a synonym, nor learn from too few queries', () => {
    const bulbs = [
      ...chose('led bulbs', 'LED Flood 90W Equivalent'),
      ...chose('bulbs daylight', 'LED Candle 40W Equivalent'),
      ...chose('soft bulbs', 'LED Globe 60W Equivalent'),
      ...chose('bulbs 60w', 'LED Globe 60W Equivalent'),
    ];
    expect(learnSynonyms(bulbs, indexCounts(db))).toEqual([]);
    const few = [...chose('5 gallon bucket', '5 Gal. Homer Bucket'), ...chose('2 gallon pail', '2 Gal. Utility Pail')];
    expect(learnSynonyms(few, indexCounts(db))).toEqual([]);
  });
});
