// Relearning as orders arrive: when it is due, and that a decision made while a new model is
// being built uses the previous model whole, and the new one once it is swapped in.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StarterSet } from '../contract/types.js';
import { addShopper, openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { OfferEngine } from './decide.js';
import { recordSale } from '../orders/sale.js';
import { learnState, noteNewOrders, relearn, relearnDue, Relearner, setLearnSchedule, type LearnState } from './relearn.js';

let db: Database.Database;
let engine: OfferEngine;
beforeEach(() => {
  db = openEngineStore();
  engine = new OfferEngine(db);
});

const decide = (customerId: string): StarterSet =>
  db.transaction(() => engine.decide({ customerId, cart: [], storeId: 'S1', staffId: 'st-ava', now: SMALL_NOW, limit: 6 }))();
const refills = (s: StarterSet) => s.starters.filter((x) => x.kind === 'replenishment').length;
const HOUR = 3_600_000;

describe('when to relearn', () => {
  const state = (s: Partial<LearnState>): LearnState => ({ learnedAt: SMALL_NOW.toISOString(), ordersLearned: 100, linksLearned: 3, newOrders: 0, minNewOrders: 5000, maxAgeHours: 24, ...s });

  it('after enough new orders, or once the model is old and anything arrived; a device that never learned learns when it has orders', () => {
    expect(relearnDue(state({ newOrders: 4999 }), SMALL_NOW)).toBe(false);
    expect(relearnDue(state({ newOrders: 5000 }), SMALL_NOW)).toBe(true);
    expect(relearnDue(state({ newOrders: 1 }), new Date(SMALL_NOW.getTime() + 23 * HOUR))).toBe(false);
    expect(relearnDue(state({ newOrders: 1 }), new Date(SMALL_NOW.getTime() + 24 * HOUR))).toBe(true);
    expect(relearnDue(state({ newOrders: 0 }), new Date(SMALL_NOW.getTime() + 48 * HOUR))).toBe(false);
    expect(relearnDue(state({ learnedAt: null, ordersLearned: 0, newOrders: 0 }), SMALL_NOW)).toBe(false);
    expect(relearnDue(state({ learnedAt: null, ordersLearned: 0, newOrders: 10 }), SMALL_NOW)).toBe(true);
  });

  it('the schedule is the device\'s own and kept in the replica', () => {
    expect(setLearnSchedule(db, { minNewOrders: 200, maxAgeHours: 6 })).toMatchObject({ minNewOrders: 200, maxAgeHours: 6 });
    expect(() => setLearnSchedule(db, { minNewOrders: 0, maxAgeHours: 6 })).toThrow(/CHECK/);
  });
});

describe('relearning', () => {
  it('a decision during relearning uses the previous model; after the swap, the new one', () => {
    // The previous model says beans are rebought; this small history is too thin to learn that again.
    addShopper(db, { id: 'BEANS', purchases: [['BEANS-1', 22], ['BEANS-1', 43], ['BEANS-1', 64], ['BEANS-1', 85]] });
    addShopper(db, { id: 'BEANS2', purchases: [['BEANS-1', 22], ['BEANS-1', 43], ['BEANS-1', 64], ['BEANS-1', 85]] });
    noteNewOrders(db, 8);
    let during: StarterSet | null = null;
    let linksDuring = -1;
    const after = relearn(db, SMALL_NOW, {
      afterBuild: (model) => {
        expect(model.repeats).toEqual([]);
        during = decide('BEANS');
        linksDuring = db.prepare(`SELECT count(*) FROM repeat_categories`).pluck().get() as number;
      },
    });
    expect(linksDuring).toBe(1);
    expect(refills(during!)).toBe(1);
    expect(db.prepare(`SELECT count(*) FROM repeat_categories`).pluck().get()).toBe(0);
    expect(refills(decide('BEANS2'))).toBe(0);
    expect(after).toMatchObject({ learnedAt: SMALL_NOW.toISOString(), ordersLearned: 9, newOrders: 0 });
  });

  it('a failed swap leaves the previous model and the count of new orders as they were', () => {
    noteNewOrders(db, 3);
    db.exec(`CREATE TRIGGER no_swap BEFORE DELETE ON copurchase_links BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => relearn(db, SMALL_NOW)).toThrow(/disk full/);
    expect(db.prepare(`SELECT computed_at FROM copurchase_links`).pluck().all()).toEqual(['learned']);
    expect(learnState(db).newOrders).toBe(3);
  });

  it('runs in the background once the call that brought the orders has returned, when due', async () => {
    setLearnSchedule(db, { minNewOrders: 2, maxAgeHours: 24 });
    db.prepare(`UPDATE learn_state SET learned_at = ?`).run(SMALL_NOW.toISOString());
    const relearner = new Relearner(db, { now: () => SMALL_NOW });
    const first = relearner.ordersArrived(1);
    await first;
    expect(learnState(db)).toMatchObject({ newOrders: 1 });
    const second = relearner.ordersArrived(1);
    // Nothing has run yet: the caller's own work comes first.
    expect(db.prepare(`SELECT computed_at FROM copurchase_links`).pluck().all()).toEqual(['learned']);
    await second;
    expect(learnState(db)).toMatchObject({ newOrders: 0, ordersLearned: 1 });
  });
});

describe('sales finished at the register', () => {
  const LINKS = { windowDays: 60, minSupport: 3, minLift: 1.2, maxPerFrom: 8 };
  const link = (from: string, to: string) =>
    db.prepare(`SELECT count(*) FROM copurchase_links WHERE from_category_id = ? AND to_category_id = ?`).pluck().get(from, to) as number;
  const by = { staffId: 'st-ava', storeId: 'S1', registerId: 'R1' };

  it('feed the next relearn like feed orders: a walk-in basket\'s co-occurrence counts, and so does a named customer\'s', () => {
    // Other shoppers' history, so a pair bought together stands out from what everyone buys.
    for (let i = 0; i < 6; i++) addShopper(db, { id: `OTHER${i}`, purchases: [['SHOE-1', 30], ['JACKET-1', 20]] });
    relearn(db, SMALL_NOW, { links: LINKS });
    expect(link('outdoor/camping/tents', 'outdoor/camping/pads')).toBe(0);

    // Four walk-ins (no customer) and one named customer buy a tent with a pad at the register.
    for (let i = 0; i < 4; i++) recordSale(db, [{ sku: 'TENT-1', quantity: 1 }, { sku: 'PAD-1', quantity: 1 }], null, by, SMALL_NOW);
    addShopper(db, { id: 'NAMED' });
    recordSale(db, [{ sku: 'TENT-1', quantity: 1 }, { sku: 'PAD-1', quantity: 2 }], 'NAMED', by, SMALL_NOW);
    expect(learnState(db).newOrders).toBe(5);
    const learned = relearn(db, SMALL_NOW, { links: LINKS });
    expect(link('outdoor/camping/tents', 'outdoor/camping/pads')).toBe(1);
    expect(db.prepare(`SELECT support FROM copurchase_links WHERE from_category_id = 'outdoor/camping/tents' AND to_category_id = 'outdoor/camping/pads'`).pluck().get()).toBe(5);
    expect(learned).toMatchObject({ newOrders: 0 });
  });

  it('a walk-in is never counted as a shopper who did not come back: repeat categories come from named customers only', () => {
    for (let i = 0; i < 3; i++) addShopper(db, { id: `BEANS${i}`, purchases: [['BEANS-1', 40], ['BEANS-1', 10]] });
    for (let i = 0; i < 6; i++) recordSale(db, [{ sku: 'BEANS-1', quantity: 1 }], null, by, SMALL_NOW);
    relearn(db, SMALL_NOW, { links: LINKS });
    expect(db.prepare(`SELECT buyers, repeat_share FROM repeat_categories WHERE category_id = 'home/coffee/beans'`).get()).toEqual({ buyers: 3, repeat_share: 1 });
  });
});
