// Finding 8 of issue 13, end to end over real sockets: the test starts a hub serving HTTPS with
// its own CA, prints an enrolment code as `npm run hub -- device enrol` does, and a register
// enrols with it (CA pinned by the code's fingerprint), then bootstraps its replica over that
// pinned TLS link. A hub showing another CA (a machine in the middle) is refused, a code works
// once, and plain http is allowed only to a hub on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { enrolWithCode, writeHubConfig } from '../../sync/client/enrol.js';
import { parseHubConfig, resolveHubConfig } from '../../sync/client/hubConfig.js';
import { pull } from '../../sync/client/pull.js';
import { rotateTokenIfDue } from '../../sync/client/tokenRotation.js';
import { HttpTransport } from '../../sync/client/transport.js';
import { buildHubServer } from '../../sync/hub/server.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import { smallCatalog } from '../../sync/hub/testFixtures.js';
import { hubTls, type HubTls } from '../../sync/hub/tls.js';
import { encodeEnrolmentCode } from '../../sync/protocol/index.js';

let dir: string;
let store: SqliteHubStore;
let app: FastifyInstance;
let tls: HubTls;
let url: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-enrol-'));
  store = new SqliteHubStore(path.join(dir, 'hub.db'));
  store.writeChanges(smallCatalog());
  tls = await hubTls(path.join(dir, 'tls'), ['127.0.0.1']);
  app = buildHubServer(store, { tls });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  url = `https://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await app.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const codeFor = (storeId: string, options: { fingerprint?: string; minutes?: number } = {}) =>
  encodeEnrolmentCode({ url, fingerprint: options.fingerprint ?? tls.caFingerprint, secret: store.addEnrolment(storeId, new Date(), new Date(Date.now() + (options.minutes ?? 15) * 60_000)) });

describe('register enrolment over TLS (issue 13)', () => {
  it('finding 8: a register enrols with a code, pins the hub\'s CA, and bootstraps over TLS', async () => {
    const config = await enrolWithCode(codeFor('S1'), { register: 'R2' });
    expect(config).toMatchObject({ url, store: 'S1', register: 'R2', ca: tls.caCert });
    expect(Date.parse(config.tokenExpiresAt!)).toBeGreaterThan(Date.now() + 364 * 86_400_000);
    // The set-up path writes sync.json; the device reads it back as its hub config.
    const dataDir = path.join(dir, 'register');
    writeHubConfig(dataDir, config);
    expect(resolveHubConfig(dataDir, {})).toEqual(config);

    const db = openDatabase(path.join(dataDir, 'endcap.db'));
    try {
      const transport = new HttpTransport({ baseUrl: config.url, token: config.token, ca: config.ca! });
      await pull(db, transport, 'catalog', { now: () => new Date() });
      expect(db.prepare(`SELECT sku FROM products ORDER BY sku`).pluck().all()).toEqual(['OLD-1', 'TENT-1']);
      // The token rotates over the same channel; the old one stops working at once.
      const rotated = (await transport.rotateToken()) as { token: string };
      await expect(pull(db, transport, 'inventory', { now: () => new Date() })).rejects.toThrow(/401 unauthorized/);
      await pull(db, new HttpTransport({ baseUrl: config.url, token: rotated.token, ca: config.ca! }), 'inventory', { now: () => new Date() });
      await transport.close();
    } finally {
      closeDatabase(db);
    }
  });

  it('refuses a hub whose CA is not the one in the code, a code used twice, and an expired one', async () => {
    const wrong = 'AB:'.repeat(31) + 'AB';
    await expect(enrolWithCode(codeFor('S1', { fingerprint: wrong }))).rejects.toThrow(/not the one in the code: not enrolling/);
    const once = codeFor('S2');
    expect((await enrolWithCode(once)).store).toBe('S2');
    await expect(enrolWithCode(once)).rejects.toThrow(/already used/);
    await expect(enrolWithCode(codeFor('S1', { minutes: -1 }))).rejects.toThrow(/expired/);
    // Without the pinned CA the hub's certificate is not trusted at all.
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
  });

  it('trades the token for a new one over the sync channel a month before it expires', async () => {
    const config = await enrolWithCode(codeFor('S1'));
    const transport = new HttpTransport({ baseUrl: config.url, token: config.token, ca: config.ca! });
    const db = openDatabase(path.join(dir, 'rotating.db'));
    try {
      expect(await rotateTokenIfDue(transport, config, new Date())).toBeNull(); // a year left: not due
      const soon = new Date(Date.parse(config.tokenExpiresAt!) - 10 * 86_400_000);
      const rotated = (await rotateTokenIfDue(transport, config, soon))!;
      expect(rotated.token).not.toBe(config.token);
      // The same transport goes on with the new token; the old one is refused.
      await pull(db, transport, 'catalog', { now: () => new Date() });
      const old = new HttpTransport({ baseUrl: config.url, token: config.token, ca: config.ca! });
      await expect(pull(db, old, 'inventory', { now: () => new Date() })).rejects.toThrow(/401 unauthorized/);
      await Promise.all([transport.close(), old.close()]);
    } finally {
      closeDatabase(db);
    }
  });

  it('allows plain http only to a hub on loopback', () => {
    expect(() => parseHubConfig({ url: 'http://192.168.1.20:4870', token: 'x'.repeat(20) }, 'test')).toThrow(/https:\/\/ only/);
    expect(parseHubConfig({ url: 'http://127.0.0.1:4870', token: 'x'.repeat(20) }, 'test').url).toBe('http://127.0.0.1:4870');
  });
});
