// The item model is learned when the links are (a relearn, in the background) and stored on the
// replica: decisions read it by key and never learn it themselves.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { addShopper, ENGINE_PRODUCTS, openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { OfferEngine } from './decide.js';
import { itemModelStamp, learnItemModel, LINK_CACHE, StoredItemModel } from './itemModel.js';
import { relearn } from './relearn.js';

let db: Database.Database;
beforeEach(() => {
  db = openEngineStore();
  // Six runners come back for coffee beans ten days after their socks; six others buy jackets only.
  for (let i = 0; i < 6; i++) addShopper(db, { id: `RUN${i}`, purchases: [['SOCK-1', 40 + i], ['BEANS-1', 30 + i], ['BEANS-1', 5 + i]] });
  for (let i = 0; i < 6; i++) addShopper(db, { id: `COAT${i}`, purchases: [['JACKET-1', 50 + i], ['JACKET-1', 20 + i]] });
});

describe('the stored item model', () => {
  it('reads back exactly what was learned', () => {
    const learned = learnItemModel(db);
    relearn(db, SMALL_NOW);
    const stored = new StoredItemModel(db);
    expect(stored.popular).toEqual(learned.popular);
    expect(stored.meanRepeatRate).toBeCloseTo(learned.meanRepeatRate, 12);
    expect(learned.links.get('SOCK-1')?.map((l) => l.to)).toEqual(['BEANS-1']);
    for (const { sku } of ENGINE_PRODUCTS) {
      expect(stored.popularity.get(sku)).toEqual(learned.popularity.get(sku));
      expect(stored.repeatRate.get(sku)).toEqual(learned.repeatRate.get(sku));
      expect(stored.links.get(sku)).toEqual(learned.links.get(sku) ?? []);
    }
  });

  it('is empty until a relearn stores one: a decision never learns it', () => {
    expect(itemModelStamp(db)).toBeNull();
    const stored = new StoredItemModel(db);
    expect(stored.popularity.get('BEANS-1')).toBeUndefined();
    expect(stored.links.get('SOCK-1')).toEqual([]);
    expect(stored.popular).toEqual([]);
  });

  it('reaches decisions once a relearn lands, without a new engine', () => {
    addShopper(db, { id: 'NEW', purchases: [['SOCK-1', 3]] });
    const engine = new OfferEngine(db);
    const followUp = () =>
      engine
        .preview({ customerId: 'NEW', cart: [], storeId: 'S1', staffId: null, now: SMALL_NOW, limit: 6 }, [engine.usable(engine.currentPolicy())])[0]!
        .rules.includes('learned_item:SOCK-1->BEANS-1');
    expect(followUp()).toBe(false);
    relearn(db, SMALL_NOW);
    expect(itemModelStamp(db)).toBe(SMALL_NOW.toISOString());
    expect(followUp()).toBe(true);
  });

  it('keeps a bounded number of SKUs’ links in memory, the most recently read', () => {
    relearn(db, SMALL_NOW);
    const stored = new StoredItemModel(db);
    const cached = () => (stored as unknown as { linksOf: Map<string, unknown> }).linksOf;
    expect(stored.links.get('SOCK-1').map((l) => l.to)).toEqual(['BEANS-1']);
    for (let i = 0; i < LINK_CACHE + 50; i++) stored.links.get(`NO-SUCH-${i}`);
    expect(cached().size).toBe(LINK_CACHE);
    expect(cached().has('SOCK-1')).toBe(false); // the oldest went first
    expect(stored.links.get('SOCK-1').map((l) => l.to)).toEqual(['BEANS-1']); // read again when needed
  });

  it('is one learned version, kept in memory: a relearn makes the next one', () => {
    relearn(db, SMALL_NOW);
    const first = new StoredItemModel(db);
    const jackets = first.popularity.get('JACKET-1');
    for (let i = 0; i < 12; i++) addShopper(db, { id: `MORE${i}`, purchases: [['BEANS-1', 4 + i]] });
    relearn(db, new Date(SMALL_NOW.getTime() + 3_600_000));
    const second = new StoredItemModel(db);
    expect(second.popularity.get('BEANS-1')).toBeGreaterThan(first.popularity.get('BEANS-1')!);
    expect(second.popularity.get('JACKET-1')).toBeLessThan(jackets!);
    // the first reads nothing after it is made: what it answers is the version it was made from
    expect(first.popularity.get('JACKET-1')).toBe(jackets);
    expect(first.popularity.get('NOT-A-SKU')).toBeUndefined();
  });
});
