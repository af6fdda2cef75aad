// A bounded candidate set from FTS5: the best `limit` matches by bm25 (title weighs most,
// then brand, category and attributes), never every match sorted.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';
import { matchExpression, type Group } from './ftsQuery.js';

export interface Candidate {
  id: number;
  /** bm25 as FTS5 gives it: more negative is better. */
  bm25: number;
}

/** Narrowing that can be asked of SQL itself, so a filtered search is complete, not a slice. */
export interface CandidateFilter {
  categoryId?: string;
  brand?: string;
  minCents?: number;
  maxCents?: number;
}

// The rank function (bm25 with column weights) is configured on the index by migration 003.
const UNFILTERED_SQL = `
  SELECT rowid AS id, rank AS bm25 FROM products_fts
  WHERE products_fts MATCH ? ORDER BY rank LIMIT ?`;

// A very broad query (an unfinished two- or three-letter word over a big catalog): scoring
// every match costs more than the keystroke is worth. Score the first matches in index order
// instead; when there are fewer than this many, that is every match and the result is the same.
const BROAD_SQL = `SELECT rowid AS id, rank AS bm25 FROM products_fts WHERE products_fts MATCH ? LIMIT ?`;
export const BROAD_SCAN = 1500;

const FILTERED_SQL = `
  SELECT f.rowid AS id, f.rank AS bm25
  FROM products_fts f JOIN products p ON p.id = f.rowid
  WHERE products_fts MATCH :match
    AND (:category IS NULL OR p.category_id = :category OR p.category_id LIKE :category || '/%')
    AND (:brand IS NULL OR p.brand = :brand)
    AND (:min IS NULL OR p.price_cents >= :min)
    AND (:max IS NULL OR p.price_cents < :max)
  ORDER BY f.rank LIMIT :limit`;

/**
 * Products that match some of the groups, best first: the top-up when fewer than were asked
 * for match every group. First those that miss one group (one query: every group but any one;
 * selective, so cheap, ordered by bm25); when that is not enough, any group, asking only the
 * rarest groups whose products add up to at most `within` (the common ones would make scoring
 * every match too slow, and a product holding only a common word ranks low anyway; when even
 * the rarest group is broader than that, its first matches are scored).
 * `docs`: an upper bound of the products holding each group.
 */
export function partialCandidates(
  db: Database.Database,
  groups: readonly Group[],
  docs: readonly number[],
  limit: number,
  within: number,
  filter: CandidateFilter = {},
): Candidate[] {
  const found = new Map<number, Candidate>();
  const add = (list: readonly Candidate[]) => {
    for (const c of list) if (!found.has(c.id)) found.set(c.id, c);
  };
  if (groups.length > 2) {
    // Products missing group i hold every other group: at most the rarest of those.
    const estimate = docs.reduce((sum, _, skip) => sum + Math.min(...docs.filter((_, i) => i !== skip)), 0);
    // That expression names each group n−1 times, so its bm25 counts each group a product holds
    // n−1 times, the 'any' pass's once: a product missing one word is weighed as holding that
    // many more. Dividing it back to one scale (with or without multiplying by the words held)
    // ranked worse on the tuning queries (bench/README.md), so this stands as a coordination factor.
    if (estimate > 0) add(findCandidates(db, groups, 'allButOne', limit, filter, estimate > within));
  }
  if (found.size < limit) {
    const order = groups.map((g, i) => ({ g, n: docs[i]! })).filter((x) => x.n > 0).sort((a, b) => a.n - b.n);
    const asked: Group[] = [];
    let sum = 0;
    for (const { g, n } of order) {
      if (asked.length > 0 && sum + n > within) break;
      asked.push(g);
      sum += n;
    }
    // Products missing one group come first, then those holding fewer.
    if (asked.length > 0) add(findCandidates(db, asked, 'any', limit, filter, sum > within));
  }
  return [...found.values()].slice(0, limit);
}

/** `broad`: the vocabulary says this may match far more products than are worth scoring. */
export function findCandidates(
  db: Database.Database,
  groups: readonly Group[],
  mode: 'all' | 'allButOne' | 'any',
  limit: number,
  filter: CandidateFilter = {},
  broad = false,
): Candidate[] {
  const match = matchExpression(groups, mode);
  if (!match) return [];
  const filtered = filter.categoryId || filter.brand || filter.minCents !== undefined || filter.maxCents !== undefined;
  if (!filtered && broad) {
    const scanned = statement(db, BROAD_SQL).all(match, BROAD_SCAN) as Candidate[];
    return scanned.sort((a, b) => a.bm25 - b.bm25).slice(0, limit);
  }
  if (!filtered) return statement(db, UNFILTERED_SQL).all(match, limit) as Candidate[];
  return statement(db, FILTERED_SQL).all({
    match,
    category: filter.categoryId ?? null,
    brand: filter.brand ?? null,
    min: filter.minCents ?? null,
    max: filter.maxCents ?? null,
    limit,
  }) as Candidate[];
}
