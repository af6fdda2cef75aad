import { describe, expect, it } from 'vitest';
import type { NbrUser } from '../nbr/protocol.js';
import { scoreShown } from './cli.js';

const basket = (items: number[]) => ({ time: 0, day: 0, items });
const items = ['A', 'B', 'C', 'D', 'E'];

describe('scoring what the associate was shown', () => {
  it('counts hits, recall over the target, explore recall over what they never bought, coverage and kinds', () => {
    const users: NbrUser[] = [
      { id: 'u1', history: [basket([0])], target: basket([0, 1]) }, // A again, B new
      { id: 'u2', history: [basket([2])], target: basket([3]) }, // D new, not shown
    ];
    const m = scoreShown(users, [{ skus: ['B', 'E'], kinds: ['cross_sell'] }, { skus: ['C'], kinds: ['replenishment'] }], items);
    expect(m.hit_rate).toBe(0.5);
    expect(m.recall).toBe((1 / 2 + 0) / 2);
    expect(m.explore_recall).toBe((1 + 0) / 2);
    expect(m.coverage).toBe(3 / 5);
    expect(m.kind_shares).toEqual({ cross_sell: 0.5, replenishment: 0.5 });
    expect(m.products_shown).toBe(1.5);
  });
});
