import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceResponseSchema, type PullResponse, type PushResponse } from '../protocol/index.js';
import pg from 'pg';
import { postgresAvailable } from './postgres/testServer.js';
import { tempPgStore, usePgTestServer } from './postgres/testStore.js';
import { buildHubServer } from './server.js';
import { SqliteHubStore } from './sqliteStore.js';
import type { HubStore, RowChange } from './store.js';
import { smallCatalog, staffRow } from './testFixtures.js';

let dir: string;
let store: HubStore;
let closeStore: () => Promise<void>;
/** Everything the store keeps at rest, as text (to look for secrets in it). */
let atRest: () => Promise<string>;
let app: FastifyInstance;
let s1: string;
let s2: string;

const NOW = new Date('2026-11-23T12:00:00.000Z');
const uuid7 = (n: number) => `01936f3e-8b2a-7c4d-9e5f-${n.toString(16).padStart(12, '0')}`;
const event = (n: number, extra: object = {}) => ({ id: uuid7(n), kind: 'checkout.outcome', payload: { storeId: 'S1', n }, createdAt: NOW.toISOString(), ...extra });

function inv(sku: string, location: string, onHand: number): RowChange {
  return { stream: 'inventory', table: 'inventory', key: { sku, location_id: location }, row: { sku, location_id: location, on_hand: onHand, reserved: 0, updated_at: NOW.toISOString() }, scopeStoreId: null };
}
function customer(id: string, home: string): RowChange {
  return { stream: 'customers', table: 'customers', key: { id }, row: { id, home_store_id: home }, scopeStoreId: home };
}

function post(url: string, body: unknown, token?: string) {
  return app.inject({ method: 'POST', url, payload: body as object, headers: token ? { authorization: `Bearer ${token}` } : {} });
}

// Every test runs on the SQLite store and on the PostgreSQL store (skipped without PostgreSQL, except under CI).
const withPostgres = postgresAvailable();
const pgServer = withPostgres ? usePgTestServer() : undefined;

const HUBS = [
  {
    name: 'sqlite',
    async open() {
      const sqlite = new SqliteHubStore(path.join(dir, 'hub.db'));
      store = sqlite;
      closeStore = () => sqlite.close();
      atRest = async () => ['hub.db', 'hub.db-wal'].filter((f) => fs.existsSync(path.join(dir, f))).map((f) => fs.readFileSync(path.join(dir, f)).toString('latin1')).join('');
    },
  },
  {
    name: 'postgres',
    async open() {
      const opened = await tempPgStore(pgServer!());
      store = opened.store;
      closeStore = opened.dispose;
      atRest = async () => {
        const client = new pg.Client({ connectionString: opened.url });
        await client.connect();
        try {
          const tables = (await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)).rows.map((r: { table_name: string }) => r.table_name);
          const texts = await Promise.all(tables.map(async (t) => (await client.query(`SELECT string_agg(x::text, '|') AS all FROM ${t} x`)).rows[0].all ?? ''));
          return texts.join('|');
        } finally {
          await client.end();
        }
      };
    },
  },
].filter((h) => h.name !== 'postgres' || withPostgres);

// (The tests below are the file's as they were, not indented into this block: a smaller diff.)
describe.each(HUBS)('hub server on $name', (hub) => {
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-'));
  await hub.open();
  s1 = (await store.addDevice('S1', NOW)).token;
  s2 = (await store.addDevice('S2', NOW)).token;
  app = buildHubServer(store, { now: () => NOW, maxPageSize: 3, bodyLimit: 64 * 1024 });
});

afterEach(async () => {
  await app.close();
  await closeStore();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('auth', () => {
  it('answers 401 without a token, with a wrong one and with a revoked one', async () => {
    const pull = { protocol: 1, stream: 'inventory', since: '0' };
    expect((await post('/v1/pull', pull)).statusCode).toBe(401);
    expect((await post('/v1/pull', pull, 'ecd_wrong')).statusCode).toBe(401);
    expect((await post('/v1/pull', pull, s1)).statusCode).toBe(200);
    const device = (await store.listDevices()).find((d) => d.storeId === 'S1')!;
    expect(await store.revokeDevice(device.id, NOW)).toBe(true);
    const res = await post('/v1/pull', pull, s1);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('token_revoked');
    expect((await post('/v1/pull', pull, 'ecd_wrong')).json().error.code).toBe('unauthorized');
  });

  it('refuses an expired token with its own reason, and honours one that has not expired yet', async () => {
    const pull = { protocol: 1, stream: 'inventory', since: '0' };
    const soon = (await store.addDevice('S1', NOW, { expiresAt: new Date(NOW.getTime() + 60_000) })).token;
    const gone = (await store.addDevice('S1', NOW, { expiresAt: NOW })).token;
    expect((await post('/v1/pull', pull, soon)).statusCode).toBe(200);
    const res = await post('/v1/pull', pull, gone);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'token_expired', message: expect.stringMatching(/expired/) });
  });

  it('keeps device and admin tokens apart', async () => {
    const admin = (await store.addAdmin('ops', NOW)).token;
    expect((await post('/v1/pull', { protocol: 1, stream: 'inventory', since: '0' }, admin)).statusCode).toBe(401);
    const asDevice = await app.inject({ method: 'GET', url: '/v1/admin/imports', headers: { authorization: `Bearer ${s1}` } });
    expect(asDevice.statusCode).toBe(401);
    const asAdmin = await app.inject({ method: 'GET', url: '/v1/admin/imports', headers: { authorization: `Bearer ${admin}` } });
    expect(asAdmin.json()).toEqual({ imports: [] });
  });

  it('tells a device who it is: GET /v1/device with its token', async () => {
    const get = (token?: string) => app.inject({ method: 'GET', url: '/v1/device', headers: token ? { authorization: `Bearer ${token}` } : {} });
    const res = await get(s2);
    expect(res.statusCode).toBe(200);
    const device = (await store.listDevices()).find((d) => d.storeId === 'S2')!;
    expect(deviceResponseSchema.parse(res.json())).toEqual({ protocol: 1, deviceId: device.id, storeId: 'S2' });
    expect((await get()).statusCode).toBe(401);
    expect((await get('ecd_wrong')).json().error.code).toBe('unauthorized');
  });

  it('keeps only a hash of the token at rest', async () => {
    const raw = await atRest();
    expect(raw).toContain((await store.listDevices())[0]!.id);
    expect(raw).not.toContain(s1);
  });
});

describe('pull', () => {
  it('pages a stream in version order within the paging limit, then stops', async () => {
    await store.writeChanges([inv('A', 'S1', 1), inv('B', 'S1', 2), inv('C', 'S2', 3), inv('D', 'DC', 4)]);
    const first = (await post('/v1/pull', { protocol: 1, stream: 'inventory', since: '0', limit: 100 }, s1)).json() as PullResponse;
    expect(first.changes.map((c) => c.key.sku)).toEqual(['A', 'B', 'C']);
    expect(first.hasMore).toBe(true);
    const second = (await post('/v1/pull', { protocol: 1, stream: 'inventory', since: first.cursor }, s1)).json() as PullResponse;
    expect(second.changes.map((c) => c.key.sku)).toEqual(['D']);
    expect(second.hasMore).toBe(false);
    expect([first.remaining, second.remaining]).toEqual([1, 0]);
    const third = (await post('/v1/pull', { protocol: 1, stream: 'inventory', since: second.cursor }, s1)).json() as PullResponse;
    expect(third).toMatchObject({ changes: [], cursor: second.cursor, hasMore: false });
  });

  it('sends a tombstone when a row is deleted, under a new version', async () => {
    await store.writeChanges([inv('A', 'S1', 1)]);
    await store.writeChanges([{ ...inv('A', 'S1', 1), row: null }]);
    const page = (await post('/v1/pull', { protocol: 1, stream: 'inventory', since: '0' }, s1)).json() as PullResponse;
    expect(page.changes).toEqual([{ version: 2, table: 'inventory', key: { sku: 'A', location_id: 'S1' }, row: null }]);
  });

  it('keeps one row per key however the key was spelled, and refuses a change for a table outside its stream', async () => {
    await store.writeChanges([inv('A', 'S1', 1)]);
    await store.writeChanges([{ ...inv('A', 'S1', 2), key: { location_id: 'S1', sku: 'A' } }]);
    const page = (await post('/v1/pull', { protocol: 1, stream: 'inventory', since: '0' }, s1)).json() as PullResponse;
    expect(page.changes.map((c) => [c.version, c.row?.on_hand])).toEqual([[2, 2]]);
    await expect(store.writeChanges([{ ...inv('B', 'S1', 1), stream: 'catalog' }])).rejects.toThrow(/not part of stream catalog/);
  });

  it("never sends one store's customers to another store's device", async () => {
    await store.writeChanges([customer('c1', 'S1'), customer('c2', 'S2'), customer('c3', '')]);
    const forS1 = (await post('/v1/pull', { protocol: 1, stream: 'customers', since: '0' }, s1)).json() as PullResponse;
    const forS2 = (await post('/v1/pull', { protocol: 1, stream: 'customers', since: '0' }, s2)).json() as PullResponse;
    expect(forS1.changes.map((c) => c.key.id)).toEqual(['c1']);
    expect(forS2.changes.map((c) => c.key.id)).toEqual(['c2']);
  });

  it('refuses an unknown protocol version and a malformed request with typed errors', async () => {
    const v2 = await post('/v1/pull', { protocol: 2, stream: 'inventory', since: '0' }, s1);
    expect(v2.statusCode).toBe(400);
    expect(v2.json().error.code).toBe('unsupported_protocol_version');
    const bad = await post('/v1/pull', { protocol: 1, stream: 'weather', since: '0' }, s1);
    expect(bad.json().error.code).toBe('invalid_message');
    const notJson = await app.inject({ method: 'POST', url: '/v1/pull', payload: '{', headers: { authorization: `Bearer ${s1}`, 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
  });
});

describe('push', () => {
  it('stores each event once and acks every id it holds, duplicates included', async () => {
    const first = (await post('/v1/push', { protocol: 1, events: [event(1), event(2)] }, s1)).json() as PushResponse;
    expect(first).toEqual({ protocol: 1, acked: [uuid7(1), uuid7(2)], rejected: [] });
    const again = (await post('/v1/push', { protocol: 1, events: [event(2), event(2), event(3)] }, s1)).json() as PushResponse;
    expect(again.acked).toEqual([uuid7(2), uuid7(2), uuid7(3)]);
    expect((await store.listEvents()).map((e) => e.id)).toEqual([uuid7(1), uuid7(2), uuid7(3)]);
  });

  it('rejects an invalid event by id with a reason while the rest of the batch is stored', async () => {
    const res = (await post(
      '/v1/push',
      { protocol: 1, events: [event(1), event(2, { kind: 'telepathy' }), event(3, { payload: { storeId: 'S2' } }), { id: 'nope', kind: 'checkout.outcome' }, event(4)] },
      s1,
    )).json() as PushResponse;
    expect(res.acked).toEqual([uuid7(1), uuid7(4)]);
    expect(res.rejected.map((r) => r.id)).toEqual([uuid7(2), uuid7(3), 'nope']);
    expect(res.rejected[0]!.reason).toMatch(/kind/);
    expect(res.rejected[1]!.reason).toMatch(/store "S2".*store S1/);
    expect(res.rejected[2]!.reason).toMatch(/id/);
    expect((await store.listEvents()).map((e) => [e.id, e.storeId])).toEqual([[uuid7(1), 'S1'], [uuid7(4), 'S1']]);
  });

  it('applies a shuffled batch in creation (id) order, so an update never comes before its profile', async () => {
    const profile = { customerId: 'C-9', email: 'zoe@example.com', phone: null, firstName: 'Zoe', lastName: 'Smith', storeId: 'S1', at: NOW.toISOString() };
    const created = { id: uuid7(1), kind: 'customer.created', payload: profile, createdAt: NOW.toISOString() };
    const updated = { id: uuid7(2), kind: 'customer.updated', payload: { ...profile, email: 'zoe@work.example' }, createdAt: NOW.toISOString() };
    const res = (await post('/v1/push', { protocol: 1, events: [updated, created] }, s1)).json() as PushResponse;
    expect(res).toEqual({ protocol: 1, acked: [uuid7(1), uuid7(2)], rejected: [] });
  });

  it('refuses a body over the size limit with 413 and stores nothing', async () => {
    const big = Array.from({ length: 200 }, (_, i) => event(i + 1, { payload: { storeId: 'S1', pad: 'x'.repeat(500) } }));
    const res = await post('/v1/push', { protocol: 1, events: big }, s1);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
    expect(await store.listEvents()).toEqual([]);
  });

  it('refuses a batch over the event limit', async () => {
    const many = Array.from({ length: 1001 }, (_, i) => ({ id: String(i) }));
    const res = await post('/v1/push', { protocol: 1, events: many }, s1);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_message');
  });
});

describe('rate limit', () => {
  it('answers 429 rate_limited to a device over its budget, while another device goes on', async () => {
    const limited = buildHubServer(store, { now: () => NOW, rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const pull = (token: string) =>
        limited.inject({ method: 'POST', url: '/v1/pull', payload: { protocol: 1, stream: 'inventory', since: '0' }, headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 3; i++) expect((await pull(s1)).statusCode).toBe(200);
      const over = await pull(s1);
      expect(over.statusCode).toBe(429);
      expect(over.json().error.code).toBe('rate_limited');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect((await pull(s2)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('admin', () => {
  it('lists the aisle orders the hub accepted, and refuses a bad query with a typed error', async () => {
    const admin = (await store.addAdmin('ops', NOW)).token;
    await store.writeChanges([...smallCatalog(), staffRow('ava', 'S1')]);
    const order = {
      orderId: 'order-1', sku: 'TENT-1', quantity: 1, unitPriceCents: 1000, sourceLocationId: 'DC', customerId: null,
      customer: { name: 'Zoe', email: null, phone: null }, address: { line: '1 Main St', city: 'Denver', region: 'CO', postalCode: '80202' },
      storeId: 'S1', registerId: 'R1', associateId: 'ava', placedAt: NOW.toISOString(),
    };
    expect(((await post('/v1/push', { protocol: 1, events: [event(1, { kind: 'aisle_order.placed', payload: order })] }, s1)).json() as PushResponse).acked).toEqual([uuid7(1)]);
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
    expect((await get('/v1/admin/aisle-orders')).json().orders.map((o: { orderId: string }) => o.orderId)).toEqual(['order-1']);
    const bad = await get('/v1/admin/imports?limit=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('invalid_message');
  });
});
});
