// customers.lookupVisiting: a call that answers later (it asks the hub), by an exact key only,
// read-only on this register, and honest when other stores were not searched.
import { describe, expect, it, vi } from 'vitest';
import type { SyncPort } from '../contract/ports.js';
import type { VisitingCustomer } from '../contract/types.js';
import { createApp } from '../testing/app.js';
import { openSmallStore, SMALL_NOW, SMALL_PINS } from '../testing/smallStore.js';

const MAYA: VisitingCustomer = {
  customerId: 'C-S2', name: 'Maya Lindqvist', homeStoreId: 'S2', homeStoreName: 'Denver Union Station', matchedBy: 'email',
  consents: [{ purpose: 'personalization', channel: 'email', status: 'granted' }],
};

function fakeSync(connection: ReturnType<SyncPort['connection']>, answer: (key: { kind: string; value: string }) => Promise<VisitingCustomer | null>) {
  const lookupVisiting = vi.fn((key: { kind: 'email' | 'phone' | 'loyalty'; value: string }, _asker: { staffId: string; registerId: string }) => answer(key));
  const sync: SyncPort = {
    connection: () => connection, identity: () => null, bootstrapProgress: () => null, nudge: () => {}, syncNow: () => {}, noteActivity: () => {},
    setForeground: () => {}, onChange: () => () => {}, lookupVisiting,
  };
  return { sync, lookupVisiting };
}

function signedIn(sync: SyncPort) {
  const db = openSmallStore();
  const app = createApp({ db, now: () => SMALL_NOW, sync });
  app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
  return { db, app };
}

describe('looking up a visiting customer', () => {
  it('asks the hub with the normalized key and who asks, and shows the answer without writing it to the replica', async () => {
    const { sync, lookupVisiting } = fakeSync('online', async (k) => (k.value === 'maya@example.com' ? MAYA : null));
    const { db, app } = signedIn(sync);
    const customers = db.prepare(`SELECT count(*) FROM customers`).pluck().get();
    expect(await app.callAsync('customers.lookupVisiting', { query: '  Maya@Example.com ', kind: 'auto' })).toEqual({ ok: true, value: { status: 'found', customer: MAYA } });
    expect(lookupVisiting).toHaveBeenCalledWith({ kind: 'email', value: 'maya@example.com' }, { staffId: 'st-ava', registerId: 'R1' });
    expect(db.prepare(`SELECT count(*) FROM customers`).pluck().get()).toBe(customers);
    expect(db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
    expect(await app.callAsync('customers.lookupVisiting', { query: 'nobody@example.com', kind: 'auto' })).toEqual({ ok: true, value: { status: 'not_found', normalized: 'nobody@example.com' } });
  });

  it('never asks by name or by a partial key, and says other stores were not searched offline or when the hub fails', async () => {
    const { sync, lookupVisiting } = fakeSync('online', () => Promise.reject(new Error('socket hang up')));
    const { app } = signedIn(sync);
    const status = async (query: string) => {
      const r = await app.callAsync('customers.lookupVisiting', { query, kind: 'auto' });
      return r.ok ? r.value : r.error.code;
    };
    expect(await status('Maya Lindqvist')).toMatchObject({ status: 'not_searched', reason: expect.stringContaining('never by name') });
    expect(lookupVisiting).not.toHaveBeenCalled();
    expect(await status('maya@')).toMatchObject({ status: 'not_searched' });
    expect(lookupVisiting).not.toHaveBeenCalled();
    expect(await status('maya@example.com')).toEqual({ status: 'not_searched', reason: 'Other stores not searched: the hub did not answer.' });
    const offline = signedIn(fakeSync('offline', async () => MAYA).sync).app;
    expect(await offline.callAsync('customers.lookupVisiting', { query: 'maya@example.com', kind: 'auto' })).toEqual({
      ok: true, value: { status: 'not_searched', reason: 'Other stores not searched: the hub is not reachable.' },
    });
  });

  it('is for signed-in staff, takes no customer id, and the synchronous dispatch refuses it with a clear error', async () => {
    const { sync, lookupVisiting } = fakeSync('online', async () => MAYA);
    const db = openSmallStore();
    const app = createApp({ db, now: () => SMALL_NOW, sync });
    expect(await app.dispatchAsync('customers.lookupVisiting', { query: 'maya@example.com' })).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
    expect(await app.dispatchAsync('customers.lookupVisiting', { customerId: 'C-S2' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await app.dispatchAsync('customers.lookupVisiting', { query: 'maya@example.com', kind: 'name' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(app.dispatch('customers.lookupVisiting', { query: 'maya@example.com' })).toMatchObject({ ok: false, error: { message: expect.stringContaining('dispatchAsync') } });
    expect(lookupVisiting).not.toHaveBeenCalled();
    // Every other call answers through dispatchAsync too, as the transports send them.
    expect(await app.dispatchAsync('customers.card', { customerId: 'C1' })).toMatchObject({ ok: true });
  });
});
