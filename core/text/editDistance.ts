// Rows of the distance table, reused between calls: search compares a query word with
// thousands of index words a keystroke, and allocating rows for each was most of its cost.
let rows = [new Float64Array(64), new Float64Array(64), new Float64Array(64), new Float64Array(64)];

/**
 * Optimal string alignment distance: insert, delete, substitute, or swap two neighbours
 * ("jonh" → "john" is 1). `substitution` may make some substitutions cheaper (a neighbouring
 * key on a keyboard); `gap` may make some insertions or deletions cheaper (a doubled letter):
 * it gives the cost of leaving out `word[at]`, a letter of `a` (deleted) or of `b` (inserted).
 * Returns Infinity as soon as the distance must exceed `max`: most comparisons stop after a
 * row or two.
 */
export function editDistance(
  a: string,
  b: string,
  max = Infinity,
  substitution?: (a: string, b: string) => number,
  gap?: (word: string, at: number) => number,
): number {
  if (!gap && Math.abs(a.length - b.length) > max) return Infinity;
  const n = b.length;
  if (rows[0]!.length < n + 1) rows = rows.map(() => new Float64Array(2 * (n + 1)));
  const insert = rows[3]!;
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  prev[0] = 0;
  for (let j = 1; j <= n; j++) {
    insert[j - 1] = gap ? gap(b, j - 1) : 1;
    prev[j] = prev[j - 1]! + insert[j - 1]!;
  }
  for (let i = 1; i <= a.length; i++) {
    const del = gap ? gap(a, i - 1) : 1;
    cur[0] = prev[0]! + del;
    let rowMin = cur[0]!;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      const sub = ca === cb ? 0 : substitution ? substitution(a[i - 1]!, b[j - 1]!) : 1;
      let d = Math.min(prev[j]! + del, cur[j - 1]! + insert[j - 1]!, prev[j - 1]! + sub);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return Infinity;
    const done = prev2;
    prev2 = prev;
    prev = cur;
    cur = done;
  }
  return prev[n]! <= max ? prev[n]! : Infinity;
}
