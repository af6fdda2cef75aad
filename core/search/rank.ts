// The order results are shown in: text relevance (bm25) blended with availability here and
// popularity. Items that match every word come before broader matches, and within those,
// items that can be had (here or shipped) come before items out of stock everywhere, which
// stay findable below them.
import { orderable, type PoolItem } from './pool.js';
import { searchWords } from './words.js';

/**
 * relevance: bm25 as a share of the best candidate's; title: the share of the query's words
 * that are whole words of the title (so 'path' prefers 'Garden Path' to 'Pathfinder', which
 * only matched as a prefix); here: on the shelf in this store; popularity: from the catalog.
 */
export const WEIGHTS = { relevance: 0.6, title: 0.25, here: 0.1, popularity: 0.05 } as const;

type Rankable = Pick<PoolItem, 'bm25' | 'popularity' | 'here' | 'otherStore' | 'dc' | 'partner' | 'match' | 'sku' | 'title'>;

/** Share of `words` that appear as whole words in `title`. */
export function titleCoverage(title: string, words: readonly string[]): number {
  if (words.length === 0) return 0;
  const own = new Set(searchWords(title));
  let found = 0;
  for (const w of words) if (own.has(w)) found++;
  return found / words.length;
}

/** bm25 from FTS5 is negative (more negative = more relevant). */
export function blendedScore(item: Rankable, bestBm25: number, words: readonly string[]): number {
  const relevance = bestBm25 < 0 ? Math.min(1, item.bm25 / bestBm25) : 1;
  const here = item.here > 0 ? 1 : 0;
  return (
    WEIGHTS.relevance * relevance +
    WEIGHTS.title * titleCoverage(item.title, words) +
    WEIGHTS.here * here +
    WEIGHTS.popularity * Math.min(1, Math.max(0, item.popularity))
  );
}

/** `words`: what the associate meant (typed words, corrected where the index did not know them). */
export function rank<T extends Rankable>(items: readonly T[], words: readonly string[] = []): T[] {
  let best = 0;
  for (const i of items) if (i.bm25 < best) best = i.bm25;
  return items
    .map((item) => ({ item, score: blendedScore(item, best, words), can: orderable(item) ? 1 : 0 }))
    .sort(
      (a, b) =>
        (a.item.match === b.item.match ? 0 : a.item.match === 'all' ? -1 : 1) ||
        b.can - a.can ||
        b.score - a.score ||
        (a.item.sku < b.item.sku ? -1 : 1),
    )
    .map((x) => x.item);
}
