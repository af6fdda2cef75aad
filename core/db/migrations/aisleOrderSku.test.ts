import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

const REBUILD = migrations.findIndex((m) => m.name === 'aisle_order_sku') + 1;

describe(`migration ${REBUILD} (aisle_order_sku)`, () => {
  it('keeps every aisle order and its indexes, and lets the product they name be removed', () => {
    expect(REBUILD).toBe(6);
    const db = new Database(':memory:');
    migrate(db, { target: REBUILD - 1 });
    // The order's product was never pulled (or was removed): only its locations exist.
    const location = db.prepare(`INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES (?, ?, ?, 'Denver', 'CO', 'US', 'America/Denver', 0)`);
    location.run('S1', 'store', 'Endcap Denver');
    location.run('DC1', 'dc', 'Distribution center');
    const order = {
      id: 'ord-1', status: 'confirmed', sku: 'SKU-1', title: 'Tent', quantity: 1, unit_price_cents: 19900, source_location_id: 'DC1',
      lead_time_days: 3, customer_id: null, customer_name: 'Zoë Laurent', customer_email: 'zoe@example.com', customer_phone: null,
      address_line: '1 Market St', city: 'Denver', region: 'CO', postal_code: '80202', store_id: 'S1', register_id: 'R1',
      associate_id: 'st-1', placed_at: '2026-11-23T10:00:00.000Z', outbox_id: 'ev-1', confirmed_at: '2026-11-23T10:01:00.000Z', rejected_reason: null,
    };
    const columns = Object.keys(order);
    db.pragma('foreign_keys = OFF'); // before this migration the row could not exist without its product
    db.prepare(`INSERT INTO aisle_orders (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(order);
    db.pragma('foreign_keys = ON');

    migrate(db, { target: REBUILD });
    expect(schemaVersion(db)).toBe(REBUILD);
    expect(db.prepare(`SELECT * FROM aisle_orders`).all()).toEqual([order]);
    const references = (db.pragma('foreign_key_list(aisle_orders)') as { table: string; from: string }[]).map((r) => `${r.from}->${r.table}`).sort();
    expect(references).toEqual(['customer_id->customers', 'source_location_id->locations', 'store_id->locations']);
    const indexes = (db.pragma('index_list(aisle_orders)') as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['aisle_orders_associate', 'aisle_orders_status']));
  });
});
