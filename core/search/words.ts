// What the associate typed, as the words the index holds: the same folding as the FTS5
// tokenizer (unicode61, remove_diacritics 2): accents off, lower case, letters and digits only.

/** Longest query we look at; anything after it is noise on a search field. */
export const MAX_QUERY_CHARS = 200;
/** More words than this add nothing to a product search and only cost time. */
export const MAX_WORDS = 8;
/** No product word is longer; a longer "word" is pasted junk. */
export const MAX_WORD_CHARS = 40;

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** Folds text the way the index does: NFKD, combining marks removed, lower case. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** The search words of `text`, in order, bounded in count and length. */
export function searchWords(text: string): string[] {
  const folded = fold(text.slice(0, MAX_QUERY_CHARS * 2)).slice(0, MAX_QUERY_CHARS);
  const words: string[] = [];
  for (const m of folded.matchAll(WORD)) {
    words.push(m[0].slice(0, MAX_WORD_CHARS));
    if (words.length === MAX_WORDS) break;
  }
  return words;
}

/**
 * Every word of a product's own text (a title), as the index holds it: not cut at the query's
 * bounds, since a title's tenth word counts as much as its first.
 */
export function textWords(text: string): string[] {
  return Array.from(fold(text).matchAll(WORD), (m) => m[0]);
}

/** '2l' → ['2', 'l']; '500ml' → ['500', 'ml']; anything else → null. */
export function splitQuantity(word: string): [string, string] | null {
  const m = /^(\d+(?:\.\d+)?)([a-z]{1,6})$/.exec(word);
  return m ? [m[1]!, m[2]!] : null;
}
