// Finding 7 of issue 13, as a stranger or a hostile register would try it: bodies of any content
// type stay within the route's limit (the CSV parser exists only on the admin upload route), and
// requests with no or a bad token are rate-limited per address.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHubServer } from './server.js';
import { NOW } from './testFixtures.js';
import { hubStoreCases, type HubStoreCase } from './postgres/testStore.js';

describe.each(hubStoreCases())('limits ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let app: FastifyInstance;
  let token: string;

  beforeEach(async () => {
    hub = await open();
    token = (await hub.store.addDevice('S1', NOW)).token;
    app = buildHubServer(hub.store, { now: () => NOW, authFailureLimit: { max: 5, timeWindowMs: 60_000 } });
    await app.ready();
  });
  afterEach(async () => {
    await app.close();
    await hub.dispose();
  });

  const auth = (t = token) => ({ authorization: `Bearer ${t}` });

  describe('limits on every route (issue 13)', () => {
    it('finding 7: a 20 MB text/plain (or text/csv) body to a device route is refused unread, never parsed', async () => {
      const big = 'x'.repeat(20 * 1024 * 1024);
      for (const type of ['text/plain', 'text/csv', 'application/octet-stream']) {
        const res = await app.inject({ method: 'POST', url: '/v1/push', payload: big, headers: { ...auth(), 'content-type': type } });
        expect(res.statusCode, type).toBe(415);
        expect(res.json().error.code).toBe('unsupported_media_type');
      }
      // JSON keeps its 4 MiB limit.
      const json = await app.inject({ method: 'POST', url: '/v1/push', payload: `{"a":"${big}"}`, headers: { ...auth(), 'content-type': 'application/json' } });
      expect(json.statusCode).toBe(413);
    });

    it('finding 7: requests with no or a bad token are rate-limited per address; other addresses and good tokens go on', async () => {
      const from = (remoteAddress: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: '/v1/device', remoteAddress, headers });
      for (let i = 0; i < 3; i++) expect((await from('10.0.0.66')).statusCode).toBe(401);
      for (let i = 0; i < 2; i++) expect((await from('10.0.0.66', auth('ecd_guess'))).statusCode).toBe(401);
      const limited = await from('10.0.0.66', auth('ecd_guess'));
      expect(limited.statusCode).toBe(429);
      expect(limited.json().error.code).toBe('rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // The admin routes share the budget: the address is refused there too, without a token lookup.
      expect((await app.inject({ method: 'GET', url: '/v1/admin/imports', remoteAddress: '10.0.0.66' })).statusCode).toBe(429);
      expect((await from('10.0.0.7', auth())).statusCode).toBe(200);
      expect((await from('10.0.0.8')).statusCode).toBe(401);
    });
  });
});
