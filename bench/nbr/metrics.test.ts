import { describe, expect, it } from 'vitest';
import { averageRuns, dcgAt, evaluateRun, hitsAt, ndcgAt, ndcgCappedAt, phrAt, recallAt } from './metrics.js';

const log2 = Math.log2;

describe('NBR metrics', () => {
  // target {1, 2, 3}; ranked 9, 1, 8, 3 → hits at ranks 2 and 4
  const truth = new Set([1, 2, 3]);
  const ranked = [9, 1, 8, 3];

  it('recall and PHR count hits in the top k', () => {
    expect(hitsAt(truth, ranked, 2)).toBe(1);
    expect(recallAt(truth, ranked, 2)).toBeCloseTo(1 / 3);
    expect(recallAt(truth, ranked, 10)).toBeCloseTo(2 / 3);
    expect(phrAt(truth, ranked, 1)).toBe(0);
    expect(phrAt(truth, ranked, 2)).toBe(1);
  });

  it('NDCG has binary gains and, like the paper’s code, the ideal DCG over the whole target basket', () => {
    const dcg = 1 / log2(3) + 1 / log2(5);
    expect(dcgAt(truth, ranked, 10)).toBeCloseTo(dcg);
    expect(ndcgAt(truth, ranked, 10)).toBeCloseTo(dcg / (1 + 1 / log2(3) + 1 / log2(4)));
    // k = 2: one hit at rank 2; the paper still divides by the ideal of all 3 target items …
    expect(ndcgAt(truth, ranked, 2)).toBeCloseTo(1 / log2(3) / (1 + 1 / log2(3) + 1 / log2(4)));
    // … while the capped variant divides by the ideal of min(3, 2) items.
    expect(ndcgCappedAt(truth, ranked, 2)).toBeCloseTo(1 / log2(3) / (1 + 1 / log2(3)));
    // a perfect top-2 for a 3-item target is not 1 in the paper's NDCG@2
    expect(ndcgAt(truth, [1, 2], 2)).toBeLessThan(1);
    expect(ndcgCappedAt(truth, [1, 2], 2)).toBeCloseTo(1);
  });

  it('splits recall into repeat and explore items, each averaged over the users who have such items', () => {
    const m = evaluateRun(
      [
        // seen 1, 2; target 1 (repeat) and 5 (explore); ranked finds 1 only
        { truth: [1, 5], seen: new Set([1, 2]), ranked: [1, 2, 3] },
        // only explore items in the target: 7, 8; ranked finds 8
        { truth: [7, 8], seen: new Set([1]), ranked: [8, 1] },
      ],
      [10],
    );
    expect(m['recall@10']).toBeCloseTo((1 / 2 + 1 / 2) / 2);
    expect(m['repeat_recall@10']).toBeCloseTo(1); // user 1 only
    expect(m['explore_recall@10']).toBeCloseTo((0 + 1 / 2) / 2);
    expect(m['phr@10']).toBe(1);
    expect(m['repeat_ratio@10']).toBeCloseTo((2 / 10 + 1 / 10) / 2);
  });

  it('averages runs and reports their spread', () => {
    const { mean, sd } = averageRuns([{ 'recall@10': 0.2 }, { 'recall@10': 0.4 }]);
    expect(mean['recall@10']).toBeCloseTo(0.3);
    expect(sd['recall@10']).toBeCloseTo(Math.sqrt(0.02));
  });
});
