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
 * Every group must match ('all'), every group but any one ('allButOne': the top-up's first,
 * selective pass, asked as one query), or at least one ('any', the broadest fallback).
 */
export function matchExpression(groups: readonly Group[], mode: 'all' | 'allButOne' | 'any'): string {
  const parts = groups.filter((g) => g.length > 0).map(group);
  if (mode === 'allButOne' && parts.length > 2) return parts.map((_, skip) => `(${parts.filter((_, i) => i !== skip).join(' AND ')})`).join(' OR ');
  return parts.join(mode === 'all' ? ' AND ' : ' OR ');
}

/** Products whose `column` holds these words in a row; with `opening`, only when the column starts with them. */
export function columnPhrase(column: 'title' | 'brand', words: readonly string[], opening = false): string {
  return `${column} : ${opening ? '^ ' : ''}${quoted(words.join(' '))}`;
}
