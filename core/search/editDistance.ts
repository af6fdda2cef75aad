// Spelling distance for search (core/text/editDistance, weighted): the errors people make
// when they do not know a word's spelling cost less than other edits — a vowel for another
// vowel ('seperate'), a doubled or undoubled letter ('adress', 'tomatoe'), letters that sound
// alike ('k' for 'c', 'z' for 's') — and a neighbouring key on a tablet keyboard is a slip.
import { editDistance } from '../text/editDistance.js';

const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const POSITION = new Map<string, [number, number]>();
ROWS.forEach((row, r) => [...row].forEach((ch, c) => POSITION.set(ch, [r, c + r * 0.5])));

export function adjacentKeys(a: string, b: string): boolean {
  const pa = POSITION.get(a);
  const pb = POSITION.get(b);
  if (!pa || !pb) return false;
  return Math.abs(pa[0] - pb[0]) <= 1 && Math.abs(pa[1] - pb[1]) <= 1;
}

const VOWELS = new Set('aeiouy');
/** Consonants written for one another because they can sound the same in English. */
const SOUND_ALIKE = new Set(['ck', 'cs', 'sz', 'gj', 'fv', 'ph', 'kq', 'cq', 'xz', 'dt', 'mn']);

/** Costs below 1, chosen on the tuning part of the search dev sets (bench/search/relevance.ts). */
export const COSTS = { vowel: 0.6, soundAlike: 0.7, adjacentKey: 0.8, doubled: 0.5 } as const;
/** No edit costs less: a bound that lets a scan skip words without aligning them. */
export const CHEAPEST_EDIT = Math.min(1, ...Object.values(COSTS));

function substitutionCost(x: string, y: string): number {
  if (VOWELS.has(x) && VOWELS.has(y)) return COSTS.vowel;
  if (SOUND_ALIKE.has(x < y ? x + y : y + x)) return COSTS.soundAlike;
  return adjacentKeys(x, y) ? COSTS.adjacentKey : 1;
}

// The cost of each pair of ASCII letters and digits, worked out once: corrections compare a
// word with thousands of index words a keystroke.
const ASCII = 128;
const SUBSTITUTION = new Float64Array(ASCII * ASCII).fill(1);
for (let x = 48; x < ASCII; x++) {
  for (let y = 48; y < ASCII; y++) SUBSTITUTION[x * ASCII + y] = substitutionCost(String.fromCharCode(x), String.fromCharCode(y));
}

function substitution(x: string, y: string): number {
  const cx = x.charCodeAt(0);
  const cy = y.charCodeAt(0);
  return cx < ASCII && cy < ASCII ? SUBSTITUTION[cx * ASCII + cy]! : substitutionCost(x, y);
}

/** A letter next to the same letter ('ll' in 'balloon') is cheap to add or drop. */
function gap(word: string, at: number): number {
  const ch = word[at];
  return word[at - 1] === ch || word[at + 1] === ch ? COSTS.doubled : 1;
}

/** How far apart two spellings are, in edits of at most 1 each; Infinity beyond `max`. */
export function spellingDistance(a: string, b: string, max: number): number {
  return editDistance(a, b, max, substitution, gap);
}

/** How many edits a word of this length may need: none for one or two letters, one up to four, two from five. */
export function allowedEdits(length: number): number {
  return length < 3 ? 0 : length < 5 ? 1 : 2;
}
