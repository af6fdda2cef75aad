// The hub's command line on PostgreSQL (issue 20): `migrate` before `serve`, the password never
// printed, API connectors and the erasure audit in the database, `serve --workers 2` on one database. Spawns the CLI from source as an operator runs it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../hub/postgres/testServer.js';
import { usePgTestServer } from '../hub/postgres/testStore.js';
import { freePort } from './proxy.js';

const CLI = path.join(__dirname, '..', 'hub', 'cli.ts');
const REGISTER_TS = path.join(__dirname, 'child', 'register.cjs');
/** The test server trusts loopback, so any password works: it is only there to be hidden. */
const PASSWORD = 'hunter2-secret';

interface Run {
  code: number | null;
  out: string;
}

function hub(args: string[], until?: (out: string) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', REGISTER_TS, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const take = (d: Buffer) => {
      out += d.toString();
      if (until?.(out)) child.kill('SIGTERM');
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe.runIf(postgresAvailable())('npm run hub on PostgreSQL', () => {
  const server = usePgTestServer();
  let cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanup.reverse()) await c();
    cleanup = [];
  });

  it('refuses to serve an unmigrated database, migrates it once, and never prints the password', async () => {
    const db = await server().createDatabase();
    cleanup.push(() => server().dropDatabase(db.name));
    const url = db.url.replace('postgres@', `postgres:${PASSWORD}@`);

    const refused = await hub(['serve', '--database', url, '--plain', '--port', String(await freePort())]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/migrate/);

    const first = await hub(['migrate', '--database', url]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/applied 1 \(hub schema\), 2 \(rate-limit windows shared by hub processes\)/);
    expect(first.out).toMatch(/postgres:\*\*\*@/);
    const again = await hub(['migrate', '--database', url]);
    expect(again.out).toMatch(/already at the newest schema/);
    // API connectors and the erasure audit keep their state in the same database (migration 4).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-pg-'));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const secret = path.join(dir, 'klaviyo.secret');
    fs.writeFileSync(secret, 'pk_klaviyo_secret_value');
    // The connector key lives beside --db's folder, as on SQLite: every hub process needs the same file.
    const key = ['--database', url, '--db', path.join(dir, 'hub.db')];
    const added = await hub(['connector', 'add', 'klaviyo', '--id', 'kl', '--set', 'interval=120', '--secret-file', secret, ...key]);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/connector kl \(klaviyo\) added/);
    const connector = await hub(['connector', 'list', ...key]);
    expect(connector.code).toBe(0);
    expect(connector.out).toMatch(/^kl\tklaviyo\t\{"interval":"120"\}\tcredential \S+\tnever run/m);
    const status = await hub(['connector', 'status', 'kl', ...key]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out)).toMatchObject([{ id: 'kl', vendor: 'klaviyo', lastRun: null, pending: 0, deadLetters: [] }]);
    // A refused erasure is audited in PostgreSQL too (by customer id only: here none).
    const erase = await hub(['customer', 'erase', 'nobody', '--by', 'dpo', ...key]);
    expect(erase.code).not.toBe(0);
    const erasures = await hub(['customer', 'erasures', ...key]);
    expect(erasures.out).toMatch(/operator dpo {2}refused \(not found\)/);
    for (const run of [added, connector, status, erasures]) expect(run.out).not.toContain('pk_klaviyo_secret_value');

    // Two workers on the database: each logs its start line (the address with *** for the password).
    const port = await freePort();
    // With the same connector key as the commands above (the scheduler runs the connector added there).
    const served = await hub(['serve', ...key, '--plain', '--port', String(port), '--workers', '2'], (out) => (out.match(/Server listening/g) ?? []).length >= 2);
    expect((served.out.match(/hub data in PostgreSQL postgres:\/\/postgres:\*\*\*@/g) ?? []).length).toBe(2);
    for (const run of [refused, first, again, added, connector, status, erase, erasures, served]) expect(run.out).not.toContain(PASSWORD);
  }, 180_000);

  it('migrate on a SQLite file says it is up to date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-migrate-'));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const run = await hub(['migrate', '--db', path.join(dir, 'hub.db')]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/SQLite file .*hub\.db: up to date/);
  });
});
