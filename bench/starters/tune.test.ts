import { describe, expect, it } from 'vitest';
import { GRID } from './grid.js';
import { choose, gridPoints } from './tune.js';

const point = (usualOverExplore: number, usualMaxProducts: number, recall: number, explore: number) => ({
  weights: { usualOverExplore, usualMaxProducts, usualRelevance: 0.9 },
  metrics: { recall, hit_rate: recall * 4, explore_recall: explore },
});

describe('choosing the starter blend on validation customers', () => {
  it('takes the best recall that keeps explore recall at the floor, not the best recall overall', () => {
    const grid = [point(0, 4, 0.12, 0.036), point(0, 6, 0.146, 0.024), point(0, 8, 0.162, 0.004)];
    expect(choose(grid, 0.0102).weights.usualMaxProducts).toBe(6);
    expect(choose(grid, 0.03).weights.usualMaxProducts).toBe(4);
    expect(choose(grid, 0.5).weights.usualMaxProducts).toBe(8); // nothing reaches the floor: best recall
  });

  it('breaks a tie with the stricter bar for repeats', () => {
    expect(choose([point(0, 6, 0.146, 0.024), point(2, 6, 0.146, 0.024), point(0.5, 6, 0.146, 0.024)], 0.01).weights.usualOverExplore).toBe(2);
  });

  it('covers the whole grid', () => {
    expect(gridPoints()).toHaveLength(GRID.usualOverExplore.length * GRID.usualMaxProducts.length * GRID.usualRelevance.length);
  });
});
