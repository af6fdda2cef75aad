// Ship-to-home as an attacker would send it: every bad field is refused with its plain-words
// message and its path, and nothing reaches the orders table, the holds or the outbox.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../testing/app.js';
import { openSearchStore } from '../testing/searchStore.js';
import { SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  db = openSearchStore();
  app = createApp({ db, now: () => SMALL_NOW });
  expect(app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
});

const address = { line: '22 Pine Rd', city: 'Denver', region: 'CO', postalCode: '80202' };
const newCustomer = { kind: 'new', name: 'Rae Lin', email: 'rae@example.org', phone: '303 555 0142' };
const written = () => db.prepare(`SELECT (SELECT count(*) FROM aisle_orders) AS orders, (SELECT count(*) FROM outbox) AS outbox, (SELECT coalesce(sum(local_reserved), 0) FROM inventory) AS held`).get();

describe('ship-to-home field validation', () => {
  it('refuses a bad email, phone or address with the field’s message and writes nothing', () => {
    const before = written();
    const cases: [Record<string, unknown>, string[], RegExp][] = [
      [{ customer: { ...newCustomer, email: 'not-an-email' } }, ['customer', 'email'], /email address/],
      [{ customer: { ...newCustomer, phone: 'call me maybe' } }, ['customer', 'phone'], /phone number/],
      [{ customer: { ...newCustomer, name: 'R2-D2' } }, ['customer', 'name'], /letters/],
      [{ address: { ...address, line: '<<<' } }, ['address', 'line'], /street/],
      [{ address: { ...address, city: '!!' } }, ['address', 'city'], /city/],
      [{ address: { ...address, region: '??' } }, ['address', 'region'], /state/],
      [{ address: { ...address, postalCode: 'ABCDE' } }, ['address', 'postalCode'], /ZIP/],
    ];
    for (const [change, path, words] of cases) {
      const r = app.dispatch('orders.place', { sku: 'TENT-2', quantity: 1, sourceLocationId: 'S1', customer: newCustomer, address, ...change });
      expect(r.ok, JSON.stringify(change)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('invalid_input');
      expect(r.error.message).toMatch(words);
      expect(r.error.message).not.toContain(path.join('.')); // no internal names
      expect((r.error.details as { issues: { path: string[] }[] }).issues[0]!.path).toEqual(path);
    }
    expect(written()).toEqual(before);
  });

  it('stores a good new customer’s phone as E.164', () => {
    const r = app.dispatch('orders.place', { sku: 'TENT-2', quantity: 1, sourceLocationId: 'S1', customer: { ...newCustomer, phone: '(303) 555-0142' }, address });
    expect(r.ok).toBe(true);
    const payload = JSON.parse((db.prepare(`SELECT payload FROM outbox WHERE kind = 'aisle_order.placed'`).get() as { payload: string }).payload);
    expect(JSON.stringify(payload)).toContain('+13035550142');
  });

  it('fields.check answers per field with the same messages', () => {
    const r = app.dispatch('fields.check', { values: { email: 'not-an-email', phone: '303 555 0142', 'address.postalCode': 'ABCDE' } });
    expect(r.ok && r.value).toEqual({ problems: { email: expect.stringMatching(/email address/), 'address.postalCode': expect.stringMatching(/ZIP/) } });
    expect(app.dispatch('fields.check', { values: { password: 'x' } }).ok).toBe(false);
  });
});
