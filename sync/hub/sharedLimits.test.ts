// Limits across hub processes (issue 20): two hub servers on one PostgreSQL database, each with its
// own store and connection pool as two processes have, share one budget when they count in the
// database (sharedLimits.ts) — and each give the whole budget when they count in memory.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { PgWindowCounter } from './sharedLimits.js';
import { buildHubServer } from './server.js';
import { postgresAvailable } from './postgres/testServer.js';
import { tempPgStore, usePgTestServer, type TempPgStore } from './postgres/testStore.js';
import { PgHubStore } from './postgres/pgStore.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const BUDGET = { max: 5, timeWindowMs: 60_000 };

describe.runIf(postgresAvailable())('limits shared by two hub processes on PostgreSQL', () => {
  const server = usePgTestServer();
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  /** Two hub servers on one database, like two processes: own store, own pool; counting in the database or in memory. */
  async function twoHubs(shared: boolean) {
    const first: TempPgStore = await tempPgStore(server());
    cleanup.push(() => first.dispose());
    const second = await PgHubStore.open(first.url);
    cleanup.push(() => second.close());
    const apps = [first.store, second].map((store) => {
      const pool = new pg.Pool({ connectionString: first.url, max: 2 });
      // pool.end() resolves before its connections have closed; dropping the database then ends them from the server's side.
      pool.on('error', () => undefined);
      cleanup.push(() => pool.end());
      const app = buildHubServer(store, { now: () => NOW, rateLimit: BUDGET, authFailureLimit: BUDGET, ...(shared ? { sharedCounter: new PgWindowCounter(pool) } : {}) });
      cleanup.push(() => app.close());
      return app;
    });
    return { store: first.store, apps };
  }

  /** An attacker alternating between the two processes: the status of each try. */
  async function tryCodes(apps: Awaited<ReturnType<typeof twoHubs>>['apps'], tries: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < tries; i++) {
      const lookup = (i + 1).toString(16).padStart(64, '0');
      const res = await apps[i % 2]!.inject({ method: 'POST', url: '/v1/enrol/hello', payload: { protocol: 1, lookup } });
      statuses.push(res.statusCode);
    }
    return statuses;
  }

  it('an attacker trying enrolment codes on both gets the budget of one, then 429 from either', async () => {
    const { apps } = await twoHubs(true);
    const statuses = await tryCodes(apps, 12);
    expect(statuses).toEqual([...Array<number>(5).fill(401), ...Array<number>(7).fill(429)]);
    // A wrong device token counts against the same address budget, on either process.
    const res = await apps[1]!.inject({ method: 'GET', url: '/v1/device', headers: { authorization: 'Bearer nope' } });
    expect(res.statusCode).toBe(429);
  });

  it('counted in memory, the same attacker gets the budget twice (what the database counts prevent)', async () => {
    const { apps } = await twoHubs(false);
    const statuses = await tryCodes(apps, 12);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
  });

  it("a device's request budget is one across both processes", async () => {
    const { store, apps } = await twoHubs(true);
    await store.writeChanges([{ stream: 'catalog', table: 'locations', key: { id: 'S1' }, row: { id: 'S1', kind: 'store' }, scopeStoreId: null }]);
    const { token } = await store.addDevice('S1', NOW);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await apps[i % 2]!.inject({ method: 'GET', url: '/v1/device', headers: { authorization: `Bearer ${token}` } })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
  });
});
