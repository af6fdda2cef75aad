// The store's own picks (for a customer without personalization consent): a thin category
// is widened to its parent instead of being dropped, and customers are spread over its products.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StarterSet } from '../contract/types.js';
import { addShopper, daysAgo, openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { withLargeChainStatistics } from '../testing/largeChainStatistics.js';
import { explainPlan } from '../testing/queryPlan.js';
import { OfferEngine, STORE_FAVOURITES_SQL, widening } from './decide.js';

let db: Database.Database;
let engine: OfferEngine;
beforeEach(() => {
  db = openEngineStore();
  // Tents sell best here, but the store carries one tent; the pads next to them are many.
  const product = db.prepare(
    `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
     VALUES (?, ?, 'Northpeak', 'outdoor/camping/pads', 5000, 2000, ?, 'all', 'active', ?, ?)`,
  );
  const stock = db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at, version) VALUES (?, 'S1', 30, 0, ?, 1)`);
  for (let i = 0; i < 10; i++) {
    product.run(`PAD-T${i}`, `Trail Pad ${i}`, daysAgo(400), 0.4 - i / 100, SMALL_NOW.toISOString());
    stock.run(`PAD-T${i}`, SMALL_NOW.toISOString());
  }
  addShopper(db, { id: 'CAMPER', consent: false, purchases: [['TENT-1', 3], ['TENT-1', 5], ['TENT-1', 9]] });
  for (let i = 0; i < 40; i++) addShopper(db, { id: `WALKIN${i}`, consent: false });
  engine = new OfferEngine(db);
});

const decide = (customerId: string): StarterSet =>
  db.transaction(() => engine.decide({ customerId, cart: [], storeId: 'S1', staffId: 'st-ava', now: SMALL_NOW, limit: 4 }))();
const tentPick = (s: StarterSet) => s.starters.find((x) => x.kind === 'store_pick' && x.reason.includes('camping'));

describe("the store's picks", () => {
  it('widen a category too thin to spread over to its parent, instead of showing nothing', () => {
    const pick = tentPick(decide('WALKIN0'))!;
    expect(pick).toBeDefined();
    expect(pick.products).toHaveLength(2);
    // the reason names the interest, which is true of products from the tents' neighbours too
    expect(pick.reason).toMatch(/A top seller in camping/);
    const categories = db.prepare(`SELECT DISTINCT category_id FROM products WHERE sku IN (${pick.products.map(() => '?').join(',')})`).pluck().all(...pick.products.map((p) => p.sku));
    for (const c of categories) expect(String(c)).toMatch(/^outdoor\/camping\//);
  });

  it('spread customers over the products they find: none shown to more than half of them', () => {
    const shown = new Map<string, number>();
    for (let i = 0; i < 40; i++) for (const p of tentPick(decide(`WALKIN${i}`))?.products ?? []) shown.set(p.sku, (shown.get(p.sku) ?? 0) + 1);
    expect(shown.size).toBeGreaterThanOrEqual(6);
    expect(Math.max(...shown.values())).toBeLessThanOrEqual(20);
  });
});

describe('widening', () => {
  it('goes from the category up to its interest, never to the root', () => {
    expect(widening('apparel/outerwear/fleece/kids').map((s) => s.categoryId)).toEqual(['apparel/outerwear/fleece/kids', 'apparel/outerwear/fleece', 'apparel/outerwear']);
    expect(widening('apparel/outerwear').map((s) => s.categoryId)).toEqual(['apparel/outerwear']);
    expect(widening('apparel').map((s) => s.categoryId)).toEqual(['apparel']);
  });
});

describe("the store's favourites", () => {
  it('are read from the store’s own recent orders, also once the replica has statistics', () => {
    // with a large chain's statistics SQLite once planned this query from the products side,
    // through every order line of the chain (10 s at 250k products)
    withLargeChainStatistics(db);
    expect(explainPlan(db, STORE_FAVOURITES_SQL, ['S1', daysAgo(90), 10]).split('\n')[0]).toMatch(/^SEARCH o USING (COVERING )?INDEX \w+ \(location_id=\? AND placed_at>\?\)$/);
  });
});
