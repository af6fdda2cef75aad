// The simple baselines of the Reality Check paper (methods/g-p-gp-topfreq) and an item
// co-occurrence recommender. Item ids index Dataset.items.
import type { NbrBasket } from './protocol.js';

/** A user as a recommender sees it: the id (to leave the user out of neighbour pools) and the history. */
export interface Query {
  id: string;
  history: readonly NbrBasket[];
  /** Day of the predicted visit: only given in the "visit day known" ablation of endcap. */
  visitDay?: number;
}

export type Recommender = (user: Query, k: number) => number[];

/** Top k of dense scores (positive scores only), highest first; ties go to the lower tie-rank. */
export function topKDense(scores: Float64Array, k: number, tieRank?: Int32Array): number[] {
  const out: number[] = [];
  const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && (tieRank ? tieRank[a]! - tieRank[b]! : a - b) < 0);
  for (let i = 0; i < scores.length; i++) {
    if (!(scores[i]! > 0)) continue;
    if (out.length === k && !better(i, out[k - 1]!)) continue;
    let j = out.length < k ? out.length : k - 1;
    out[j] = i;
    while (j > 0 && better(out[j]!, out[j - 1]!)) {
      [out[j], out[j - 1]] = [out[j - 1]!, out[j]!];
      j--;
    }
  }
  return out;
}

/** Basket counts of every item over the training sequences. */
export function itemCounts(sequences: readonly { baskets: readonly NbrBasket[] }[], nItems: number): Float64Array {
  const c = new Float64Array(nItems);
  for (const s of sequences) for (const b of s.baskets) for (const i of b.items) c[i]!++;
  return c;
}

/** Items by popularity, most popular first (ties: lower id). */
export function popularityOrder(counts: Float64Array): number[] {
  return [...counts.keys()].filter((i) => counts[i]! > 0).sort((a, b) => counts[b]! - counts[a]! || a - b);
}

/** Popularity rank of every item (0 = most popular), for tie-breaking. */
export function popularityRank(order: readonly number[], nItems: number): Int32Array {
  const r = new Int32Array(nItems).fill(nItems);
  order.forEach((item, i) => (r[item] = i));
  return r;
}

/** G-TopFreq: the k most popular items, the same for everyone. */
export function gTopFreq(popular: readonly number[]): Recommender {
  return (_user, k) => popular.slice(0, k);
}

/**
 * P-TopFreq: the user's own most frequent items (baskets that contained them). Ties go to the
 * item bought more recently, then the more popular one (the paper's script leaves ties in
 * first-seen order; breaking them by recency makes the baseline a little stronger, not weaker).
 * It never fills up with items the user has not bought.
 */
export function pTopFreq(popRank: Int32Array): Recommender {
  return ({ history }, k) => personalOrder(history, popRank).slice(0, k);
}

/** GP-TopFreq: P-TopFreq, filled up with G-TopFreq when the user has fewer than k items. */
export function gpTopFreq(popular: readonly number[], popRank: Int32Array): Recommender {
  return ({ history }, k) => {
    const out = personalOrder(history, popRank).slice(0, k);
    const have = new Set(out);
    for (const i of popular) {
      if (out.length >= k) break;
      if (!have.has(i)) out.push(i);
    }
    return out;
  };
}

function personalOrder(history: readonly NbrBasket[], popRank: Int32Array): number[] {
  const freq = new Map<number, number>();
  const last = new Map<number, number>();
  history.forEach((b, t) => {
    for (const i of b.items) {
      freq.set(i, (freq.get(i) ?? 0) + 1);
      last.set(i, t);
    }
  });
  return [...freq.keys()].sort((a, b) => freq.get(b)! - freq.get(a)! || last.get(b)! - last.get(a)! || popRank[a]! - popRank[b]!);
}

export interface CooccurrenceParams {
  /** How many of the latest baskets seed the recommendation. */
  lastBaskets: number;
  /** conditional: P(j | i) = C(i,j)/C(i); cosine: C(i,j)/√(C(i)·C(j)). */
  norm: 'conditional' | 'cosine';
}

export const COOCCURRENCE_GRID: CooccurrenceParams[] = [1, 3, 10].flatMap((lastBaskets) =>
  (['conditional', 'cosine'] as const).map((norm) => ({ lastBaskets, norm })),
);

/** Co-occurrence counts of item pairs in the same basket of the training sequences (dense, symmetric). */
export class Cooccurrence {
  readonly pair: Float32Array;

  constructor(
    sequences: readonly { baskets: readonly NbrBasket[] }[],
    readonly nItems: number,
    readonly counts: Float64Array,
  ) {
    this.pair = new Float32Array(nItems * nItems);
    for (const s of sequences) {
      for (const b of s.baskets) {
        const it = b.items;
        for (let x = 0; x < it.length; x++) {
          const row = it[x]! * nItems;
          for (let y = 0; y < it.length; y++) if (x !== y) this.pair[row + it[y]!]!++;
        }
      }
    }
  }

  /**
   * Item co-occurrence recommender: score(j) = Σ over the items i of the last baskets of
   * sim(i, j), with sim(i, i) = 1 so the seed items themselves compete; popularity breaks ties
   * and fills the list.
   */
  recommender(params: CooccurrenceParams, popular: readonly number[], popRank: Int32Array): Recommender {
    const n = this.nItems;
    return ({ history }, k) => {
      const seeds = new Set(history.slice(-params.lastBaskets).flatMap((b) => b.items));
      const scores = new Float64Array(n);
      for (const i of seeds) {
        const row = i * n;
        const ci = this.counts[i]!;
        if (ci <= 0) continue;
        scores[i]! += 1;
        for (let j = 0; j < n; j++) {
          const c = this.pair[row + j]!;
          if (c === 0) continue;
          scores[j]! += params.norm === 'conditional' ? c / ci : c / Math.sqrt(ci * this.counts[j]!);
        }
      }
      const out = topKDense(scores, k, popRank);
      const have = new Set(out);
      for (const i of popular) {
        if (out.length >= k) break;
        if (!have.has(i)) out.push(i);
      }
      return out;
    };
  }
}
