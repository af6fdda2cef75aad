// Re-subscribing a suppressed address (issue 14): only with a manager's approval at the register.
// Refusals as an attacker would send them: straight capture.record calls from an associate.
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
  addCustomer(db, { id: 'C8', first: 'Renée', last: 'Olsen', email: 'renee.olsen@yahoo.com', status: 'suppressed' });
});

const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
/** What a checkout writes (the audit log also holds each approval granted, so it is left out). */
const snapshot = () => ['checkout_outcomes', 'customers', 'consents', 'outbox', 'orders'].map((t) => [t, count(t)]);
const consentsOf = (id: string) => db.prepare(`SELECT purpose, status FROM consents WHERE customer_id = ? ORDER BY purpose`).all(id);

function capture(extra: Partial<Extract<ApiInput<'capture.record'>, { outcome: 'captured' }>> = {}) {
  return app.dispatch('capture.record', {
    outcome: 'captured',
    email: 'Renee.Olsen@Yahoo.com',
    profile: { kind: 'new' },
    consents: { receipts: true, marketing: true, personalization: false },
    consentTextVersion: CONSENT_TEXT_VERSION,
    ...extra,
  });
}

function approve(action: 'consent.resubscribe' | 'customer.merge', subjectId: string): string {
  const r = app.call('approval.grant', { managerId: 'st-dana', pin: SMALL_PINS.manager, action, subjectId });
  if (!r.ok || r.value.status !== 'approved') throw new Error('no approval');
  return r.value.approvalId;
}

describe('re-subscribing a suppressed address', () => {
  it('capture.check names the suppressing profile, the subject of the approval', async () => {
    const r = await app.callAsync('capture.check', { email: 'renee.olsen@yahoo.com' });
    expect(r.ok && { suppressed: r.value.suppressed, by: r.value.suppressedBy }).toEqual({ suppressed: true, by: 'C8' });
  });

  it('an associate’s direct call without approval: marketing stays suppressed', () => {
    const r = capture();
    expect(r).toMatchObject({ ok: true, value: { suppressed: true } });
    const id = r.ok ? (r.value as { customerId: string }).customerId : '';
    expect(consentsOf(id)).toEqual([
      { purpose: 'marketing', status: 'suppressed' },
      { purpose: 'receipts', status: 'granted' },
    ]);
  });

  it('a forged, misdirected or spent approval refuses the whole checkout and writes nothing', () => {
    const before = snapshot();
    expect(capture({ resubscribeApprovalId: 'f'.repeat(32) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // An approval for another action (a merge) or another subject does not re-subscribe this one.
    expect(capture({ resubscribeApprovalId: approve('customer.merge', 'C8') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(capture({ resubscribeApprovalId: approve('consent.resubscribe', 'C9') })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(snapshot()).toEqual(before);
    const approval = approve('consent.resubscribe', 'C8');
    expect(capture({ resubscribeApprovalId: approval }).ok).toBe(true);
    // The approval lifted the suppression; suppressed again later (say by a feed), the spent approval cannot lift it twice.
    db.prepare(`UPDATE customers SET status = 'suppressed' WHERE id = 'C8'`).run();
    const after = snapshot();
    expect(capture({ resubscribeApprovalId: approval })).toMatchObject({ ok: false, error: { code: 'forbidden' } }); // once only
    expect(snapshot()).toEqual(after);
  });

  it('with a manager’s approval the opt-in is granted, and the manager is in the audit log', () => {
    const r = capture({ resubscribeApprovalId: approve('consent.resubscribe', 'C8') });
    expect(r).toMatchObject({ ok: true, value: { suppressed: false } });
    const id = r.ok ? (r.value as { customerId: string }).customerId : '';
    expect(consentsOf(id)).toEqual([
      { purpose: 'marketing', status: 'granted' },
      { purpose: 'receipts', status: 'granted' },
    ]);
    expect(db.prepare(`SELECT actor_id, subject_id FROM audit_log WHERE action = 'consent.resubscribed'`).get()).toEqual({ actor_id: 'st-dana', subject_id: 'C8' });
  });

  it('an approval lifts the address’s suppression: the profile is active again, the next checkout is not flagged, and the hub is told first', async () => {
    const r = capture({ profile: { kind: 'existing', customerId: 'C8', mergeIds: [] }, resubscribeApprovalId: approve('consent.resubscribe', 'C8') });
    expect(r).toMatchObject({ ok: true, value: { suppressed: false } });
    expect(db.prepare(`SELECT status FROM customers WHERE id = 'C8'`).pluck().get()).toBe('active');
    expect(await app.callAsync('capture.check', { email: 'renee.olsen@yahoo.com' })).toMatchObject({ ok: true, value: { suppressed: false, suppressedBy: null } });
    // Only what was ticked is granted; a suppressed purpose not asked for is "not given" now.
    expect(consentsOf('C8')).toEqual([
      { purpose: 'marketing', status: 'granted' },
      { purpose: 'receipts', status: 'granted' },
    ]);
    const events = db.prepare(`SELECT kind, payload FROM outbox ORDER BY rowid`).all() as { kind: string; payload: string }[];
    const lifted = events.findIndex((e) => e.kind === 'consent.resubscribed');
    const grant = events.findIndex((e) => e.kind === 'consent.changed' && JSON.parse(e.payload).status === 'granted' && JSON.parse(e.payload).purpose === 'marketing');
    expect(lifted).toBeGreaterThanOrEqual(0);
    expect(lifted).toBeLessThan(grant);
    expect(JSON.parse(events[lifted]!.payload)).toMatchObject({ subjectId: 'C8', customerId: 'C8', purposes: ['marketing'], managerId: 'st-dana', storeId: 'S1' });
  });

  it('without approval nothing is lifted and no re-subscribe event leaves', () => {
    capture({ profile: { kind: 'existing', customerId: 'C8', mergeIds: [] } });
    expect(db.prepare(`SELECT status FROM customers WHERE id = 'C8'`).pluck().get()).toBe('suppressed');
    expect(db.prepare(`SELECT count(*) FROM outbox WHERE kind = 'consent.resubscribed'`).pluck().get()).toBe(0);
  });
});
