import { describe, expect, it } from 'vitest';
import type { NbrBasket } from './protocol.js';
import { TifuPool, tifuVector } from './tifuKnn.js';

const b = (day: number, ...items: number[]): NbrBasket => ({ time: day * 86_400_000, day, items });
const asMap = (v: { items: Int32Array; values: Float64Array }) => Object.fromEntries([...v.items].map((i, x) => [i, v.values[x]]));

describe('tifuVector', () => {
  it('averages time-decayed baskets within groups and decays the groups', () => {
    // 3 baskets in 2 groups: [b0] and [b1, b2] (the older group is the smaller one)
    // group 0: r_g¹/2 · b0;  group 1: r_g⁰/2 · (r_b¹·b1 + r_b⁰·b2)/2
    const v = tifuVector([b(1, 1), b(2, 1, 2), b(3, 3)], { groups: 2, withinDecay: 0.5, groupDecay: 0.5 });
    expect(asMap(v)).toEqual({ 1: 0.25 + 0.125, 2: 0.125, 3: 0.25 });
    expect(v.norm).toBeCloseTo(Math.hypot(0.375, 0.125, 0.25));
  });

  it('makes every basket its own group when there are fewer baskets than groups', () => {
    const v = tifuVector([b(1, 1), b(2, 2)], { groups: 7, withinDecay: 0.9, groupDecay: 0.5 });
    expect(asMap(v)).toEqual({ 1: 0.5 / 2, 2: 1 / 2 });
  });
});

describe('TifuPool', () => {
  // Two neighbours buy a and b; a stranger buys c; the query user has only bought a.
  const query = { id: 'q', history: [b(1, 0), b(2, 0)] };
  const pool = new TifuPool(
    [
      { userId: 'n1', baskets: [b(1, 0, 1), b(2, 0, 1)] },
      { userId: 'n2', baskets: [b(1, 0, 1), b(3, 1)] },
      { userId: 'far', baskets: [b(1, 2), b(2, 2)] },
      { userId: 'q', baskets: query.history },
    ],
    3,
    { groups: 3, withinDecay: 0.9, groupDecay: 0.7 },
  );

  it('finds neighbours by cosine similarity and never the user itself', () => {
    const nb = pool.neighbours(tifuVector(query.history, pool.vectorParams), 3, 'q');
    expect(nb.map((u) => pool.ids[u])).toEqual(['n1', 'n2']); // 'far' shares nothing, 'q' is the user
  });

  it('blends the user’s own vector with the neighbours’: the neighbours bring in b', () => {
    expect(pool.recommender(2, 0.5)(query, 3)).toEqual([0, 1]);
    expect(pool.recommender(2, 1)(query, 3)).toEqual([0]); // α = 1: only the user's own items
  });

  it('gives the same lists from a shared cache as from a fresh one, whatever was asked first', () => {
    const cache = new Map();
    const asked = [pool.recommender(3, 0.9, cache)(query, 3), pool.recommender(1, 0.5, cache)(query, 3), pool.recommender(2, 0.2, cache)(query, 3)];
    expect(asked).toEqual([pool.recommender(3, 0.9)(query, 3), pool.recommender(1, 0.5)(query, 3), pool.recommender(2, 0.2)(query, 3)]);
  });

  it('returns every similar user when k exceeds the pool', () => {
    expect(pool.neighbours(tifuVector(query.history, pool.vectorParams), 2000, 'q')).toHaveLength(2);
  });
});
