// The small store plus an assortment for search and ship-to-home tests: known titles, stock
// at this store, another store, the DC and a partner, and a product line in sizes and colours.
import type Database from 'better-sqlite3';
import { openSmallStore, SMALL_NOW } from './smallStore.js';

export interface SearchStoreProduct {
  sku: string;
  title: string;
  brand: string;
  category: string;
  price: number; // dollars
  color?: string;
  size?: string;
  popularity?: number;
  status?: 'active' | 'clearance' | 'discontinued';
  /** Available units per location (on hand; nothing reserved). */
  stock: Partial<Record<'S1' | 'S2' | 'DC1' | 'P1', number>>;
}

export const SEARCH_PRODUCTS: SearchStoreProduct[] = [
  { sku: 'TENT-2', title: 'Northpeak Trailhead Tent, 2-Person, Olive', brand: 'Northpeak', category: 'outdoor/tents', price: 249, color: 'Olive', size: '2-Person', popularity: 0.5, stock: { S1: 4, DC1: 20 } },
  { sku: 'TENT-4', title: 'Northpeak Trailhead Tent, 4-Person, Olive', brand: 'Northpeak', category: 'outdoor/tents', price: 329, color: 'Olive', size: '4-Person', popularity: 0.4, stock: { DC1: 7 } },
  { sku: 'TENT-2S', title: 'Northpeak Trailhead Tent, 2-Person, Slate', brand: 'Northpeak', category: 'outdoor/tents', price: 249, color: 'Slate', size: '2-Person', popularity: 0.3, stock: { S2: 2 } },
  { sku: 'TENT-OOS', title: 'Cairn Summit Tent, 3-Person', brand: 'Cairn & Co.', category: 'outdoor/tents', price: 399, popularity: 0.9, stock: { S1: 0, DC1: 0 } },
  { sku: 'TENT-P', title: 'Wildermark Ultralight Tent', brand: 'Wildermark', category: 'outdoor/tents', price: 459, popularity: 0.2, stock: { P1: 30 } },
  { sku: 'BAG-1', title: 'Alpine 15 Sleeping Bag, Long', brand: 'Loftwell', category: 'outdoor/sleeping-bags', price: 219, popularity: 0.7, stock: { S1: 6, DC1: 10 } },
  { sku: 'TEE-1', title: 'Threadline Pocket T-Shirt, Navy, M', brand: 'Threadline', category: 'apparel/t-shirts', price: 24, color: 'Navy', size: 'M', popularity: 0.6, stock: { S1: 10 } },
  { sku: 'BOTTLE-2L', title: 'Clearstream Water Bottle, 2 litre', brand: 'Clearstream', category: 'outdoor/bottles', price: 19, popularity: 0.5, stock: { S1: 3 } },
  { sku: 'LAMP-1', title: 'Lumen Labs Beam 400 Headlamp, Black', brand: 'Lumen Labs', category: 'outdoor/lighting', price: 45, color: 'Black', popularity: 0.8, stock: { S1: 0, S2: 5, DC1: 3 } },
];

const CATEGORIES: Array<[string, string, string]> = [
  ['outdoor/sleeping-bags', 'Sleeping Bags', 'Outdoor > Sleeping Bags'],
  ['outdoor/bottles', 'Water Bottles', 'Outdoor > Water Bottles'],
  ['outdoor/lighting', 'Headlamps', 'Outdoor > Headlamps'],
  ['apparel', 'Apparel', 'Apparel'],
  ['apparel/t-shirts', 'T-Shirts', 'Apparel > T-Shirts'],
];

export function openSearchStore(): Database.Database {
  const db = openSmallStore();
  const t = SMALL_NOW.toISOString();
  db.exec(`
    INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES
      ('DC1', 'dc', 'Distribution Center', 'Commerce City', 'CO', 'US', 'America/Denver', 2),
      ('P1', 'partner', 'Summit Supply (drop-ship)', 'Reno', 'NV', 'US', 'America/Los_Angeles', 5);
  `);
  const cat = db.prepare(`INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES (?, ?, ?, ?, ?)`);
  for (const [id, name, path] of CATEGORIES) cat.run(id, id.includes('/') ? id.slice(0, id.lastIndexOf('/')) : null, name, path, id.split('/').length - 1);
  addSearchProducts(db, SEARCH_PRODUCTS);
  db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(t);
  return db;
}

export function addSearchProducts(db: Database.Database, products: readonly SearchStoreProduct[]): void {
  const t = SMALL_NOW.toISOString();
  const insert = db.prepare(
    `INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, color, size, is_partner, partner_location_id,
                           launched_at, season, status, popularity, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2025-01-01', 'all', ?, ?, ?)`,
  );
  const stock = db.prepare(`INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, 0, ?)`);
  for (const p of products) {
    const partnerOnly = Object.keys(p.stock).length === 1 && p.stock.P1 !== undefined;
    insert.run(p.sku, p.title, p.brand, p.category, p.price * 100, p.price * 50, p.color ?? null, p.size ?? null, partnerOnly ? 1 : 0, partnerOnly ? 'P1' : null, p.status ?? 'active', p.popularity ?? 0, t);
    for (const [loc, n] of Object.entries(p.stock)) stock.run(p.sku, loc, n, t);
  }
}
