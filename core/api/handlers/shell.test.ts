// The desktop shell through the app API: update state, restart, close, the update channel.
import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../registry.js';
import { fakeShell } from '../../testing/fakeShell.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../../testing/smallStore.js';

let db: Database.Database;
beforeEach(() => {
  db = openSmallStore();
});

describe('the shell through the app API', () => {
  it('in the browser host there is no shell: no update, and restart/close are refused plainly', () => {
    const app = createApp({ db, now: () => SMALL_NOW });
    expect(app.call('app.state', {})).toEqual({ ok: true, value: { desktop: false, update: null } });
    const restart = app.call('app.restartToUpdate', {});
    expect(!restart.ok && restart.error.code).toBe('conflict');
    expect(!app.call('app.close', {}).ok).toBe(true);
  });

  it('an update the shell reports reaches the UI as an event and in app.state; restart only with one ready', () => {
    const shell = fakeShell();
    const app = createApp({ db, now: () => SMALL_NOW, shell });
    const seen: unknown[] = [];
    app.subscribe((event, payload) => seen.push([event, payload]));
    const early = app.call('app.restartToUpdate', {});
    expect(!early.ok && early.error.code).toBe('conflict');
    expect(shell.restartToUpdate).not.toHaveBeenCalled();

    shell.ready = { version: '0.2.0' };
    shell.tell('state');
    expect(seen).toEqual([['app.state', { desktop: true, update: { version: '0.2.0' } }]]);
    expect(app.call('app.state', {})).toEqual({ ok: true, value: { desktop: true, update: { version: '0.2.0' } } });
    expect(app.call('app.restartToUpdate', {}).ok).toBe(true);
    expect(shell.restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('the window being closed is an event for the UI; its answer closes', () => {
    const shell = fakeShell();
    const app = createApp({ db, now: () => SMALL_NOW, shell });
    const seen: string[] = [];
    app.subscribe((event) => seen.push(event));
    shell.tell('close-requested');
    expect(seen).toEqual(['app.closeRequested']);
    expect(app.call('app.close', {}).ok).toBe(true);
    expect(shell.close).toHaveBeenCalled();
  });

  it('only a manager sets the update channel; it is stored, audited and handed to the shell', () => {
    const shell = fakeShell();
    const app = createApp({ db, now: () => SMALL_NOW, shell });
    // Signed out, or as an associate, the call is refused as an attacker would send it.
    expect(app.dispatch('security.setUpdateChannel', { channel: 'beta' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(app.call('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
    expect(app.dispatch('security.setUpdateChannel', { channel: 'beta' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(app.dispatch('security.setUpdateChannel', { channel: 'nightly' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(shell.setUpdateChannel).not.toHaveBeenCalled();
    app.call('session.logout', {});

    expect(app.call('session.login', { staffId: 'st-dana', pin: SMALL_PINS.manager }).ok).toBe(true);
    const set = app.call('security.setUpdateChannel', { channel: 'beta' });
    expect(set.ok && set.value.updateChannel).toBe('beta');
    expect(shell.setUpdateChannel).toHaveBeenCalledWith('beta');
    const settings = app.call('security.settings', {});
    expect(settings.ok && settings.value.updateChannel).toBe('beta');
    expect(db.prepare(`SELECT actor_id, justification FROM audit_log WHERE action = 'settings.update_channel'`).get()).toEqual({ actor_id: 'st-dana', justification: 'Update channel set to beta' });
  });
});
