// The behaviour every hub store must show (SQLite and PostgreSQL alike): versions, scopes,
// one transaction per ingest, tokens, batched writes. Each store's test file runs it with its
// own `open` (a fresh, empty store per test).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './apply/index.js';
import type { EventApplier, HubStore, RowChange } from './store.js';
import { customerRow, hubEvent, NOW, smallCatalog, uuid7 } from './testFixtures.js';

export interface OpenedStore {
  store: HubStore;
  dispose(): Promise<void>;
}

export function hubStoreContract(open: () => Promise<OpenedStore>): void {
  let opened: OpenedStore | undefined;
  const hub = () => opened!;
  beforeEach(async () => {
    opened = await open();
  });
  afterEach(async () => {
    await opened?.dispose();
    opened = undefined;
  });

  const inv = (sku: string, location: string, onHand: number): RowChange => ({
    stream: 'inventory', table: 'inventory', key: { sku, location_id: location }, row: { sku, location_id: location, on_hand: onHand, reserved: 0, updated_at: NOW.toISOString() }, scopeStoreId: null,
  });

  describe('remaining', () => {
    it('counts what is left after each page exactly, also when the hub writes between two pages', async () => {
      await hub().store.writeChanges(Array.from({ length: 10 }, (_, i) => inv(`A${i}`, 'S1', i)));
      const walk = (since: number) => hub().store.changesSince('inventory', 'S1', since, 3);
      const one = await walk(0);
      const two = await walk(one.changes.at(-1)!.version);
      expect([one.remaining, two.remaining]).toEqual([7, 4]);
      await hub().store.writeChanges([inv('B', 'S1', 1), inv('C', 'S2', 1)]);
      const three = await walk(two.changes.at(-1)!.version);
      expect(three.remaining).toBe(3); // A9, B, C
      const four = await walk(three.changes.at(-1)!.version);
      expect([four.changes.length, four.hasMore, four.remaining]).toEqual([3, false, 0]);
    });

    it('counts only what the store may see', async () => {
      const c = (id: string, home: string): RowChange => ({ stream: 'customers', table: 'customers', key: { id }, row: { id }, scopeStoreId: home });
      await hub().store.writeChanges([c('1', 'S1'), c('2', 'S2'), c('3', 'S1'), c('4', 'S2'), c('5', 'S1')]);
      expect((await hub().store.changesSince('customers', 'S1', 0, 1)).remaining).toBe(2);
    });
  });

  describe('a customer who moves home store', () => {
    const put = (stream: RowChange['stream'], table: string, key: Record<string, string | number>, scope: string): RowChange => ({
      stream, table, key, row: { ...key, customer_id: 'C-1', order_id: 'O-1' }, scopeStoreId: scope,
    });
    const setUp = () => hub().store.writeChanges([
        customerRow('C-1', 'S1'),
        put('customers', 'customer_identifiers', { kind: 'email', value: 'a@example.com', customer_id: 'C-1' }, 'S1'),
        put('customers', 'consents', { customer_id: 'C-1', purpose: 'marketing', channel: 'email' }, 'S1'),
        put('orders', 'orders', { id: 'O-1' }, 'S1'),
        put('orders', 'order_lines', { order_id: 'O-1', line_no: 1 }, 'S1'),
      ]);
    const seen = async (stream: RowChange['stream'], store: string, since = 0) =>
      (await hub().store.changesSince(stream, store, since, 100)).changes.map((c) => `${c.table}${c.row ? '' : ' ✝'}`);

    it('leaves the old store\'s devices with everything that follows them, children first, and reaches the new store\'s', async () => {
      await setUp();
      const before = { customers: (await hub().store.changesSince('customers', 'S1', 0, 100)).changes.at(-1)!.version, orders: (await hub().store.changesSince('orders', 'S1', 0, 100)).changes.at(-1)!.version };
      await hub().store.writeChanges([{ ...customerRow('C-1', 'S2') }]);
      expect(await seen('customers', 'S1', before.customers)).toEqual(['consents ✝', 'customer_identifiers ✝', 'customers ✝']);
      expect(await seen('orders', 'S1', before.customers)).toEqual(['order_lines ✝', 'orders ✝']);
      expect(await seen('customers', 'S2')).toEqual(['customers', 'customer_identifiers', 'consents']);
      expect(await seen('orders', 'S2')).toEqual(['orders', 'order_lines']);
      // Versions of the old store's tombstones all come before the rows in the new store.
      const exits = (await hub().store.changesSince('orders', 'S1', before.orders, 100)).changes;
      expect(Math.max(...exits.map((c) => c.version))).toBeLessThan((await hub().store.changesSince('orders', 'S2', 0, 100)).changes[0]!.version);
      expect((await hub().store.changesSince('customers', 'S1', 0, 1)).remaining).toBe(2);
    });

    it('comes back without a stale tombstone', async () => {
      await setUp();
      await hub().store.writeChanges([customerRow('C-1', 'S2')]);
      await hub().store.writeChanges([customerRow('C-1', 'S1')]);
      const back = (await hub().store.changesSince('customers', 'S1', 0, 100)).changes;
      expect(back.map((c) => `${c.table}${c.row ? '' : ' ✝'}`)).toEqual(['customers', 'customer_identifiers', 'consents']);
      expect((await seen('customers', 'S2')).filter((t) => t.endsWith('✝'))).toHaveLength(3);
    });
  });

  describe('staff', () => {
    const staff = (id: string, store: string): RowChange => ({
      stream: 'catalog', table: 'staff', key: { id }, row: { id, display_name: id, role: 'associate', store_id: store, pin_hash: `hash-${id}`, active: 1 }, scopeStoreId: store,
    });
    const seen = async (store: string) => (await hub().store.changesSince('catalog', store, 0, 100)).changes.filter((c) => c.table === 'staff').map((c) => `${String(c.key.id)}${c.row ? '' : ' ✝'}`);

    it('go to their own store\'s devices only, and leave them when they move store', async () => {
      await hub().store.writeChanges([...smallCatalog(), staff('ava', 'S1'), staff('sam', 'S2')]);
      expect(await seen('S1')).toEqual(['ava']);
      expect(await seen('S2')).toEqual(['sam']);
      await hub().store.writeChanges([staff('ava', 'S2')]);
      expect(await seen('S1')).toEqual(['ava ✝']);
      expect(await seen('S2')).toEqual(['sam', 'ava']);
    });
  });

  describe('ingest', () => {
    it('applies each event all-or-nothing: one that fails mid-apply is rejected and leaves no trace, the rest go on', async () => {
      const device = (await hub().store.addDevice('S1', NOW)).device;
      let calls = 0;
      const flaky: EventApplier = async (event, d, reader, at) => {
        calls += 1;
        if (event.id === uuid7(2)) return { ok: true, changes: [inv('X', 'S1', 1), { ...inv('Y', 'S1', 1), table: 'no_such_table' }], aisleOrders: [] };
        return applyEvent(event, d, reader, at);
      };
      await hub().store.writeChanges(smallCatalog());
      const before = (await hub().store.changesSince('inventory', 'S1', 0, 100)).changes;
      const res = await hub().store.ingestEvents(device, [hubEvent(1, 'checkout.outcome', {}), hubEvent(2, 'checkout.outcome', {}), hubEvent(3, 'checkout.outcome', {})], NOW, flaky);
      expect(calls).toBe(3);
      expect(res.acked).toEqual([uuid7(1), uuid7(3)]);
      expect(res.rejected).toEqual([{ id: uuid7(2), code: 'apply_failed', reason: expect.stringMatching(/^the hub could not apply this event: Table no_such_table/) }]);
      expect((await hub().store.listEvents()).map((e) => e.id)).toEqual([uuid7(1), uuid7(3)]);
      expect((await hub().store.changesSince('inventory', 'S1', 0, 100)).changes).toEqual(before);
      // Versions stay dense after the rollback: the next write follows the last committed one.
      await hub().store.writeChanges([inv('Z', 'S1', 1)]);
      const last = (await hub().store.changesSince('inventory', 'S1', 0, 100)).changes.at(-1)!;
      expect(last.version).toBe(before.at(-1)!.version + 1);
    });
  });

  describe('tokens', () => {
    it('tells unknown, revoked and expired tokens apart, for devices and admins', async () => {
      const later = new Date(NOW.getTime() + 86_400_000);
      const { device, token } = await hub().store.addDevice('S1', NOW, { expiresAt: later });
      expect(await hub().store.checkDeviceToken(token, NOW)).toEqual({ ok: true, holder: device });
      expect(await hub().store.checkDeviceToken(token, later)).toEqual({ ok: false, refusal: 'expired' });
      await hub().store.revokeDevice(device.id, NOW);
      expect(await hub().store.checkDeviceToken(token, later)).toEqual({ ok: false, refusal: 'revoked' });
      expect(await hub().store.checkDeviceToken('ecd_nope', NOW)).toEqual({ ok: false, refusal: 'unknown' });
      const admin = await hub().store.addAdmin('ops', NOW);
      expect(admin.token.startsWith('eca_')).toBe(true);
      expect(await hub().store.checkAdminToken(admin.token, NOW)).toMatchObject({ ok: true, holder: { name: 'ops' } });
      expect(await hub().store.checkDeviceToken(admin.token, NOW)).toEqual({ ok: false, refusal: 'unknown' });
      expect(await hub().store.revokeAdmin(admin.admin.id, NOW)).toBe(true);
      expect(await hub().store.checkAdminToken(admin.token, NOW)).toEqual({ ok: false, refusal: 'revoked' });
    });

  });

  describe('batched writes', () => {
    it('keeps each change in order under its own version: a key met twice ends as its later change, a move mid-batch takes the rows written before it', async () => {
      const many = Array.from({ length: 1203 }, (_, i) => inv(`M${i}`, 'S1', i));
      await hub().store.writeChanges([
        customerRow('C-1', 'S1'),
        ...many,
        inv('M7', 'S1', 77),
        { stream: 'orders', table: 'orders', key: { id: 'O-1' }, row: { id: 'O-1', customer_id: 'C-1' }, scopeStoreId: 'S1' },
        customerRow('C-1', 'S2'),
      ]);
      const inventory = (await hub().store.changesSince('inventory', 'S1', 0, 2000)).changes;
      expect(inventory).toHaveLength(1203);
      expect(inventory.find((c) => c.key.sku === 'M7')!.row!.on_hand).toBe(77);
      const versions = inventory.map((c) => c.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      // The order written in the same batch left S1 with its customer.
      expect((await hub().store.changesSince('orders', 'S2', 0, 10)).changes.map((c) => c.key.id)).toEqual(['O-1']);
      expect((await hub().store.changesSince('orders', 'S1', 0, 10)).changes.map((c) => c.row)).toEqual([null]);
    });

    it('reads rows by key in the keys\' order, null for a row it does not hold', async () => {
      await hub().store.writeChanges([inv('A', 'S1', 1), inv('B', 'S1', 2)]);
      const rows = await hub().store.transact(async (reader) => ({ changes: [], result: await reader.rowsByKey('inventory', [{ sku: 'B', location_id: 'S1' }, { sku: 'X', location_id: 'S1' }, { location_id: 'S1', sku: 'A' }]) }));
      expect(rows.map((r) => r?.on_hand ?? null)).toEqual([2, null, 1]);
    });

    it('reads the rows whose column is any of several values in key order, without deleted rows, a number matching a number', async () => {
      const id = (value: string, customer: string | number, row = true): RowChange => ({
        stream: 'customers', table: 'customer_identifiers', key: { kind: 'email', value, customer_id: customer }, row: row ? { kind: 'email', value, customer_id: customer } : null, scopeStoreId: 'S1',
      });
      await hub().store.writeChanges([id('b', 'C-1'), id('a', 'C-1'), id('c', 'C-2'), id('d', 'C-3'), id('e', 7), id('f', '7'), id('a', 'C-1', false)]);
      const read = (values: (string | number)[]) => hub().store.transact(async (reader) => ({ changes: [], result: await reader.rowsWhereIn('customer_identifiers', 'customer_id', values) }));
      expect((await read(['C-1', 'C-2', 'none'])).map((r) => r.value)).toEqual(['b', 'c']);
      expect((await read([7])).map((r) => r.value)).toEqual(['e']);
      expect(await read([])).toEqual([]);
    });
  });
}
