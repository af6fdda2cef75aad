// The PostgreSQL hub store: the same contract as the SQLite store, its migrations, and versions
// that no puller skips while several connections (as several hub processes) write at once.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { RowChange } from '../store.js';
import { hubStoreContract } from '../storeContract.js';
import { NOW } from '../testFixtures.js';
import { HUB_SCHEMA_VERSION, MIGRATIONS, migrate } from './migrations.js';
import { PgHubStore, VERSION_CHANNEL, WRITE_LOCK } from './pgStore.js';
import { tempPgStore, usePgTestServer } from './testStore.js';
import { postgresAvailable } from './testServer.js';

const inv = (sku: string, onHand: number): RowChange => ({
  stream: 'inventory', table: 'inventory', key: { sku, location_id: 'S1' }, row: { sku, location_id: 'S1', on_hand: onHand, reserved: 0, updated_at: NOW.toISOString() }, scopeStoreId: null,
});

describe.skipIf(!postgresAvailable())('PgHubStore', () => {
  const server = usePgTestServer();

  describe('contract', () => {
    hubStoreContract(() => tempPgStore(server()));
  });

  describe('migrations', () => {
    it('refuses to open an unmigrated database, migrates once, and opens after', async () => {
      const db = await server().createDatabase();
      await expect(PgHubStore.open(db.url)).rejects.toThrow(/has no hub schema yet: run `npm run hub -- migrate/);
      expect(await migrate(db.url)).toEqual(MIGRATIONS.map((m) => m.version));
      expect(await migrate(db.url)).toEqual([]);
      const store = await PgHubStore.open(db.url);
      expect(await store.listDevices()).toEqual([]);
      await store.close();
      await server().dropDatabase(db.name);
    });

    it('refuses a database migrated by a newer hub', async () => {
      const { url, dispose, store } = await tempPgStore(server());
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`INSERT INTO schema_migrations (version, name) VALUES (${HUB_SCHEMA_VERSION + 1}, 'from the future')`);
      await client.end();
      await expect(PgHubStore.open(url)).rejects.toThrow(/newer than this hub's/);
      await expect(migrate(url)).rejects.toThrow(/newer than this hub's/);
      expect(await store.listDevices()).toEqual([]);
      await dispose();
    });
  });

  describe('versions with several writers', () => {
    it('notifies the commit of new versions on the version channel, with the last one', async () => {
      const { url, store, dispose } = await tempPgStore(server());
      const listener = new pg.Client({ connectionString: url });
      await listener.connect();
      try {
        const heard: string[] = [];
        listener.on('notification', (n) => heard.push(`${n.channel} ${n.payload ?? ''}`));
        await listener.query(`LISTEN ${VERSION_CHANNEL}`);
        await store.writeChanges([inv('A', 1), inv('B', 1)]);
        await store.transact(async () => ({ changes: [], result: undefined }));
        await expect(store.transact(async () => {
          await store.writeChanges([inv('C', 1)]);
          throw new Error('refused');
        })).rejects.toThrow('refused');
        await listener.query('SELECT 1'); // a round trip, so a notification sent before it has arrived
        expect(heard).toEqual([`${VERSION_CHANNEL} 2`]);
      } finally {
        await listener.end();
        await dispose();
      }
    });

    it('a writer that would commit out of version order waits, and a puller never passes a version that commits later', async () => {
      const { url, store, dispose } = await tempPgStore(server());
      // A second store on the same database: another hub process, with its own connections.
      const other = await PgHubStore.open(url);
      try {
        await store.writeChanges([inv('A', 1)]);
        let release!: () => void;
        const held = new Promise<void>((r) => (release = r));
        let firstWrote!: () => void;
        const wrote = new Promise<void>((r) => (firstWrote = r));
        // Writer 1 opens its transaction, takes the next version for B, and stalls before committing.
        const first = store.transact(async () => {
          firstWrote();
          await held;
          return { changes: [inv('B', 1)], result: undefined };
        });
        await wrote;
        // Writer 2 (the other process) wants to commit C meanwhile.
        let secondDone = false;
        const second = other.writeChanges([inv('C', 1)]).then(() => void (secondDone = true));
        // The puller sees only what is committed, and writer 2 is not: it cannot take a version while writer 1 holds the lock.
        await waitForLockWaiter(url);
        const page = await other.changesSince('inventory', 'S1', 0, 100);
        expect(page.changes.map((c) => c.key.sku)).toEqual(['A']);
        expect(secondDone).toBe(false);
        const cursor = page.changes.at(-1)!.version;
        release();
        await Promise.all([first, second]);
        // From its cursor the puller gets B then C, in commit order, nothing skipped.
        const next = await other.changesSince('inventory', 'S1', cursor, 100);
        expect(next.changes.map((c) => [c.key.sku, c.version])).toEqual([['B', cursor + 1], ['C', cursor + 2]]);
      } finally {
        await other.close();
        await dispose();
      }
    });

    it('two processes writing and pulling at once: every puller sees each version once, in order, and ends with all of them', async () => {
      const { url, store, dispose } = await tempPgStore(server());
      const others = await Promise.all([PgHubStore.open(url), PgHubStore.open(url)]);
      try {
        const writers = [store, ...others];
        let writing = true;
        const writes = Promise.all(writers.map(async (w, i) => {
          for (let n = 0; n < 40; n++) await w.writeChanges([inv(`W${i}-${n}`, n), inv(`W${i}-${n}b`, n)]);
        })).finally(() => (writing = false));
        // Pullers walk with small pages while the writers commit; a skipped version would leave a row out.
        const pulled = await Promise.all(writers.map(async (p) => {
          const seen: number[] = [];
          let cursor = 0;
          for (;;) {
            const stillWriting = writing;
            const page = await p.changesSince('inventory', 'S1', cursor, 3);
            for (const c of page.changes) seen.push(c.version);
            if (page.changes.length) cursor = page.changes.at(-1)!.version;
            if (!stillWriting && !page.hasMore) return seen;
          }
        }));
        await writes;
        const all = (await store.changesSince('inventory', 'S1', 0, 10_000)).changes.map((c) => c.version);
        expect(all).toHaveLength(240);
        for (const seen of pulled) {
          expect(seen).toEqual([...seen].sort((a, b) => a - b));
          // Each row was written once, so a puller that skipped nothing has seen every final version.
          expect(new Set(seen).size).toBe(seen.length);
          expect(seen).toEqual(all);
        }
      } finally {
        for (const o of others) await o.close();
        await dispose();
      }
    });
  });
});

/** Until a connection waits on the hub's write lock (writer 2 blocked behind writer 1). */
async function waitForLockWaiter(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const r = await client.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`, [WRITE_LOCK]);
      if (r.rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await client.end();
  }
}
