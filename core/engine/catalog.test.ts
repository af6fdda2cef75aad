import { describe, expect, it } from 'vitest';
import { openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { Catalog } from './catalog.js';

describe('stock of many SKUs in one read', () => {
  it('says what one read per SKU says, and null for a SKU this store has no row for', () => {
    const db = openEngineStore();
    const catalog = new Catalog(db);
    const skus = ['BAG-1', 'SHOE-OOS', 'NOT-A-SKU', 'JACKET-CLR'];
    const many = catalog.stockHereMany(skus, 'S1', SMALL_NOW);
    expect([...many.keys()]).toEqual(skus);
    for (const sku of skus) expect(many.get(sku)).toEqual(catalog.stockHere(sku, 'S1', SMALL_NOW));
    expect(many.get('NOT-A-SKU')).toBeNull();
    expect(catalog.stockHereMany([], 'S1', SMALL_NOW).size).toBe(0);
  });
});
