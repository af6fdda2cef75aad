import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CursorMismatchError } from '../client/applyPage.js';
import { pull } from '../client/pull.js';
import type { SyncTransport } from '../client/transport.js';
import { ProtocolMessageError, ProtocolVersionError, STREAMS, tablesOf } from '../protocol/index.js';
import { ANCHOR, startFixture, type Fixture } from './fixture.js';
import { replicaLearner } from '../../core/host/deviceHost.js';

let f: Fixture;
const NOW = () => new Date(ANCHOR.getTime() + 3_600_000);

beforeAll(async () => {
  f = await startFixture({ maxPageSize: 2000 });
});
afterAll(async () => {
  await f.close();
});

const count = (db: Database.Database, sql: string, ...args: unknown[]) => (db.prepare(sql).pluck().get(...args) as number);
const cursorOf = (stream: string) => f.device.prepare('SELECT cursor FROM sync_state WHERE stream = ?').pluck().get(stream) as string;

describe('bootstrap', () => {
  it('fills an empty replica from the hub, stream by stream, with only its own store’s customers', async () => {
    const started = performance.now();
    let rows = 0;
    for (const stream of STREAMS) {
      const r = await pull(f.device, f.transport, stream, { now: NOW, onPage: (p) => (rows += p.rows) });
      expect(r.cursor).not.toBe('0');
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`bootstrap: ${rows} rows in ${seconds.toFixed(2)} s (${Math.round(rows / seconds)} rows/s, page 2000, loopback HTTP)`);

    const src = new Database(f.sourceFile, { readonly: true });
    try {
      for (const stream of ['catalog', 'inventory', 'merch_config'] as const) {
        for (const t of tablesOf(stream)) {
          // Staff (PIN hashes) go to their own store only.
          const mine = t.table === 'staff' ? ` WHERE store_id = 'S1'` : '';
          const sql = `SELECT ${t.columns.join(', ')} FROM ${t.table}${mine} ORDER BY ${t.key.join(', ')}`;
          expect(f.device.prepare(sql).all(), t.table).toEqual(src.prepare(sql).all());
        }
      }
      expect(count(f.device, 'SELECT count(*) FROM staff')).toBeGreaterThan(0);
      expect(count(f.device, `SELECT count(*) FROM staff WHERE store_id <> 'S1'`)).toBe(0);
      expect(count(src, `SELECT count(*) FROM staff WHERE store_id <> 'S1'`)).toBeGreaterThan(0);
      const s1Customers = `SELECT id, first_name, home_store_id, status FROM customers WHERE home_store_id = 'S1' ORDER BY id`;
      expect(f.device.prepare(`SELECT id, first_name, home_store_id, status FROM customers ORDER BY id`).all()).toEqual(src.prepare(s1Customers).all());
      expect(count(f.device, `SELECT count(*) FROM customers WHERE home_store_id <> 'S1'`)).toBe(0);
      const s1Orders = `SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.home_store_id = 'S1'
                        UNION SELECT id FROM orders WHERE customer_id IS NULL AND location_id = 'S1' ORDER BY 1`;
      expect(f.device.prepare(`SELECT id FROM orders ORDER BY id`).pluck().all()).toEqual(src.prepare(s1Orders).pluck().all());
    } finally {
      src.close();
    }
    // Derived data follows the pulled history.
    expect(count(f.device, 'SELECT count(*) FROM customer_features')).toBeGreaterThan(0);
    expect(count(f.device, `SELECT count(*) FROM products_fts WHERE products_fts MATCH 'tent'`)).toBeGreaterThan(0);
    expect(count(f.device, `SELECT count(*) FROM sync_state WHERE last_success_at IS NULL`)).toBe(0);
  });
});

describe('incremental pull', () => {
  it('applies an update and a tombstone, and leaves device-only columns alone', async () => {
    const [a, b] = f.device.prepare(`SELECT sku, location_id, reserved, updated_at FROM inventory WHERE location_id = 'S1' ORDER BY sku LIMIT 2`).all() as {
      sku: string; location_id: string; reserved: number; updated_at: string;
    }[];
    f.device.prepare(`UPDATE inventory SET local_reserved = 2 WHERE sku = ? AND location_id = 'S1'`).run(a!.sku);
    await f.store.writeChanges([
      { stream: 'inventory', table: 'inventory', key: { sku: a!.sku, location_id: 'S1' }, row: { sku: a!.sku, location_id: 'S1', on_hand: 77, reserved: 1, updated_at: NOW().toISOString() }, scopeStoreId: null },
      { stream: 'inventory', table: 'inventory', key: { sku: b!.sku, location_id: 'S1' }, row: null, scopeStoreId: null },
    ]);
    const before = cursorOf('inventory');
    const r = await pull(f.device, f.transport, 'inventory', { now: NOW });
    expect(r).toMatchObject({ pages: 1, upserted: 1, deleted: 1 });
    expect(Number(r.cursor)).toBeGreaterThan(Number(before));
    expect(f.device.prepare(`SELECT on_hand, reserved, local_reserved FROM inventory WHERE sku = ? AND location_id = 'S1'`).get(a!.sku)).toEqual({ on_hand: 77, reserved: 1, local_reserved: 2 });
    expect(count(f.device, `SELECT count(*) FROM inventory WHERE sku = ? AND location_id = 'S1'`, b!.sku)).toBe(0);
  });

  it('recomputes the customer’s features and relearns links when an order arrives', async () => {
    const customerId = f.device.prepare(`SELECT customer_id FROM customer_features WHERE order_count > 0 ORDER BY customer_id LIMIT 1`).pluck().get() as string;
    const before = count(f.device, 'SELECT order_count FROM customer_features WHERE customer_id = ?', customerId);
    const sku = f.device.prepare('SELECT sku FROM products ORDER BY sku LIMIT 1').pluck().get() as string;
    const id = 'o-sync-test-1';
    // A sentinel link shows whether the learned links were rebuilt: not for an empty orders pull, yes when orders arrive.
    const [c1, c2] = f.device.prepare('SELECT id FROM categories ORDER BY id LIMIT 2').pluck().all() as string[];
    f.device.prepare(`INSERT INTO copurchase_links VALUES (?, ?, 1, 0.5, 1, 10, 'sentinel')`).run(c1, c2);
    // Relearn after every new order (the default waits for 5,000 or a day).
    f.device.prepare(`UPDATE learn_state SET learned_at = ?, new_orders = 0, min_new_orders = 1`).run(NOW().toISOString());
    const learner = replicaLearner(f.device, NOW);
    await pull(f.device, f.transport, 'orders', { now: NOW, learner });
    await learner.settled();
    expect(count(f.device, `SELECT count(*) FROM copurchase_links WHERE computed_at = 'sentinel'`)).toBe(1);
    await f.store.writeChanges([
      { stream: 'orders', table: 'orders', key: { id }, row: { id, customer_id: customerId, channel: 'online', location_id: null, register_id: null, associate_id: null, placed_at: ANCHOR.toISOString(), subtotal_cents: 5000, discount_cents: 0, status: 'completed' }, scopeStoreId: 'S1' },
      { stream: 'orders', table: 'order_lines', key: { order_id: id, line_no: 1 }, row: { order_id: id, line_no: 1, sku, quantity: 1, unit_price_cents: 5000, discount_cents: 0 }, scopeStoreId: 'S1' },
    ]);
    await pull(f.device, f.transport, 'orders', { now: NOW, learner });
    await learner.settled();
    expect(count(f.device, 'SELECT order_count FROM customer_features WHERE customer_id = ?', customerId)).toBe(before + 1);
    expect(count(f.device, `SELECT count(*) FROM copurchase_links WHERE computed_at = 'sentinel'`)).toBe(0);
  });

  it('applies a merch rollback page (newer version off, older on) although key order would switch on first', async () => {
    await pull(f.device, f.transport, 'merch_config', { now: NOW });
    const active = () => f.device.prepare('SELECT version FROM merch_config WHERE is_active = 1').pluck().all();
    const old = f.device.prepare('SELECT * FROM merch_config WHERE is_active = 1').get() as Record<string, string | number> & { version: number };
    const newer = { ...old, version: old.version + 1, note: 'rollback test' };
    const config = (row: Record<string, string | number>, isActive: 0 | 1) =>
      ({ stream: 'merch_config' as const, table: 'merch_config', key: { version: row.version! }, row: { ...row, is_active: isActive }, scopeStoreId: null });
    // As the hub writes a publish and then an activation: every other active version off first.
    await f.store.writeChanges([config(old, 0), config(newer, 1)]);
    await pull(f.device, f.transport, 'merch_config', { now: NOW });
    expect(active()).toEqual([newer.version]);
    await f.store.writeChanges([config(newer, 0), config(old, 1)]);
    await pull(f.device, f.transport, 'merch_config', { now: NOW });
    expect(active()).toEqual([old.version]);
  });
});

describe('failures', () => {
  it('a crash inside a page leaves the replica at the old cursor, with the error recorded; the next pull applies it', async () => {
    const sku = f.device.prepare(`SELECT sku FROM inventory WHERE location_id = 'S2' ORDER BY sku LIMIT 1`).pluck().get() as string;
    const onHand = () => count(f.device, `SELECT on_hand FROM inventory WHERE sku = ? AND location_id = 'S2'`, sku);
    const old = onHand();
    await f.store.writeChanges([{ stream: 'inventory', table: 'inventory', key: { sku, location_id: 'S2' }, row: { sku, location_id: 'S2', on_hand: old + 5, reserved: 0, updated_at: NOW().toISOString() }, scopeStoreId: null }]);
    const cursor = cursorOf('inventory');
    await expect(
      pull(f.device, f.transport, 'inventory', { now: NOW, beforeCursor: () => { throw new Error('power cut'); } }),
    ).rejects.toThrow('power cut');
    expect(onHand()).toBe(old);
    expect(cursorOf('inventory')).toBe(cursor);
    expect(f.device.prepare(`SELECT last_error FROM sync_state WHERE stream = 'inventory'`).pluck().get()).toBe('power cut');
    await pull(f.device, f.transport, 'inventory', { now: NOW });
    expect(onHand()).toBe(old + 5);
    expect(f.device.prepare(`SELECT last_error FROM sync_state WHERE stream = 'inventory'`).pluck().get()).toBeNull();
  });

  it('refuses a hub answer in another protocol version, and a page naming a table it does not know, writing nothing', async () => {
    const cursor = cursorOf('catalog');
    const answer = (body: object): SyncTransport => ({ pull: async () => body, push: async () => ({}) });
    await expect(pull(f.device, answer({ protocol: 2 }), 'catalog')).rejects.toThrow(ProtocolVersionError);
    const alien = { protocol: 1, stream: 'catalog', since: cursor, cursor: '999999', hasMore: false, changes: [{ version: 999999, table: 'staff', key: { id: 'x' }, row: { id: 'x' } }] };
    await expect(pull(f.device, answer(alien), 'catalog')).rejects.toThrow(ProtocolMessageError);
    // A replayed or stale page (it starts before where the replica stands) is refused whole.
    const stale = { protocol: 1, stream: 'catalog', since: '0', cursor: '1', hasMore: false, changes: [] };
    await expect(pull(f.device, answer(stale), 'catalog')).rejects.toThrow(CursorMismatchError);
    expect(cursorOf('catalog')).toBe(cursor);
    expect(f.device.prepare(`SELECT last_error FROM sync_state WHERE stream = 'catalog'`).pluck().get()).toMatch(/starts at cursor 0/);
  });
});
