// From the words typed to what is asked of the index: each word becomes a group of
// alternatives — itself; the retailer's synonyms and units; the index words that share its
// stem ('bike' for 'bikes'); the two index words it runs together ('dishwasher' ↔ 'dish
// washer'); and, when it is no word of the index nor of the language, the spellings a person
// most likely meant (editDistance.ts, vocabulary.ts). Each alternative says how sure it is,
// so the ranking prefers the word as typed over its stem, and both over a correction.
import { isEnglishWord } from './english.js';
import type { BrandNames } from './brands.js';
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
/** A word that at most this many products hold may be the catalog's own typo. */
const RARE = 2;

/** Chosen on the tuning part of the search dev sets (bench/search/relevance.ts). */
export const QUALITY = { prefix: 0.9, stem: 0.9, compound: 0.9, correction: 0.8, perEdit: 0.1 } as const;

/**
 * `asYouType`: the last word may be unfinished, so it also matches as a prefix (and a
 * misspelt start of a word is corrected as a prefix).
 */
export function planQuery(words: readonly string[], vocab: Vocabulary, synonyms: Synonyms, asYouType = true, brands?: BrandNames, absentWordsMisspelt = false): QueryPlan {
  const groups: Group[] = [];
  const corrections: QueryPlan['corrections'] = [];
  // A word that, beside the rest of a brand's name, is that brand misspelt ('martha steward'),
  // even when it is a real word the corrector would leave alone.
  const brandFixes = new Map((brands && words.length > 1 ? brands.fixes(words, (w) => isEnglishWord(w) || vocab.docs(w) > RARE) : []).map((f) => [f.at, f]));
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
    const next = words[i + 1];
    // An amount and its unit ('24 inch') in any of the unit's spellings ('24 in', '24in').
    const units = next !== undefined && /^\d+(?:\.\d+)?$/.test(word) ? synonyms.unit(next) : [];
    if (units.length > 0) {
      groups.push([{ words: [word, next!], prefix: false }, { words: [word + next], prefix: false }, ...units.map((u) => ({ words: [word, ...u], prefix: false }))]);
      i += 2;
      continue;
    }
    const { group, correction } = wordGroup(word, typing, vocab, synonyms, absentWordsMisspelt);
    // Two words the catalog writes as one ('dish washer' → 'dishwasher'): both words accept it.
    const joined = next !== undefined && !/\d/.test(word + next) && vocab.has(word + next) ? word + next : null;
    if (joined) group.push({ words: [joined], prefix: false, quality: QUALITY.compound });
    const prev = groups.length > 0 && i > 0 && vocab.has(words[i - 1]! + word) ? words[i - 1]! + word : null;
    if (prev && !/\d/.test(prev) && groups[groups.length - 1]!.some((a) => a.words.length === 1 && a.words[0] === prev)) {
      group.push({ words: [prev], prefix: false, quality: QUALITY.compound });
    }
    const brand = brandFixes.get(i);
    if (brand && vocab.has(brand.to) && !group.some((a) => a.words.length === 1 && a.words[0] === brand.to)) {
      group.push({ words: [brand.to], prefix: false, quality: correctionQuality(brand.distance) });
    }
    groups.push(group);
    if (correction) corrections.push({ from: word, to: correction });
    else if (brand) corrections.push({ from: word, to: brand.to });
    i++;
  }
  return { groups, corrections, estimatedMatches: estimate(groups, vocab) };
}

/** Past this many, scoring every match is not worth a keystroke (see candidates.ts). */
export const BROAD_QUERY = 20_000;

/** An upper bound of the products holding a group (any of its alternatives). */
export function groupDocs(g: Group, vocab: Vocabulary): number {
  let sum = 0;
  for (const a of g) {
    const last = a.words[a.words.length - 1]!;
    const lastDocs = a.prefix ? vocab.prefixDocs(last, BROAD_QUERY + 1) : vocab.docs(last);
    sum += Math.min(lastDocs, ...a.words.slice(0, -1).map((w) => vocab.docs(w)));
  }
  return sum;
}

function estimate(groups: readonly Group[], vocab: Vocabulary): number {
  let all = Infinity;
  for (const g of groups) all = Math.min(all, groupDocs(g, vocab));
  return all === Infinity ? 0 : all;
}

function longestSynonymPhrase(words: readonly string[], at: number, synonyms: Synonyms): number {
  for (let n = Math.min(synonyms.longest, words.length - at); n > 1; n--) {
    if (synonyms.of(words.slice(at, at + n)).length > 0) return n;
  }
  return 1;
}

/** The most common split of a word into two index words ('backsplash' → 'back splash'), if any. */
function splitCompound(word: string, vocab: Vocabulary): [string, string] | null {
  let best: [string, string] | null = null;
  let bestDocs = 0;
  for (let k = 3; k <= word.length - 3; k++) {
    const a = word.slice(0, k);
    const b = word.slice(k);
    const docs = Math.min(vocab.docs(a), vocab.docs(b));
    if (docs > bestDocs) [best, bestDocs] = [[a, b], docs];
  }
  return best;
}

/**
 * `absentWordsMisspelt`: a real word that no product holds is read as a misspelling too (asked
 * only when the query as typed finds no product holding every word: search.ts).
 */
function wordGroup(word: string, typing: boolean, vocab: Vocabulary, synonyms: Synonyms, absentWordsMisspelt: boolean): { group: Group; correction: string | null } {
  const group: Alternative[] = [{ words: [word], prefix: typing && word.length >= MIN_PREFIX }];
  for (const w of synonyms.of([word])) group.push({ words: w, prefix: false });

  // '2l' also matches '2 l', '2 litre' and '2 liter'.
  const quantity = splitQuantity(word);
  if (quantity) {
    const [amount, unit] = quantity;
    group.push({ words: [amount, unit], prefix: false });
    for (const u of synonyms.unit(unit)) group.push({ words: [amount, ...u], prefix: false });
  }
  if (quantity || /\d/.test(word)) return { group, correction: null };

  // Plural and singular, and other endings of the same stem, meet. A word the typed start
  // already reaches is not asked again: FTS5 would count its score twice.
  const asPrefix = group[0]!.prefix;
  const variants = word.length >= 3 ? vocab.variants(word) : [];
  for (const v of variants) if (!(asPrefix && v.startsWith(word))) group.push({ words: [v], prefix: false, quality: QUALITY.stem });
  // A word the catalog holds is what was meant, unless only a product or two hold it and it
  // is neither a real word nor a brand: then it is likely the catalog's own typo ('efficent'),
  // and what it stands for is searched too.
  const english = isEnglishWord(word);
  const meant = vocab.docs(word) > RARE || english || vocab.isBrandWord(word);
  if (vocab.has(word) ? meant : english && variants.length > 0) return { group, correction: null };

  const compound = vocab.has(word) ? null : splitCompound(word, vocab);
  if (compound) group.push({ words: compound, prefix: false, quality: QUALITY.compound });
  // A real word the catalog does not hold is what was meant: searched as typed (or as the
  // start of a word left unfinished: 'sleep bag'), never "corrected" into another word.
  if (compound || (english && !absentWordsMisspelt)) {
    if (!asPrefix && word.length >= 3 && vocab.hasPrefix(word)) group.push({ words: [word], prefix: true, quality: QUALITY.prefix });
    return { group, correction: null };
  }

  // A word being typed that starts index words ('headl') is corrected only into a word far
  // commoner than everything it starts ('tant' → 'tent' beside one 'tantrum'); likewise a
  // rare word of the catalog.
  const startsSome = typing && vocab.hasPrefix(word);
  const own = startsSome ? vocab.prefixDocs(word) : vocab.docs(word);
  const fixes = vocab.corrections(word).filter((f) => !(asPrefix && f.word.startsWith(word)) && f.docs > own * 4);
  for (const f of fixes) group.push({ words: [f.word], prefix: false, quality: correctionQuality(f.distance) });
  if (startsSome || own > 0) return { group, correction: null };
  if (typing) {
    // An unfinished word with a typo: the nearest starts of index words.
    const starts = vocab.prefixCorrections(word);
    for (const s of starts) group.push({ words: [s.word], prefix: true, quality: correctionQuality(s.distance) });
    const bestStart = starts[0];
    if (!fixes[0] || (bestStart && bestStart.distance < fixes[0].distance)) {
      return { group, correction: bestStart ? `${bestStart.word}…` : null };
    }
  } else if (fixes.length === 0 && word.length >= 3 && vocab.hasPrefix(word)) {
    // A word left unfinished before typing the next one ('sleep bag').
    group.push({ words: [word], prefix: true, quality: QUALITY.prefix });
  }
  return { group, correction: fixes[0]?.word ?? null };
}

function correctionQuality(distance: number): number {
  return Math.max(0.3, QUALITY.correction - QUALITY.perEdit * Math.max(0, distance - 1));
}
