// A pull may wait for new data (POST /v1/pull?wait=S): it answers as soon as a newer hub version
// commits, in this process or (PostgreSQL) in another hub process on the same database, or empty
// when the wait ends. The wait is checked as an attacker would send it.
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PullResponse } from '../protocol/index.js';
import { PgHubStore } from './postgres/pgStore.js';
import { hubStoreCases, type HubStoreCase } from './postgres/testStore.js';
import { buildHubServer } from './server.js';
import type { HubStore, RowChange } from './store.js';
import { NOW } from './testFixtures.js';

const inv = (sku: string, onHand: number): RowChange => ({
  stream: 'inventory', table: 'inventory', key: { sku, location_id: 'S1' }, row: { sku, location_id: 'S1', on_hand: onHand, reserved: 0, updated_at: NOW.toISOString() }, scopeStoreId: null,
});

/** Resolves once `n` pulls wait on the store's signal, so a commit made next is one they must see. */
async function waiting(store: HubStore, n = 1): Promise<void> {
  const versions = await store.versionSignal();
  while (versions.waiting < n) await new Promise((r) => setTimeout(r, 5));
}

describe.each(hubStoreCases())('long-poll pulls ($name store)', ({ name, open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let app: FastifyInstance;
  let token: string;

  beforeEach(async () => {
    hub = await open();
    app = buildHubServer(hub.store, { rateLimit: false, now: () => NOW });
    token = (await hub.store.addDevice('S1', NOW)).token;
    await hub.store.writeChanges([inv('A', 1)]);
  });
  afterEach(async () => {
    await app.close();
    await hub.dispose();
  });

  const pull = (since: string, query = '?wait=25') =>
    app.inject({ method: 'POST', url: `/v1/pull${query}`, payload: { protocol: 1, stream: 'inventory', since }, headers: { authorization: `Bearer ${token}` } });
  const cursorNow = async () => (JSON.parse((await pull('0', '')).body) as PullResponse).cursor;

  it('answers at once when there is something newer than the cursor', async () => {
    const answer = JSON.parse((await pull('0')).body) as PullResponse;
    expect(answer.changes.map((c) => c.key.sku)).toEqual(['A']);
  });

  it('waits at the cursor and answers with the change this hub process commits', async () => {
    const since = await cursorNow();
    const answer = pull(since);
    await waiting(hub.store);
    await hub.store.writeChanges([inv('B', 2)]);
    const page = JSON.parse((await answer).body) as PullResponse;
    expect(page.changes.map((c) => c.key.sku)).toEqual(['B']);
    expect(Number(page.cursor)).toBeGreaterThan(Number(since));
  }, 60_000);

  it('keeps waiting past a commit that brings nothing this store or stream may see', async () => {
    const since = await cursorNow();
    const answer = pull(since);
    await waiting(hub.store);
    await hub.store.writeChanges([{ stream: 'customers', table: 'customers', key: { id: 'C-9' }, row: { id: 'C-9' }, scopeStoreId: 'S2' }]);
    await waiting(hub.store); // woken, read an empty page, waiting again
    await hub.store.writeChanges([inv('C', 3)]);
    expect((JSON.parse((await answer).body) as PullResponse).changes.map((c) => c.key.sku)).toEqual(['C']);
  }, 60_000);

  it('answers empty at the same cursor when the wait ends with nothing new', async () => {
    const since = await cursorNow();
    const res = await pull(since, '?wait=1');
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ cursor: since, hasMore: false, changes: [] });
  });

  it('answers a waiting pull, empty, when the hub closes', async () => {
    const since = await cursorNow();
    const answer = pull(since);
    await waiting(hub.store);
    const closed = app.close();
    expect(JSON.parse((await answer).body)).toMatchObject({ cursor: since, changes: [] });
    await closed;
  }, 60_000);

  it('refuses a wait that is not whole seconds from 0 to 25, before reading anything', async () => {
    for (const query of ['?wait=26', '?wait=-1', '?wait=1e3', '?wait=2.5', '?wait=abc', '?wait=', '?wait=0x10', '?wait=%2010', '?wait=999999999999999999999', '?wait=1&wait=2', '?wait[]=1']) {
      const res = await pull('0', query);
      expect({ query, status: res.statusCode }).toEqual({ query, status: 400 });
      expect(JSON.parse(res.body).error.code).toBe('invalid_message');
    }
    expect((await pull('0', '?wait=0')).statusCode).toBe(200);
  });

  it.runIf(name === 'postgres')('wakes on a commit by another hub process on the same database, also one made while its LISTEN connection was down', async () => {
    const pgStore = hub.store as PgHubStore;
    const url = (hub as { url?: string }).url!;
    const other = await PgHubStore.open(url);
    try {
      let since = await cursorNow();
      let answer = pull(since);
      await waiting(pgStore);
      await other.writeChanges([inv('B', 2)]);
      expect((JSON.parse((await answer).body) as PullResponse).changes.map((c) => c.key.sku)).toEqual(['B']);

      // The server drops the listening session and the other process commits before it listens again:
      // that notification reaches no one, and the pull still answers once the hub listens again.
      since = await cursorNow();
      answer = pull(since);
      await waiting(pgStore);
      const dropped = pgStore.listenerPid!;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend($1)', [dropped]);
      await admin.end();
      while (pgStore.listenerPid === dropped) await new Promise((r) => setTimeout(r, 5));
      await other.writeChanges([inv('C', 3)]);
      expect((JSON.parse((await answer).body) as PullResponse).changes.map((c) => c.key.sku)).toEqual(['C']);
      expect(pgStore.listenerPid).not.toBe(dropped);
    } finally {
      await other.close();
    }
  }, 60_000);
});
