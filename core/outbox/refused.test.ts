// A refused event: retried after a fix, or set aside by a manager with a reason, never lost.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../testing/app.js';
import { idleSync } from '../testing/idleSync.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

let db: Database.Database;
let app: App;
const ID = '01900000-0000-7000-8000-00000000000a';
beforeEach(() => {
  db = openSmallStore();
  // A register of a hub, offline: a standalone one has nothing "to send" (device/status.ts).
  app = createApp({ db, now: () => SMALL_NOW, sync: idleSync() });
  db.prepare(`INSERT INTO outbox (id, kind, payload, created_at, attempts, rejected_reason, rejected_at) VALUES (?, 'checkout.outcome', '{}', ?, 3, 'unknown store', ?)`).run(ID, SMALL_NOW.toISOString(), SMALL_NOW.toISOString());
  app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
});

describe('refused events', () => {
  it('an associate can send a refused event again', () => {
    expect(app.dispatch('sync.retry', { eventId: ID })).toEqual({ ok: true, value: null });
    expect(db.prepare(`SELECT rejected_reason, attempts FROM outbox WHERE id = ?`).get(ID)).toEqual({ rejected_reason: null, attempts: 0 });
    expect(app.dispatch('sync.retry', { eventId: ID })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('only a manager (or a manager\'s approval) sets one aside, with a reason; it is kept, not deleted', () => {
    expect(app.dispatch('sync.dismiss', { eventId: ID, reason: 'Store closed' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const grant = app.dispatch('approval.grant', { managerId: 'st-dana', pin: SMALL_PINS.manager, action: 'sync.dismiss', subjectId: ID });
    const approvalId = grant.ok ? (grant.value as { approvalId: string }).approvalId : undefined;
    expect(app.dispatch('sync.dismiss', { eventId: ID, reason: 'Store S9 was closed; event not needed', approvalId })).toEqual({ ok: true, value: null });
    expect(db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT dismissed_by, dismiss_reason, rejected_reason FROM outbox_dismissed WHERE id = ?`).get(ID)).toEqual({
      dismissed_by: 'st-dana',
      dismiss_reason: 'Store S9 was closed; event not needed',
      rejected_reason: 'unknown store',
    });
  });

  it('the status bar hears the new outbox count after every write, offline too', () => {
    const seen: unknown[] = [];
    app.subscribe((event, payload) => event === 'device.status' && seen.push(payload));
    app.dispatch('sync.retry', { eventId: ID });
    expect(seen.at(-1)).toMatchObject({ outbox: { pending: 1, rejected: 0 } });
    const panel = app.call('sync.outbox', {});
    expect(panel.ok && panel.value.pendingTotal).toBe(1);
  });
});
