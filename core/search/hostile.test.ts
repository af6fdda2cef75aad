// Whatever a person (or a pasted clipboard) puts in the search field is searched as words:
// it never reaches FTS5 as syntax, never reaches SQL as code, and never crashes a search.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSearchStore } from '../testing/searchStore.js';
import { matchExpression, quoted } from './ftsQuery.js';
import { ProductSearch } from './search.js';
import { MAX_WORDS, searchWords } from './words.js';

export const HOSTILE_INPUTS: readonly string[] = [
  // FTS5 query syntax
  '"', '""', '"tent', 'tent"', 'NEAR(tent bag)', 'NEAR(tent bag, 2)', 'tent*', '*', '^tent', 'title:tent', 'brand : tent',
  '{title brand}: tent', '-title: tent', '(tent', 'tent)', '()', 'tent AND', 'OR tent', 'NOT', 'tent NOT bag', 'AND OR NOT',
  'tent + bag', "tent's", 'products_fts', 'rank:', 'bm25(products_fts)', '*:*', '"" OR ""',
  // SQL
  "'; DROP TABLE products; --", "' OR 1=1 --", '1; DELETE FROM inventory', 'tent\' UNION SELECT * FROM staff --', '%', '_', '\\',
  // size
  'a'.repeat(10_000), 'tent '.repeat(2_000), '"'.repeat(10_000), '('.repeat(5_000),
  // emoji, RTL, other scripts, control characters
  '⛺️ tent', '🏕️🏕️🏕️', '👩🏽‍🚒', 'خيمة', '\u202Etnet\u202C', 'אוהל 2', 'テント', 'Zoë Ångström', 'ﬁsh', 'ｔｅｎｔ',
  'tent\u0000bag', '\u0000', '\u0000"\u0000*', 'tent\u0007\u001b[31m', '\uFEFFtent', '\uD800', '\t\n\r',
  // empty
  '', ' ', '     ',
];

let db: Database.Database;
let search: ProductSearch;
beforeAll(() => {
  db = openSearchStore();
  search = new ProductSearch(db);
});
afterAll(() => db.close());

describe('hostile input', () => {
  it('searches every hostile input as words, without an error or a write', () => {
    const before = db.prepare(`SELECT (SELECT count(*) FROM products) AS p, (SELECT count(*) FROM inventory) AS i, total_changes() AS c`).get();
    for (const input of HOSTILE_INPUTS) {
      for (const asYouType of [true, false]) {
        const r = search.search({ query: input, asYouType }, { storeId: 'S1', inventoryAgeMinutes: 0 });
        expect(r.words.length, JSON.stringify(input.slice(0, 40))).toBeLessThanOrEqual(MAX_WORDS);
        expect(Array.isArray(r.results)).toBe(true);
      }
    }
    const after = db.prepare(`SELECT (SELECT count(*) FROM products) AS p, (SELECT count(*) FROM inventory) AS i, total_changes() AS c`).get();
    expect(after).toEqual(before);
  });

  it('finds the item when the words around the syntax are real', () => {
    const skus = (q: string) => search.search({ query: q }, { storeId: 'S1', inventoryAgeMinutes: 0 }).results.map((r) => r.sku);
    expect(skus('headlamp*')).toEqual(['LAMP-1']);
    expect(skus('"headlamp')).toEqual(['LAMP-1']);
    expect(skus('title:headlamp')).toContain('LAMP-1');
    expect(skus('NEAR(headlamp)')).toContain('LAMP-1');
    expect(skus('ｈｅａｄｌａｍｐ')).toEqual(['LAMP-1']); // full-width letters fold like the index
  });

  it('quotes every word, so FTS5 reads operators and punctuation as text', () => {
    expect(quoted('say "hi"')).toBe('"say ""hi"""');
    const expr = matchExpression([[{ words: ['near'], prefix: false }], [{ words: ['or'], prefix: true }], [{ words: ['not'], prefix: false }]], 'all');
    expect(expr).toBe('"near" AND "or" * AND "not"');
    // Every word the tokenizer gives back is letters and digits only.
    for (const input of HOSTILE_INPUTS) for (const w of searchWords(input)) expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
    // And FTS5 accepts each expression built from them.
    for (const input of HOSTILE_INPUTS) {
      const groups = searchWords(input).map((w) => [{ words: [w], prefix: true }]);
      const e = matchExpression(groups, 'any');
      if (e) expect(() => db.prepare(`SELECT count(*) FROM products_fts WHERE products_fts MATCH ?`).get(e)).not.toThrow();
    }
  });
});
