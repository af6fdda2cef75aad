// Edit distance for typo correction (core/text/editDistance): a substitution by a key next to
// the intended one on a QWERTY keyboard costs less, since that is the typo a tablet keyboard makes.
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

const ADJACENT_SUBSTITUTION = 0.75;

/** Typo distance for search: a substitution by a neighbouring key costs less than a full edit. */
export function typoDistance(a: string, b: string, max: number): number {
  return editDistance(a, b, max, (x, y) => (adjacentKeys(x, y) ? ADJACENT_SUBSTITUTION : 1));
}

/** How many edits a word of this length may need: none below 4 letters, 2 from 8. */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}
