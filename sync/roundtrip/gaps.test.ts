// Cases the sync proofs found, each pinned as what must happen: rows that point across
// streams (stock at a product not pulled yet, a device's aisle order at an erased customer),
// customers leaving a store's scope, a local merge racing a move at head office, and a
// product removed while a local aisle order names it.
import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pull } from '../client/pull.js';
import type { RowChange } from '../hub/store.js';
import { STREAMS } from '../protocol/index.js';
import { replicaMatchesHub } from './invariants.js';
import { syncToQuiescence } from './operations.js';
import { approveMerge, buildTemplate, World, type WorldTemplate } from './world.js';

let template: WorldTemplate;
let world: World;

beforeAll(async () => {
  template = await buildTemplate();
});
afterAll(() => {
  fs.rmSync(template.dir, { recursive: true, force: true });
});
beforeEach(async () => {
  world = await World.open(template, { maxPageSize: 5000 });
});
afterEach(async () => {
  await world.close();
});

const now = () => world.now();
const at = () => world.now().toISOString();

describe('cross-stream order', () => {
  it('stock for a product the device has not pulled yet does not hold up the inventory stream', async () => {
    // Inventory is pulled every minute, the catalog every 15: a new product's stock reaches the
    // device before the product does, most of the time.
    const base = template.products[0]!;
    const known = template.products[1]!;
    const product = { ...base, id: 990_001, sku: 'NEW-1', title: 'Brand new tent', updated_at: at() };
    await world.hub.writeChanges([
      { stream: 'catalog', table: 'products', key: { sku: 'NEW-1' }, row: product, scopeStoreId: null },
      { stream: 'inventory', table: 'inventory', key: { sku: 'NEW-1', location_id: 'S1' }, row: { sku: 'NEW-1', location_id: 'S1', on_hand: 4, reserved: 0, updated_at: at() }, scopeStoreId: null },
      { stream: 'inventory', table: 'inventory', key: { sku: known.sku!, location_id: 'S1' }, row: { sku: known.sku!, location_id: 'S1', on_hand: 11, reserved: 0, updated_at: at() }, scopeStoreId: null },
    ]);
    await pull(world.db, world.transport, 'inventory', { now });
    // The other stock change is in, and the stream is not stuck.
    expect(world.db.prepare(`SELECT on_hand FROM inventory WHERE sku = ? AND location_id = 'S1'`).pluck().get(known.sku)).toBe(11);
    await pull(world.db, world.transport, 'catalog', { now });
    await pull(world.db, world.transport, 'inventory', { now });
    expect(world.db.prepare(`SELECT on_hand FROM inventory WHERE sku = 'NEW-1' AND location_id = 'S1'`).pluck().get()).toBe(4);
  });

  it('erasing a customer who ordered through the endless aisle here does not block the customers stream', async () => {
    // A customer with no order history, so the erasure is their profile, identifiers and consents only.
    const customerId = world.db
      .prepare(`SELECT id FROM customers c WHERE home_store_id = 'S1' AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY id LIMIT 1`)
      .pluck()
      .get() as string;
    const sku = world.db.prepare(`SELECT sku FROM inventory WHERE on_hand - reserved > 2 ORDER BY sku LIMIT 1`).pluck().get() as string;
    const placed = world.local((app) =>
      app.call('orders.place', { sku, quantity: 1, customer: { kind: 'existing', customerId }, address: { line: '1 Market St', city: 'Denver', region: 'CO', postalCode: '80202' } }),
    );
    expect(placed.ok).toBe(true);
    await syncToQuiescence(world);

    const erase: RowChange[] = [];
    for (const c of (await world.hub.changesSince('customers', 'S1', 0, 1_000_000)).changes) {
      const owner = c.table === 'customers' ? c.key.id : c.row?.customer_id;
      if (c.row && owner === customerId) erase.push({ stream: 'customers', table: c.table, key: c.key, row: null, scopeStoreId: 'S1' });
    }
    // Children first, as the hub's erasure writes them.
    erase.sort((a, b) => Number(a.table === 'customers') - Number(b.table === 'customers'));
    await world.hub.writeChanges(erase);
    await syncToQuiescence(world);
    expect(world.db.prepare('SELECT count(*) FROM customers WHERE id = ?').pluck().get(customerId)).toBe(0);
    expect(await replicaMatchesHub(world, { quiescent: true })).toEqual([]);
  });
});

describe('removed products', () => {
  it('a product removed at the hub while an endless-aisle order here names it does not block the catalog stream', async () => {
    const sku = world.db.prepare(`SELECT sku FROM inventory WHERE on_hand - reserved > 2 ORDER BY sku LIMIT 1`).pluck().get() as string;
    const placed = world.local((app) =>
      app.call('orders.place', { sku, quantity: 1, customer: { kind: 'new', name: 'Zoë Laurent', email: 'zoe@example.com' }, address: { line: '1 Market St', city: 'Denver', region: 'CO', postalCode: '80202' } }),
    );
    expect(placed.ok).toBe(true);
    await syncToQuiescence(world);

    // Head office removes the product: its stock rows, then the product itself.
    const removal: RowChange[] = (await world.hub.changesSince('inventory', 'S1', 0, 1_000_000)).changes
      .filter((c) => c.row && c.key.sku === sku)
      .map((c) => ({ stream: 'inventory', table: 'inventory', key: c.key, row: null, scopeStoreId: null }));
    removal.push({ stream: 'catalog', table: 'products', key: { sku }, row: null, scopeStoreId: null });
    await world.hub.writeChanges(removal);
    await syncToQuiescence(world);

    expect(world.db.prepare('SELECT count(*) FROM products WHERE sku = ?').pluck().get(sku)).toBe(0);
    // The order keeps what it copied when it was placed.
    expect(world.db.prepare('SELECT title FROM aisle_orders WHERE sku = ?').pluck().get(sku)).toBeTruthy();
    expect(await replicaMatchesHub(world, { quiescent: true })).toEqual([]);
  });
});

describe('scope', () => {
  it('a local merge into a customer head office just moved to another store does not block the customers stream', async () => {
    // The device merges a duplicate into C before it has pulled C's move to S2: the hub refuses the
    // merge (C is S2's now) and C's tombstone for S1 must not break customers.merged_into.
    const [survivor, duplicate] = template.customers.filter((r) => r.home_store_id === 'S1' && r.status === 'active');
    await world.hub.writeChanges([{ stream: 'customers', table: 'customers', key: { id: survivor!.id! }, row: { ...survivor!, home_store_id: 'S2', updated_at: at() }, scopeStoreId: 'S2' }]);
    const merged = world.local((app) =>
      app.call('capture.record', {
        outcome: 'captured',
        email: 'merge.me@example.com',
        profile: { kind: 'existing', customerId: String(survivor!.id), mergeIds: [String(duplicate!.id)], approvalId: approveMerge(app, template, String(survivor!.id)) },
        consents: { receipts: false, marketing: false, personalization: false },
        consentTextVersion: template.consentTextVersion,
      }),
    );
    expect(merged.ok).toBe(true);
    await syncToQuiescence(world);
    expect(await replicaMatchesHub(world, { quiescent: true })).toEqual([]);
    // The merge reached a hub where the survivor is no longer this store's (issue 13): refused and
    // kept with its reason; the duplicate is this store's again, unmerged, as the hub holds it.
    const refused = world.db.prepare(`SELECT rejected_reason FROM outbox WHERE kind = 'customer.merged'`).pluck().all();
    expect(refused).toEqual([expect.stringContaining('belongs to another store')]);
    expect(world.db.prepare('SELECT merged_into FROM customers WHERE id = ?').pluck().get(duplicate!.id)).toBeNull();
  });


  it('a customer who moves to another home store leaves this store’s devices', async () => {
    const c = { ...template.customers.find((r) => r.home_store_id === 'S1')! };
    await world.hub.writeChanges([{ stream: 'customers', table: 'customers', key: { id: c.id! }, row: { ...c, home_store_id: 'S2', updated_at: at() }, scopeStoreId: 'S2' }]);
    await syncToQuiescence(world);
    expect(world.db.prepare('SELECT count(*) FROM customers WHERE id = ?').pluck().get(c.id)).toBe(0);
  });
});
