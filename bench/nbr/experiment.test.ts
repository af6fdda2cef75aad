import { describe, expect, it } from 'vitest';
import { coordinateSearch, METHODS, runSeed } from './experiment.js';
import { buildDataset, mulberry32 } from './protocol.js';
import type { Order } from './load.js';

describe('coordinateSearch', () => {
  it('finds the best value of each parameter of a separable score, evaluating each point once', () => {
    let calls = 0;
    const best = coordinateSearch({ a: [0, 1, 2, 3], b: [0, 5, 10] }, { a: 0, b: 0 }, (p) => {
      calls++;
      return { score: -((p.a - 2) ** 2) - (p.b - 5) ** 2, validation: {} };
    });
    expect(best.params).toEqual({ a: 2, b: 5 });
    // pass 1: start, a = 1..3, then b = 5, 10 (with a = 2); pass 2: a = 0, 1, 3 with b = 5 — and no change, so it stops
    expect(calls).toBe(9);
  });
});

describe('runSeed', () => {
  it('fits, chooses on validation and tests every method on a small synthetic shop', () => {
    // 100 customers, 4–6 orders each over 20 products; customers of the same "taste" share products.
    const rand = mulberry32(7);
    const orders: Order[] = [];
    for (let c = 0; c < 100; c++) {
      const taste = c % 4;
      const n = 4 + (c % 3);
      for (let o = 0; o < n; o++) {
        const skus = new Set<string>();
        for (let j = 0; j < 4; j++) skus.add(`p${taste * 4 + Math.floor(rand() * 6)}`);
        orders.push({ customerId: `c${c}`, orderId: `c${c}-${o}`, time: (o * 14 + c) * 86_400_000, skus: [...skus] });
      }
    }
    const run = runSeed(buildDataset(orders), 1);
    expect(run.users).toEqual({ train: 72, validation: 8, test: 20 });
    expect(Object.keys(run.methods).sort()).toEqual([...METHODS].sort());
    for (const m of METHODS) {
      const r = run.methods[m];
      for (const k of ['recall@10', 'recall@20', 'ndcg@10', 'ndcg@20', 'phr@10']) {
        expect(r.test[k]).toBeGreaterThanOrEqual(0);
        expect(r.test[k]).toBeLessThanOrEqual(1);
      }
    }
    expect(run.methods['gp-topfreq'].test['recall@10']).toBeGreaterThan(run.methods['g-topfreq'].test['recall@10']!);
    expect(run.methods.endcap.params).toMatchObject({ recencyDecay: expect.any(Number), exploreWeight: expect.any(Number) });
    expect(Object.keys(run.methods.endcap.ablations ?? {})).toHaveLength(5);
  });
});
