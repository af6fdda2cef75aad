// Abbreviations learned from what customers searched and then chose: when the products people
// pick for a word they spelt out keep lacking it but hold a short form of it far more often than
// the catalog does ('gallon' → titles saying 'gal.', 'package' → 'pkg'), that short form is how
// this catalog writes the word. Only a short form passes (same first letter, the rest of its
// letters in order): a word that merely stands beside the chosen products ('bulb' beside '60W
// equivalent', 'dryer' beside 'cu. ft.') is a neighbour, not a synonym, and reading it as one
// would flood results. Learned pairs go to the retailer's synonym table both ways, so search
// uses them like any other synonym (the typed word still matches as itself).
import type Database from 'better-sqlite3';
import { stemmer } from 'stemmer';
import { columnPhrase } from './ftsQuery.js';
import { searchWords, textWords } from './words.js';

/** One search that ended in a product chosen (clicked, ordered, or judged relevant). */
export interface ChosenResult {
  query: string;
  title: string;
}

/** A word is learned only from this many different queries that chose a product lacking it… */
const MIN_QUERIES = 3;
/** …when at least this share of them chose a product holding the learned word… */
const MIN_SHARE = 0.5;
/** …and that word is this many times as common among them as in the catalog (not a word every title has)… */
const MIN_LIFT = 10;
/** …and few of the titles holding either word hold both: a synonym stands in for the word, a neighbour ('bulb', '60W equivalent') stands beside it. */
const MAX_TOGETHER = 0.1;

export interface LearnedSynonym {
  term: string;
  equivalent: string;
  /** Different queries that support it. */
  queries: number;
}

/** What the learner asks of the catalog. */
export interface CatalogCounts {
  /** How many products' titles hold every one of these words. */
  titlesWith(words: readonly string[]): number;
  products: number;
}

/** Synonyms from chosen results, checked against the catalog's titles. */
export function learnSynonyms(log: readonly ChosenResult[], catalog: CatalogCounts): LearnedSynonym[] {
  // Per query word missing from the chosen title: the distinct queries, and per title word the queries choosing it.
  const missing = new Map<string, Set<string>>();
  const together = new Map<string, Map<string, Set<string>>>();
  for (const { query, title } of log) {
    const asked = searchWords(query);
    const own = new Set(textWords(title));
    const ownStems = new Set([...own].map((w) => stemmer(w)));
    const askedStems = new Set(asked.map((w) => stemmer(w)));
    const key = asked.join(' ');
    for (const w of new Set(asked)) {
      if (!/^[a-z]{2,}$/.test(w) || own.has(w) || ownStems.has(stemmer(w))) continue;
      let queries = missing.get(w);
      if (!queries) missing.set(w, (queries = new Set()));
      queries.add(key);
      let byWord = together.get(w);
      if (!byWord) together.set(w, (byWord = new Map()));
      for (const t of own) {
        if (!/^[a-z]{2,}$/.test(t) || askedStems.has(stemmer(t))) continue;
        let q = byWord.get(t);
        if (!q) byWord.set(t, (q = new Set()));
        q.add(key);
      }
    }
  }
  const out: LearnedSynonym[] = [];
  for (const [term, queries] of missing) {
    if (queries.size < MIN_QUERIES) continue;
    let best: LearnedSynonym | null = null;
    for (const [equivalent, q] of together.get(term) ?? []) {
      if (!isShortFormOf(equivalent, term) || q.size < MIN_QUERIES || q.size / queries.size < MIN_SHARE || (best && q.size < best.queries)) continue;
      const holding = catalog.titlesWith([equivalent]);
      if (holding === 0 || q.size / queries.size < MIN_LIFT * (holding / Math.max(1, catalog.products))) continue;
      const termHolding = catalog.titlesWith([term]);
      if (catalog.titlesWith([term, equivalent]) > MAX_TOGETHER * (termHolding > 0 ? Math.min(holding, termHolding) : holding)) continue;
      if (!best || q.size > best.queries || equivalent < best.equivalent) best = { term, equivalent, queries: q.size };
    }
    if (best) out.push(best);
  }
  return out.sort((a, b) => (a.term < b.term ? -1 : 1));
}

/** 'gal' of 'gallon', 'pkg' of 'package', 'qt' of 'quart': shorter, same first letter, its letters in order. */
export function isShortFormOf(short: string, word: string): boolean {
  if (short.length < 2 || short.length >= word.length || short[0] !== word[0]) return false;
  let at = 1;
  for (let i = 1; i < word.length && at < short.length; i++) if (word[i] === short[at]) at++;
  return at === short.length;
}

/** The catalog's counts from the search index. */
export function indexCounts(db: Database.Database): CatalogCounts {
  const count = db.prepare(`SELECT count(*) AS n FROM products_fts WHERE products_fts MATCH ?`);
  const { n } = db.prepare(`SELECT count(*) AS n FROM products`).get() as { n: number };
  return { products: n, titlesWith: (words) => (count.get(words.map((w) => columnPhrase('title', [w])).join(' AND ')) as { n: number }).n };
}

/** Adds learned pairs to the retailer's table both ways (a pair already there is kept as it is); returns how many rows were new. */
export function saveLearnedSynonyms(db: Database.Database, learned: readonly LearnedSynonym[]): number {
  const insert = db.prepare(`INSERT OR IGNORE INTO search_synonyms (term, equivalent, kind) VALUES (?, ?, 'synonym')`);
  return db.transaction(() => learned.reduce((n, s) => n + insert.run(s.term, s.equivalent).changes + insert.run(s.equivalent, s.term).changes, 0))();
}
