// Known-item queries from real product titles, reproducibly (fixed seed):
// - exact: 1–3 of the title's most distinctive words (rarest in the whole indexed catalog),
//   in title order;
// - typo: the same words with one keyboard-adjacent substitution, deletion, insertion or
//   transposition in one word of 4+ letters;
// - prefix: the same words with the last one cut to its first 3–5 letters (as typed so far).
import { Rng } from '../../core/demo/random.js';
import { fold } from '../../core/search/words.js';

export const QUERY_SEED = 5;

export interface KnownItemQuery {
  sku: string;
  exact: string;
  typo: string;
  prefix: string;
}

const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Keys next to `ch` on a QWERTY keyboard (same row and the rows above and below). */
export function neighbours(ch: string): string[] {
  const r = KEYBOARD.findIndex((row) => row.includes(ch));
  if (r < 0) return [];
  const c = KEYBOARD[r]!.indexOf(ch) + r * 0.5;
  const out: string[] = [];
  KEYBOARD.forEach((row, rr) => {
    if (Math.abs(rr - r) > 1) return;
    [...row].forEach((k, cc) => {
      if (k !== ch && Math.abs(cc + rr * 0.5 - c) <= 1) out.push(k);
    });
  });
  return out;
}

export function wordsOf(title: string): string[] {
  return fold(title).match(/[a-z]+/g) ?? [];
}

/** One seeded typo in a word of 4+ letters. */
export function misspell(word: string, rng: Rng): string {
  const kind = rng.int(0, 3);
  const i = rng.int(0, word.length - 1);
  const ch = word[i]!;
  const near = neighbours(ch);
  switch (kind) {
    case 0: // substitution by a neighbouring key
      return near.length ? word.slice(0, i) + rng.pick(near) + word.slice(i + 1) : word.slice(0, i) + word.slice(i + 1);
    case 1: // deletion
      return word.slice(0, i) + word.slice(i + 1);
    case 2: // insertion of a key next to the one before it
      return word.slice(0, i + 1) + (near.length ? rng.pick(near) : ch) + word.slice(i + 1);
    default: {
      // transposition of two neighbouring letters (that differ)
      const j = Math.min(i, word.length - 2);
      if (word[j] === word[j + 1]) return word.slice(0, j) + word.slice(j + 1);
      return word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
    }
  }
}

/**
 * `docFrequency(word)`: how many indexed products hold the word (the rarer, the more
 * distinctive). Words of 1–2 letters are never chosen.
 */
export function knownItemQueries(products: ReadonlyArray<{ sku: string; title: string }>, docFrequency: (w: string) => number, seed = QUERY_SEED): KnownItemQuery[] {
  const rng = new Rng(seed);
  const out: KnownItemQuery[] = [];
  for (const p of products) {
    const words = [...new Set(wordsOf(p.title).filter((w) => w.length >= 3))];
    if (words.length === 0) continue;
    const k = Math.min(words.length, rng.int(1, 3));
    const chosen = new Set([...words].sort((a, b) => docFrequency(a) - docFrequency(b) || (a < b ? -1 : 1)).slice(0, k));
    const query = words.filter((w) => chosen.has(w));
    const long = query.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
    const typoWords = [...query];
    if (long.length) {
      const [w, i] = rng.pick(long);
      typoWords[i] = misspell(w, rng);
    }
    const last = query[query.length - 1]!;
    const cut = Math.min(last.length, rng.int(3, 5));
    out.push({ sku: p.sku, exact: query.join(' '), typo: typoWords.join(' '), prefix: [...query.slice(0, -1), last.slice(0, cut)].join(' ') });
  }
  return out;
}
