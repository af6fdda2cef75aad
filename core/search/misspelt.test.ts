// One test per class of real customers' queries that search used to miss (issue 18): how
// people misspell, short words, plurals, SKUs, real words the catalog lacks, short lists
// topped up with partial matches, and capped candidate sets chosen by score.
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSearchProducts, type SearchStoreProduct } from '../testing/searchStore.js';
import { openSearchStore } from '../testing/searchStore.js';
import { findCandidates, partialCandidates } from './candidates.js';
import { spellingDistance } from './editDistance.js';
import { ProductSearch, type SearchInput } from './search.js';

let db: Database.Database;
let search: ProductSearch;
const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
const run = (input: SearchInput) => search.search(input, ctx);
const skus = (input: SearchInput) => run(input).results.map((r) => r.sku);

const item = (sku: string, title: string, brand = 'Acme'): SearchStoreProduct => ({ sku, title, brand, category: 'apparel', price: 20, stock: { S1: 3 } });

beforeEach(() => {
  db = openSearchStore();
  addSearchProducts(db, [
    item('UMB-1', 'Stormguard Golf Umbrella, Black'),
    item('CARD-1', 'Trivia Knowledge Cards'),
    item('LANT-1', 'Camp Lantern, 300 Lumen'),
    item('GAME-1', 'Tantrum Dice Game'),
    item('SAND-1', 'Pace Trail Sandals'),
  ]);
  search = new ProductSearch(db);
});
afterEach(() => db.close());

describe('spelling distance', () => {
  it('charges less for the errors of not knowing a spelling than for other edits', () => {
    expect(spellingDistance('seperate', 'separate', 2)).toBeLessThan(1); // a vowel for a vowel
    expect(spellingDistance('adress', 'address', 2)).toBeLessThan(1); // an undoubled letter
    expect(spellingDistance('kolor', 'color', 2)).toBeLessThan(1); // letters that sound alike
    expect(spellingDistance('tent', 'bent', 2)).toBe(1);
  });
});

describe('search on real customers’ queries', () => {
  it('corrects two edits in a word of five letters or more', () => {
    const r = run({ query: 'umberela' });
    expect(r.results[0]?.sku).toBe('UMB-1');
    expect(r.corrections).toEqual([{ from: 'umberela', to: 'umbrella' }]);
  });

  it('corrects a spelling that sounds like the word even when it is three edits away', () => {
    expect(skus({ query: 'nolidge cards' })[0]).toBe('CARD-1');
    expect(skus({ query: 'lanturn', asYouType: false })[0]).toBe('LANT-1');
  });

  it('corrects a short word even when it starts a longer one being typed', () => {
    // 'tant' starts 'tantrum', but a tent is what a customer typing it most likely means.
    expect(skus({ query: 'tant' })).toEqual(expect.arrayContaining(['GAME-1', 'TENT-2']));
    expect(skus({ query: 'tnet', asYouType: false })).toContain('TENT-2');
  });

  it('meets plural and singular through the stem, the word as typed first', () => {
    expect(skus({ query: 'headlamps', asYouType: false })).toEqual(['LAMP-1']);
    expect(skus({ query: 'tents', asYouType: false })).toEqual(expect.arrayContaining(['TENT-2', 'TENT-4', 'TENT-P']));
    expect(run({ query: 'headlamps', asYouType: false }).corrections).toEqual([]);
  });

  it('puts the product whose SKU is typed first, in any case', () => {
    expect(skus({ query: 'LAMP-1' })[0]).toBe('LAMP-1');
    expect(skus({ query: 'lamp-1' })[0]).toBe('LAMP-1');
    expect(skus({ query: ' tent-2s ' })[0]).toBe('TENT-2S');
  });

  it('puts the product whose barcode or supplier code is scanned or typed first; a SKU wins over a code that reads the same', () => {
    db.prepare(`UPDATE products SET barcode = ?, supplier_code = ? WHERE sku = ?`).run('0012345678905', 'NP-TH2-OL', 'TENT-4');
    db.prepare(`UPDATE products SET supplier_code = ? WHERE sku = ?`).run('LAMP-1', 'BAG-1');
    expect(skus({ query: '0012345678905' })[0]).toBe('TENT-4');
    expect(skus({ query: 'np-th2-ol' })[0]).toBe('TENT-4');
    expect(skus({ query: 'LAMP-1' })[0]).toBe('LAMP-1');
    expect(skus({ query: '0012345678906' })[0]).not.toBe('TENT-4');
  });

  it('leaves a real word the catalog does not hold as it is, and shows what matches the rest', () => {
    const r = run({ query: 'face tent', asYouType: false });
    expect(r.corrections).toEqual([]); // not "pace"
    expect(r.results.map((x) => x.sku)).not.toContain('SAND-1');
    expect(r.results.map((x) => x.sku)).toContain('TENT-2');
  });

  it('tops up a list where only three products match every word with the best partial matches', () => {
    const r = run({ query: 'trailhead tent', limit: 10 });
    const full = r.results.filter((x) => x.match === 'all').map((x) => x.sku);
    expect(full.sort()).toEqual(['TENT-2', 'TENT-2S', 'TENT-4']);
    const partial = r.results.slice(3);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.every((x) => x.match === 'some')).toBe(true);
    expect(partial.map((x) => x.sku)).toEqual(expect.arrayContaining(['TENT-OOS', 'TENT-P']));
  });
});

describe('capped candidate sets', () => {
  it('keep the best-scoring partial matches, not the first in index order', () => {
    // Weak matches first in index order (the word buried in long titles), strong ones last.
    const weak = Array.from({ length: 30 }, (_, i) => item(`W-${i}`, `Widget ${'filler '.repeat(20)}${i}`));
    const strong = Array.from({ length: 5 }, (_, i) => item(`S-${i}`, `Widget Gizmo ${i}`));
    addSearchProducts(db, [...weak, ...strong]);
    const groups = [[{ words: ['widget'], prefix: false }], [{ words: ['gizmo'], prefix: false }], [{ words: ['nothing'], prefix: false }]];
    const docs = [35, 5, 0];
    const best = findCandidates(db, [groups[0]!, groups[1]!], 'any', 5).map((c) => c.id).sort();
    const chosen = partialCandidates(db, groups, docs, 5, 1000).map((c) => c.id).sort();
    expect(chosen).toEqual(best);
    const strongIds = (db.prepare(`SELECT id FROM products WHERE sku LIKE 'S-%'`).all() as { id: number }[]).map((r) => r.id).sort();
    expect(chosen).toEqual(strongIds);
  });
});

describe('brands', () => {
  it('never reads a brand of the catalog as another word, however few products carry it', () => {
    addSearchProducts(db, [item('KN-1', 'Trail Mug', 'Kettlo'), item('KT-1', 'Kettle, Steel'), item('KT-2', 'Kettle, Black'), item('KT-3', 'Kettle, Red'), item('KT-4', 'Kettle, Blue'), item('KT-5', 'Kettle, Green')]);
    const r = run({ query: 'kettlo', asYouType: false });
    expect(r.corrections).toEqual([]);
    expect(r.results.map((x) => x.sku)).toEqual(['KN-1']);
  });
});
