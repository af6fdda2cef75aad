import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../testing/app.js';
import { openSearchStore } from '../testing/searchStore.js';
import { SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  db = openSearchStore();
  db.prepare(`UPDATE customers SET address_line = '1 Main St', city = 'Boulder', region = 'CO', postal_code = '80302' WHERE id = 'C1'`).run();
  app = createApp({ db, now: () => SMALL_NOW });
  expect(app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
});

const address = { line: '22 Pine Rd', city: 'Denver', region: 'CO', postalCode: '80202' };
const held = (sku: string, loc: string) =>
  (db.prepare(`SELECT local_reserved AS n FROM inventory WHERE sku = ? AND location_id = ?`).get(sku, loc) as { n: number }).n;
const counts = () => db.prepare(`SELECT (SELECT count(*) FROM aisle_orders) AS orders, (SELECT count(*) FROM outbox) AS outbox`).get();

describe('ship-to-home orders', () => {
  it('places an order from the fastest source with stock: order, hold and outbox event together', () => {
    const r = app.call('orders.place', { sku: 'TENT-4', quantity: 2, customer: { kind: 'existing', customerId: 'C1' }, address });
    if (!r.ok) throw new Error(r.error.message);
    const order = r.value;
    expect(order).toMatchObject({ status: 'pending', sku: 'TENT-4', quantity: 2, sourceLocationId: 'DC1', leadTimeDays: 2, customerName: 'John Doe', totalCents: 65800 });
    expect(order.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/); // UUIDv7
    expect(held('TENT-4', 'DC1')).toBe(2);
    const event = db.prepare(`SELECT kind, payload FROM outbox`).get() as { kind: string; payload: string };
    expect(event.kind).toBe('aisle_order.placed');
    expect(JSON.parse(event.payload)).toMatchObject({ orderId: order.id, sku: 'TENT-4', quantity: 2, sourceLocationId: 'DC1', customerId: 'C1', address });

    // The hold counts against what search shows as available.
    const sheet = app.call('search.product', { sku: 'TENT-4' });
    expect(sheet.ok && sheet.value.stock.find((s) => s.locationId === 'DC1')?.available).toBe(5);

    const mine = app.call('orders.mine', {});
    expect(mine.ok && mine.value).toMatchObject({ connection: 'standalone', orders: [{ id: order.id, status: 'pending' }] });
  });

  it('takes a customer entered on the spot and a chosen source', () => {
    const r = app.call('orders.place', {
      sku: 'TENT-2',
      quantity: 1,
      sourceLocationId: 'S1',
      customer: { kind: 'new', name: 'Rae Lin', email: 'rae@example.org', phone: null },
      address,
    });
    expect(r.ok && r.value).toMatchObject({ sourceLocationId: 'S1', customerId: null, customerName: 'Rae Lin' });
    expect(held('TENT-2', 'S1')).toBe(1);
  });

  it('refuses more than a source can spare, and writes nothing', () => {
    const before = counts();
    const r = app.call('orders.place', { sku: 'TENT-4', quantity: 8, customer: { kind: 'existing', customerId: 'C1' }, address });
    expect(!r.ok && r.error.code).toBe('conflict');
    const chosen = app.call('orders.place', { sku: 'TENT-2', quantity: 5, sourceLocationId: 'S1', customer: { kind: 'existing', customerId: 'C1' }, address });
    expect(!chosen.ok && chosen.error.code).toBe('conflict');
    const oos = app.call('orders.place', { sku: 'TENT-OOS', quantity: 1, customer: { kind: 'existing', customerId: 'C1' }, address });
    expect(!oos.ok && oos.error.code).toBe('conflict');
    expect(counts()).toEqual(before);
    expect(held('TENT-4', 'DC1')).toBe(0);
  });

  it('rolls the hold back when the order cannot be written', () => {
    const r = app.call('orders.place', { sku: 'TENT-4', quantity: 1, customer: { kind: 'existing', customerId: 'C4' }, address }); // erased
    expect(!r.ok && r.error.code).toBe('not_found');
    db.exec(`CREATE TRIGGER fail_order BEFORE INSERT ON aisle_orders BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const failed = app.call('orders.place', { sku: 'TENT-4', quantity: 1, customer: { kind: 'existing', customerId: 'C1' }, address });
    expect(!failed.ok && failed.error.code).toBe('internal');
    expect(held('TENT-4', 'DC1')).toBe(0);
    expect(counts()).toEqual({ orders: 0, outbox: 0 });
  });

  it('validates input: address, quantity, customer', () => {
    const bad = [
      { sku: 'TENT-4', quantity: 0, customer: { kind: 'existing', customerId: 'C1' }, address },
      { sku: 'TENT-4', quantity: 1, customer: { kind: 'new', name: '' }, address },
      { sku: 'TENT-4', quantity: 1, customer: { kind: 'existing', customerId: 'C1' }, address: { ...address, line: '' } },
      { sku: 'TENT-4\u0000', quantity: 1, customer: { kind: 'existing', customerId: 'C1' }, address },
    ];
    for (const input of bad) expect((app.dispatch('orders.place', input) as { ok: boolean }).ok).toBe(false);
  });

  it('reads the delivery details on file', () => {
    const r = app.call('orders.delivery', { customerId: 'C1' });
    expect(r.ok && r.value).toEqual({ customerId: 'C1', name: 'John Doe', email: 'john.doe@gmail.com', phone: '(303) 555-0142', address: { line: '1 Main St', city: 'Boulder', region: 'CO', postalCode: '80302' } });
  });

  it('answers hostile search text over the API with a clear error, not a crash', () => {
    const nul = app.dispatch('search.products', { query: 'tent\u0000' });
    expect(!nul.ok && nul.error.code).toBe('invalid_input');
    const long = app.dispatch('search.products', { query: 'a'.repeat(10_000) });
    expect(!long.ok && long.error.code).toBe('invalid_input');
    const fts = app.dispatch('search.products', { query: 'NEAR("tent" *) OR title:^x' });
    expect(fts.ok).toBe(true);
  });

  it('gives the product sheet with the other sizes and colours of its line', () => {
    const r = app.call('search.product', { sku: 'TENT-2' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.variants.map((v) => [v.sku, v.color, v.size, v.orderable]).sort()).toEqual([
      ['TENT-2', 'Olive', '2-Person', true],
      ['TENT-2S', 'Slate', '2-Person', true],
      ['TENT-4', 'Olive', '4-Person', true],
    ]);
    expect(r.value.stock.map((s) => s.locationId)).toEqual(['DC1', 'S1']);
  });
});
