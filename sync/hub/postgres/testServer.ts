// A throwaway PostgreSQL server for tests: `initdb` in a temporary folder, `pg_ctl` on a free
// loopback port (its socket in the same folder), one fresh database per test, and everything
// stopped and removed at the end. Shared by the hub's unit tests and sync/roundtrip.
//
// Without the server binaries the PostgreSQL cases are skipped with a message, except under CI
// (`CI` set), where that is a failure: .ci/run installs them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** The folder holding initdb and pg_ctl (newest major version first), or null. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const dir = path.join(root, v, 'bin');
    if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/**
 * Whether the PostgreSQL cases can run here. Under CI missing binaries throw (the run must not
 * pass without them); elsewhere they print why the cases are skipped.
 */
export function postgresAvailable(): boolean {
  if (postgresBinDir()) return true;
  const why = 'PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin';
  if (process.env.CI) throw new Error(`${why}: CI must install them (.ci/run installs Debian's postgresql package).`);
  console.warn(`${why}: the PostgreSQL test cases are skipped (apt-get install postgresql to run them).`);
  return false;
}

export interface PgTestServer {
  /** A connection URL for database `name` on the server. */
  url(name: string): string;
  /** A new empty database (or a copy of `template`), and its URL. */
  createDatabase(options?: { template?: string }): Promise<{ name: string; url: string }>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const servers = new Set<() => void>();
const stopAll = () => {
  for (const stop of servers) stop();
};
process.once('exit', stopAll);
// A test run cut short (a timeout, Ctrl-C) must not leave servers behind: stop them, then die of the signal as before.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    stopAll();
    process.kill(process.pid, signal);
  });
}

/** A port the kernel had free a moment ago. */
function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a new cluster; run it as the postgres user when this process is root (initdb refuses root).
 * `durable`: fsync on, as a production server (the hub benchmark compares it with SQLite's synchronous FULL).
 */
export async function startPgTestServer(options: { durable?: boolean } = {}): Promise<PgTestServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (see postgresAvailable).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-pg-'));
  const data = path.join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? ['runuser', '-u', 'postgres', '--', path.join(bin, tool), ...args] : [path.join(bin, tool), ...args];
    const r = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`${tool} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // A test server only: nothing here must survive a crash of the machine, so no fsync.
  const settings = ['-c listen_addresses=127.0.0.1', `-k ${dir}`, '-c max_connections=200',
    ...(options.durable ? ['-c shared_buffers=128MB'] : ['-c fsync=off', '-c full_page_writes=off', '-c shared_buffers=32MB'])];
  let port = 0;
  for (let attempt = 0; ; attempt++) {
    port = await freeLoopbackPort();
    try {
      run('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} ${settings.join(' ')}`, 'start']);
      break;
    } catch (err) {
      if (attempt >= 3) throw new Error(`${(err as Error).message}\n${fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000)}`);
    }
  }
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    servers.delete(stopNow);
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  servers.add(stopNow);
  const url = (name: string) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const admin = new pg.Pool({ connectionString: url('postgres'), max: 2 });
  let n = 0;
  return {
    url,
    async createDatabase(options = {}) {
      const name = `t${process.pid}_${++n}`;
      await admin.query(`CREATE DATABASE ${name}${options.template ? ` TEMPLATE ${options.template}` : ''}`);
      return { name, url: url(name) };
    },
    async dropDatabase(name) {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    async stop() {
      await admin.end();
      stopNow();
    },
  };
}
