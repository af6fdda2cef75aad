// A customer whose only marketing consent is by SMS (a feed's `marketing_sms_consent`, pulled
// from the hub): the card says so per channel, withdrawing at the till withdraws it there, and
// the engine does not read marketing consent as consent to personalize.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadCustomerFacts } from '../engine/context.js';
import { createApp, type App } from '../testing/app.js';
import { addCustomer, openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  db = openSmallStore();
  app = createApp({ db, now: () => SMALL_NOW });
  app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
  addCustomer(db, { id: 'C7', first: 'Sol', last: 'Vega', email: 'sol@example.com', phone: '+13035550177' });
  // As the hub's customers feed sends it: marketing by SMS granted, nothing by email.
  db.prepare(
    `INSERT INTO consents (customer_id, purpose, channel, status, source, text_version, recorded_by, store_id, register_id, recorded_at)
     VALUES ('C7', 'marketing', 'sms', 'granted', 'shopify', 'feed-v1', NULL, 'S1', NULL, '2026-05-01T10:00:00.000Z')`,
  ).run();
});

const card = () => {
  const r = app.call('customers.card', { customerId: 'C7' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('a customer with SMS marketing consent and no email consent', () => {
  it('the card holds marketing as SMS yes and email not given', () => {
    expect(card().consents).toEqual([{ purpose: 'marketing', channel: 'sms', status: 'granted', recordedAt: '2026-05-01T10:00:00.000Z' }]);
  });

  it('withdrawing marketing at the till withdraws the SMS grant, and the hub is told on that channel', () => {
    const r = app.dispatch('consent.withdraw', { customerId: 'C7', purpose: 'marketing' });
    expect(r.ok).toBe(true);
    expect(card().consents).toMatchObject([{ purpose: 'marketing', channel: 'sms', status: 'withdrawn' }]);
    const events = (db.prepare(`SELECT payload FROM outbox WHERE kind = 'consent.changed'`).pluck().all() as string[]).map((p) => JSON.parse(p) as Record<string, unknown>);
    expect(events).toEqual([expect.objectContaining({ customerId: 'C7', purpose: 'marketing', channel: 'sms', status: 'withdrawn' })]);
    // Withdrawing again changes nothing and sends nothing more.
    app.dispatch('consent.withdraw', { customerId: 'C7', purpose: 'marketing' });
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'consent.changed'`).pluck().get()).toBe(1);
  });

  it('the engine does not personalize on a marketing consent, whatever its channel', () => {
    expect(loadCustomerFacts(db, 'C7')).toMatchObject({ status: 'active', personalizationConsent: false });
  });
});
