// Brand names of several words, learned from the retailer's own catalog: every brand field,
// and the words that open product titles when the catalog writes its brand there (most
// retailers do: 'Martha Stewart Living 30 in. Vanity'). A misspelt brand is often a real word
// ('martha steward', 'glacier bey'), which the corrector rightly leaves alone on its own; beside
// the rest of a brand phrase it is that brand misspelt. Found when a query asks, from the
// index (a catalog of a million products is not read whole), and remembered until the catalog
// changes.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';
import { allowedEdits, spellingDistance } from './editDistance.js';
import { columnPhrase } from './ftsQuery.js';
import { searchWords } from './words.js';

/** A title opening is a brand when at least this many titles open with it… */
const MIN_PRODUCTS = 3;
/** …and the words stand at the start of most of the titles holding them (a brand opens its titles; a kind of product shows up anywhere). */
const OPENING_SHARE = 0.8;
/** Brand phrases are two or three words. */
const LONGEST = 3;
/** Query words whose brands are remembered at most; forgotten all at once past it. */
const MEMO = 5000;
/** Titles and brands holding a query word read to find the brands it is part of. */
const SAMPLE = 300;
/** Shorter typed words are not read as a brand misspelt: too many brands are a letter away. */
const MIN_FIX_LETTERS = 4;
/** A real word is read as a brand misspelt only this near (one plain edit): it was likely meant as typed. */
const REAL_WORD_EDITS = 1;

export interface BrandFix {
  /** Index of the misspelt query word, and the brand's word for it. */
  at: number;
  to: string;
  distance: number;
}

const SAMPLE_SQL = `SELECT substr(title, 1, 80) AS title, brand FROM products_fts WHERE products_fts MATCH ? LIMIT ${SAMPLE}`;
const COUNT_SQL = `SELECT count(*) AS n FROM products_fts WHERE products_fts MATCH ?`;

export class BrandNames {
  /** Query word → the brand phrases it is the first or second word of. */
  private readonly byWord = new Map<string, string[][]>();
  /** Title openings already checked: are they a brand? */
  private readonly checked = new Map<string, boolean>();

  /** `titleDocs`: how many products hold a word (the index's vocabulary). */
  constructor(
    private readonly db: Database.Database,
    private readonly titleDocs: (word: string) => number,
  ) {}

  /**
   * The query words that are a brand phrase of the catalog but for one word spelt within
   * reach: 'martha steward' → stewart at 1. An exact brand phrase needs no fix and gives none.
   * `isRealWord`: a word of the language or the catalog, read as a brand misspelt only when very near.
   */
  fixes(words: readonly string[], isRealWord: (word: string) => boolean): BrandFix[] {
    const out: BrandFix[] = [];
    for (let i = 0; i < words.length; i++) {
      for (const phrase of this.phrasesWith(words[i]!)) {
        // The query word may be the phrase's first or second word.
        const start = phrase[0] === words[i] ? i : i - 1;
        if (start < 0 || start + phrase.length > words.length) continue;
        const fix = oneWordOff(words.slice(start, start + phrase.length), phrase, isRealWord);
        if (fix && !out.some((f) => f.at === start + fix.at) && this.isBrand(phrase)) out.push({ ...fix, at: start + fix.at });
      }
    }
    return out;
  }

  /** Brands (from the brand field) and title openings of two or three words that hold `word` first or second. */
  private phrasesWith(word: string): string[][] {
    let found = this.byWord.get(word);
    if (found) return found;
    if (this.byWord.size >= MEMO) this.byWord.clear();
    const seen = new Map<string, string[]>();
    const add = (p: string[]) => p.length >= 2 && p.slice(0, 2).includes(word) && p.every((w) => /[a-z]/.test(w)) && seen.set(p.join(' '), p);
    if (/[a-z]/.test(word) && this.titleDocs(word) > 0) {
      for (const column of ['title', 'brand'] as const) {
        const rows = statement(this.db, SAMPLE_SQL).all(columnPhrase(column, [word])) as { title: string; brand: string }[];
        for (const r of rows) {
          if (column === 'brand') add(searchWords(r.brand).slice(0, LONGEST));
          else {
            const opening = searchWords(r.title).slice(0, LONGEST);
            for (let n = 2; n <= opening.length; n++) add(opening.slice(0, n));
          }
        }
      }
    }
    found = [...seen.values()];
    this.byWord.set(word, found);
    return found;
  }

  /**
   * A brand field's name, or a title opening that opens at least MIN_PRODUCTS titles and most
   * of those holding its rarest word (a brand opens its titles; a kind of product shows up anywhere).
   */
  private isBrand(phrase: readonly string[]): boolean {
    const key = phrase.join(' ');
    let yes = this.checked.get(key);
    if (yes === undefined) {
      const count = (expr: string) => (statement(this.db, COUNT_SQL).get(expr) as { n: number }).n;
      const opens = count(columnPhrase('title', phrase, true));
      yes = count(columnPhrase('brand', phrase)) > 0 || (opens >= MIN_PRODUCTS && opens >= OPENING_SHARE * Math.min(...phrase.map(this.titleDocs)));
      this.checked.set(key, yes);
    }
    return yes;
  }
}

/** Where `typed` differs from `phrase` in exactly one word, spelt within the edits its length allows. */
function oneWordOff(typed: readonly string[], phrase: readonly string[], isRealWord: (word: string) => boolean): BrandFix | null {
  let fix: BrandFix | null = null;
  for (let k = 0; k < phrase.length; k++) {
    const word = typed[k]!;
    if (word === phrase[k]) continue;
    if (fix || word.length < MIN_FIX_LETTERS || /\d/.test(word)) return null;
    const max = isRealWord(word) ? REAL_WORD_EDITS : allowedEdits(Math.min(word.length, phrase[k]!.length));
    const distance = spellingDistance(word, phrase[k]!, max);
    if (distance === Infinity) return null;
    fix = { at: k, to: phrase[k]!, distance };
  }
  return fix;
}
