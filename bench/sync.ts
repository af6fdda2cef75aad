// `npm run bench -- sync`: the device sync client against a hub on loopback (real HTTP, the real
// client pull and push), next to raw better-sqlite3 prepared upserts of the same rows in one
// transaction, measured in the same run on the same disk: the physical limit of this machine.
//
//   bootstrap   5,000,000 stock rows (250k SKUs × 20 locations) into an empty replica
//   cycle       one 5-minute cycle carrying 100,000 stock changes
//   push        10,000 outbox events
//
// The hub runs in its own process (bench/sync/hubProcess.ts). Its seeded file is cached in
// $TMPDIR/endcap-bench-sync/ and copied for each run, so every run bootstraps the same rows.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../core/db/open.js';
import { enqueue } from '../core/outbox/outbox.js';
import { pull } from '../sync/client/pull.js';
import { push } from '../sync/client/push.js';
import { HttpTransport, type SyncTransport } from '../sync/client/transport.js';
import type { PullRequest } from '../sync/protocol/index.js';
import { printTable, round, rssMb, writeResult } from './report.js';
import { LOCATIONS, SKUS, categoryRows, cycleRowIndex, inventoryRow, locationRows, productRow } from './sync/dataset.js';
import type { HubCommand, HubReply } from './sync/hubProcess.js';

const CYCLE_CHANGES = 100_000;
const PUSH_EVENTS = 10_000;
const CACHE_VERSION = 'v1';

const UPSERT_SQL = `INSERT INTO inventory (sku, location_id, on_hand, reserved, updated_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (sku, location_id) DO UPDATE SET on_hand = excluded.on_hand, reserved = excluded.reserved, updated_at = excluded.updated_at`;

class Hub {
  private constructor(private readonly child: ChildProcess, readonly baseUrl: string, readonly token: string, readonly seededSeconds: number | null, readonly ca: string | null) {}

  /** The device's transport to this hub: the CA pinned when it serves HTTPS. */
  transport(): HttpTransport {
    return new HttpTransport({ baseUrl: this.baseUrl, token: this.token, timeoutMs: 120_000, ...(this.ca ? { ca: this.ca } : {}) });
  }

  static start(file: string, skus: number, tls = false): Promise<Hub> {
    const child = fork(path.join(__dirname, 'sync', 'hubProcess.js'), [file, String(skus), tls ? 'tls' : 'plain'], { stdio: 'inherit', execArgv: [...process.execArgv, '--max-old-space-size=4096'] });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`the hub process exited (${code}) before it was ready`)));
      child.on('message', (m: HubReply) => {
        if (m.kind === 'log') console.log(m.line);
        if (m.kind === 'ready') {
          child.removeAllListeners('exit');
          resolve(new Hub(child, `${m.caCert ? 'https' : 'http'}://127.0.0.1:${m.port}`, m.token, m.seededSeconds, m.caCert));
        }
      });
    });
  }

  ask(command: HubCommand): Promise<HubReply> {
    return new Promise((resolve) => {
      const on = (m: HubReply) => {
        if (m.kind === 'log') return;
        this.child.off('message', on);
        resolve(m);
      };
      this.child.on('message', on);
      this.child.send(command);
    });
  }

  async cpu(): Promise<number> {
    return ((await this.ask({ cmd: 'cpu' })) as { seconds: number }).seconds;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.send({ cmd: 'stop' } satisfies HubCommand);
    });
  }
}

/** Peak resident memory of this process, sampled after each pulled page and push batch. */
class RssTransport implements SyncTransport {
  peak = 0;
  constructor(private readonly inner: SyncTransport) {}
  async pull(request: PullRequest): Promise<unknown> {
    const answer = await this.inner.pull(request);
    this.peak = Math.max(this.peak, rssMb());
    return answer;
  }
  async push(request: Parameters<SyncTransport['push']>[0]): Promise<unknown> {
    const answer = await this.inner.push(request);
    this.peak = Math.max(this.peak, rssMb());
    return answer;
  }
}

/** CPU seconds of the whole process: the main thread and the sync pull worker. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** CPU seconds of the main thread alone (Linux: /proc/self/task/<pid>/stat); null elsewhere. */
function mainThreadCpuSeconds(): number | null {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

interface Measured<T> {
  wall: number;
  /** The main thread's event loop was busy (JS, SQLite, fsync) / idle (waiting for the next page or ack). Together ≈ wall. */
  mainBusy: number;
  mainIdle: number;
  mainCpu: number | null;
  deviceCpu: number;
  hubCpu: number;
  value: T;
}

/**
 * Wall time, how the device's main thread spent it, and CPU time (the device process's, its main
 * thread's, the hub's) of one step. The device overlaps fetching the next page with applying the
 * current one, so the parts are not a sum; on a shared machine wall and busy time move with the
 * neighbours' load, CPU seconds do not.
 */
async function measure<T>(hub: Hub, fn: () => Promise<T>): Promise<Measured<T>> {
  const hub0 = await hub.cpu();
  const cpu0 = cpuSeconds();
  const main0 = mainThreadCpuSeconds();
  const loop0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const value = await fn();
  const wall = (performance.now() - t0) / 1000;
  const loop = performance.eventLoopUtilization(loop0);
  const deviceCpu = cpuSeconds() - cpu0;
  const main1 = mainThreadCpuSeconds();
  return {
    wall,
    mainBusy: loop.active / 1000,
    mainIdle: loop.idle / 1000,
    mainCpu: main0 === null || main1 === null ? null : main1 - main0,
    deviceCpu,
    hubCpu: (await hub.cpu()) - hub0,
    value,
  };
}

function seconds(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return (performance.now() - t0) / 1000;
}

async function secondsAsync<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [(performance.now() - t0) / 1000, value];
}

/** Seconds for the stock bootstrap over plain HTTP (catalog first, untimed), against its own hub process and replica. */
async function plainBootstrap(cached: string, dir: string, skus: number): Promise<number> {
  const plainDir = path.join(dir, 'plain');
  fs.mkdirSync(plainDir);
  fs.copyFileSync(cached, path.join(plainDir, 'hub.db'));
  const hub = await Hub.start(path.join(plainDir, 'hub.db'), skus, false);
  const device = openDatabase(path.join(plainDir, 'device.db'));
  const http = hub.transport();
  try {
    console.log('The same bootstrap over plain HTTP…');
    await pull(device, http, 'catalog');
    const [s] = await secondsAsync(() => pull(device, http, 'inventory'));
    return s;
  } finally {
    closeDatabase(device);
    await hub.stop();
    await http.close();
  }
}

/** The catalog the stock rows point at, written directly (the baseline replica's precondition; not timed). */
function fillCatalog(db: Database.Database, skus: number): void {
  db.transaction(() => {
    const loc = db.prepare('INSERT INTO locations (id, kind, name, city, region, country, timezone, lead_time_days) VALUES (@id, @kind, @name, @city, @region, @country, @timezone, @lead_time_days)');
    for (const r of locationRows()) loc.run(r);
    const cat = db.prepare('INSERT INTO categories (id, parent_id, name, path_name, depth, sensitive) VALUES (@id, @parent_id, @name, @path_name, @depth, @sensitive)');
    for (const r of categoryRows()) cat.run(r);
    const cols = Object.keys(productRow(0));
    const product = db.prepare(`INSERT INTO products (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`);
    for (let s = 0; s < skus; s++) product.run(productRow(s));
  })();
}

function rawUpserts(db: Database.Database, indexes: Iterable<number>, roundNo: number): number {
  const upsert = db.prepare(UPSERT_SQL);
  let n = 0;
  db.transaction(() => {
    for (const i of indexes) {
      const r = inventoryRow(i, roundNo);
      upsert.run(r.sku, r.location_id, r.on_hand, r.reserved, r.updated_at);
      n += 1;
    }
  })();
  return n;
}

function* range(n: number, at: (k: number) => number = (k) => k): Iterable<number> {
  for (let k = 0; k < n; k++) yield at(k);
}

/** An outbox event the size of a real checkout outcome. */
function checkoutPayload(i: number): object {
  return {
    checkoutId: `bench-${i}`, storeId: 'L01', registerId: 'R1', associateId: 'E-L01-01', outcome: i % 3 ? 'declined' : 'captured_new',
    declineReason: i % 3 ? 'in_a_hurry' : null, customerId: i % 3 ? null : `C-${i}`, typo: { suggested: false, accepted: false },
    consents: { receipts: true, marketing: i % 2 === 0, personalization: false }, at: '2026-11-01T10:00:00.000Z',
  };
}

export async function benchSync(args: string[]): Promise<void> {
  const skus = Number(args.find((a) => a.startsWith('--skus='))?.slice(7) ?? SKUS);
  const total = skus * LOCATIONS;
  const cacheDir = path.join(os.tmpdir(), 'endcap-bench-sync');
  const cached = path.join(cacheDir, `hub-${CACHE_VERSION}-${skus}x${LOCATIONS}.db`);
  fs.mkdirSync(cacheDir, { recursive: true });
  if (!fs.existsSync(cached)) {
    console.log(`Seeding a hub with ${skus.toLocaleString('en-US')} products and ${total.toLocaleString('en-US')} stock rows (once; cached in ${cacheDir})…`);
    const seeding = await Hub.start(`${cached}.partial`, skus);
    console.log(`  seeded in ${seeding.seededSeconds?.toFixed(1)} s`);
    await seeding.stop();
    fs.renameSync(`${cached}.partial`, cached);
  }
  // Registers reach the hub over TLS (issue 13); --plain measures the old plain-HTTP path instead.
  const tls = !args.includes('--plain');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-bench-sync-run-'));
  fs.copyFileSync(cached, path.join(dir, 'hub.db'));
  const hub = await Hub.start(path.join(dir, 'hub.db'), skus, tls);
  const device = openDatabase(path.join(dir, 'device.db'));
  const raw = openDatabase(path.join(dir, 'raw.db'));
  const http = hub.transport();
  const transport = new RssTransport(http);
  try {
    // Baseline first: the same 5M rows, prepared upserts, one transaction, same pragmas and schema.
    fillCatalog(raw, skus);
    console.log(`Raw upserts of ${total.toLocaleString('en-US')} stock rows in one transaction…`);
    const rawCpu0 = cpuSeconds();
    const rawBootstrap = seconds(() => rawUpserts(raw, range(total), 0));
    const rawBootstrapCpu = cpuSeconds() - rawCpu0;
    // Not timed: fold the 5M-row transaction's WAL back into the file, so the raw cycle below
    // does not pay for the bootstrap's checkpoint (the device's paged bootstrap checkpoints as it goes).
    raw.pragma('wal_checkpoint(TRUNCATE)');

    console.log(`Bootstrap over loopback ${tls ? 'HTTPS (pinned CA)' : 'HTTP'}: catalog, then stock…`);
    const [catalogS, catalog] = await secondsAsync(() => pull(device, transport, 'catalog'));
    const bootstrap = await measure(hub, () => pull(device, transport, 'inventory'));
    const [bootstrapS, boot] = [bootstrap.wall, bootstrap.value];

    // One cycle: the hub takes in 100k stock changes, the device pulls them.
    device.pragma('wal_checkpoint(TRUNCATE)');
    const rawCycle = seconds(() => rawUpserts(raw, range(CYCLE_CHANGES, (k) => cycleRowIndex(k, total, CYCLE_CHANGES)), 1));
    const written = await hub.ask({ cmd: 'cycle', count: CYCLE_CHANGES, round: 1 });
    const cycleRun = await measure(hub, () => pull(device, transport, 'inventory'));
    const [cycleS, cycle] = [cycleRun.wall, cycleRun.value];

    // Push: 10k events recorded while offline, sent in the client's default batches.
    device.transaction(() => {
      for (let i = 0; i < PUSH_EVENTS; i++) enqueue(device, 'checkout.outcome', checkoutPayload(i), new Date());
    })();
    const events = device.prepare('SELECT id, kind, payload, created_at FROM outbox ORDER BY id').all() as { id: string; kind: string; payload: string; created_at: string }[];
    const pushRun = await measure(hub, () => push(device, transport));
    const [pushS, pushed] = [pushRun.wall, pushRun.value];
    const sink = openDatabase(path.join(dir, 'events.db'));
    sink.exec(`CREATE TABLE hub_events (id TEXT PRIMARY KEY, device_id TEXT NOT NULL, store_id TEXT NOT NULL, kind TEXT NOT NULL,
      payload TEXT NOT NULL, created_at TEXT NOT NULL, received_at TEXT NOT NULL)`);
    const insert = sink.prepare('INSERT INTO hub_events VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING');
    const at = new Date().toISOString();
    const rawPush = seconds(() => sink.transaction(() => events.forEach((e) => insert.run(e.id, 'dev', 'L01', e.kind, e.payload, e.created_at, at)))());
    closeDatabase(sink);

    if (boot.upserted !== total || cycle.upserted !== CYCLE_CHANGES || pushed.acked !== PUSH_EVENTS) {
      throw new Error(`the client did not get everything: ${boot.upserted} stock rows, ${cycle.upserted} cycle changes, ${pushed.acked} events acked`);
    }
    const bootstrapRate = total / bootstrapS;
    const rawRate = total / rawBootstrap;
    // The same bootstrap over plain HTTP in the same run, so the cost of TLS is measured next to it.
    const plain = tls ? await plainBootstrap(cached, dir, skus) : null;
    const plainRate = plain ? total / plain : bootstrapRate;
    printTable(
      `Sync over loopback ${tls ? 'HTTPS' : 'HTTP'} vs raw prepared upserts (one transaction), ${os.cpus().length} CPUs, Node ${process.versions.node}`,
      ['step', 'rows', 'endcap s', 'endcap rows/s', 'raw s', 'raw rows/s', 'endcap/raw'],
      [
        ['bootstrap: stock', total, round(bootstrapS, 2), Math.round(bootstrapRate), round(rawBootstrap, 2), Math.round(rawRate), round(bootstrapRate / rawRate, 3)],
        ...(plain ? [['bootstrap over plain HTTP', total, round(plain, 2), Math.round(plainRate), round(rawBootstrap, 2), Math.round(rawRate), round(plainRate / rawRate, 3)]] : []),
        ['5-minute cycle', CYCLE_CHANGES, round(cycleS, 3), Math.round(CYCLE_CHANGES / cycleS), round(rawCycle, 3), Math.round(CYCLE_CHANGES / rawCycle), round(rawCycle / cycleS, 3)],
        ['push (events)', PUSH_EVENTS, round(pushS, 3), Math.round(PUSH_EVENTS / pushS), round(rawPush, 3), Math.round(PUSH_EVENTS / rawPush), round(rawPush / pushS, 3)],
      ],
    );
    const row = (step: string, m: Measured<unknown>, digits: number, raw: number | '') => [
      step, round(m.wall, digits), round(m.mainBusy, digits), round(m.mainIdle, digits), m.mainCpu === null ? '' : round(m.mainCpu, digits),
      round(m.deviceCpu, digits), round(m.hubCpu, digits), raw === '' ? '' : round(raw, digits),
    ];
    printTable(
      'Where the time goes (seconds; fetching overlaps applying, so the columns do not add up; CPU seconds are load-independent, wall and busy are not)',
      ['step', 'wall', 'main thread busy', 'main thread waiting', 'main thread CPU', 'device CPU (all threads)', 'hub CPU', 'raw CPU'],
      [row('bootstrap: stock', bootstrap, 2, rawBootstrapCpu), row('5-minute cycle', cycleRun, 3, ''), row('push (events)', pushRun, 3, '')],
    );
    console.log(`\ncatalog before it: ${catalog.upserted.toLocaleString('en-US')} rows in ${catalogS.toFixed(2)} s (FTS index kept by triggers); hub wrote the cycle in ${(written as { seconds: number }).seconds.toFixed(2)} s`);
    const result = {
      bootstrap_rows_per_s: Math.round(bootstrapRate),
      raw_upsert_rows_per_s: Math.round(rawRate),
      ratio: round(bootstrapRate / rawRate, 3),
      tls,
      plain_http_ratio: round(plainRate / rawRate, 3),
      tls_cost: round(plainRate / bootstrapRate - 1, 3),
      cycle_100k_s: round(cycleS, 3),
      push_10k_s: round(pushS, 3),
      rss_mb: Math.round(Math.max(transport.peak, rssMb())),
      details: {
        rows: total,
        page_size: Math.round(total / boot.pages),
        bootstrap_s: round(bootstrapS, 2),
        bootstrap_main_busy_s: round(bootstrap.mainBusy, 2),
        bootstrap_main_waiting_s: round(bootstrap.mainIdle, 2),
        bootstrap_main_cpu_s: bootstrap.mainCpu === null ? null : round(bootstrap.mainCpu, 2),
        raw_bootstrap_s: round(rawBootstrap, 2),
        raw_bootstrap_cpu_s: round(rawBootstrapCpu, 2),
        bootstrap_device_cpu_s: round(bootstrap.deviceCpu, 2),
        bootstrap_hub_cpu_s: round(bootstrap.hubCpu, 2),
        cycle_device_cpu_s: round(cycleRun.deviceCpu, 3),
        cycle_hub_cpu_s: round(cycleRun.hubCpu, 3),
        push_device_cpu_s: round(pushRun.deviceCpu, 3),
        push_hub_cpu_s: round(pushRun.hubCpu, 3),
        load_average_1m: round(os.loadavg()[0]!, 2),
        raw_cycle_100k_s: round(rawCycle, 3),
        cycle_main_busy_s: round(cycleRun.mainBusy, 3),
        cycle_main_waiting_s: round(cycleRun.mainIdle, 3),
        raw_push_10k_s: round(rawPush, 3),
        push_main_waiting_s: round(pushRun.mainIdle, 3),
        catalog_rows: catalog.upserted,
        catalog_s: round(catalogS, 2),
        cpus: os.cpus().length,
        node: process.versions.node,
      },
    };
    console.log(`\nwrote ${writeResult('sync', result)}`);
  } finally {
    closeDatabase(device);
    closeDatabase(raw);
    await hub.stop();
    await http.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
