import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../testing/app.js';
import { addSearchProducts, openSearchStore, type SearchStoreProduct } from '../testing/searchStore.js';
import { SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';
import { ProductSearch } from './search.js';
import { chosenFromLog, flushSearchLog, learnFromSearchLog, learnReformulations, recordChoice, recordSearch, type SearchLogRow } from './searchLog.js';

let db: Database.Database;
const item = (sku: string, title: string): SearchStoreProduct => ({ sku, title, brand: 'Acme', category: 'apparel', price: 20, stock: { S1: 3 } });
const ctx = { storeId: 'S1', inventoryAgeMinutes: 1 };
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 4, 1, 10, minute, second));
const log = () => db.prepare(`SELECT query, results, chosen_sku AS chosenSku FROM search_log ORDER BY id`).all();

beforeEach(() => {
  db = openSearchStore();
  addSearchProducts(db, [
    item('VAC-1', 'Upright Vacuum Cleaner'),
    item('VAC-2', 'Cordless Stick Vacuum'),
    item('VAC-3', 'Wet Dry Shop Vacuum'),
    item('PAIL-5', '5 Gal. Homer Bucket'),
    item('PAIL-2', '2 Gal. Utility Pail'),
    item('PAINT-1', 'Interior Paint, 1 Gal., White'),
    item('STAIN-1', 'Deck Stain, 1 Gal., Cedar'),
    item('GALLON-J', 'Gallon Jug Bucket Stand'),
    ...Array.from({ length: 40 }, (_, i) => item(`MISC-${i}`, `Camp Mug ${i}`)),
  ]);
});
afterEach(() => db.close());

describe('the search log', () => {
  it('keeps one row per query typed, not per keystroke, and the product opened after it', () => {
    for (const [i, q] of ['v', 'va', 'vac', 'vacuum'].entries()) recordSearch(db, q, 10 - i, at(0, i));
    recordSearch(db, 'vacu', 3, at(0, 5)); // deleting letters records nothing
    recordChoice(db, 'VAC-2', at(1));
    recordSearch(db, 'mug', 40, at(2));
    expect(log()).toHaveLength(1); // a query is written once finished, not at every keystroke
    flushSearchLog(db);
    expect(log()).toEqual([
      { query: 'vacuum', results: 7, chosenSku: 'VAC-2' },
      { query: 'mug', results: 40, chosenSku: null },
    ]);
    // Long after the search, an opened product is not what that search was for.
    recordSearch(db, 'tent', 0, at(3));
    recordChoice(db, 'MISC-1', at(30));
    flushSearchLog(db);
    expect(log()[2]).toEqual({ query: 'tent', results: 0, chosenSku: null });
  });

  it('pairs a query that found nothing with the product the look-up ended in', () => {
    const rows: SearchLogRow[] = [
      { at: at(0).toISOString(), query: 'hoover', results: 0, chosenSku: null },
      { at: at(1).toISOString(), query: 'vacuum', results: 3, chosenSku: 'VAC-1' },
      { at: at(20).toISOString(), query: 'zzz', results: 0, chosenSku: null }, // a later look-up, nothing chosen
    ];
    expect(chosenFromLog(rows, (sku) => (sku === 'VAC-1' ? 'Upright Vacuum Cleaner' : undefined))).toEqual([
      { query: 'vacuum', title: 'Upright Vacuum Cleaner', found: null },
      { query: 'hoover', title: 'Upright Vacuum Cleaner', found: 'vacuum' },
    ]);
  });

  it('learns a reformulation only from several look-ups', () => {
    const one = (title: string) => ({ query: 'hoover', title, found: 'vacuum' });
    expect(learnReformulations([one('Upright Vacuum Cleaner'), one('Cordless Stick Vacuum')])).toEqual([]);
    expect(learnReformulations([one('Upright Vacuum Cleaner'), one('Cordless Stick Vacuum'), one('Wet Dry Shop Vacuum')])).toEqual([
      { term: 'hoover', equivalent: 'vacuum', queries: 3 },
    ]);
    // Two words changed at once say nothing about either.
    expect(learnReformulations([1, 2, 3].map((i) => ({ query: `hoover big ${i}`, title: 'Upright Vacuum Cleaner', found: `vacuum small ${i}` })))).toEqual([]);
  });

  it('learned at start-up, a word that found nothing finds what associates chose instead', () => {
    const search = new ProductSearch(db);
    const skus = (q: string) => search.search({ query: q, asYouType: false }, ctx).results.map((r) => r.sku);
    expect(skus('hoover')).toEqual([]);
    ['VAC-1', 'VAC-2', 'VAC-3'].forEach((sku, day) => {
      recordSearch(db, 'hoover', 0, at(10 * day));
      recordSearch(db, 'vacuum', 3, at(10 * day + 1));
      recordChoice(db, sku, at(10 * day + 2));
    });
    expect(learnFromSearchLog(db, at(59))).toBe(1);
    expect(skus('hoover').sort()).toEqual(['VAC-1', 'VAC-2', 'VAC-3']);
    expect(learnFromSearchLog(db, at(59))).toBe(0);
  });

  it('a short form learned from the log changes the ranking: the product people chose now holds every word', () => {
    const search = new ProductSearch(db);
    const place = () => search.search({ query: 'gallon bucket', asYouType: false }, ctx).results.map((r) => `${r.sku}:${r.match}`);
    expect(place()).toContain('PAIL-5:some');
    const lookups: Array<[string, string]> = [
      ['5 gallon bucket', 'PAIL-5'],
      ['gallon paint white', 'PAINT-1'],
      ['deck stain gallon', 'STAIN-1'],
      ['2 gallon pail', 'PAIL-2'],
    ];
    lookups.forEach(([q, sku], i) => {
      recordSearch(db, q, 2, at(10 * i));
      recordChoice(db, sku, at(10 * i + 1));
    });
    expect(learnFromSearchLog(db, at(59))).toBe(2); // gallon ↔ gal
    expect(place().slice(0, 2).sort()).toEqual(['GALLON-J:all', 'PAIL-5:all']);
  });

  it('forgets look-ups older than 90 days', () => {
    recordSearch(db, 'hoover', 0, new Date(Date.UTC(2026, 0, 1)));
    learnFromSearchLog(db, at(0));
    expect(log()).toEqual([]);
  });

  it('is written by the app as the associate searches and opens a product, with no one named', () => {
    const app = createApp({ db, now: () => SMALL_NOW });
    expect(app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
    for (const query of ['va', 'vacu', 'vacuum']) expect(app.call('search.products', { query }).ok).toBe(true);
    expect(app.call('search.product', { sku: 'VAC-3' }).ok).toBe(true);
    expect(db.prepare(`SELECT * FROM search_log`).all()).toEqual([{ id: 1, at: SMALL_NOW.toISOString(), query: 'vacuum', results: 3, chosen_sku: 'VAC-3' }]);
  });
});
