// Where the hub benchmark's hub keeps its data, and how its processes are started: the hub's own
// command line (`serve --plain`), so the benchmark measures the hub exactly as an operator runs
// it, whichever store is behind it. A backend also seeds the database (through the store, in this
// process, before the hub starts) and runs the raw baseline against the same database.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { migrate } from '../../sync/hub/postgres/migrations.js';
import { PgHubStore } from '../../sync/hub/postgres/pgStore.js';
import { startPgTestServer, type PgTestServer } from '../../sync/hub/postgres/testServer.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import type { HubStore } from '../../sync/hub/store.js';
import { freePort } from '../../sync/roundtrip/proxy.js';

export type Mode = 'sqlite' | 'postgres_1' | 'postgres_2';
export const MODES: readonly Mode[] = ['sqlite', 'postgres_1', 'postgres_2'];

/** One event as the hub holds it: what the raw baseline inserts. */
export interface RawEvent {
  id: string;
  deviceId: string;
  storeId: string;
  kind: string;
  payload: string;
  createdAt: string;
}

export interface HubBackend {
  mode: Mode;
  workers: number;
  /** Opens the store in this process to seed it; closed again before the hub starts. */
  seed(work: (store: HubStore) => Promise<void>): Promise<void>;
  /** `cli.js serve` arguments naming the database. */
  databaseArgs: string[];
  /** CPU seconds of the database server so far, when it is a server of its own (PostgreSQL): its CPU is the hub's too. */
  dbCpuS?: () => number;
  /** Inserts the events `perCommit` to a transaction, as pushes commit them; seconds taken. */
  rawInsert(events: readonly RawEvent[], perCommit: number): Promise<number>;
  dispose(): Promise<void>;
}

/** The embedded store: one hub process on one SQLite file. */
export function sqliteBackend(dir: string): HubBackend {
  const file = path.join(dir, 'hub.db');
  return {
    mode: 'sqlite',
    workers: 1,
    databaseArgs: ['--db', file],
    async seed(work) {
      const store = new SqliteHubStore(file);
      try {
        await work(store);
      } finally {
        await store.close();
      }
    },
    async rawInsert(events, perCommit) {
      // Same file, same pragmas as the hub's store (WAL, synchronous FULL), a table shaped like its events.
      const db = new Database(file);
      try {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
        db.exec(`CREATE TABLE bench_raw_events (id TEXT PRIMARY KEY, device_id TEXT NOT NULL, store_id TEXT NOT NULL, kind TEXT NOT NULL,
          payload TEXT NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL)`);
        const insert = db.prepare('INSERT INTO bench_raw_events VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
        const commit = db.transaction((batch: readonly RawEvent[], at: string) => {
          for (const e of batch) insert.run(e.id, e.deviceId, e.storeId, e.kind, e.payload, e.createdAt, at);
        });
        const t0 = performance.now();
        for (let i = 0; i < events.length; i += perCommit) commit(events.slice(i, i + perCommit), new Date().toISOString());
        return (performance.now() - t0) / 1000;
      } finally {
        db.close();
      }
    },
    async dispose() {},
  };
}

/**
 * PostgreSQL for `postgres_1` / `postgres_2`: a fresh database per mode, migrated with the hub's
 * own migrations, on the server `--database=URL` names (its user must be allowed CREATE DATABASE)
 * or else on a throwaway server this run starts (testServer.ts, made durable: fsync on, as the
 * SQLite store's synchronous FULL is). The hub processes get `--database URL`, and `--workers 2`.
 */
export async function postgresBackend(mode: Mode, server: PgTestServer): Promise<HubBackend> {
  const db = await server.createDatabase();
  await migrate(db.url);
  const postmaster = await postmasterPid(db.url);
  return {
    mode,
    dbCpuS: () => (postmaster ? serverCpuS(postmaster) : 0),
    workers: mode === 'postgres_2' ? 2 : 1,
    databaseArgs: ['--database', db.url],
    async seed(work) {
      const store = await PgHubStore.open(db.url);
      try {
        await work(store);
      } finally {
        await store.close();
      }
    },
    rawInsert: (events, perCommit) => postgresRawInsert(db.url, events, perCommit),
    dispose: () => server.dropDatabase(db.name),
  };
}

/** The server the PostgreSQL modes run on: the one `--database=URL` names, or a throwaway durable one. */
export async function benchPgServer(database: string | undefined): Promise<PgTestServer> {
  if (!database) return startPgTestServer({ durable: true });
  const admin = new pg.Pool({ connectionString: database, max: 1 });
  let n = 0;
  const url = (name: string) => Object.assign(new URL(database), { pathname: `/${name}` }).toString();
  return {
    url,
    async createDatabase() {
      const name = `endcap_bench_${process.pid}_${++n}`;
      await admin.query(`CREATE DATABASE ${name}`);
      return { name, url: url(name) };
    },
    async dropDatabase(name) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    stop: () => admin.end(),
  };
}

/** The raw baseline on PostgreSQL: the same events, `perCommit` to a transaction, one multi-row insert each, into a scratch table of the same database. */
export async function postgresRawInsert(url: string, events: readonly RawEvent[], perCommit: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_raw_events`);
    await client.query(`CREATE TABLE bench_raw_events (id TEXT PRIMARY KEY, device_id TEXT NOT NULL, store_id TEXT NOT NULL, kind TEXT NOT NULL,
      payload TEXT NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL)`);
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += perCommit) {
      const batch = events.slice(i, i + perCommit);
      const at = new Date().toISOString();
      const values = batch.map((_, j) => `($${j * 7 + 1}, $${j * 7 + 2}, $${j * 7 + 3}, $${j * 7 + 4}, $${j * 7 + 5}, $${j * 7 + 6}, $${j * 7 + 7})`);
      await client.query('BEGIN');
      await client.query(`INSERT INTO bench_raw_events VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`, batch.flatMap((e) => [e.id, e.deviceId, e.storeId, e.kind, e.payload, e.createdAt, at]));
      await client.query('COMMIT');
    }
    return (performance.now() - t0) / 1000;
  } finally {
    await client.query(`DROP TABLE IF EXISTS bench_raw_events`).catch(() => undefined);
    await client.end();
  }
}


/** The PostgreSQL server's main process, when it runs on this machine (its data folder readable), else null. */
async function postmasterPid(url: string): Promise<number | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const dir = (await client.query<{ setting: string }>(`SELECT setting FROM pg_settings WHERE name = 'data_directory'`)).rows[0]!.setting;
    return Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/**
 * CPU seconds of a server and all its children, the ended ones included: a backend whose pooled
 * connection closed took its CPU with it, except into the postmaster's cutime/cstime (it reaps them).
 */
function serverCpuS(postmaster: number): number {
  try {
    const f = fs.readFileSync(`/proc/${postmaster}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const own = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100; // utime, stime, cutime, cstime
    return own + procUsage(childrenOf(postmaster)).cpuS;
  } catch {
    return 0;
  }
}

/** Processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).filter((d) => {
    try {
      return Number(fs.readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
    } catch {
      return false;
    }
  }).map(Number);
}

/** Hub processes started with the hub's command line; `pids()` lists the primary and its workers. */
export class HubProcesses {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static async start(cli: string, backend: HubBackend, logFile: string): Promise<HubProcesses> {
    const port = await freePort();
    const log = fs.openSync(logFile, 'a');
    const args = [cli, 'serve', ...backend.databaseArgs, '--plain', '--host', '127.0.0.1', '--port', String(port), ...(backend.workers > 1 ? ['--workers', String(backend.workers)] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const hub = new HubProcesses(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the hub exited (${child.exitCode}); see ${logFile}`);
      const up = await fetch(`${hub.url}/v1/health`).then((r) => r.ok, () => false);
      // With workers, wait until every one of them has a database connection open (they listen as they start).
      if (up && hub.pids().length >= backend.workers + (backend.workers > 1 ? 1 : 0)) return hub;
      if (Date.now() > deadline) throw new Error(`the hub did not answer in 60 s; see ${logFile}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** The hub's processes: the one started and its children (cluster workers). */
  pids(): number[] {
    return [this.child.pid!, ...childrenOf(this.child.pid!)];
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 10_000).unref();
    });
  }
}

/** CPU seconds (user + system) and resident MB of processes, from /proc (Linux). */
export function procUsage(pids: readonly number[]): { cpuS: number; rssMb: number } {
  let cpuS = 0;
  let rssKb = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpuS += (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
      rssKb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return { cpuS, rssMb: rssKb / 1024 };
}

/**
 * Response times the hub itself logged (Fastify's `responseTime`: from the request's headers read
 * to the answer sent), by route: next to the registers' own timings they show how much of a
 * request's latency was spent waiting before the hub read it.
 */
export function hubSideTimes(logFile: string): Map<string, number[]> {
  const urls = new Map<string, string>();
  const times = new Map<string, number[]>();
  for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) {
    let entry: { pid?: number; reqId?: string; req?: { url?: string }; responseTime?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue; // not a log record (a worker's plain line, or one cut short when a process ended)
    }
    const id = `${entry.pid}/${entry.reqId}`;
    if (entry.req?.url) urls.set(id, entry.req.url.split('?')[0]!);
    if (entry.responseTime === undefined) continue;
    const url = urls.get(id) ?? '?';
    urls.delete(id);
    let list = times.get(url);
    if (!list) times.set(url, (list = []));
    list.push(entry.responseTime);
  }
  return times;
}
