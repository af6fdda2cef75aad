// The sync property (convergence.property.test.ts) on the PostgreSQL hub store: the same runs,
// faults, crashes and hostile register, each run on its own copy of the seeded hub database.
// Fewer runs by default than on SQLite (a run also creates and drops a database); set
// ENDCAP_SYNC_RUNS_PG for more.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { postgresAvailable, startPgTestServer, type PgTestServer } from '../hub/postgres/testServer.js';
import { proveConvergence } from './convergence.js';
import { postgresHubHome } from './hubHome.js';
import { buildTemplate, disposeTemplate, type WorldTemplate } from './world.js';

const RUNS = Number(process.env.ENDCAP_SYNC_RUNS_PG ?? 300);
const SEED = Number(process.env.ENDCAP_SYNC_SEED ?? 20261123);

describe.skipIf(!postgresAvailable())('sync convergence on PostgreSQL (property)', () => {
  let server: PgTestServer;
  let template: WorldTemplate;

  beforeAll(async () => {
    server = await startPgTestServer();
    template = await buildTemplate(undefined, postgresHubHome(server));
  }, 240_000);
  afterAll(async () => {
    if (template) await disposeTemplate(template);
    await server?.stop();
  });

  it(`after any mix of local writes, hub changes, faults and crashes, nothing is lost, nothing doubled, and the replica equals the hub (${RUNS} runs)`, async () => {
    await proveConvergence(template, RUNS, SEED);
  }, 1_800_000);
});
