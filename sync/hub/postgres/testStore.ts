// Test helpers over the throwaway server (testServer.ts): one server per test file, and a fresh,
// migrated database with a PgHubStore on it per test.
import { afterAll, beforeAll } from 'vitest';
import { migrate } from './migrations.js';
import { PgHubStore } from './pgStore.js';
import type { PgTestServer } from './testServer.js';
import { startPgTestServer } from './testServer.js';

/** Starts a server before the file's tests and stops it after them; the getter gives it to tests. */
export function usePgTestServer(): () => PgTestServer {
  let server: PgTestServer | undefined;
  beforeAll(async () => {
    server = await startPgTestServer();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('The PostgreSQL test server is not running (usePgTestServer registers it in beforeAll).');
    return server;
  };
}

export interface TempPgStore {
  store: PgHubStore;
  url: string;
  dispose(): Promise<void>;
}

/** A new database, migrated, with a store open on it; dispose closes the store and drops the database. */
export async function tempPgStore(server: PgTestServer): Promise<TempPgStore> {
  const db = await server.createDatabase();
  await migrate(db.url);
  const store = await PgHubStore.open(db.url);
  return {
    store,
    url: db.url,
    async dispose() {
      await store.close();
      await server.dropDatabase(db.name);
    },
  };
}
