// The only place an FTS5 MATCH expression is written. Every word the user typed goes in as a
// double-quoted string, so FTS5 reads it as text, never as syntax: quotes, NEAR, *, ^, column
// filters, parentheses and AND/OR/NOT typed by a person are searched as words.

/** One way to match a query word: a word, a prefix of one, or a phrase of several words. */
export interface Alternative {
  words: string[];
  /** The last word may be the start of a longer one (as-you-type). */
  prefix: boolean;
  /**
   * How sure we are this is what was meant, 0–1 (1 when absent: the word as typed, a synonym);
   * the ranking credits a title that holds it this much (rank.ts).
   */
  quality?: number;
}

/** Alternatives for one query word (or a phrase the retailer's synonyms name). */
export type Group = Alternative[];

/** A string FTS5 reads as literal text: wrapped in double quotes, inner quotes doubled. */
export function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function alternative(a: Alternative): string {
  const phrase = quoted(a.words.join(' '));
  return a.prefix ? `${phrase} *` : phrase;
}

function group(g: Group): string {
  const parts = [...new Set(g.map(alternative))];
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

/**
 * Every group must match ('all'), or at least one ('any', the broadest fallback); a number n:
 * every group but any n (the top-up's selective passes, each asked as one query).
 */
export function matchExpression(groups: readonly Group[], mode: 'all' | 'any' | number): string {
  const parts = groups.filter((g) => g.length > 0).map(group);
  if (typeof mode === 'number' && parts.length > mode + 1) return subsets(parts, parts.length - mode).map((s) => `(${s.join(' AND ')})`).join(' OR ');
  return parts.join(mode === 'all' ? ' AND ' : ' OR ');
}

/** The subsets of `size` items, in order. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i + size <= items.length; i++) for (const rest of subsets(items.slice(i + 1), size - 1)) out.push([items[i]!, ...rest]);
  return out;
}
