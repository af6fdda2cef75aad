// TIFU-KNN (Hu, He, Shi, Zhao, Yin, Wang, Mai, Wen — "Modeling Personalized Item Frequency
// Information for Next-basket Recommendation", SIGIR 2020), implemented from the paper:
//  - a user's history of n baskets (binary item vectors v_1..v_n, oldest first) is cut into
//    g = min(m, n) consecutive groups of as-equal-as-possible size (the older groups get the
//    smaller share when n is not a multiple of g);
//  - a group's vector is the within-group time-decayed mean Σ_j r_b^(x−j) v_j / x over its x baskets;
//  - the user vector is the group-decayed mean Σ_i r_g^(g−i) group_i / g;
//  - the k nearest neighbours of a user are found by cosine similarity among the other users'
//    vectors (the neighbour pool: training users' full sequences plus the histories of the
//    validation/test users, never a target basket, never the user itself);
//  - prediction = α · own vector + (1 − α) · mean of the neighbours' vectors; the top items win.
import { topKDense, type Recommender } from './baselines.js';
import type { NbrBasket } from './protocol.js';

export interface TifuParams {
  groups: number; // m
  withinDecay: number; // r_b
  groupDecay: number; // r_g
  neighbours: number; // k
  alpha: number; // α
}

/**
 * The paper tunes m, r_b, r_g, k and α per dataset (TaFeng: m = 7, r_b = 0.9, r_g = 0.7, k = 300,
 * α = 0.7). Here the history is short (6 baskets on average, up to 49), so m = 20 (about one
 * basket per group) and r_b = 1 are in the grid too.
 */
export const TIFU_GRID: { vector: Pick<TifuParams, 'groups' | 'withinDecay' | 'groupDecay'>[]; neighbours: number[]; alpha: number[] } = {
  // Widened until the chosen values are interior or sit on the parameter's own bound: a decay of
  // 1, m = 1 (one group: the whole history) or 50 (one basket a group: no history is longer),
  // k = 2,000 (every user in the pool).
  vector: [1, 3, 7, 20, 40, 50].flatMap((groups) => [0.6, 0.8, 0.9, 1].flatMap((withinDecay) => [0.3, 0.5, 0.7, 0.9, 1].map((groupDecay) => ({ groups, withinDecay, groupDecay })))),
  neighbours: [20, 50, 100, 300, 1000, 2000],
  alpha: [0.1, 0.2, 0.3, 0.5, 0.7, 0.9],
};

/** Per user: their neighbours (deepest k searched so far) and the mean vector of each k's. */
export type NeighbourCache = Map<string, { depth: number; list: number[]; means: Map<number, Float64Array> }>;

/** A sparse user vector: parallel arrays of item ids and weights. */
export interface SparseVec {
  items: Int32Array;
  values: Float64Array;
  norm: number;
}

export function tifuVector(history: readonly NbrBasket[], p: Pick<TifuParams, 'groups' | 'withinDecay' | 'groupDecay'>): SparseVec {
  const acc = new Map<number, number>();
  const n = history.length;
  const g = Math.min(p.groups, n);
  if (g > 0) {
    const base = Math.floor(n / g);
    const extra = n - base * g; // the last `extra` groups get one more basket
    let start = 0;
    for (let gi = 0; gi < g; gi++) {
      const size = base + (gi >= g - extra ? 1 : 0);
      const groupWeight = Math.pow(p.groupDecay, g - 1 - gi) / g;
      for (let j = 0; j < size; j++) {
        const w = (groupWeight * Math.pow(p.withinDecay, size - 1 - j)) / size;
        for (const item of history[start + j]!.items) acc.set(item, (acc.get(item) ?? 0) + w);
      }
      start += size;
    }
  }
  const items = Int32Array.from([...acc.keys()].sort((a, b) => a - b));
  const values = Float64Array.from(items, (i) => acc.get(i)!);
  let sq = 0;
  for (const v of values) sq += v * v;
  return { items, values, norm: Math.sqrt(sq) };
}

/** The neighbour pool for one vector setting, with an inverted index for fast cosine search. */
export class TifuPool {
  readonly ids: string[];
  readonly vectors: SparseVec[];
  private readonly postings: { users: Int32Array; values: Float64Array }[];
  private readonly index = new Map<string, number>();

  constructor(
    pool: readonly { userId: string; baskets: readonly NbrBasket[] }[],
    readonly nItems: number,
    readonly vectorParams: Pick<TifuParams, 'groups' | 'withinDecay' | 'groupDecay'>,
  ) {
    this.ids = pool.map((u) => u.userId);
    this.vectors = pool.map((u) => tifuVector(u.baskets, vectorParams));
    this.ids.forEach((id, i) => this.index.set(id, i));
    const lists: { u: number[]; v: number[] }[] = Array.from({ length: nItems }, () => ({ u: [], v: [] }));
    this.vectors.forEach((vec, u) => {
      for (let x = 0; x < vec.items.length; x++) {
        const l = lists[vec.items[x]!]!;
        l.u.push(u);
        l.v.push(vec.values[x]!);
      }
    });
    this.postings = lists.map((l) => ({ users: Int32Array.from(l.u), values: Float64Array.from(l.v) }));
  }

  /** Pool indices of the `k` most cosine-similar users, best first (the user itself excluded; ties to the lower index). */
  neighbours(vec: SparseVec, k: number, selfId: string): number[] {
    const dots = new Float64Array(this.vectors.length);
    for (let x = 0; x < vec.items.length; x++) {
      const p = this.postings[vec.items[x]!]!;
      const w = vec.values[x]!;
      for (let y = 0; y < p.users.length; y++) dots[p.users[y]!]! += w * p.values[y]!;
    }
    const self = this.index.get(selfId);
    const sims = new Float64Array(dots.length);
    const similar: number[] = [];
    for (let u = 0; u < dots.length; u++) {
      if (u === self || !(dots[u]! > 0)) continue;
      sims[u] = dots[u]! / (vec.norm * this.vectors[u]!.norm);
      similar.push(u);
    }
    // a sort, not a bounded insertion: k reaches the whole pool
    similar.sort((a, b) => sims[b]! - sims[a]! || a - b);
    return similar.slice(0, k);
  }

  /**
   * Recommender for a neighbour count and α. Pass the same `cache` to the recommenders of one
   * pool so the grid over k and α searches each user's neighbours once (deepest k first) and
   * averages each k's neighbours once for every α.
   */
  recommender(neighbours: number, alpha: number, cache: NeighbourCache = new Map()): Recommender {
    return (user, k) => {
      const own = tifuVector(user.history, this.vectorParams);
      let nb = cache.get(user.id);
      if (!nb || nb.depth < neighbours) {
        nb = { depth: neighbours, list: this.neighbours(own, neighbours, user.id), means: new Map() };
        cache.set(user.id, nb);
      }
      let mean = nb.means.get(neighbours);
      if (!mean) {
        mean = this.mean(nb.list.slice(0, neighbours));
        nb.means.set(neighbours, mean);
      }
      const scores = new Float64Array(this.nItems);
      for (let x = 0; x < own.items.length; x++) scores[own.items[x]!]! += alpha * own.values[x]!;
      for (let i = 0; i < mean.length; i++) scores[i]! += (1 - alpha) * mean[i]!;
      return topKDense(scores, k);
    };
  }

  /** The mean of the given users' vectors, dense (all zeros for none). */
  private mean(users: readonly number[]): Float64Array {
    const out = new Float64Array(this.nItems);
    for (const u of users) {
      const v = this.vectors[u]!;
      for (let x = 0; x < v.items.length; x++) out[v.items[x]!]! += v.values[x]!;
    }
    if (users.length) for (let i = 0; i < out.length; i++) out[i]! /= users.length;
    return out;
  }
}
