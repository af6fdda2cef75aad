// "People who buy running shoes also buy socks" names a category: which sock each runner is
// shown comes from their own history, and without anything personal the best sellers are spread.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StarterSet } from '../contract/types.js';
import { addShopper, daysAgo, openEngineStore, storeItemPopularity } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { OfferEngine } from './decide.js';
import { orderForCustomer } from './goesWith.js';
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
  const ranked = (sku: string, score: number, extra: { signal?: 'repeat' | 'follow_up' | 'popular'; brand?: number; maker?: string } = {}) => ({
    p: product(sku, extra.maker), score, signal: extra.signal ?? ('popular' as const), close: 0, brand: extra.brand ?? 0,
  });

  it('puts a learned follow-up first, then the near-equal best sellers, and a far less popular one last', () => {
    const order = orderForCustomer([ranked('TOP', 0.05), ranked('NEXT', 0.04), ranked('RARE', 0.01), ranked('LINKED', 0.03, { signal: 'follow_up' })], 'C1:2026-12-07');
    expect(order[0]).toEqual({ p: expect.objectContaining({ sku: 'LINKED' }), basis: 'follow_up' });
    expect(order.slice(1, 3).map((o) => o.p.sku).sort()).toEqual(['NEXT', 'TOP']);
    expect(order[3]).toMatchObject({ p: { sku: 'RARE' }, basis: 'best_seller' });
  });

  it('lets the brand they buy win among near-equal best sellers, and says so', () => {
    const order = orderForCustomer([ranked('TOP', 0.05), ranked('THEIRS', 0.04, { brand: 0.5, maker: 'Fleetfoot' })], 'C1:2026-12-07');
    expect(order.map((o) => [o.p.sku, o.basis])).toEqual([['THEIRS', 'brand'], ['TOP', 'near_equal']]);
    expect(whyThisOne(order[0]!.p, order[0]!.basis)).toBe('The THEIRS Sock: a brand they buy.');
  });

  it('judges best sellers in styles: a boot whose sales are split over its sizes sells as well as one sold in one size', () => {
    // SPLIT sells 0.05 in all over five sizes (0.01 each); ONE sells 0.05 in its only size
    const order = orderForCustomer([ranked('ONE', 0.05), ...['8', '9', '10', '11', '12'].map((size) => ranked(`SPLIT, ${size}`, 0.01)), ranked('RARE', 0.005)], 'C1:2026-12-07');
    expect(order.find((o) => o.p.sku === 'SPLIT, 10')!.basis).toBe('near_equal');
    expect(order.find((o) => o.p.sku === 'RARE')!.basis).toBe('best_seller');
  });

  it('counts only the styles the customer can be offered among the near-equal ones', () => {
    // eight women's boots outsell the men's; for a man they would all be refused
    const women = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8'].map((sku) => ranked(sku, 0.1));
    const men = ['M1', 'M2', 'M3'].map((sku) => ranked(sku, 0.03));
    const order = orderForCustomer([...women, ...men], 'C1:2026-12-07', (p) => p.sku.startsWith('M'));
    for (const sku of ['M1', 'M2', 'M3']) expect(order.find((o) => o.p.sku === sku)!.basis).toBe('near_equal');
  });
});
