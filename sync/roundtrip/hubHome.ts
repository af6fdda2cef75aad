// Where a world's hub lives (world.ts): a SQLite file copied for each run, or a PostgreSQL
// database refilled with the seeded template's rows before each run, so the same property
// runs prove both stores.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { migrate } from '../hub/postgres/migrations.js';
import { PgHubStore } from '../hub/postgres/pgStore.js';
import type { PgTestServer } from '../hub/postgres/testServer.js';
import { SqliteHubStore } from '../hub/sqliteStore.js';
import type { HubStore } from '../hub/store.js';

export interface HubHome {
  name: string;
  /** The template's hub, to seed; the caller closes it before the first run. */
  openTemplate(): Promise<HubStore>;
  /** A copy of the seeded template for one run (`dir`: the run's own folder). */
  openRun(dir: string): Promise<{ store: HubStore; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}

/** The template's hub is `hub.db` in the template folder; a run copies the file. */
export function sqliteHubHome(dir: string): HubHome {
  const file = path.join(dir, 'hub.db');
  return {
    name: 'sqlite',
    openTemplate: async () => new SqliteHubStore(file),
    async openRun(runDir) {
      fs.copyFileSync(file, path.join(runDir, 'hub.db'));
      const store = new SqliteHubStore(path.join(runDir, 'hub.db'));
      return { store, dispose: () => store.close() };
    },
    async dispose() {},
  };
}

/**
 * The template's hub is a database on `server`. Runs follow one another, so each run gets the
 * same database back as the template left it: its tables are emptied and refilled from a copy
 * kept in schema `tpl` (a new database per run costs a second; this, milliseconds).
 */
export function postgresHubHome(server: PgTestServer): (dir: string) => HubHome {
  return () => {
    let db: { name: string; url: string } | undefined;
    let tables: string[] = [];
    let version = 0;
    const sql = async (text: string) => {
      const client = new pg.Client({ connectionString: db!.url });
      await client.connect();
      try {
        return await client.query(text);
      } finally {
        await client.end();
      }
    };
    return {
      name: 'postgres',
      async openTemplate() {
        db = await server.createDatabase();
        await migrate(db.url);
        return PgHubStore.open(db.url);
      },
      async openRun() {
        if (!db) throw new Error('The template hub was never opened.');
        if (!tables.length) {
          const found = await sql(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`);
          tables = found.rows.map((r: { table_name: string }) => r.table_name);
          version = Number((await sql('SELECT last_value FROM hub_version')).rows[0].last_value);
          await sql(`CREATE SCHEMA tpl; ${tables.map((t) => `CREATE TABLE tpl.${t} AS SELECT * FROM public.${t};`).join(' ')}`);
        }
        await sql(`BEGIN; TRUNCATE ${tables.join(', ')};
          ${tables.map((t) => `INSERT INTO public.${t} OVERRIDING SYSTEM VALUE SELECT * FROM tpl.${t};`).join(' ')}
          SELECT setval('hub_version', ${version}, true); COMMIT`);
        const store = await PgHubStore.open(db.url, { max: 4 });
        return { store, dispose: () => store.close() };
      },
      async dispose() {
        if (db) await server.dropDatabase(db.name);
      },
    };
  };
}
