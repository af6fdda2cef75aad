// Sign-in, lockout, sessions and manager approval through the real API, as an attacker at the
// register (or with a tool on the loopback port) would try them.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiInput } from '../contract/index.js';
import { createApp, type App } from '../testing/app.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';
import { CONSENT_TEXT_VERSION } from '../capture/consentText.js';
import { verifyPin } from './pin.js';

const PEPPER = Buffer.alloc(32, 5);
let db: Database.Database;
let app: App;
let wall: Date;
let mono: number;
beforeEach(() => {
  db = openSmallStore();
  wall = SMALL_NOW;
  mono = 1_000;
  app = createApp({ db, now: () => wall, monotonicMs: () => mono, pinPepper: PEPPER });
});

const login = (staffId = 'st-ava', pin: string = SMALL_PINS.associate) => app.dispatch('session.login', { staffId, pin });
const status = (r: ReturnType<App['dispatch']>) => (r.ok ? (r.value as { status?: string })?.status ?? 'ok' : r.error.code);
const wrong = (n: number, staffId = 'st-ava') => {
  let last: ReturnType<App['dispatch']> | undefined;
  for (let i = 0; i < n; i++) last = login(staffId, '9999');
  return last!;
};
const outbox = (kind: string) => db.prepare(`SELECT payload FROM outbox WHERE kind = ?`).pluck().all(kind) as string[];

describe('escalating lockout', () => {
  it('locks 5 minutes after 5 wrong PINs, 30 after 10, and until a manager after 15', () => {
    expect(status(wrong(5))).toBe('locked');
    mono += 5 * 60_000 + 1;
    expect(status(wrong(5))).toBe('locked'); // 10th in a row: now 30 minutes
    mono += 29 * 60_000;
    expect(status(login())).toBe('locked');
    mono += 60_001;
    const r = wrong(5); // 15th: only a manager unlocks
    expect(r).toMatchObject({ ok: true, value: { status: 'locked', lockedUntil: null, byManager: true } });
    mono += 365 * 24 * 3600_000;
    expect(status(login())).toBe('locked');
    // Each lock travels to the hub through the outbox.
    expect(outbox('staff.locked').map((p) => JSON.parse(p).failedAttempts)).toEqual([5, 10, 15]);
  });

  it('moving the wall clock forward does not lift a lock; restarting does not either', () => {
    wrong(5);
    wall = new Date(SMALL_NOW.getTime() + 24 * 3600_000);
    expect(status(login())).toBe('locked');
    const restarted = createApp({ db, now: () => wall, monotonicMs: () => mono, pinPepper: PEPPER });
    expect(status(restarted.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }))).toBe('locked');
    mono += 5 * 60_000 + 1;
    expect(status(restarted.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }))).toBe('signed_in');
  });

  it('a manager unlocks a colleague with their PIN on the associate\'s screen; audited and sent to the hub', () => {
    wrong(15);
    expect(status(app.dispatch('staff.unlock', { staffId: 'st-ava' }))).toBe('forbidden');
    // An associate's PIN is no approval, and a wrong manager PIN counts toward the manager's lock.
    expect(app.dispatch('approval.grant', { managerId: 'st-ava', pin: SMALL_PINS.associate, action: 'staff.unlock', subjectId: 'st-ava' })).toMatchObject({ value: { status: 'not_a_manager' } });
    expect(app.dispatch('approval.grant', { managerId: 'st-dana', pin: '0000', action: 'staff.unlock', subjectId: 'st-ava' })).toMatchObject({ value: { status: 'wrong_pin', attemptsLeft: 4 } });
    const grant = app.dispatch('approval.grant', { managerId: 'st-dana', pin: SMALL_PINS.manager, action: 'staff.unlock', subjectId: 'st-ava' });
    const approvalId = grant.ok && (grant.value as { approvalId: string }).approvalId;
    // The approval is for this person and this action only, and only once.
    expect(status(app.dispatch('staff.unlock', { staffId: 'st-dana', approvalId }))).toBe('forbidden');
    expect(app.dispatch('staff.unlock', { staffId: 'st-ava', approvalId })).toEqual({ ok: true, value: null });
    expect(status(app.dispatch('staff.unlock', { staffId: 'st-ava', approvalId }))).toBe('forbidden');
    expect(status(login())).toBe('signed_in');
    expect(db.prepare(`SELECT actor_id FROM audit_log WHERE action = 'staff.unlocked'`).pluck().get()).toBe('st-dana');
    expect(outbox('staff.unlocked')).toHaveLength(1);
  });
});

describe('PIN policy', () => {
  it('a 4-digit PIN still signs in but is flagged for change; the new one must have 6 digits', () => {
    const r = login();
    expect(r).toMatchObject({ ok: true, value: { status: 'signed_in', session: { pinChangeRequired: true } } });
    expect(app.dispatch('session.changePin', { currentPin: SMALL_PINS.associate, newPin: '4829' })).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { problem: 'too_short' } } });
    expect(app.dispatch('session.changePin', { currentPin: SMALL_PINS.associate, newPin: '482913' })).toEqual({ ok: true, value: null });
    expect(app.session?.pinChangeRequired).toBeUndefined();
    // Stored peppered now: the old PIN is gone and the hash is useless without the device key.
    expect(db.prepare(`SELECT pin_hash FROM staff WHERE id = 'st-ava'`).pluck().get()).toMatch(/^scrypt-p1\$/);
    app.dispatch('session.logout', {});
    expect(status(login('st-ava', '482913'))).toBe('signed_in');
    // The change goes to the hub unpeppered (the store's other registers check it), with proof
    // of the old PIN under the hub's salt, which stayed when the sign-in re-hashed the PIN.
    const sent = outbox('staff.pin_set').map((p) => JSON.parse(p) as { pinHash: string; oldPinProof?: string });
    expect(sent).toEqual([expect.objectContaining({ staffId: 'st-ava', pinHash: expect.stringMatching(/^scrypt\$16384\$/), oldPinProof: expect.any(String) })]);
    expect(verifyPin('482913', sent[0]!.pinHash)).toBe(true);
  });

  it('upgrades a hub hash to this device\'s peppered one on a good sign-in', () => {
    login('st-dana', SMALL_PINS.manager);
    expect(db.prepare(`SELECT pin_hash FROM staff WHERE id = 'st-dana'`).pluck().get()).toMatch(/^scrypt-p1\$/);
    app.dispatch('session.logout', {});
    expect(status(login('st-dana', SMALL_PINS.manager))).toBe('signed_in');
  });
});

describe('sessions', () => {
  it('re-reads the role on every call: a merchandiser demoted mid-session is refused at once', () => {
    db.prepare(`UPDATE staff SET role = 'merchandiser' WHERE id = 'st-ava'`).run();
    login();
    expect(app.dispatch('merch.versions', {}).ok).toBe(true);
    db.prepare(`UPDATE staff SET role = 'associate' WHERE id = 'st-ava'`).run();
    expect(app.dispatch('merch.versions', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(app.session?.role).toBe('associate');
    db.prepare(`UPDATE staff SET active = 0 WHERE id = 'st-ava'`).run();
    expect(app.dispatch('customers.card', { customerId: 'C1' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(app.session).toBeNull();
  });

  it('signs out after the idle limit (10 minutes by default, configurable)', () => {
    login();
    mono += 9 * 60_000;
    expect(app.dispatch('customers.card', { customerId: 'C1' }).ok).toBe(true);
    mono += 10 * 60_000 + 1;
    expect(app.dispatch('customers.card', { customerId: 'C1' })).toMatchObject({ ok: false, error: { code: 'unauthenticated', message: expect.stringContaining('without activity') } });
    db.prepare(`UPDATE security_settings SET value = '2' WHERE key = 'idle_logout_minutes'`).run();
    login();
    mono += 2 * 60_000 + 1;
    expect(app.session).not.toBeNull();
    expect(app.dispatch('customers.card', { customerId: 'C1' }).ok).toBe(false);
  });
});

describe('merges at checkout', () => {
  const capture = (profile: Extract<ApiInput<'capture.record'>, { outcome: 'captured' }>['profile']) =>
    app.dispatch('capture.record', {
      outcome: 'captured',
      email: 'zoe@example.org',
      profile,
      consents: { receipts: false, marketing: false, personalization: false },
      consentTextVersion: CONSENT_TEXT_VERSION,
    });

  it('an associate may not merge profiles the matcher did not propose without a manager\'s approval', () => {
    login();
    // C1 and C2 (John Doe) have nothing to do with zoe@example.org.
    const before = db.prepare(`SELECT count(*) FROM customers WHERE merged_into IS NOT NULL`).pluck().get();
    expect(capture({ kind: 'existing', customerId: 'C3', mergeIds: ['C1', 'C2'] })).toMatchObject({ ok: false, error: { code: 'forbidden', details: { needsApproval: 'customer.merge' } } });
    expect(db.prepare(`SELECT count(*) FROM customers WHERE merged_into IS NOT NULL`).pluck().get()).toBe(before);

    const grant = app.dispatch('approval.grant', { managerId: 'st-dana', pin: SMALL_PINS.manager, action: 'customer.merge', subjectId: 'C3' });
    const approvalId = grant.ok ? (grant.value as { approvalId: string }).approvalId : undefined;
    expect(capture({ kind: 'existing', customerId: 'C3', mergeIds: ['C1'], approvalId })).toMatchObject({ ok: true, value: { merged: ['C1'] } });
    expect(db.prepare(`SELECT actor_id FROM audit_log WHERE action = 'merge.approved'`).pluck().get()).toBe('st-dana');
  });
});
