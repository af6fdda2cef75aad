// "People who buy running shoes also buy socks" names a category: which sock each runner is
// shown comes from their own history, and without anything personal the best sellers are spread.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StarterSet } from '../contract/types.js';
import { addShopper, daysAgo, openEngineStore, storeItemPopularity } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { OfferEngine } from './decide.js';
import { orderForCustomer, poolStyles } from './goesWith.js';
import { whyThisOne } from './ideas.js';

let db: Database.Database;
beforeEach(() => {
  db = openEngineStore();
  addProduct('SHOE-FF', 'Fleetfoot Racer Shoe', 'Fleetfoot', 'footwear/running', 139);
  // four socks that sell alike, none of them from a brand the test runners buy…
  addProduct('SOCK-TOP', 'Loomworks Run Sock', 'Loomworks', 'footwear/socks', 22);
  addProduct('SOCK-AIR', 'Airline Run Sock', 'Airline', 'footwear/socks', 22);
  addProduct('SOCK-PACE', 'Pacer Run Sock', 'Pacer', 'footwear/socks', 22);
  addProduct('SOCK-FF', 'Fleetfoot Run Sock', 'Fleetfoot', 'footwear/socks', 22);
});

function addProduct(sku: string, title: string, brand: string, category: string, price: number): void {
  db.prepare(
    `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'all', 'active', 0.5, ?)`,
  ).run(sku, title, brand, category, price * 100, price * 40, daysAgo(400), SMALL_NOW.toISOString());
  db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES (?, 'S1', 30, 0, ?, 1)`).run(sku, SMALL_NOW.toISOString());
}

const decide = (engine: OfferEngine, customerId: string): StarterSet =>
  db.transaction(() => engine.decide({ customerId, cart: [], storeId: 'S1', staffId: 'st-ava', now: SMALL_NOW, limit: 4 }))();
const socks = (s: StarterSet) => s.starters.find((x) => x.kind === 'cross_sell' && x.products.some((p) => p.sku.startsWith('SOCK')));

describe('the product of a category cross-sell', () => {
  it('comes from each customer’s own history: two runners, two different socks', () => {
    // Loomworks sells most; Northpeak and Fleetfoot nearly as well
    storeItemPopularity(db, { 'SOCK-TOP': 0.05, 'SOCK-1': 0.04, 'SOCK-FF': 0.04 });
    // each came back for their brand: a second pair half a year later (one purchase is no brand of theirs, person.ts)
    addShopper(db, { id: 'NORTH', purchases: [['SHOE-1', 10], ['SHOE-1', 190]] });
    addShopper(db, { id: 'FLEET', purchases: [['SHOE-FF', 10, 139], ['SHOE-FF', 190, 139]] });
    const engine = new OfferEngine(db);
    const north = socks(decide(engine, 'NORTH'))!;
    const fleet = socks(decide(engine, 'FLEET'))!;
    expect(north.products[0]!.sku).toBe('SOCK-1');
    expect(fleet.products[0]!.sku).toBe('SOCK-FF');
    expect(north.reason).toMatch(/The Merino Run Sock: a brand they buy\./);
  });

  it('never offers a product their history contradicts', () => {
    addProduct('W-SHOE', "Trail Runner, Women's, Blue", 'Pacer', 'footwear/running', 120);
    addProduct('W-SHOE-2', "Road Runner, Women's, Red", 'Pacer', 'footwear/running', 120);
    addProduct('SOCK-MEN', "Cushion Sock, Men's, Black", 'Cushion', 'footwear/socks', 22);
    addProduct('SOCK-WOMEN', "Cushion Sock, Women's, Black", 'Cushion', 'footwear/socks', 22);
    storeItemPopularity(db, { 'SOCK-MEN': 0.09, 'SOCK-WOMEN': 0.03, 'SOCK-TOP': 0.02 });
    addShopper(db, { id: 'HER', purchases: [['W-SHOE', 20, 120], ['W-SHOE-2', 10, 120]] });
    const s = socks(decide(new OfferEngine(db), 'HER'))!;
    expect(s.products.map((p) => p.sku)).toContain('SOCK-WOMEN');
    for (const p of s.products) expect(p.title).not.toMatch(/Men's/);
  });

  it('without anything personal to go by, spreads customers over the near-equal best sellers and says so', () => {
    storeItemPopularity(db, { 'SOCK-TOP': 0.05, 'SOCK-AIR': 0.045, 'SOCK-PACE': 0.04, 'SOCK-FF': 0.04 });
    for (let i = 0; i < 30; i++) addShopper(db, { id: `RUN${i}`, purchases: [['SHOE-1', 10]] }); // all alike
    const engine = new OfferEngine(db);
    const first = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const s = socks(decide(engine, `RUN${i}`))!;
      first.set(s.products[0]!.sku, (first.get(s.products[0]!.sku) ?? 0) + 1);
      expect(s.reason).toMatch(/is one of several best sellers there that sell about equally\./);
      expect(s.reason).not.toMatch(/brand they buy/);
    }
    expect(first.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...first.values())).toBeLessThanOrEqual(15);
  });
});

describe('orderForCustomer', () => {
  const product = (sku: string, brand = 'Loomworks') => ({ sku, title: `${sku} Sock`, brand, categoryId: 'footwear/socks', priceCents: 2200, costCents: 800, status: 'active' as const, season: 'all' as const, launchedAt: '2025-01-01', isPartner: false });
  /** A best-seller pool from [sku, prior, maker?] in the category's best-seller order. */
  const pool = (...xs: [string, number, string?][]) => {
    const priors = new Map(xs.map(([sku, prior]) => [sku, prior]));
    return poolStyles(xs.map(([sku, , maker]) => product(sku, maker)), (p) => priors.get(p.sku)!);
  };
  const anyone = { seed: 'C1:2026-12-07', fits: () => true, brand: () => 0, close: () => 0 };

  it('puts a learned follow-up first, then the near-equal best sellers, and a far less popular one last', () => {
    const linked = { p: product('LINKED'), score: 0.03, signal: 'follow_up' as const, close: 0 };
    const order = orderForCustomer([linked], pool(['TOP', 0.05], ['NEXT', 0.04], ['RARE', 0.01]), anyone);
    expect(order[0]).toEqual({ p: expect.objectContaining({ sku: 'LINKED' }), basis: 'follow_up' });
    expect(order.slice(1, 3).map((o) => o.p.sku).sort()).toEqual(['NEXT', 'TOP']);
    expect(order[3]).toMatchObject({ p: { sku: 'RARE' }, basis: 'best_seller' });
  });

  it('never repeats one of their own candidates among the best sellers', () => {
    const theirs = { p: product('TOP'), score: 0.2, signal: 'repeat' as const, close: 0 };
    const order = orderForCustomer([theirs], pool(['TOP', 0.05], ['NEXT', 0.04]), anyone);
    expect(order.map((o) => [o.p.sku, o.basis])).toEqual([['TOP', 'their_own'], ['NEXT', 'near_equal']]);
  });

  it('lets the brand they buy win among near-equal best sellers, and says so', () => {
    const order = orderForCustomer([], pool(['TOP', 0.05], ['THEIRS', 0.04, 'Fleetfoot']), { ...anyone, brand: (p) => (p.brand === 'Fleetfoot' ? 0.5 : 0) });
    expect(order.map((o) => [o.p.sku, o.basis])).toEqual([['THEIRS', 'brand'], ['TOP', 'near_equal']]);
    expect(whyThisOne(order[0]!.p, order[0]!.basis)).toBe('The THEIRS Sock: a brand they buy.');
  });

  it('judges best sellers in styles: a boot whose sales are split over its sizes sells as well as one sold in one size', () => {
    // SPLIT sells 0.05 in all over five sizes (0.01 each); ONE sells 0.05 in its only size
    const order = orderForCustomer([], pool(['ONE', 0.05], ...['8', '9', '10', '11', '12'].map((size): [string, number] => [`SPLIT, ${size}`, 0.01]), ['RARE', 0.005]), anyone);
    expect(order.find((o) => o.p.sku === 'SPLIT, 10')!.basis).toBe('near_equal');
    expect(order.find((o) => o.p.sku === 'RARE')!.basis).toBe('best_seller');
  });

  it('keeps a style’s sizes together, best-selling size first, and orders the other styles by their best seller', () => {
    // LOW's best size sells less than HIGH's; its other sizes sell more than HIGH's second
    const order = orderForCustomer([], pool(['TOP', 1], ['HIGH, 9', 0.3], ['HIGH, 10', 0.01], ['LOW, 8', 0.02], ['LOW, 9', 0.2]), anyone);
    expect(order.map((o) => o.p.sku)).toEqual(['TOP', 'HIGH, 9', 'HIGH, 10', 'LOW, 9', 'LOW, 8']);
  });

  it('ranks the other styles by their best seller in the customer’s size', () => {
    // they wear 8: only LOW comes in it, so LOW goes before HIGH
    const wears8 = { ...anyone, fits: (p: { sku: string }) => !p.sku.includes(',') || p.sku.endsWith(' 8') };
    const order = orderForCustomer([], pool(['TOP', 1], ['HIGH, 9', 0.3], ['HIGH, 10', 0.01], ['LOW, 8', 0.02], ['LOW, 9', 0.2]), wears8);
    expect(order.map((o) => o.p.sku)).toEqual(['TOP', 'LOW, 9', 'LOW, 8', 'HIGH, 9', 'HIGH, 10']);
  });

  it('counts only the styles the customer can be offered among the near-equal ones', () => {
    // eight women's boots outsell the men's; for a man they would all be refused
    const women = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'].map((sku): [string, number] => [sku, 0.1]);
    const men = ['M1', 'M2', 'M3'].map((sku): [string, number] => [sku, 0.03]);
    const order = orderForCustomer([], pool(...women, ...men), { ...anyone, fits: (p) => p.sku.startsWith('M') });
    for (const sku of ['M1', 'M2', 'M3']) expect(order.find((o) => o.p.sku === sku)!.basis).toBe('near_equal');
  });
});
