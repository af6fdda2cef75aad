// Checkout capture through the app API, as both transports run it: one outcome per checkout,
// written with its profile change, consents and outbox events in one transaction, or not at all.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../contract/index.js';
import { createApp, type App } from '../testing/app.js';
import { addCustomer, openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';
import { CONSENT_TEXT_VERSION } from './consentText.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  db = openSmallStore();
  app = createApp({ db, now: () => SMALL_NOW });
  app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
});

const count = (table: string, where = '1') => (db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get() as number);
const outboxKinds = () => (db.prepare(`SELECT kind FROM outbox ORDER BY id`).pluck().all() as string[]);
const NO_CONSENT = { receipts: false, marketing: false, personalization: false };

function capture(overrides: Partial<Extract<ApiInput<'capture.record'>, { outcome: 'captured' }>> = {}) {
  return app.call('capture.record', {
    outcome: 'captured',
    email: 'new.person@example.com',
    profile: { kind: 'new' },
    consents: NO_CONSENT,
    consentTextVersion: CONSENT_TEXT_VERSION,
    ...overrides,
  });
}

/** Every table a capture can touch, to prove a refused call wrote nothing. */
function snapshot() {
  return ['checkout_outcomes', 'checkout_daily', 'checkout_hourly', 'customers', 'customer_identifiers', 'consents', 'outbox', 'audit_log'].map((t) => [t, count(t)]);
}

describe('capture.record', () => {
  it('creates a new profile with the address, only the consents ticked, and their events', () => {
    const r = capture({ firstName: 'Lena', lastName: 'Park', phone: '303.555.0100', consents: { receipts: true, marketing: true, personalization: false } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ outcome: 'captured_new', customerName: 'Lena Park', address: 'new.person@example.com', merged: [], suppressed: false });
    const id = r.value.customerId!;
    expect(db.prepare(`SELECT kind, value, raw, is_primary FROM customer_identifiers WHERE customer_id = ? ORDER BY kind`).all(id)).toEqual([
      { kind: 'email', value: 'new.person@example.com', raw: 'new.person@example.com', is_primary: 1 },
      { kind: 'phone', value: '+13035550100', raw: '303.555.0100', is_primary: 0 },
    ]);
    // recorded with text version, associate, store, register and time; never a consent that was not ticked
    expect(db.prepare(`SELECT purpose, channel, status, source, text_version, recorded_by, store_id, register_id, recorded_at FROM consents WHERE customer_id = ? ORDER BY purpose`).all(id)).toEqual([
      { purpose: 'marketing', channel: 'email', status: 'granted', source: 'checkout', text_version: CONSENT_TEXT_VERSION, recorded_by: 'st-ava', store_id: 'S1', register_id: 'R1', recorded_at: SMALL_NOW.toISOString() },
      { purpose: 'receipts', channel: 'email', status: 'granted', source: 'checkout', text_version: CONSENT_TEXT_VERSION, recorded_by: 'st-ava', store_id: 'S1', register_id: 'R1', recorded_at: SMALL_NOW.toISOString() },
    ]);
    expect(db.prepare(`SELECT outcome, store_id, register_id, associate_id, local_day, local_hour, weekday, receipts_opt_in, marketing_opt_in, personalization_opt_in FROM checkout_outcomes`).get()).toEqual({
      outcome: 'captured_new', store_id: 'S1', register_id: 'R1', associate_id: 'st-ava',
      local_day: '2026-06-15', local_hour: 6, weekday: 1, // 12:00 UTC is 6 am on a Monday in Denver
      receipts_opt_in: 1, marketing_opt_in: 1, personalization_opt_in: 0,
    });
    expect(outboxKinds().sort()).toEqual(['checkout.outcome', 'consent.changed', 'consent.changed', 'customer.created']);
  });

  it('adds the address to an existing profile and makes it the primary one', () => {
    const r = capture({ email: 'zoe.new@example.org', profile: { kind: 'existing', customerId: 'C3', mergeIds: [] } });
    expect(r.ok && r.value.outcome).toBe('captured_updated');
    expect(db.prepare(`SELECT raw, is_primary FROM customer_identifiers WHERE customer_id = 'C3' AND kind = 'email' ORDER BY raw`).all()).toEqual([
      { raw: 'zoe.new@example.org', is_primary: 1 },
      { raw: 'zoe@example.org', is_primary: 0 },
    ]);
  });

  it('merges only the profiles the associate confirmed, and an address already on file is not a capture', () => {
    const r = capture({ email: 'johndoe@gmail.com', profile: { kind: 'existing', customerId: 'C1', mergeIds: ['C2'] } });
    expect(r.ok && r.value).toMatchObject({ outcome: 'already_on_file', customerId: 'C1', merged: ['C2'] });
    expect(db.prepare(`SELECT merged_into FROM customers WHERE id = 'C2'`).pluck().get()).toBe('C1');
    expect(count('customers', `merged_into IS NOT NULL`)).toBe(1); // C3 and the rest untouched
    expect(outboxKinds()).toContain('customer.merged');
  });

  it('records a decline with its reason, and an address that would not validate', () => {
    expect(app.call('capture.record', { outcome: 'declined', reason: 'privacy' }).ok).toBe(true);
    expect(app.call('capture.record', { outcome: 'invalid', customerId: 'C3' }).ok).toBe(true);
    expect(db.prepare(`SELECT outcome, decline_reason, customer_id FROM checkout_outcomes ORDER BY id`).all()).toEqual([
      { outcome: 'declined', decline_reason: 'privacy', customer_id: null },
      { outcome: 'invalid', decline_reason: null, customer_id: 'C3' },
    ]);
    expect(count('consents', `recorded_by = 'st-ava'`)).toBe(0);
  });

  it('records "already on file" only for a profile that has an address', () => {
    expect(app.call('capture.record', { outcome: 'already_on_file', customerId: 'C1' }).ok).toBe(true);
    addCustomer(db, { id: 'C9', first: 'No', last: 'Email', phone: '303-555-0111' });
    const r = app.call('capture.record', { outcome: 'already_on_file', customerId: 'C9' });
    expect(!r.ok && r.error.code).toBe('conflict');
    expect(count('checkout_outcomes')).toBe(1);
  });

  it('never re-subscribes a suppressed address', () => {
    addCustomer(db, { id: 'C8', first: 'Renée', last: 'Olsen', email: 'renee.olsen@yahoo.com', status: 'suppressed' });
    const r = capture({ email: 'Renee.Olsen@Yahoo.com', consents: { receipts: true, marketing: true, personalization: true } });
    expect(r.ok && r.value).toMatchObject({ outcome: 'captured_new', suppressed: true });
    const id = r.ok ? r.value.customerId : '';
    expect(db.prepare(`SELECT purpose, status FROM consents WHERE customer_id = ? ORDER BY purpose`).all(id)).toEqual([
      { purpose: 'marketing', status: 'suppressed' },
      { purpose: 'personalization', status: 'suppressed' },
      { purpose: 'receipts', status: 'granted' },
    ]);
    expect(db.prepare(`SELECT marketing_opt_in, personalization_opt_in, receipts_opt_in FROM checkout_outcomes`).get()).toEqual({
      marketing_opt_in: 0, personalization_opt_in: 0, receipts_opt_in: 1,
    });
  });

  it('refuses consent read from wording that has since changed', () => {
    const before = snapshot();
    const r = capture({ consentTextVersion: 'checkout-1999-01', consents: { receipts: true, marketing: true, personalization: false } });
    expect(!r.ok && r.error.code).toBe('conflict');
    expect(snapshot()).toEqual(before);
  });
});

describe('consent.withdraw', () => {
  it('withdraws in one tap, recorded like a grant, and leaves other purposes alone', () => {
    const r = capture({ consents: { receipts: true, marketing: true, personalization: true } });
    const id = r.ok ? r.value.customerId! : '';
    const w = app.call('consent.withdraw', { customerId: id, purpose: 'marketing' });
    expect(w.ok && w.value.map((c) => [c.purpose, c.status])).toEqual([
      ['marketing', 'withdrawn'],
      ['personalization', 'granted'],
      ['receipts', 'granted'],
    ]);
    expect(outboxKinds().filter((k) => k === 'consent.changed')).toHaveLength(4);
    expect(count('audit_log', `action = 'consent.withdraw'`)).toBe(1);
    // withdrawing again changes nothing and records nothing
    app.call('consent.withdraw', { customerId: id, purpose: 'marketing' });
    expect(outboxKinds().filter((k) => k === 'consent.changed')).toHaveLength(4);
  });
});

describe('one transaction', () => {
  it('leaves no outcome when its consent cannot be written', () => {
    db.exec(`CREATE TRIGGER fail_consent BEFORE INSERT ON outbox WHEN new.kind = 'consent.changed' BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const before = snapshot();
    const r = capture({ consents: { receipts: true, marketing: false, personalization: false } });
    expect(!r.ok && r.error.code).toBe('internal');
    expect(snapshot()).toEqual(before);
  });

  it('leaves no consent and no new profile when the outcome cannot be written', () => {
    db.exec(`CREATE TRIGGER fail_outcome BEFORE INSERT ON checkout_outcomes BEGIN SELECT RAISE(ABORT, 'power cut'); END;`);
    const before = snapshot();
    const r = capture({ consents: { receipts: true, marketing: true, personalization: true } });
    expect(!r.ok && r.error.code).toBe('internal');
    expect(snapshot()).toEqual(before);
  });

  it('leaves no merge behind when the capture after it fails', () => {
    db.exec(`CREATE TRIGGER fail_outcome BEFORE INSERT ON checkout_outcomes BEGIN SELECT RAISE(ABORT, 'power cut'); END;`);
    capture({ email: 'johndoe@gmail.com', profile: { kind: 'existing', customerId: 'C1', mergeIds: ['C2'] } });
    expect(count('customers', 'merged_into IS NOT NULL')).toBe(0);
  });
});

describe('bad input', () => {
  const HOSTILE = ['', 'x'.repeat(10_000), '<script>alert(1)</script>', "'; DROP TABLE customers; --", "' OR 1=1 --"];

  it('capture.record: refuses every hostile value in every text field with a typed error, writing nothing', () => {
    const before = snapshot();
    for (const bad of HOSTILE) {
      for (const field of ['email', 'phone', 'firstName', 'lastName'] as const) {
        if (bad === '' && field !== 'email') continue; // optional fields may be left empty
        const r = capture({ [field]: bad });
        expect(r.ok, `${field}=${bad.slice(0, 30)}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('invalid_input');
      }
      for (const input of [
        { outcome: 'declined', reason: bad },
        { outcome: 'already_on_file', customerId: bad },
        { outcome: bad },
      ]) {
        const r = app.dispatch('capture.record', input);
        expect(!r.ok && r.error.code, JSON.stringify(input).slice(0, 60)).toBe('invalid_input');
      }
    }
    expect(snapshot()).toEqual(before);
  });

  it('capture.check: rejects oversized and control-character text, and reads hostile text as not an address', async () => {
    for (const bad of ['x'.repeat(10_000), 'a\u0000@b.com', 'evil\u202E@x.com']) {
      const r = await app.dispatchAsync('capture.check', { email: bad });
      expect(!r.ok && r.error.code).toBe('invalid_input');
    }
    for (const bad of ['<script>alert(1)</script>', "'; DROP TABLE customers; --", "' OR 1=1 --"]) {
      const r = await app.callAsync('capture.check', { email: bad });
      expect(r.ok && r.value.email).toMatchObject({ valid: false, matchKey: null });
      expect(r.ok && r.value.matches).toEqual([]);
      const n = await app.dispatchAsync('capture.check', { firstName: bad });
      expect(!n.ok && n.error.code).toBe('invalid_input');
    }
    expect(count('customers')).toBe(4);
  });

  it('consent.withdraw and capture.setup: typed errors for hostile ids and extra fields', () => {
    const before = snapshot();
    for (const bad of HOSTILE) {
      for (const input of [{ customerId: bad, purpose: 'marketing' }, { customerId: 'C1', purpose: bad }]) {
        const r = app.dispatch('consent.withdraw', input);
        expect(!r.ok && r.error.code).toBe('invalid_input');
      }
      const s = app.dispatch('capture.setup', { note: bad });
      expect(!s.ok && s.error.code).toBe('invalid_input');
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses an unknown profile with not_found, writing nothing', () => {
    const before = snapshot();
    const r = capture({ profile: { kind: 'existing', customerId: 'C-404', mergeIds: [] } });
    expect(!r.ok && r.error.code).toBe('not_found');
    const m = capture({ profile: { kind: 'existing', customerId: 'C1', mergeIds: ['C-404'] } });
    expect(!m.ok && m.error.code).toBe('not_found');
    expect(snapshot()).toEqual(before);
  });
});
