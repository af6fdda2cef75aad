// A hub seeded from a small demo chain, listening on loopback, and an empty device replica.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { generateDemoChain } from '../../core/demo/generate.js';
import { HttpTransport } from '../client/transport.js';
import { buildHubServer } from '../hub/server.js';
import { seedFromReplica } from '../hub/seedFromReplica.js';
import { SqliteHubStore } from '../hub/sqliteStore.js';

export const ANCHOR = new Date('2026-11-01T00:00:00.000Z');

export interface Fixture {
  dir: string;
  sourceFile: string;
  store: SqliteHubStore;
  app: FastifyInstance;
  baseUrl: string;
  token: string;
  device: Database.Database;
  transport: HttpTransport;
  close(): Promise<void>;
}

export async function startFixture(options: { maxPageSize?: number } = {}): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-sync-'));
  const sourceFile = path.join(dir, 'source.db');
  const source = openDatabase(sourceFile);
  generateDemoChain(source, { anchor: ANCHOR, size: { products: 600, customers: 300, orderLines: 3000 } });
  closeDatabase(source);

  const store = new SqliteHubStore(path.join(dir, 'hub.db'));
  await seedFromReplica(store, sourceFile);
  const { token } = await store.addDevice('S1', ANCHOR);
  const app = buildHubServer(store, options.maxPageSize ? { maxPageSize: options.maxPageSize } : {});
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const device = openDatabase(path.join(dir, 'device.db'));
  return {
    dir,
    sourceFile,
    store,
    app,
    baseUrl,
    token,
    device,
    transport: new HttpTransport({ baseUrl, token }),
    async close() {
      closeDatabase(device);
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
