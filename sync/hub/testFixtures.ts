// Helpers shared by the hub's own tests: a hub store in a temporary folder and event builders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OutboxEvent } from '../protocol/index.js';
import { SqliteHubStore } from './sqliteStore.js';
import type { Row, RowChange } from './store.js';

export const NOW = new Date('2026-11-23T12:00:00.000Z');

/** A valid UUIDv7 numbered n, so tests can read and order ids at a glance. */
export const uuid7 = (n: number) => `01936f3e-8b2a-7c4d-9e5f-${n.toString(16).padStart(12, '0')}`;

export function tempStore(): { dir: string; store: SqliteHubStore; dispose(): Promise<void> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-'));
  const store = new SqliteHubStore(path.join(dir, 'hub.db'));
  return {
    dir,
    store,
    async dispose() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function hubEvent(n: number, kind: OutboxEvent['kind'], payload: Record<string, unknown>): OutboxEvent {
  return { id: uuid7(n), kind, payload, createdAt: NOW.toISOString() };
}

const put = (stream: RowChange['stream'], table: string, key: Row, row: Row, scopeStoreId: string | null = null): RowChange => ({ stream, table, key, row, scopeStoreId });

/** A tiny chain: two stores and a DC, one category, two products (one discontinued), stock. */
export function smallCatalog(): RowChange[] {
  const location = (id: string, kind: string) => put('catalog', 'locations', { id }, { id, kind, name: id, city: 'Denver', region: 'CO', country: 'US', timezone: 'America/Denver', lead_time_days: 2 });
  const product = (id: number, sku: string, status: string): RowChange =>
    put('catalog', 'products', { sku }, {
      id, sku, title: `Product ${sku}`, brand: 'Brand', category_id: 'outdoor', price_cents: 1000, cost_cents: 500, compare_at_cents: null, color: null, size: null,
      material: null, is_partner: 0, partner_location_id: null, launched_at: '2026-01-01', season: 'all', status, popularity: 7, updated_at: NOW.toISOString(),
    });
  return [
    location('S1', 'store'),
    location('S2', 'store'),
    location('DC', 'dc'),
    put('catalog', 'categories', { id: 'outdoor' }, { id: 'outdoor', parent_id: null, name: 'Outdoor', path_name: 'Outdoor', depth: 0, sensitive: 0 }),
    product(1, 'TENT-1', 'active'),
    product(2, 'OLD-1', 'discontinued'),
    put('inventory', 'inventory', { sku: 'TENT-1', location_id: 'S1' }, { sku: 'TENT-1', location_id: 'S1', on_hand: 5, reserved: 1, updated_at: NOW.toISOString() }),
  ];
}

/** A customer whose home is `home`, as seeding from a replica writes it. */
export function customerRow(id: string, home: string | null): RowChange {
  return put('customers', 'customers', { id }, {
    id, first_name: 'Ada', last_name: 'Lovelace', first_name_key: 'ada', last_name_key: 'lovelace', home_store_id: home, address_line: null, city: null,
    region: null, postal_code: null, status: 'active', merged_into: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString(),
  }, home ?? '');
}

/** A staff member as the hub holds them (catalog stream, private to their store). */
export function staffRow(id: string, store: string, role: 'associate' | 'merchandiser' | 'manager' = 'associate', active = 1): RowChange {
  return put('catalog', 'staff', { id }, { id, display_name: id, role, store_id: store, pin_hash: 'scrypt$16$x$y', active }, store);
}
