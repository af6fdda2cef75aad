// The index's own words with how many products hold each (FTS5's fts5vocab), kept in memory
// for typo correction, stemming and prefix estimates, and which words are brand words.
// Loaded on the first search, and again only when the catalog's search generation moves
// (triggers bump it when an indexed field changes).
import type Database from 'better-sqlite3';
import { doubleMetaphone } from 'double-metaphone';
import { stemmer } from 'stemmer';
import { allowedEdits, CHEAPEST_EDIT, spellingDistance } from './editDistance.js';

export interface Correction {
  word: string;
  /** Weighted edits (editDistance.ts), less a bonus when the two sound alike. */
  distance: number;
  docs: number;
}

/**
 * Chosen on the tuning part of the search dev sets: one edit is worth a word this many times
 * as common (log10 units per edit); a word that sounds the same (same Double Metaphone key)
 * is this much nearer, and may be one edit further than the length allows.
 */
export const CORRECTION = { frequencyWeight: 0.12, phoneticBonus: 0.5 } as const;

/** Words sharing a stem with a query word that are searched too ('bike' for 'bikes'). */
const MAX_VARIANTS = 4;

export class Vocabulary {
  private readonly terms: string[];
  private readonly docCounts: Int32Array;
  private readonly index = new Map<string, number>();
  private readonly byLength = new Map<number, number[]>();
  private readonly brandWords: ReadonlySet<string>;
  /** Distinct prefixes of a length with the products under them, built when first needed. */
  private readonly prefixesOfLength = new Map<number, Map<string, number>>();
  private byStem: Map<string, number[]> | null = null;
  private bySound: Map<string, number[]> | null = null;
  /** Each term's letters counted (LETTERS slots a term), to skip words too unlike to align. */
  private letterCounts: Uint8Array | null = null;
  /** Corrections already worked out: as-you-type asks again for every earlier word at each keystroke. */
  private readonly memo = new Map<string, Correction[]>();

  /**
   * `rows`: one per word and column it occurs in ('brand' marks brand words); `products`: how
   * many products are indexed (for how rare a word is).
   */
  constructor(
    rows: ReadonlyArray<{ term: string; doc: number; col?: string }>,
    readonly products = 0,
  ) {
    const docs = new Map<string, number>();
    const brands = new Set<string>();
    for (const r of rows) {
      // Summed over columns: an upper bound of the products holding the word, as estimates need.
      docs.set(r.term, (docs.get(r.term) ?? 0) + r.doc);
      if (r.col === 'brand') brands.add(r.term);
    }
    this.brandWords = brands;
    this.terms = [...docs.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.docCounts = Int32Array.from(this.terms.map((t) => docs.get(t)!));
    this.terms.forEach((t, i) => {
      this.index.set(t, i);
      let list = this.byLength.get(t.length);
      if (!list) this.byLength.set(t.length, (list = []));
      list.push(i);
    });
  }

  static load(db: Database.Database): Vocabulary {
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.products_fts_vocab_col USING fts5vocab(main, products_fts, 'col')`);
    const rows = db.prepare(`SELECT term, col, doc FROM temp.products_fts_vocab_col`).all() as { term: string; col: string; doc: number }[];
    const { n } = db.prepare(`SELECT count(*) AS n FROM products`).get() as { n: number };
    return new Vocabulary(rows, n);
  }

  get size(): number {
    return this.terms.length;
  }

  /** How much a word that this many products hold says about a product (inverse document frequency). */
  weight(docs: number): number {
    return Math.log(1 + Math.max(this.products, docs) / (1 + docs));
  }

  docs(word: string): number {
    const i = this.index.get(word);
    return i === undefined ? 0 : this.docCounts[i]!;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** A word of some product's brand. */
  isBrandWord(word: string): boolean {
    return this.brandWords.has(word);
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

  /** Index words with the same (Porter) stem as `word`, most common first, `word` left out. */
  variants(word: string): string[] {
    if (!this.byStem) this.byStem = this.group((t) => [stemmer(t)]);
    return (this.byStem.get(stemmer(word)) ?? [])
      .filter((i) => this.terms[i] !== word)
      .sort((a, b) => this.docCounts[b]! - this.docCounts[a]!)
      .slice(0, MAX_VARIANTS)
      .map((i) => this.terms[i]!);
  }

  /**
   * Index words a misspelling may stand for, best first: weighted edits within what the
   * word's length allows (one more for a word that sounds the same), less a bonus for
   * sounding the same, traded against how common the word is. `word` itself is not among them.
   */
  corrections(word: string, limit = 2): Correction[] {
    return this.remembered(`w:${limit}:${word}`, () => this.findCorrections(word, limit));
  }

  private findCorrections(word: string, limit: number): Correction[] {
    const max = allowedEdits(word.length);
    if (max === 0 || /\d/.test(word)) return [];
    const found = new Map<number, Correction>();
    const counts = this.countsOfTerms();
    const mine = letterCounts(word);
    // Cheap gaps (a doubled letter) let a word differ in length by a little more than `max`.
    for (let len = word.length - max - 1; len <= word.length + max + 1; len++) {
      for (const i of this.byLength.get(len) ?? []) {
        const term = this.terms[i]!;
        if (term === word || !withinLetters(mine, counts, i, max)) continue;
        const distance = spellingDistance(word, term, max);
        if (distance !== Infinity) found.set(i, { word: term, distance, docs: this.docCounts[i]! });
      }
    }
    if (!this.bySound) this.bySound = this.group((t) => (/\d/.test(t) || t.length < 3 ? [] : doubleMetaphone(t)));
    const keys = new Set(doubleMetaphone(word));
    for (const key of keys) {
      for (const i of this.bySound.get(key) ?? []) {
        const term = this.terms[i]!;
        if (term === word) continue;
        const distance = found.get(i)?.distance ?? spellingDistance(word, term, max + 1);
        if (distance !== Infinity) found.set(i, { word: term, distance: Math.max(0.1, distance - CORRECTION.phoneticBonus), docs: this.docCounts[i]! });
      }
    }
    return best([...found.values()], limit);
  }

  /** For a word still being typed that starts no index word: prefixes one edit away. */
  prefixCorrections(prefix: string, limit = 2): Correction[] {
    return this.remembered(`p:${limit}:${prefix}`, () => this.findPrefixCorrections(prefix, limit));
  }

  private findPrefixCorrections(prefix: string, limit: number): Correction[] {
    if (prefix.length < 4) return [];
    const found: Correction[] = [];
    const mine = letterCounts(prefix);
    for (let len = prefix.length - 1; len <= prefix.length + 1; len++) {
      for (const [candidate, docs] of this.prefixes(len)) {
        if (!withinLetters(mine, letterCounts(candidate), 0, 1)) continue;
        const distance = spellingDistance(prefix, candidate, 1);
        if (distance !== Infinity && distance > 0) found.push({ word: candidate, distance, docs });
      }
    }
    return best(found, limit);
  }

  private remembered(key: string, work: () => Correction[]): Correction[] {
    let out = this.memo.get(key);
    if (!out) {
      if (this.memo.size >= MEMO) this.memo.clear();
      this.memo.set(key, (out = work()));
    }
    return out;
  }

  private countsOfTerms(): Uint8Array {
    if (!this.letterCounts) {
      const all = new Uint8Array(this.terms.length * LETTERS);
      this.terms.forEach((t, i) => all.set(letterCounts(t), i * LETTERS));
      this.letterCounts = all;
    }
    return this.letterCounts;
  }

  /** Term indexes grouped by keys of each term (its stem, its sound), built once per vocabulary. */
  private group(keysOf: (term: string) => readonly string[]): Map<string, number[]> {
    const map = new Map<string, number[]>();
    this.terms.forEach((t, i) => {
      for (const k of new Set(keysOf(t))) {
        const list = map.get(k);
        if (list) list.push(i);
        else map.set(k, [i]);
      }
    });
    return map;
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

/** Corrections remembered at most; forgotten all at once past it (a day's typing fits). */
const MEMO = 5000;

/** Letter slots: a–z, 0–9, and one for anything else. */
const LETTERS = 37;

function letterCounts(word: string): Uint8Array {
  const out = new Uint8Array(LETTERS);
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    const slot = c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 + c - 48 : 36;
    if (out[slot]! < 255) out[slot]!++;
  }
  return out;
}

/**
 * Whether `word`'s letters (counts `mine`) and those of the term at `at` in `counts` can be
 * within `max` of each other: an edit adds or removes at most one letter on each side, and
 * costs at least CHEAPEST_EDIT, so more letters unmatched than that allows means farther.
 */
function withinLetters(mine: Uint8Array, counts: Uint8Array, at: number, max: number): boolean {
  let extra = 0;
  let missing = 0;
  const base = at * LETTERS;
  for (let k = 0; k < LETTERS; k++) {
    const d = mine[k]! - counts[base + k]!;
    if (d > 0) extra += d;
    else missing -= d;
  }
  return Math.max(extra, missing) * CHEAPEST_EDIT <= max;
}

function cost(c: Correction): number {
  return c.distance - CORRECTION.frequencyWeight * Math.log10(1 + c.docs);
}

function best(found: Correction[], limit: number): Correction[] {
  return found.sort((a, b) => cost(a) - cost(b) || (a.word < b.word ? -1 : 1)).slice(0, limit);
}
