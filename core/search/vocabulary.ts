// The index's own words with how many products hold each (FTS5's fts5vocab), kept in memory
// for typo correction and prefix estimates. Loaded on the first search, and again only when
// the catalog's search generation moves (triggers bump it when an indexed field changes).
import type Database from 'better-sqlite3';
import { allowedEdits, typoDistance } from './editDistance.js';

export interface Correction {
  word: string;
  distance: number;
  docs: number;
}

/** One extra edit is worth a word this many times as common (log10 units per edit). */
const FREQUENCY_WEIGHT = 0.12;

export class Vocabulary {
  private readonly terms: string[];
  private readonly docCounts: Int32Array;
  private readonly index = new Map<string, number>();
  private readonly byLength = new Map<number, number[]>();
  /** Distinct prefixes of a length with the products under them, built when first needed. */
  private readonly prefixesOfLength = new Map<number, Map<string, number>>();

  constructor(rows: ReadonlyArray<{ term: string; doc: number }>) {
    const sorted = [...rows].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    this.terms = sorted.map((r) => r.term);
    this.docCounts = Int32Array.from(sorted.map((r) => r.doc));
    this.terms.forEach((t, i) => {
      this.index.set(t, i);
      let list = this.byLength.get(t.length);
      if (!list) this.byLength.set(t.length, (list = []));
      list.push(i);
    });
  }

  static load(db: Database.Database): Vocabulary {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.products_fts_vocab USING fts5vocab(main, products_fts, 'row')`);
    return new Vocabulary(db.prepare(`SELECT term, doc FROM temp.products_fts_vocab`).all() as { term: string; doc: number }[]);
  }

  get size(): number {
    return this.terms.length;
  }

  docs(word: string): number {
    const i = this.index.get(word);
    return i === undefined ? 0 : this.docCounts[i]!;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Products holding a word that starts with `prefix` (an upper bound: a product may hold several). */
  prefixDocs(prefix: string, cap = Infinity): number {
    let sum = 0;
    for (let i = this.lowerBound(prefix); i < this.terms.length && this.terms[i]!.startsWith(prefix); i++) {
      sum += this.docCounts[i]!;
      if (sum >= cap) return sum;
    }
    return sum;
  }

  hasPrefix(prefix: string): boolean {
    const i = this.lowerBound(prefix);
    return i < this.terms.length && this.terms[i]!.startsWith(prefix);
  }

  /**
   * Index words within the edits a word of this length allows, best first: fewest edits,
   * then most products. `word` itself is not among them.
   */
  corrections(word: string, limit = 2): Correction[] {
    const max = allowedEdits(word.length);
    if (max === 0) return [];
    const found: Correction[] = [];
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const i of this.byLength.get(len) ?? []) {
        const term = this.terms[i]!;
        if (term === word) continue;
        const distance = typoDistance(word, term, max);
        if (distance !== Infinity) found.push({ word: term, distance, docs: this.docCounts[i]! });
      }
    }
    return best(found, limit);
  }

  /** For a word still being typed that starts no index word: prefixes one edit away. */
  prefixCorrections(prefix: string, limit = 2): Correction[] {
    if (prefix.length < 4) return [];
    const found: Correction[] = [];
    for (let len = prefix.length - 1; len <= prefix.length + 1; len++) {
      for (const [candidate, docs] of this.prefixes(len)) {
        const distance = typoDistance(prefix, candidate, 1);
        if (distance !== Infinity && distance > 0) found.push({ word: candidate, distance, docs });
      }
    }
    return best(found, limit);
  }

  private prefixes(length: number): Map<string, number> {
    let map = this.prefixesOfLength.get(length);
    if (!map) {
      map = new Map();
      this.terms.forEach((t, i) => {
        if (t.length < length) return;
        const p = t.slice(0, length);
        map!.set(p, (map!.get(p) ?? 0) + this.docCounts[i]!);
      });
      this.prefixesOfLength.set(length, map);
    }
    return map;
  }

  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function cost(c: Correction): number {
  return c.distance - FREQUENCY_WEIGHT * Math.log10(1 + c.docs);
}

function best(found: Correction[], limit: number): Correction[] {
  return found.sort((a, b) => cost(a) - cost(b)).slice(0, limit);
}
