// A manager administers their own store's staff; a reset PIN is chosen again at sign-in; every
// change goes to the outbox. Refusals as an attacker would try them.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../testing/app.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  db = openSmallStore();
  app = createApp({ db, now: () => SMALL_NOW });
});
const asManager = () => expect(app.call('session.login', { staffId: 'st-dana', pin: SMALL_PINS.manager }).ok).toBe(true);
const events = (kind: string) => (db.prepare(`SELECT payload FROM outbox WHERE kind = ? ORDER BY id`).pluck().all(kind) as string[]).map((p) => JSON.parse(p) as Record<string, unknown>);

describe('staff administration', () => {
  it('a manager adds a person (no PIN yet), sets a role, deactivates; each change goes to the hub', () => {
    asManager();
    const added = app.call('staff.save', { displayName: 'Kai Lee', role: 'associate', active: true });
    expect(added.ok && added.value).toMatchObject({ displayName: 'Kai Lee', role: 'associate', active: true, pinSet: false });
    const id = added.ok ? added.value.id : '';
    expect(app.call('staff.save', { id, displayName: 'Kai Lee', role: 'merchandiser', active: true }).ok).toBe(true);
    expect(app.call('staff.save', { id, displayName: 'Kai Lee', role: 'merchandiser', active: false }).ok).toBe(true);
    expect(events('staff.changed').map((e) => [e.role, e.active, e.pinReset, e.storeId, e.by])).toEqual([
      ['associate', true, true, 'S1', 'st-dana'],
      ['merchandiser', true, false, 'S1', 'st-dana'],
      ['merchandiser', false, false, 'S1', 'st-dana'],
    ]);
    const list = app.call('staff.list', {});
    expect(list.ok && list.value.map((m) => m.displayName)).toEqual(['Ava Martinez', 'Dana Kim', 'Kai Lee']);
  });

  it('shows a person locked as sign-in sees them: a manager-only lock here, and a lock the store made at another register', () => {
    db.prepare(`UPDATE staff SET failed_attempts = 15, lock_ms = -1, lock_elapsed_ms = 0, lock_at = ? WHERE id = 'st-ava'`).run(SMALL_NOW.toISOString());
    asManager();
    const locked = () => {
      const list = app.call('staff.list', {});
      return list.ok ? list.value.filter((m) => m.locked).map((m) => m.id) : null;
    };
    expect(locked()).toEqual(['st-ava']);
    // unlocked here, then a newer lock of the store's (from another register) arrives with a pull
    db.prepare(`UPDATE staff SET failed_attempts = 0, lock_ms = NULL, lock_at = ? WHERE id = 'st-ava'`).run(new Date(SMALL_NOW.getTime() - 60_000).toISOString());
    expect(locked()).toEqual([]);
    db.prepare(`UPDATE staff SET store_lock_ms = -1, store_lock_failed = 15, store_lock_at = ? WHERE id = 'st-ava'`).run(SMALL_NOW.toISOString());
    expect(locked()).toEqual(['st-ava']);
  });

  it('reset PIN: the person chooses a new PIN at next sign-in, twice-typed in the UI, and the hash travels', () => {
    asManager();
    expect(app.call('staff.resetPin', { staffId: 'st-ava' }).ok).toBe(true);
    app.call('session.logout', {});
    // The old PIN no longer signs in: the person is asked to choose one.
    expect(app.call('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate })).toEqual({ ok: true, value: { status: 'choose_pin' } });
    const weak = app.call('session.choosePin', { staffId: 'st-ava', pin: '123456' });
    expect(!weak.ok && weak.error.code).toBe('invalid_input');
    const chosen = app.call('session.choosePin', { staffId: 'st-ava', pin: '864297' });
    expect(chosen.ok && chosen.value.status).toBe('signed_in');
    expect(events('staff.pin_set')).toEqual([expect.objectContaining({ staffId: 'st-ava', storeId: 'S1', pinHash: expect.stringMatching(/^scrypt\$/) })]);
    app.call('session.logout', {});
    expect(app.call('session.login', { staffId: 'st-ava', pin: '864297' }).ok && true).toBe(true);
    // A PIN that is set cannot be changed by choosing again.
    const again = app.call('session.choosePin', { staffId: 'st-ava', pin: '975318' });
    expect(!again.ok && again.error.code).toBe('conflict');
  });

  it('refuses associates, another store\'s staff, and a manager locking themselves out', () => {
    expect(app.call('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
    expect(app.dispatch('staff.list', {}).ok).toBe(false);
    expect(app.dispatch('staff.save', { displayName: 'Mallory', role: 'manager', active: true }).ok).toBe(false);
    app.call('session.logout', {});
    asManager();
    const other = app.dispatch('staff.resetPin', { staffId: 'st-other' });
    expect(!other.ok && other.error.code).toBe('not_found');
    const self = app.dispatch('staff.save', { id: 'st-dana', displayName: 'Dana Kim', role: 'associate', active: true });
    expect(!self.ok && self.error.code).toBe('conflict');
    expect(app.dispatch('staff.save', { displayName: '', role: 'associate', active: true }).ok).toBe(false);
    expect(app.dispatch('staff.save', { displayName: 'X', role: 'owner', active: true }).ok).toBe(false);
    expect(app.dispatch('session.choosePin', { staffId: 'st-dana', pin: '864297' }).ok).toBe(false);
    expect(events('staff.changed')).toEqual([]);
  });
});
