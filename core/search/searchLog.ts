// The device's search log (table search_log) and what the search learns from it. Each look-up
// is one row: the words as finally typed (keystrokes of one query collapse into one row, written
// once the query is finished), how
// many products it found, and the product the associate opened next. No customer, no staff.
// Learned at start-up (core/host/deviceHost.ts) into the retailer's synonym table:
// - short forms (learnSynonyms.ts): people spell out 'gallon', the products they open say 'gal';
// - reformulations: a query that found nothing, then one word changed and the product opened
//   ('hoover' → 'vacuum'), seen in several look-ups: the first word now finds what the second did.
import type Database from 'better-sqlite3';
import { stemmer } from 'stemmer';
import { indexCounts, learnSynonyms, saveLearnedSynonyms, type ChosenResult, type LearnedSynonym } from './learnSynonyms.js';
import { searchWords, textWords } from './words.js';

/** A query extended this soon after the last one is the same query still being typed. */
const TYPING_MS = 20_000;
/** A product opened this soon after a search was found by it. */
const CHOICE_MS = 10 * 60_000;
/** Searches this close to each other are one look-up (a failed query, then a better one). */
const LOOKUP_MS = 5 * 60_000;
/** What the log keeps: enough look-ups to learn from, not a history of the store. */
const KEEP_DAYS = 90;
/** A reformulation is learned once this many look-ups made it. */
const MIN_REFORMULATIONS = 3;

export interface SearchLogRow {
  at: string;
  query: string;
  results: number;
  chosenSku: string | null;
}

/** The search still being typed, per replica: written once it is finished, not at every keystroke (each write is a commit and an fsync). */
const typing = new WeakMap<Database.Database, Omit<SearchLogRow, 'chosenSku'>>();

/** Records a search as the app ran it. A query still being typed replaces its shorter self; deleting letters records nothing. */
export function recordSearch(db: Database.Database, query: string, results: number, now: Date): void {
  const words = searchWords(query).join(' ');
  if (!words) return;
  const last = typing.get(db);
  const stillTyping = last !== undefined && now.getTime() - Date.parse(last.at) <= TYPING_MS;
  if (stillTyping && last.query.startsWith(words)) return;
  if (last && !(stillTyping && words.startsWith(last.query))) write(db, { ...last, chosenSku: null });
  typing.set(db, { at: now.toISOString(), query: words, results });
}

/** The associate opened this product: it is what the search just run (if recent) was for. */
export function recordChoice(db: Database.Database, sku: string, now: Date): void {
  const last = typing.get(db);
  if (!last || now.getTime() - Date.parse(last.at) > CHOICE_MS) return;
  typing.delete(db);
  write(db, { ...last, chosenSku: sku });
}

/** Writes the search still being typed, if any. */
export function flushSearchLog(db: Database.Database): void {
  const last = typing.get(db);
  typing.delete(db);
  if (last) write(db, { ...last, chosenSku: null });
}

function write(db: Database.Database, row: SearchLogRow): void {
  db.prepare(`INSERT INTO search_log (at, query, results, chosen_sku) VALUES (?, ?, ?, ?)`).run(row.at, row.query, row.results, row.chosenSku);
}

/**
 * Query → chosen product title pairs: each search that ended in a product, and the searches
 * of the same look-up before it that found nothing (they were after the same product).
 */
export function chosenFromLog(rows: readonly SearchLogRow[], titleOf: (sku: string) => string | undefined): Array<ChosenResult & { found: string | null }> {
  const out: Array<ChosenResult & { found: string | null }> = [];
  rows.forEach((row, i) => {
    const title = row.chosenSku === null ? undefined : titleOf(row.chosenSku);
    if (title === undefined) return;
    out.push({ query: row.query, title, found: null });
    for (let k = i - 1; k >= 0; k--) {
      const prev = rows[k]!;
      if (prev.chosenSku !== null || Date.parse(rows[k + 1]!.at) - Date.parse(prev.at) > LOOKUP_MS) break;
      if (prev.results === 0) out.push({ query: prev.query, title, found: row.query });
    }
  });
  return out;
}

/**
 * A failed query and the one that found the chosen product, differing in one word each, the
 * new word in the product's title: the failed word stands for it. Learned one way (the failed
 * word finds what the other does), from several look-ups.
 */
export function learnReformulations(chosen: ReadonlyArray<ChosenResult & { found: string | null }>): LearnedSynonym[] {
  const seen = new Map<string, Set<string>>();
  for (const c of chosen) {
    if (c.found === null) continue;
    const failed = searchWords(c.query);
    const found = searchWords(c.found);
    const gone = failed.filter((w) => !found.includes(w));
    const added = found.filter((w) => !failed.includes(w));
    if (gone.length !== 1 || added.length !== 1 || !/^[a-z]{2,}$/.test(gone[0]!) || !/^[a-z]{2,}$/.test(added[0]!)) continue;
    const title = new Set(textWords(c.title).map((w) => stemmer(w)));
    if (!title.has(stemmer(added[0]!)) || title.has(stemmer(gone[0]!))) continue;
    const key = `${gone[0]} ${added[0]}`;
    let queries = seen.get(key);
    if (!queries) seen.set(key, (queries = new Set()));
    queries.add(`${c.query}\u0000${c.title}`);
  }
  return [...seen]
    .filter(([, q]) => q.size >= MIN_REFORMULATIONS)
    .map(([key, q]) => {
      const [term, equivalent] = key.split(' ') as [string, string];
      return { term, equivalent, queries: q.size };
    })
    .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : a.equivalent < b.equivalent ? -1 : 1));
}

/** Forgets old look-ups, learns from the rest, adds what is new to the synonym table; returns the rows added. */
export function learnFromSearchLog(db: Database.Database, now: Date): number {
  return db.transaction(() => {
    flushSearchLog(db);
    db.prepare(`DELETE FROM search_log WHERE at < ?`).run(new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString());
    const rows = db.prepare(`SELECT at, query, results, chosen_sku AS chosenSku FROM search_log ORDER BY id`).all() as SearchLogRow[];
    const title = db.prepare(`SELECT title FROM products WHERE sku = ?`).pluck();
    const chosen = chosenFromLog(rows, (sku) => title.get(sku) as string | undefined);
    if (chosen.length === 0) return 0;
    const shortForms = saveLearnedSynonyms(db, learnSynonyms(chosen, indexCounts(db)));
    const insert = db.prepare(`INSERT OR IGNORE INTO search_synonyms (term, equivalent, kind) VALUES (?, ?, 'synonym')`);
    return learnReformulations(chosen).reduce((n, s) => n + insert.run(s.term, s.equivalent).changes, shortForms);
  })();
}
