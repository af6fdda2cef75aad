// The retailer's synonyms and units (table search_synonyms), as search words.
import type Database from 'better-sqlite3';
import { searchWords } from './words.js';

export class Synonyms {
  /** 'tee' → ['t shirt']; 't shirt' → ['tee']; 'l' → ['litre', 'liter'] (units). */
  private readonly equivalents = new Map<string, string[][]>();
  private readonly units = new Map<string, string[][]>();
  /** Longest term, in words: how far ahead a query is checked for a phrase. */
  readonly longest: number;

  constructor(rows: ReadonlyArray<{ term: string; equivalent: string; kind: 'synonym' | 'unit' }>) {
    let longest = 1;
    for (const r of rows) {
      const term = searchWords(r.term).join(' ');
      const equivalent = searchWords(r.equivalent);
      if (!term || equivalent.length === 0) continue;
      const map = r.kind === 'unit' ? this.units : this.equivalents;
      const list = map.get(term) ?? [];
      list.push(equivalent);
      map.set(term, list);
      longest = Math.max(longest, term.split(' ').length);
    }
    this.longest = longest;
    // Spellings of one unit are all the same unit, both ways and one step further:
    // 'inch' → 'in' as well as 'in' → 'inch'; 'liter' → 'l' → 'litre'.
    for (const [term, list] of [...this.units]) {
      for (const w of list) {
        const back = this.units.get(w.join(' ')) ?? [];
        if (!back.some((b) => b.join(' ') === term)) this.units.set(w.join(' '), [...back, term.split(' ')]);
      }
    }
    for (const [term, list] of this.units) {
      const seen = new Set([term, ...list.map((w) => w.join(' '))]);
      for (const w of [...list]) {
        for (const further of this.units.get(w.join(' ')) ?? []) {
          const key = further.join(' ');
          if (!seen.has(key)) (seen.add(key), list.push(further));
        }
      }
    }
  }

  static load(db: Database.Database): Synonyms {
    return new Synonyms(db.prepare(`SELECT term, equivalent, kind FROM search_synonyms`).all() as never);
  }

  /** Phrases that mean the same as `words` (joined), whether a synonym or a unit. */
  of(words: readonly string[]): string[][] {
    const key = words.join(' ');
    return [...(this.equivalents.get(key) ?? []), ...(this.units.get(key) ?? [])];
  }

  /** Other spellings of a unit: 'l' → ['litre'], ['liter']. */
  unit(word: string): string[][] {
    return this.units.get(word) ?? [];
  }
}
