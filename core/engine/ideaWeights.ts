// The starter blend's settings, chosen on validation customers only by
// `node dist/node/bench/starters/tune.js` (bench/starters/tune.ts), which rewrites this file.
// Every decision and preview uses them (decide.ts); a tuning run passes others to the engine.

export interface IdeaWeights {
  /**
   * A product the customer buys again joins their "usual" starter while its item-model score
   * is at least this many times the score of the best new-to-them product (the marginal
   * explore item): above 1 keeps more of the product budget for new topics.
   */
  usualOverExplore: number;
  /** At most this many of the list's products go to the usual starter; the rest open new topics. */
  usualMaxProducts: number;
  /** Where the usual starter ranks among the other ideas (their relevance × value is on this scale). */
  usualRelevance: number;
}

export const IDEA_WEIGHTS: IdeaWeights = {
  // chosen on validation customers, seeds 1–3: bench/results/starters-tuning.json
  usualOverExplore: 0,
  usualMaxProducts: 6,
  usualRelevance: 0.9,
};
