// Test helpers over the throwaway server (testServer.ts): one server per test file, a fresh,
// migrated database with a PgHubStore on it per test, and the list of stores a hub test runs on.
import { afterAll, beforeAll } from 'vitest';
import type { HubStore } from '../store.js';
import { tempStore } from '../testFixtures.js';
import { migrate } from './migrations.js';
import { PgHubStore } from './pgStore.js';
import { postgresAvailable, startPgTestServer, type PgTestServer } from './testServer.js';

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

export interface HubStoreCase {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store for one test, and how to throw it away. */
  open(): Promise<{ store: HubStore; dispose(): Promise<void> }>;
}

/**
 * The stores a hub test runs on: SQLite, and PostgreSQL when its binaries are here (a server for
 * the file is registered in beforeAll/afterAll). For `describe.each(hubStoreCases())`.
 */
export function hubStoreCases(): HubStoreCase[] {
  const sqlite: HubStoreCase = { name: 'sqlite', open: async () => tempStore() };
  if (!postgresAvailable()) return [sqlite];
  const server = usePgTestServer();
  return [sqlite, { name: 'postgres', open: () => tempPgStore(server()) }];
}
