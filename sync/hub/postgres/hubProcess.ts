// A hub process on PostgreSQL: the store, the rate-limit counts every process shares, and the
// store's migrations (`npm run hub -- migrate`). Connections per process: the store's pool, a
// pool of 2 for the counts.
import pg from 'pg';
import { MIGRATIONS, migrate } from './migrations.js';
import { PgHubStore } from './pgStore.js';
import { PgWindowCounter, type WindowCounter } from '../sharedLimits.js';

export interface PostgresHub {
  store: PgHubStore;
  counter: WindowCounter;
  close(): Promise<void>;
}

/** Connections for the shared rate-limit counts: one upsert a request, short. */
const COUNTER_POOL = 2;

export async function openPostgresHub(url: string): Promise<PostgresHub> {
  const store = await PgHubStore.open(url);
  const pool = new pg.Pool({ connectionString: url, max: COUNTER_POOL, application_name: 'endcap-hub-limits' });
  // A pool's idle connection that the server drops (restart, failover) must not end the process.
  pool.on('error', () => undefined);
  return {
    store,
    counter: new PgWindowCounter(pool),
    async close() {
      await store.close();
      await pool.end();
    },
  };
}

/** Brings the PostgreSQL database to the store's newest schema; the migrations applied, as "N (name)". */
export async function migratePostgres(url: string): Promise<string[]> {
  const applied = await migrate(url);
  return MIGRATIONS.filter((m) => applied.includes(m.version)).map((m) => `${m.version} (${m.name})`);
}
