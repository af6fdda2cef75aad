// Edit distance for typo correction: insert, delete, substitute, or swap two neighbours
// (optimal string alignment), each costing 1. A substitution by a key next to the intended
// one on a QWERTY keyboard costs less, since that is the typo a tablet keyboard makes.

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

/**
 * Distance between `a` and `b`, or Infinity as soon as it must exceed `max` (most of the
 * vocabulary is far from any word, so most comparisons stop after a row or two).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return Infinity;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const sub = ca === cb ? 0 : adjacentKeys(a[i - 1]!, b[j - 1]!) ? ADJACENT_SUBSTITUTION : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + sub);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return Infinity;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]! <= max ? prev[n]! : Infinity;
}

/** How many edits a word of this length may need: none below 4 letters, 2 from 8. */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}
