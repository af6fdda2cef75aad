// Capturing the email of a customer of another store (issue 15): when nobody here holds the
// address, capture.check asks the hub, and a capture for the customer it found names them
// instead of making a second profile. This register writes no profile of theirs; the events go
// to the hub, which decides (sync/hub/visitingCapture.test.ts).
import { describe, expect, it, vi } from 'vitest';
import type { SyncPort } from '../contract/ports.js';
import type { VisitingCustomer } from '../contract/types.js';
import { createApp } from '../testing/app.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';
import { CONSENT_TEXT_VERSION } from './consentText.js';

const MAYA: VisitingCustomer = {
  customerId: 'C-S2', name: 'Maya Lindqvist', homeStoreId: 'S2', homeStoreName: 'Salt Lake City', matchedBy: 'email',
  consents: [{ purpose: 'personalization', channel: 'email', status: 'granted' }],
};

function register(connection: ReturnType<SyncPort['connection']> = 'online') {
  const lookupVisiting = vi.fn(async (key: { kind: 'email' | 'phone' | 'loyalty'; value: string }) => (key.value === 'maya@example.com' ? MAYA : null));
  const sync: SyncPort = {
    connection: () => connection, identity: () => null, bootstrapProgress: () => null, nudge: () => {}, syncNow: () => {}, noteActivity: () => {},
    setForeground: () => {}, onChange: () => () => {}, lookupVisiting,
  };
  const db = openSmallStore();
  const app = createApp({ db, now: () => SMALL_NOW, sync });
  app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
  return { db, app, lookupVisiting };
}

describe('capturing a visiting customer\'s email', () => {
  it('offers the customer the hub found when nobody here holds the address, and asks nothing when someone does or a profile is open', async () => {
    const { app, lookupVisiting } = register();
    const found = await app.callAsync('capture.check', { email: ' Maya@Example.com' });
    expect(found).toMatchObject({ ok: true, value: { matches: [], visiting: MAYA } });
    expect(lookupVisiting).toHaveBeenCalledWith({ kind: 'email', value: 'maya@example.com' }, { staffId: 'st-ava', registerId: 'R1' });
    // A customer of this store holds the address: no hub read.
    lookupVisiting.mockClear();
    const here = await app.callAsync('capture.check', { email: 'zoe@example.org' });
    expect(here.ok && here.value.matches.length).toBeGreaterThan(0);
    expect(here.ok && here.value.visiting).toBeNull();
    // With a profile open the capture is for them.
    expect(await app.callAsync('capture.check', { email: 'maya@example.com', customerId: 'C3' })).toMatchObject({ ok: true, value: { visiting: null } });
    expect(lookupVisiting).not.toHaveBeenCalled();
  });

  it('offline, the capture goes on with what is here', async () => {
    const { app, lookupVisiting } = register('offline');
    expect(await app.callAsync('capture.check', { email: 'maya@example.com' })).toMatchObject({ ok: true, value: { visiting: null } });
    expect(lookupVisiting).not.toHaveBeenCalled();
  });

  it('records the capture and the sale under the visiting customer: no profile here, events that name them, no customer.created', async () => {
    const { db, app } = register();
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    const customers = count(`SELECT count(*) FROM customers`);
    const sku = db.prepare(`SELECT sku FROM products WHERE status = 'active' ORDER BY sku LIMIT 1`).pluck().get() as string;
    const r = await app.callAsync('capture.record', {
      outcome: 'captured', email: 'maya@example.com', phone: '303.555.0142', profile: { kind: 'visiting', customerId: 'C-S2' },
      consents: { receipts: true, marketing: false, personalization: false }, consentTextVersion: CONSENT_TEXT_VERSION, basket: [{ sku, quantity: 1 }],
    });
    expect(r).toMatchObject({ ok: true, value: { outcome: 'captured_updated', customerId: 'C-S2', address: 'maya@example.com', consents: [{ purpose: 'receipts', status: 'granted' }] } });
    expect(count(`SELECT count(*) FROM customers`)).toBe(customers);
    expect(count(`SELECT count(*) FROM customer_identifiers WHERE value = 'maya@example.com'`)).toBe(0);
    const events = db.prepare(`SELECT kind, payload FROM outbox ORDER BY id`).all() as { kind: string; payload: string }[];
    expect(events.map((e) => e.kind).sort()).toEqual(['checkout.outcome', 'consent.changed', 'customer.updated', 'sale.completed']);
    for (const e of events) expect(JSON.parse(e.payload).customerId).toBe('C-S2');
    expect(JSON.parse(events.find((e) => e.kind === 'customer.updated')!.payload)).toMatchObject({ email: 'maya@example.com', phone: '+13035550142', storeId: 'S1' });
    // The sale is kept here as a walk-in: this register holds no profile to link it to.
    expect(db.prepare(`SELECT customer_id FROM orders WHERE id = ?`).pluck().get(r.ok ? r.value.orderId : '')).toBeNull();
  });

  it('refuses a visiting capture for a customer this register holds: they are chosen from the list', async () => {
    const { app } = register();
    const r = await app.callAsync('capture.record', {
      outcome: 'captured', email: 'maya@example.com', profile: { kind: 'visiting', customerId: 'C3' },
      consents: { receipts: false, marketing: false, personalization: false }, consentTextVersion: CONSENT_TEXT_VERSION,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
