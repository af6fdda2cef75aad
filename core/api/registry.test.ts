import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';
import { apiNames, contract } from '../contract/index.js';
import { SETUP_CALLS } from '../contract/areas/setup.js';
import { createApp, type App } from './registry.js';
import { LOCK_STEPS } from '../auth/lockout.js';

const MAX_FAILED_ATTEMPTS = LOCK_STEPS[0]!.attempts;

let db: Database.Database;
let app: App;
let clock: Date;
let mono: number;
beforeEach(() => {
  db = openSmallStore();
  clock = SMALL_NOW;
  mono = 0;
  app = createApp({ db, now: () => clock, monotonicMs: () => mono });
});

const login = (staffId = 'st-ava', pin: string = SMALL_PINS.associate) => app.dispatch('session.login', { staffId, pin });
const errorCode = (r: ReturnType<App['dispatch']>) => (r.ok ? 'ok' : r.error.code);

describe('dispatch', () => {
  it('answers an unknown call with a typed error', () => {
    for (const name of ['nope', 'toString', '__proto__', 'constructor', 42, null, undefined, { a: 1 }]) {
      expect(errorCode(app.dispatch(name, {}))).toBe('unknown_handler');
    }
  });

  it('rejects a wrong input for every handler with invalid_input, never a crash', () => {
    login();
    const bad: unknown[] = [42, 'x', [], { unexpected: true }, { query: 5 }, { customerId: 'a b' }];
    // setup.* are the set-up host's (core/host/setupHost.test.ts): served before any replica exists.
    for (const name of apiNames.filter((n) => !SETUP_CALLS.has(n))) {
      for (const input of bad) {
        const r = app.dispatch(name, input);
        // some inputs are valid for some handlers (e.g. {} variants); none may throw or be internal
        expect(['ok', 'invalid_input', 'not_found']).toContain(errorCode(r));
      }
      expect(errorCode(app.dispatch(name, { __proto__: { polluted: true }, extra: 'field' }))).toBe('invalid_input');
    }
  });

  it('describes what was wrong, field by field', () => {
    const r = app.dispatch('session.login', { staffId: 'st-ava', pin: '12' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'pin: a PIN is 4 to 8 digits' } });
  });

  it('rejects oversized, control-character and bidi-override text in lookups', () => {
    login();
    const cases = ['a'.repeat(121), 'doe\u0000', 'doe\u202Eeod', '   ', ''];
    for (const query of cases) expect(errorCode(app.dispatch('customers.lookup', { query }))).toBe('invalid_input');
    // …but accepts real-world Unicode
    expect(errorCode(app.dispatch('customers.lookup', { query: 'Ångström' }))).toBe('ok');
    expect(errorCode(app.dispatch('customers.lookup', { query: 'محمد' }))).toBe('ok');
    expect(errorCode(app.dispatch('customers.lookup', { query: '👍' }))).not.toBe('internal');
  });

  it('normalizes text to NFC before it is used', () => {
    login();
    const decomposed = 'A\u030Angstr\u00F6m'; // Å as A + combining ring
    const r = app.call('customers.lookup', { query: decomposed });
    expect(r.ok && r.value.matches.map((m) => m.id)).toEqual(['C3']);
  });

  it('requires a session for staff calls', () => {
    expect(errorCode(app.dispatch('customers.lookup', { query: 'doe' }))).toBe('unauthenticated');
    expect(errorCode(app.dispatch('customers.card', { customerId: 'C1' }))).toBe('unauthenticated');
    expect(errorCode(app.dispatch('session.staff', {}))).toBe('ok');
  });

  it('every handler declares who may call it', () => {
    for (const name of apiNames) expect(contract[name].access).toBeDefined();
  });
});

describe('login', () => {
  it('signs in with the right PIN and emits the session after commit', () => {
    const events: unknown[] = [];
    app.subscribe((event, payload) => events.push([event, payload]));
    const r = login();
    expect(r).toMatchObject({ ok: true, value: { status: 'signed_in', session: { staffId: 'st-ava', role: 'associate', storeId: 'S1', registerId: 'R1' } } });
    expect(app.session?.displayName).toBe('Ava Martinez');
    expect(events).toEqual([['session.changed', expect.objectContaining({ staffId: 'st-ava' })]]);
    expect(errorCode(app.dispatch('customers.lookup', { query: 'doe' }))).toBe('ok');
  });

  it('counts wrong PINs and locks after the limit, even against the right PIN', () => {
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(login('st-ava', '9999')).toMatchObject({ ok: true, value: { status: 'wrong_pin', attemptsLeft: MAX_FAILED_ATTEMPTS - i } });
    }
    const locked = login('st-ava', '9999');
    expect(locked).toMatchObject({ ok: true, value: { status: 'locked' } });
    expect(login()).toMatchObject({ ok: true, value: { status: 'locked' } });
    expect(app.session).toBeNull();
    const tiles = app.call('session.staff', {});
    expect(tiles.ok && tiles.value.find((t) => t.id === 'st-ava')?.locked).toBe(true);
    // the lock is in the replica, so restarting the app does not lift it
    const restarted = createApp({ db, now: () => clock, monotonicMs: () => mono });
    expect(restarted.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate })).toMatchObject({ value: { status: 'locked' } });
    // after the lockout has passed (on the register's monotonic clock) the right PIN works again
    mono += 6 * 60_000;
    expect(login()).toMatchObject({ ok: true, value: { status: 'signed_in' } });
  });

  it('a successful login resets the count of wrong PINs', () => {
    login('st-ava', '9999');
    login('st-ava', '9999');
    login();
    expect(login('st-ava', '9999')).toMatchObject({ value: { status: 'wrong_pin', attemptsLeft: MAX_FAILED_ATTEMPTS - 1 } });
  });

  it('does not let staff of another store sign in on this register', () => {
    expect(errorCode(login('st-other'))).toBe('not_found');
    expect(errorCode(login('nobody'))).toBe('not_found');
  });

  it('writes nothing and changes no session when any part of the login fails', () => {
    login('st-ava', '9999'); // one wrong PIN on record
    db.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log WHEN new.action = 'login' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    const events: unknown[] = [];
    app.subscribe((e) => events.push(e));
    const r = login();
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(app.session).toBeNull();
    expect(events).toEqual([]);
    // the reset of failed attempts was rolled back with the failed audit write
    expect(db.prepare(`SELECT failed_attempts FROM staff WHERE id = 'st-ava'`).get()).toEqual({ failed_attempts: 1 });
  });

  it('logs out', () => {
    login();
    expect(app.dispatch('session.logout', {})).toEqual({ ok: true, value: null });
    expect(app.session).toBeNull();
    expect(errorCode(app.dispatch('customers.card', { customerId: 'C1' }))).toBe('unauthenticated');
  });

  it('keeps a record of every attempt in the audit log', () => {
    login('st-ava', '9999');
    login();
    const actions = db.prepare(`SELECT action FROM audit_log WHERE actor_id = 'st-ava' ORDER BY id`).all();
    expect(actions).toEqual([{ action: 'login.wrong_pin' }, { action: 'login' }]);
  });
});

describe('device.status', () => {
  it('says which store and register this is and how fresh each stream is', () => {
    const r = app.call('device.status', {});
    expect(r).toMatchObject({ ok: true, value: { storeId: 'S1', storeName: 'Boulder Flagship', registerId: 'R1', connection: 'standalone' } });
    expect(r.ok && r.value.streams.map((s) => s.stream)).toEqual(['catalog', 'customers', 'inventory', 'merch_config', 'orders']);
  });
});
