import { describe, expect, it } from 'vitest';
import { Cooccurrence, gpTopFreq, gTopFreq, itemCounts, popularityOrder, popularityRank, pTopFreq, topKDense } from './baselines.js';
import type { NbrBasket } from './protocol.js';

const b = (day: number, ...items: number[]): NbrBasket => ({ time: day * 86_400_000, day, items });

// item 0 in 3 baskets, 1 in 2, 2 in 2, 3 in 1, 4 never
const seqs = [{ baskets: [b(1, 0, 1), b(2, 0, 2)] }, { baskets: [b(1, 0, 1, 2), b(3, 3)] }];
const counts = itemCounts(seqs, 5);
const popular = popularityOrder(counts);
const rank = popularityRank(popular, 5);

describe('TopFreq baselines', () => {
  it('G-TopFreq recommends the most popular items to everyone', () => {
    expect(popular).toEqual([0, 1, 2, 3]);
    expect(gTopFreq(popular)({ id: 'x', history: [b(1, 3)] }, 2)).toEqual([0, 1]);
  });

  it('P-TopFreq ranks the user’s own items by frequency, ties to the more recent, and does not fill', () => {
    const history = [b(1, 3, 2), b(2, 3, 1), b(3, 4)];
    expect(pTopFreq(rank)({ id: 'x', history }, 10)).toEqual([3, 4, 1, 2]);
  });

  it('GP-TopFreq fills P-TopFreq with popular items the user has not bought', () => {
    expect(gpTopFreq(popular, rank)({ id: 'x', history: [b(1, 3)] }, 3)).toEqual([3, 0, 1]);
  });

  it('topKDense keeps positive scores, best first, ties by the given rank', () => {
    expect(topKDense(Float64Array.from([0, 2, 1, 2, -1]), 3)).toEqual([1, 3, 2]);
    expect(topKDense(Float64Array.from([0, 2, 1, 2]), 2, Int32Array.from([0, 9, 0, 1]))).toEqual([3, 1]);
  });
});

describe('Cooccurrence', () => {
  const co = new Cooccurrence(seqs, 5, counts);

  it('counts pairs in the same basket', () => {
    expect(co.pair[0 * 5 + 1]).toBe(2);
    expect(co.pair[1 * 5 + 2]).toBe(1);
    expect(co.pair[0 * 5 + 3]).toBe(0);
  });

  it('scores items by their co-occurrence with the last basket', () => {
    // seed {1}: self 1, P(0|1) = 2/2, P(2|1) = 1/2 → 0 and 1 tie at 1 (popularity first), then 2, then popular fill 3
    const rec = co.recommender({ lastBaskets: 1, norm: 'conditional' }, popular, rank);
    expect(rec({ id: 'x', history: [b(1, 3), b(2, 1)] }, 4)).toEqual([0, 1, 2, 3]);
  });
});
