// From the words typed to what is asked of the index: each word becomes a group of
// alternatives (itself, the retailer's synonyms and units, and, when the index does not
// know it, the nearest index words by edit distance weighted by how common they are).
import type { Alternative, Group } from './ftsQuery.js';
import type { Synonyms } from './synonyms.js';
import type { Vocabulary } from './vocabulary.js';
import { splitQuantity } from './words.js';

export interface QueryPlan {
  groups: Group[];
  /** An upper bound of the products that hold every group (from the vocabulary's counts). */
  estimatedMatches: number;
  /** Words read as another: shown to the associate ("Showing results for …"). */
  corrections: Array<{ from: string; to: string }>;
}

/** A prefix shorter than this matches too much to be worth asking for. */
const MIN_PREFIX = 2;

/**
 * `asYouType`: the last word may be unfinished, so it also matches as a prefix (and a
 * misspelt start of a word is corrected as a prefix).
 */
export function planQuery(words: readonly string[], vocab: Vocabulary, synonyms: Synonyms, asYouType = true): QueryPlan {
  const groups: Group[] = [];
  const corrections: QueryPlan['corrections'] = [];
  for (let i = 0; i < words.length; ) {
    const phrase = longestSynonymPhrase(words, i, synonyms);
    if (phrase > 1) {
      const own = words.slice(i, i + phrase);
      groups.push([{ words: own, prefix: false }, ...synonyms.of(own).map((w) => ({ words: w, prefix: false }))]);
      i += phrase;
      continue;
    }
    const word = words[i]!;
    const typing = asYouType && i === words.length - 1;
    const { group, correction } = wordGroup(word, typing, vocab, synonyms);
    groups.push(group);
    if (correction) corrections.push({ from: word, to: correction });
    i++;
  }
  return { groups, corrections, estimatedMatches: estimate(groups, vocab) };
}

/** Past this many, scoring every match is not worth a keystroke (see candidates.ts). */
export const BROAD_QUERY = 20_000;

function estimate(groups: readonly Group[], vocab: Vocabulary): number {
  let all = Infinity;
  for (const g of groups) {
    let sum = 0;
    for (const a of g) {
      const last = a.words[a.words.length - 1]!;
      const lastDocs = a.prefix ? vocab.prefixDocs(last, BROAD_QUERY + 1) : vocab.docs(last);
      sum += Math.min(lastDocs, ...a.words.slice(0, -1).map((w) => vocab.docs(w)));
    }
    all = Math.min(all, sum);
  }
  return all === Infinity ? 0 : all;
}

function longestSynonymPhrase(words: readonly string[], at: number, synonyms: Synonyms): number {
  for (let n = Math.min(synonyms.longest, words.length - at); n > 1; n--) {
    if (synonyms.of(words.slice(at, at + n)).length > 0) return n;
  }
  return 1;
}

function wordGroup(word: string, typing: boolean, vocab: Vocabulary, synonyms: Synonyms): { group: Group; correction: string | null } {
  const group: Alternative[] = [{ words: [word], prefix: typing && word.length >= MIN_PREFIX }];
  for (const w of synonyms.of([word])) group.push({ words: w, prefix: false });

  // '2l' also matches '2 l', '2 litre' and '2 liter'.
  const quantity = splitQuantity(word);
  if (quantity) {
    const [amount, unit] = quantity;
    group.push({ words: [amount, unit], prefix: false });
    for (const u of synonyms.unit(unit)) group.push({ words: [amount, ...u], prefix: false });
  }

  const known = vocab.has(word) || (typing && vocab.hasPrefix(word));
  if (known || quantity || /^\d+$/.test(word)) return { group, correction: null };

  const fixes = vocab.corrections(word);
  for (const f of fixes) group.push({ words: [f.word], prefix: false });
  if (typing) {
    // An unfinished word with a typo: the nearest starts of index words.
    const starts = vocab.prefixCorrections(word);
    for (const s of starts) group.push({ words: [s.word], prefix: true });
    const bestStart = starts[0];
    if (!fixes[0] || (bestStart && bestStart.distance < fixes[0].distance)) {
      return { group, correction: bestStart ? `${bestStart.word}…` : null };
    }
  } else if (fixes.length === 0 && word.length >= 3 && vocab.hasPrefix(word)) {
    // A word left unfinished before typing the next one ('sleep bag').
    group.push({ words: [word], prefix: true });
  }
  return { group, correction: fixes[0]?.word ?? null };
}
