// A tiny hand-made store for unit tests: every value is known, so tests can assert exact results.
import type Database from 'better-sqlite3';
import { hashPin } from '../auth/pin.js';
import { openDatabase } from '../db/open.js';
import { nameKey, normalizeEmailForMatch, normalizeLoyaltyId, normalizePhone } from '../identity/normalize.js';

export const SMALL_PINS = { associate: '1111', manager: '4444' } as const;
export const SMALL_NOW = new Date('2026-06-15T12:00:00Z');

// scrypt is slow on purpose; hash the test PINs once per process.
let pinHashes: { associate: string; manager: string } | undefined;

export function openSmallStore(): Database.Database {
  const db = openDatabase(':memory:');
  pinHashes ??= { associate: hashPin(SMALL_PINS.associate), manager: hashPin(SMALL_PINS.manager) };
  const t = SMALL_NOW.toISOString();
  db.exec(`
    INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES
      ('S1', 'store', 'Boulder Flagship', 'Boulder', 'CO', 'US', 'America/Denver', 3),
      ('S2', 'store', 'Denver Union Station', 'Denver', 'CO', 'US', 'America/Denver', 3);
    INSERT INTO device (id, device_id, store_id, register_id, created_at) VALUES (1, 'dev-test', 'S1', 'R1', '${t}');
    UPDATE sync_state SET last_success_at = '${t}';
    INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES
      ('outdoor', NULL, 'Outdoor', 'Outdoor', 0),
      ('outdoor/tents', 'outdoor', 'Tents', 'Outdoor > Tents', 1);
    INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, updated_at) VALUES
      ('SKU-1', 'Ridgeline 2 Tent', 'Northpeak', 'outdoor/tents', 24900, 12000, '2025-01-01', 'summer', 'active', '${t}');
  `);
  const staff = db.prepare(`INSERT INTO staff (id, display_name, role, store_id, pin_hash) VALUES (?, ?, ?, ?, ?)`);
  staff.run('st-ava', 'Ava Martinez', 'associate', 'S1', pinHashes.associate);
  staff.run('st-dana', 'Dana Kim', 'manager', 'S1', pinHashes.manager);
  staff.run('st-other', 'Omar Reyes', 'associate', 'S2', pinHashes.associate);

  addCustomer(db, { id: 'C1', first: 'John', last: 'Doe', email: 'john.doe@gmail.com', phone: '(303) 555-0142', loyalty: 'EC-1000-0001' });
  addCustomer(db, { id: 'C2', first: 'John', last: 'Doe', email: 'johndoe@gmail.com' });
  addCustomer(db, { id: 'C3', first: 'Zoë', last: 'Ångström', email: 'zoe@example.org', phone: '720-555-0199' });
  addCustomer(db, { id: 'C4', first: 'Erased', last: 'Person', email: 'gone@example.org', status: 'erased' });
  db.exec(`
    INSERT INTO orders (id, customer_id, channel, location_id, placed_at, subtotal_cents, discount_cents) VALUES
      ('O1', 'C1', 'store', 'S1', '2026-05-01T15:00:00Z', 24900, 0);
    INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price_cents) VALUES ('O1', 1, 'SKU-1', 1, 24900);
  `);
  return db;
}

export function addCustomer(
  db: Database.Database,
  c: { id: string; first: string; last: string; email?: string; phone?: string; loyalty?: string; status?: string },
): void {
  const t = SMALL_NOW.toISOString();
  db.prepare(
    `INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, home_store_id, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'S1', ?, ?, ?)`,
  ).run(c.id, c.first, c.last, nameKey(c.first), nameKey(c.last), c.status ?? 'active', t, t);
  const ident = db.prepare(
    `INSERT INTO customer_identifiers (kind, value, customer_id, raw, is_primary, created_at) VALUES (?, ?, ?, ?, 1, ?)`,
  );
  if (c.email) ident.run('email', normalizeEmailForMatch(c.email), c.id, c.email, t);
  if (c.phone) ident.run('phone', normalizePhone(c.phone), c.id, c.phone, t);
  if (c.loyalty) ident.run('loyalty', normalizeLoyaltyId(c.loyalty), c.id, c.loyalty, t);
}
