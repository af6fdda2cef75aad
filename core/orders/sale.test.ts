// "Finish sale" records the sale: the basket becomes an order with its sale.completed event, in
// the checkout's one transaction, at the catalog's prices; the customer's features follow at once.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION } from '../capture/consentText.js';
import { createApp, type App } from '../testing/app.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  db = openSmallStore();
  db.exec(`INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, updated_at)
           VALUES ('SKU-2', 'Trail Socks', 'Northpeak', 'outdoor', 1800, 600, '2025-01-01', 'all', 'active', '${SMALL_NOW.toISOString()}')`);
  app = createApp({ db, now: () => SMALL_NOW });
  app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
});

const count = (table: string, where = '1') => db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number;
const saleEvents = () =>
  (db.prepare(`SELECT payload FROM outbox WHERE kind = 'sale.completed' ORDER BY id`).pluck().all() as string[]).map((p) => JSON.parse(p) as Record<string, unknown>);

describe('finishing a sale', () => {
  it('writes the order with the catalog prices, the associate, register and customer, and its event', () => {
    const r = app.call('capture.record', { outcome: 'already_on_file', customerId: 'C1', basket: [{ sku: 'SKU-1', quantity: 1 }, { sku: 'SKU-2', quantity: 3 }] });
    expect(r.ok).toBe(true);
    const orderId = r.ok ? r.value.orderId : null;
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
    expect(db.prepare(`SELECT customer_id, channel, location_id, register_id, associate_id, placed_at, subtotal_cents, status FROM orders WHERE id = ?`).get(orderId)).toEqual({
      customer_id: 'C1', channel: 'store', location_id: 'S1', register_id: 'R1', associate_id: 'st-ava', placed_at: SMALL_NOW.toISOString(), subtotal_cents: 24900 + 3 * 1800, status: 'completed',
    });
    expect(db.prepare(`SELECT line_no, sku, quantity, unit_price_cents FROM order_lines WHERE order_id = ? ORDER BY line_no`).all(orderId)).toEqual([
      { line_no: 1, sku: 'SKU-1', quantity: 1, unit_price_cents: 24900 },
      { line_no: 2, sku: 'SKU-2', quantity: 3, unit_price_cents: 1800 },
    ]);
    expect(saleEvents()).toEqual([
      {
        orderId, storeId: 'S1', registerId: 'R1', associateId: 'st-ava', customerId: 'C1', placedAt: SMALL_NOW.toISOString(),
        lines: [
          { lineNo: 1, sku: 'SKU-1', quantity: 1, unitPriceCents: 24900, discountCents: 0 },
          { lineNo: 2, sku: 'SKU-2', quantity: 3, unitPriceCents: 1800, discountCents: 0 },
        ],
      },
    ]);
    // Features follow the sale at once: two orders now.
    expect(db.prepare(`SELECT order_count FROM customer_features WHERE customer_id = 'C1'`).pluck().get()).toBe(2);
  });

  it('records a walk-in sale (declined, no customer) and merges a SKU scanned on two lines', () => {
    const r = app.call('capture.record', { outcome: 'declined', reason: 'in_a_hurry', basket: [{ sku: 'SKU-2', quantity: 1 }, { sku: 'SKU-2', quantity: 2 }] });
    expect(r.ok && r.value.orderId).toBeTruthy();
    expect(db.prepare(`SELECT customer_id, subtotal_cents FROM orders WHERE register_id = 'R1'`).get()).toEqual({ customer_id: null, subtotal_cents: 5400 });
    expect(saleEvents()[0]).toMatchObject({ customerId: null, lines: [{ sku: 'SKU-2', quantity: 3 }] });
  });

  it('a new profile captured at the till owns the sale', () => {
    const r = app.call('capture.record', {
      outcome: 'captured', email: 'lena@example.com', firstName: 'Lena', lastName: 'Park', profile: { kind: 'new' },
      consents: { receipts: true, marketing: false, personalization: false }, consentTextVersion: CONSENT_TEXT_VERSION, basket: [{ sku: 'SKU-1', quantity: 1 }],
    });
    expect(r.ok).toBe(true);
    const customerId = r.ok ? r.value.customerId : null;
    expect(db.prepare(`SELECT customer_id FROM orders WHERE id = ?`).pluck().get(r.ok ? r.value.orderId : null)).toBe(customerId);
    // The profile's event comes before the sale's, so the hub knows the customer when the sale arrives.
    const kinds = db.prepare(`SELECT kind FROM outbox ORDER BY id`).pluck().all() as string[];
    expect(kinds.indexOf('customer.created')).toBeLessThan(kinds.indexOf('sale.completed'));
  });

  it('an empty basket is no sale', () => {
    const r = app.call('capture.record', { outcome: 'declined', reason: 'privacy' });
    expect(r.ok && r.value.orderId).toBe(null);
    expect(count('outbox', `kind = 'sale.completed'`)).toBe(0);
  });

  it('refuses a price from the client, an unknown SKU or a silly quantity, writing neither the sale nor the outcome', () => {
    const before = [count('orders'), count('order_lines'), count('outbox'), count('checkout_outcomes')];
    const hostile: unknown[] = [
      { outcome: 'declined', reason: 'privacy', basket: [{ sku: 'SKU-1', quantity: 1, unitPriceCents: 1 }] },
      { outcome: 'declined', reason: 'privacy', basket: [{ sku: 'GHOST', quantity: 1 }] },
      { outcome: 'declined', reason: 'privacy', basket: [{ sku: 'SKU-1', quantity: 0 }] },
      { outcome: 'declined', reason: 'privacy', basket: [{ sku: 'SKU-1', quantity: -2 }] },
      { outcome: 'declined', reason: 'privacy', basket: [{ sku: 'SKU-1', quantity: 1.5 }] },
      { outcome: 'declined', reason: 'privacy', basket: Array.from({ length: 51 }, () => ({ sku: 'SKU-1', quantity: 1 })) },
    ];
    for (const input of hostile) {
      const r = app.dispatch('capture.record', input);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
    }
    expect([count('orders'), count('order_lines'), count('outbox'), count('checkout_outcomes')]).toEqual(before);
  });
});
