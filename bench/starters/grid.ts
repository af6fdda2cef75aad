// The starter blend settings `npm run tune:starters` chooses from (on validation customers), and
// whose trade-off `npm run eval:starters` reports on the test customers.
export const GRID = {
  usualOverExplore: [0],
  usualMaxProducts: [6, 7, 8],
  usualRelevance: [0.9],
};
