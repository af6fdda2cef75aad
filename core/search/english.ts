// Real English words (the an-array-of-english-words list, ~275k words): a word of the language
// that the catalog does not hold is what the customer meant, not a typo to "correct" into
// a catalog word (clothes is not cloths). Loaded on the first word the index does not know.
import { createRequire } from 'node:module';

let words: ReadonlySet<string> | null = null;

export function isEnglishWord(word: string): boolean {
  if (!words) words = new Set(createRequire(__filename)('an-array-of-english-words') as string[]);
  return words.has(word);
}
