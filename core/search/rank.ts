// The order results are shown in: text relevance blended with availability here and
// popularity. Items that match every word come before broader matches, and within those,
// items that can be had (here or shipped) come before items out of stock everywhere, which
// stay findable below them.
import type { Group } from './ftsQuery.js';
import { QUALITY } from './plan.js';
import { orderable, type PoolItem } from './pool.js';
import { textWords } from './words.js';

/**
 * relevance: bm25 as a share of the best candidate's; title: how much of the query the title
 * holds (titleMatch); here: on the shelf in this store; popularity: from the catalog; phrase:
 * query words the title holds side by side (phraseMatch), added on top; coverage: for a partial
 * match, the share of the query's words the title holds, each word counting the same (a
 * product holding three of four words is likelier what was meant than one holding only the
 * rarest, which bm25's idf alone would put first).
 * Chosen on the tuning part of the search dev sets (bench/search/relevance.ts).
 */
export const WEIGHTS = { relevance: 0.4, title: 0.15, here: 0.1, popularity: 0.05, phrase: 0.3, coverage: 0.3 } as const;

type Rankable = Pick<PoolItem, 'bm25' | 'popularity' | 'here' | 'otherStore' | 'dc' | 'partner' | 'match' | 'sku' | 'title'>;

/**
 * How much of the query `title` holds, 0–1: each group counts with its weight (rarer words
 * weigh more) times the quality of the best alternative the title holds as whole words — the
 * word as typed 1, a shared stem or a correction less — so 'path' prefers 'Garden Path' to
 * 'Pathfinder', which only matched as a prefix, and 'bikes' prefers 'Bikes' to 'Bike'.
 */
export function titleMatch(title: string, groups: readonly Group[], weights: readonly number[] = groups.map(() => 1)): number {
  if (groups.length === 0) return 0;
  const own = textWords(title);
  const set = new Set(own);
  let got = 0;
  let total = 0;
  groups.forEach((g, gi) => {
    const w = weights[gi] ?? 1;
    total += w;
    let best = 0;
    for (const a of g) if ((a.quality ?? 1) > best) best = Math.max(best, (a.quality ?? 1) * held(own, set, a.words, a.prefix));
    got += w * best;
  });
  return total > 0 ? got / total : 0;
}

/**
 * 1 when the title holds these words in a row; QUALITY.prefix when the last is only the start
 * of a title word (an unfinished word); 0 otherwise.
 */
function held(own: readonly string[], set: ReadonlySet<string>, words: readonly string[], prefix: boolean): number {
  if (words.length === 1 && set.has(words[0]!)) return 1;
  if (words.length === 1 && !prefix) return 0;
  let found = 0;
  for (let i = 0; i + words.length <= own.length && found < 1; i++) {
    let ok = true;
    for (let k = 0; k < words.length - 1 && ok; k++) ok = own[i + k] === words[k];
    const t = own[i + words.length - 1]!;
    const last = words[words.length - 1]!;
    if (ok && t === last) found = 1;
    else if (ok && prefix && t.startsWith(last)) found = QUALITY.prefix;
  }
  return found;
}

/** bm25 from FTS5 is negative (more negative = more relevant). */
export function blendedScore(item: Rankable, bestBm25: number, title: number): number {
  const relevance = bestBm25 < 0 ? Math.min(1, item.bm25 / bestBm25) : 1;
  const here = item.here > 0 ? 1 : 0;
  return (
    WEIGHTS.relevance * relevance +
    WEIGHTS.title * title +
    WEIGHTS.here * here +
    WEIGHTS.popularity * Math.min(1, Math.max(0, item.popularity))
  );
}

/**
 * The share of neighbouring query words that the title holds side by side, in order
 * ('angle bracket' in '… Angle Bracket …'): words written together name one thing.
 */
export function phraseMatch(title: string, groups: readonly Group[]): number {
  if (groups.length < 2) return 0;
  const own = textWords(title);
  // Title positions where a group's word ends, and whether a group's word starts at one.
  const ends = (g: Group) => own.flatMap((w, i) => (g.some((a) => !a.prefix && a.words[a.words.length - 1] === w) ? [i] : []));
  const startsAt = (g: Group, i: number) => i < own.length && g.some((a) => (a.prefix ? own[i]!.startsWith(a.words[0]!) : own[i] === a.words[0]));
  let pairs = 0;
  for (let k = 0; k + 1 < groups.length; k++) if (ends(groups[k]!).some((i) => startsAt(groups[k + 1]!, i + 1))) pairs++;
  return pairs / (groups.length - 1);
}

/** `groups`: what the query asked of the index (plan.ts), with each group's weight. */
export function rank<T extends Rankable>(items: readonly T[], groups: readonly Group[] = [], weights?: readonly number[]): T[] {
  let best = 0;
  for (const i of items) if (i.bm25 < best) best = i.bm25;
  const scored = (item: T) =>
    blendedScore(item, best, titleMatch(item.title, groups, weights)) +
    WEIGHTS.phrase * phraseMatch(item.title, groups) +
    (item.match === 'some' ? WEIGHTS.coverage * titleMatch(item.title, groups) : 0);
  return items
    .map((item) => ({ item, score: scored(item), can: orderable(item) ? 1 : 0 }))
    .sort(
      (a, b) =>
        (a.item.match === b.item.match ? 0 : a.item.match === 'all' ? -1 : 1) ||
        b.can - a.can ||
        b.score - a.score ||
        (a.item.sku < b.item.sku ? -1 : 1),
    )
    .map((x) => x.item);
}
