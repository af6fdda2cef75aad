// An attacker guessing enrolment codes against two hub processes (the hub's own command line on one
// PostgreSQL database) behind a round-robin proxy, each try on a new connection so the tries
// alternate between the processes: the budget of wrong codes is the hub's one budget (30 a minute
// per address), not 30 per process. sync/hub/sharedLimits.test.ts checks the same in-process.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../hub/postgres/migrations.js';
import { postgresAvailable } from '../hub/postgres/testServer.js';
import { usePgTestServer } from '../hub/postgres/testStore.js';
import { DEFAULT_AUTH_FAILURE_LIMIT } from '../hub/server.js';
import { PROTOCOL_VERSION } from '../protocol/index.js';
import { HubProcess } from './hubProcess.js';
import { freePort, RoundRobinProxy } from './proxy.js';

/** One POST on a connection of its own (the proxy balances connections): the status. */
function post(port: number, path: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe.runIf(postgresAvailable())('wrong enrolment codes against two hub processes behind a proxy', () => {
  const server = usePgTestServer();
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('get the budget of one hub, then 429 from both processes', async () => {
    const db = await server().createDatabase();
    cleanup.push(() => server().dropDatabase(db.name));
    await migrate(db.url);
    const hubs = [new HubProcess(await freePort(), ['--database', db.url]), new HubProcess(await freePort(), ['--database', db.url])];
    cleanup.push(async () => void (await Promise.all(hubs.map((h) => h.kill()))));
    await Promise.all(hubs.map((h) => h.start()));
    const proxy = await RoundRobinProxy.start(hubs.map((h) => ({ host: '127.0.0.1', port: h.port })));
    cleanup.push(() => proxy.close());

    const budget = DEFAULT_AUTH_FAILURE_LIMIT.max;
    const statuses: number[] = [];
    for (let i = 0; i < budget + 10; i++) {
      const lookup = (i + 1).toString(16).padStart(64, '0');
      statuses.push(await post(proxy.port, '/v1/enrol/hello', { protocol: PROTOCOL_VERSION, lookup }));
    }
    expect(statuses.slice(0, budget).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(budget)).toEqual(Array<number>(10).fill(429));
    // Each process on its own refuses the address too (the attacker going around the proxy).
    for (const h of hubs) expect(await post(h.port, '/v1/enrol/hello', { protocol: PROTOCOL_VERSION, lookup: 'f'.repeat(64) })).toBe(429);
  }, 180_000);
});
