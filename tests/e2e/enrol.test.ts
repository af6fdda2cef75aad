// Finding 8 of issue 13, end to end over real sockets: the test starts a hub serving HTTPS with
// its own CA, prints a short enrolment code as `npm run hub -- device enrol` does, and a register
// enrols with it (the hub proves with the code's secret which CA to pin), then bootstraps its
// replica over that pinned TLS link. Refused as an attacker would try: a machine in the middle
// offering its own CA or relaying the real one, a code used twice, an expired one, a code made by
// another hub; plain http is allowed only to a hub on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { EnrolError, enrolWithCode, writeHubConfig } from '../../sync/client/enrol.js';
import { parseHubConfig, resolveHubConfig } from '../../sync/client/hubConfig.js';
import { pull } from '../../sync/client/pull.js';
import { rotateTokenIfDue } from '../../sync/client/tokenRotation.js';
import { HttpTransport } from '../../sync/client/transport.js';
import { buildHubServer } from '../../sync/hub/server.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import { smallCatalog } from '../../sync/hub/testFixtures.js';
import { hubTls, type HubTls } from '../../sync/hub/tls.js';
import { encodeEnrolmentCode } from '../../sync/protocol/index.js';
import { startMiddle, startOtherHub } from './hubAttackers.js';

let dir: string;
let store: SqliteHubStore;
let app: FastifyInstance;
let tls: HubTls;
let url: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-enrol-'));
  store = new SqliteHubStore(path.join(dir, 'hub.db'));
  await store.writeChanges(smallCatalog());
  tls = await hubTls(path.join(dir, 'tls'), ['127.0.0.1']);
  app = buildHubServer(store, { tls });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  url = `https://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await app.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const codeFor = async (storeId: string, options: { minutes?: number; at?: string } = {}) =>
  encodeEnrolmentCode({ url: options.at ?? url, secret: await store.addEnrolment(storeId, new Date(), new Date(Date.now() + (options.minutes ?? 15) * 60_000)) });

/** What enrolWithCode refused with: its typed reason. */
async function refusal(code: string): Promise<string> {
  const err = await enrolWithCode(code).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof EnrolError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err.reason;
}

describe('register enrolment over TLS (issue 13)', () => {
  it('finding 8: a register enrols with a code, pins the hub\'s CA, and bootstraps over TLS', async () => {
    // The hub names the register (the first of S1 set up by code: R1); a name asked for here does not count.
    const config = await enrolWithCode(await codeFor('S1'), { register: 'R2' });
    expect(config).toMatchObject({ url, store: 'S1', register: 'R1', ca: tls.caCert });
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

  it('refuses a code used twice, an expired one, one made by another hub, and says when the hub is unreachable', async () => {
    const once = await codeFor('S2');
    expect((await enrolWithCode(once)).store).toBe('S2');
    await expect(enrolWithCode(once)).rejects.toThrow(/already used/);
    expect(await refusal(once)).toBe('used');
    expect(await refusal(await codeFor('S1', { minutes: -1 }))).toBe('expired');
    // Made by this hub, typed with another hub's address (or an address an attacker edited in).
    const other = await startOtherHub();
    try {
      expect(await refusal(await codeFor('S1', { at: other.url }))).toBe('wrong_hub');
    } finally {
      await other.close();
    }
    expect(await refusal(await codeFor('S1', { at: 'https://127.0.0.1:9' }))).toBe('unreachable');
    // Without the pinned CA the hub's certificate is not trusted at all.
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
  });

  it('a machine in the middle gets nothing: its own CA fails the hub\'s proof, the real CA relayed fails the pinned link', async () => {
    for (const mode of ['own-ca', 'relay'] as const) {
      const middle = await startMiddle(mode, url, tls.caCert);
      try {
        const code = await codeFor('S1', { at: middle.url });
        expect(await refusal(code)).toBe('fingerprint_mismatch');
        expect(middle.secretsSeen).toEqual([]); // the secret never left the register
        // The same code still works at the real hub: nothing was spent by the attempt.
        expect((await enrolWithCode(code.replace(/@.*$/, `@${new URL(url).host}`))).store).toBe('S1');
      } finally {
        await middle.close();
      }
    }
  });

  it('trades the token for a new one over the sync channel a month before it expires', async () => {
    const config = await enrolWithCode(await codeFor('S1'));
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

