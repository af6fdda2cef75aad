// Hub processes killed under load (issue 20): registers push a stream of sales through a
// round-robin proxy (proxy.ts) in front of real hub processes (the hub's own command line, run
// from source), and a hub process is SIGKILLed while a push is in flight, again and again, and
// started again. The registers retry as the app does. Afterwards every event is at the hub
// exactly once, each sale is one order, and each register's orders replica — pulled page by page
// while the kills went on — equals a fresh pull from zero: no pull skipped a version.
//
// Parametrized by store. SQLite: one hub process (the SQLite store counts versions in its own
// process, so a second writing process would reuse them: `serve --workers` refuses it), killed
// and restarted. PostgreSQL: one process killed and restarted, and two processes on one database,
// one killed while the other keeps serving and started again (a throwaway server, testServer.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../core/outbox/outbox.js';
import { Rng } from '../../core/demo/random.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import { HttpTransport, type SyncTransport } from '../client/transport.js';
import { migrate } from '../hub/postgres/migrations.js';
import { PgHubStore } from '../hub/postgres/pgStore.js';
import { postgresAvailable, startPgTestServer, type PgTestServer } from '../hub/postgres/testServer.js';
import { SqliteHubStore } from '../hub/sqliteStore.js';
import type { HubStore } from '../hub/store.js';
import { openLightReplica } from './lightReplica.js';
import { HubProcess } from './hubProcess.js';
import { freePort, RoundRobinProxy } from './proxy.js';

const KILLS = Number(process.env.ENDCAP_HUB_KILLS ?? 6);
const SEED = Number(process.env.ENDCAP_HUB_KILL_SEED ?? 20);
const SALES_PER_REGISTER = 60;
const CLI = path.join(__dirname, '..', 'hub', 'cli.ts');
const REGISTER_TS = path.join(__dirname, 'child', 'register.cjs');

/** A store under test: how to seed its database and how hub processes name it. */
interface HubCase {
  name: string;
  processes: number;
  /** Opens the store in the test process (seeding, counting), closed after `work`. */
  withStore<T>(dir: string, work: (store: HubStore) => Promise<T>): Promise<T>;
  databaseArgs(dir: string): string[];
  /** The ids of the hub's events with how many times each is held. */
  heldEvents(dir: string): Promise<Map<string, number>>;
}

const sqlite: HubCase = {
  name: 'sqlite: one hub process, killed and started again',
  processes: 1,
  async withStore(dir, work) {
    const store = new SqliteHubStore(path.join(dir, 'hub.db'));
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  },
  databaseArgs: (dir) => ['--db', path.join(dir, 'hub.db')],
  async heldEvents(dir) {
    const db = new Database(path.join(dir, 'hub.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT id, count(*) AS n FROM events GROUP BY id').all() as { id: string; n: number }[];
      return new Map(rows.map((r) => [r.id, r.n]));
    } finally {
      db.close();
    }
  },
};

// PostgreSQL: a database of the throwaway server (one server for the file, started on first use).
let pgServer: Promise<PgTestServer> | undefined;
afterAll(async () => {
  await (await pgServer)?.stop();
});
const pgUrls = new Map<string, string>();

function postgresCase(processes: number, name: string): HubCase {
  return {
    name,
    processes,
    async withStore(dir, work) {
      pgServer ??= startPgTestServer();
      const db = await (await pgServer).createDatabase();
      await migrate(db.url);
      pgUrls.set(dir, db.url);
      const store = await PgHubStore.open(db.url);
      try {
        return await work(store);
      } finally {
        await store.close();
      }
    },
    databaseArgs: (dir) => ['--database', pgUrls.get(dir)!],
    async heldEvents(dir) {
      const client = new pg.Client({ connectionString: pgUrls.get(dir)! });
      await client.connect();
      try {
        const rows = (await client.query<{ id: string; n: number }>('SELECT id, count(*)::int AS n FROM events GROUP BY id')).rows;
        return new Map(rows.map((r) => [r.id, r.n]));
      } finally {
        await client.end();
      }
    },
  };
}

const CASES: HubCase[] = [
  sqlite,
  ...(postgresAvailable()
    ? [postgresCase(1, 'postgres: one hub process, killed and started again'), postgresCase(2, 'postgres: two hub processes, one killed while the other serves')]
    : []),
];



/** A register: its light replica (outbox, orders), the journal of the sales it recorded, and retrying sync as the app does. */
class Register {
  readonly db = openLightReplica({ streams: ['orders'] });
  readonly produced: string[] = [];
  readonly orderIds: string[] = [];
  failures = 0;
  private sales = 0;

  constructor(readonly name: string, private readonly transport: SyncTransport) {}

  recordSale(): void {
    const n = this.sales++;
    const orderId = `${this.name}-${n}`;
    const at = new Date().toISOString();
    const payload = {
      orderId, storeId: 'S1', registerId: this.name, associateId: 'E-S1-1', customerId: null, placedAt: at,
      lines: [{ lineNo: 1, sku: 'SKU-1', quantity: 1 + (n % 3), unitPriceCents: 1200, discountCents: 0 }],
    };
    this.produced.push(enqueue(this.db, 'sale.completed', payload, new Date()));
    this.orderIds.push(orderId);
  }

  /** Pushes, then pulls orders; a failed call is tried again after a short wait (the app backs off the same way, longer). */
  async sync(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await push(this.db, this.transport, { batchSize: 4 });
        await pull(this.db, this.transport, 'orders', { pageSize: 7 });
        return;
      } catch (err) {
        this.failures += 1;
        if (attempt > 600) throw err;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  rows(table: 'orders' | 'order_lines'): unknown[] {
    return this.db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  }
}

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

describe.each(CASES)('hub process killed mid-push ($name)', (hubCase) => {
  it(`${KILLS} SIGKILLs while two registers push through the proxy: every event at the hub exactly once, pulls without gaps`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-kill-'));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const tokens = await hubCase.withStore(dir, async (store) => {
      const location = { id: 'S1', kind: 'store', name: 'Store 1', city: 'Denver', region: 'CO', country: 'US', timezone: 'America/Denver', lead_time_days: 2 };
      await store.writeChanges([{ stream: 'catalog', table: 'locations', key: { id: 'S1' }, row: location, scopeStoreId: null }]);
      const now = new Date();
      return [(await store.addDevice('S1', now)).token, (await store.addDevice('S1', now)).token];
    });

    const hubs = await Promise.all(Array.from({ length: hubCase.processes }, async () => new HubProcess(await freePort(), hubCase.databaseArgs(dir))));
    cleanup.push(async () => void (await Promise.all(hubs.map((h) => h.kill()))));
    for (const h of hubs) await h.start();
    const proxy = await RoundRobinProxy.start(hubs.map((h) => ({ host: '127.0.0.1', port: h.port })));
    cleanup.push(() => proxy.close());

    // Kills happen inside a push: the request is on its way (or being committed, or answered) when its hub process dies.
    const rng = new Rng(SEED);
    let pushes = 0;
    let kills = 0;
    const killAt = new Set<number>();
    while (killAt.size < KILLS) killAt.add(rng.int(2, SALES_PER_REGISTER / 2));
    // One kill at a time: a process is started again before the next kill picks its victim.
    let killing = Promise.resolve();
    const transportFor = (token: string): SyncTransport => {
      const http = new HttpTransport({ baseUrl: proxy.url, token, fetch: globalThis.fetch, timeoutMs: 10_000 });
      return {
        pull: (r) => http.pull(r),
        push: (r) => {
          const answer = http.push(r);
          if (killAt.delete(++pushes)) {
            const delay = rng.int(0, 4);
            killing = killing
              .then(() => new Promise<void>((resolve) => setTimeout(resolve, delay)))
              .then(async () => {
                const victim = hubs[proxy.busiest() ?? 0]!;
                await victim.kill();
                kills += 1;
                await victim.start();
              });
          }
          return answer;
        },
      };
    };
    const registers = tokens.map((t, i) => new Register(`R${i + 1}`, transportFor(t)));

    // Each register records a sale and syncs, sixty times over, both at once.
    await Promise.all(
      registers.map(async (r) => {
        for (let i = 0; i < SALES_PER_REGISTER; i++) {
          r.recordSale();
          await r.sync();
        }
      }),
    );
    await killing;
    for (const r of registers) await r.sync(); // quiescent: the other register's last sales are pulled too

    expect(kills).toBe(KILLS);
    expect(registers.reduce((n, r) => n + r.failures, 0)).toBeGreaterThan(0);
    const held = await hubCase.heldEvents(dir);
    const produced = registers.flatMap((r) => r.produced);
    for (const r of registers) {
      expect(r.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    }
    expect([...held.keys()].sort()).toEqual([...produced].sort());
    expect([...held.values()].every((n) => n === 1)).toBe(true);

    // Gap-free: what each register pulled page by page equals one fresh pull from version 0, and holds every sale once.
    const fresh = new Register('fresh', transportFor(tokens[0]!));
    await pull(fresh.db, transportFor(tokens[0]!), 'orders');
    const allOrders = registers.flatMap((r) => r.orderIds).sort();
    expect((fresh.rows('orders') as { id: string }[]).map((o) => o.id).sort()).toEqual(allOrders);
    for (const r of registers) {
      expect(r.rows('orders')).toEqual(fresh.rows('orders'));
      expect(r.rows('order_lines')).toEqual(fresh.rows('order_lines'));
    }
    console.log(`hub kill (${hubCase.name}): ${kills} kills, ${registers.map((r) => `${r.name} retried ${r.failures}×`).join(', ')}, ${produced.length} events`);
  }, 300_000);
});

describe('serve --workers on SQLite', () => {
  it('is refused: the SQLite store counts versions in one process', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-workers-'));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['-r', REGISTER_TS, CLI, 'serve', '--db', path.join(dir, 'hub.db'), '--plain', '--workers', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/--workers needs a database several hub processes may write/);
  });
});
