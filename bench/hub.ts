// `npm run bench -- hub`: a chain's registers against hub process(es) on loopback, over HTTP, with
// the real sync client (bench/hub/registers.ts) and the hub's real stock feed ingest (CSV upload):
//
//   2,000 registers in 500 stores; each pulls stock every 60 s and pushes a sale and its five
//   starter events every 60 s; a stock feed of 100,000 rows (every SKU at every store) arrives
//   every 5 minutes.
//
// Reports pull and push requests per second sustained, their latency (p50/p95/p99, as the
// register sees it), the hub processes' CPU and resident memory (from /proc), and how long after
// a feed was uploaded its newest change reached the registers (p95). Next to it, in the same run:
// raw inserts of the same events into the same database, one transaction per push.
// Modes: sqlite (one process), postgres_1, postgres_2 (one and two hub processes on PostgreSQL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HttpTransport } from '../sync/client/transport.js';
import { pull } from '../sync/client/pull.js';
import { readCursor } from '../sync/client/syncState.js';
import type { HubStore, Row, RowChange } from '../sync/hub/store.js';
import { openLightReplica } from '../sync/roundtrip/lightReplica.js';
import { benchPgServer, HubProcesses, hubSideTimes, MODES, postgresBackend, procUsage, sqliteBackend, type HubBackend, type Mode } from './hub/backends.js';
import type { PgTestServer } from '../sync/hub/postgres/testServer.js';
import { MARKER_SKU, Register, Tally, Turns, type RegisterSpec } from './hub/registers.js';
import { percentile, printTable, REPO_ROOT, round, writeResult } from './report.js';
import { categoryRows, productRow, skuOf } from './sync/dataset.js';

interface Size {
  registers: number;
  stores: number;
  stockRows: number;
  /** Simulated minutes the load runs. */
  minutes: number;
  /** Simulated seconds per wall second: 2 runs the chain's minute in 30 s (and doubles the load). */
  compress: number;
}

const FULL: Size = { registers: 2000, stores: 500, stockRows: 100_000, minutes: 5, compress: 1 };
const SMALL: Size = { registers: 200, stores: 50, stockRows: 10_000, minutes: 5, compress: 1 };
const PULL_EVERY_S = 60;
const SELL_EVERY_S = 60;
const FEED_EVERY_S = 300;
/** Events a register pushes at once (a sale and its five starters): the raw baseline commits as many per transaction. */
const EVENTS_PER_PUSH = 6;
/** Registers pulling at once in the load generator (see Turns). */
const PULLING_AT_ONCE = 100;

const arg = (args: string[], name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

function sizeFrom(args: string[]): Size {
  const base = args.includes('--small') ? SMALL : FULL;
  const num = (name: string, fallback: number) => {
    const v = arg(args, name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!(n > 0)) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  return {
    registers: num('registers', base.registers),
    stores: num('stores', base.stores),
    stockRows: num('stock-rows', base.stockRows),
    minutes: num('minutes', base.minutes),
    compress: num('compress', base.compress),
  };
}

const storeId = (s: number) => `S${String(s + 1).padStart(4, '0')}`;

/** The chain the hub starts with: stores, a catalog of SKUs, stock of every SKU at every store, a device per register, an admin. */
async function seed(store: HubStore, size: Size): Promise<{ registers: RegisterSpec[]; admin: string; skus: string[] }> {
  const now = new Date();
  const skuCount = Math.ceil(size.stockRows / size.stores);
  const skus = Array.from({ length: skuCount }, (_, i) => skuOf(i));
  const write = async (changes: RowChange[]) => {
    for (let i = 0; i < changes.length; i += 20_000) await store.writeChanges(changes.slice(i, i + 20_000));
  };
  const location = (id: string): Row => ({ id, kind: 'store', name: `Store ${id}`, city: 'Denver', region: 'CO', country: 'US', timezone: 'America/Denver', lead_time_days: 2 });
  await write(Array.from({ length: size.stores }, (_, s) => ({ stream: 'catalog', table: 'locations', key: { id: storeId(s) }, row: location(storeId(s)), scopeStoreId: null })));
  await write(categoryRows().map((row) => ({ stream: 'catalog', table: 'categories', key: { id: row.id! }, row, scopeStoreId: null })));
  const products = [...skus.map((_, i) => productRow(i)), { ...productRow(skuCount), sku: MARKER_SKU }];
  await write(products.map((row) => ({ stream: 'catalog', table: 'products', key: { sku: row.sku! }, row, scopeStoreId: null })));
  const stock: RowChange[] = [];
  for (const row of stockRows(size, skus, 0)) stock.push({ stream: 'inventory', table: 'inventory', key: { sku: row.sku, location_id: row.location_id }, row, scopeStoreId: null });
  await write(stock);
  const registers: RegisterSpec[] = [];
  for (let r = 0; r < size.registers; r++) {
    const s = storeId(r % size.stores);
    const { device, token } = await store.addDevice(s, now);
    registers.push({ storeId: s, registerId: `R${r + 1}`, deviceId: device.id, token });
  }
  const { token: admin } = await store.addAdmin('bench', now);
  return { registers, admin, skus };
}

/** Stock of every SKU at every store for feed `cycle`, then the marker row (on hand = the cycle): the feed's newest change. */
function* stockRows(size: Size, skus: readonly string[], cycle: number): Generator<{ sku: string; location_id: string; on_hand: number; reserved: number; updated_at: string }> {
  const updated = new Date().toISOString();
  let i = 0;
  for (let s = 0; s < size.stores && i < size.stockRows; s++) {
    for (const sku of skus) {
      if (i >= size.stockRows) break;
      yield { sku, location_id: storeId(s), on_hand: (i * 7 + cycle * 13) % 60, reserved: (i + cycle) % 3, updated_at: updated };
      i += 1;
    }
  }
  yield { sku: MARKER_SKU, location_id: storeId(0), on_hand: cycle, reserved: 0, updated_at: updated };
}

function feedCsv(size: Size, skus: readonly string[], cycle: number): string {
  const lines = ['sku,location_id,on_hand,reserved'];
  for (const r of stockRows(size, skus, cycle)) lines.push(`${r.sku},${r.location_id},${r.on_hand},${r.reserved}`);
  return `${lines.join('\n')}\n`;
}

function cpuPressure(): number | null {
  try {
    return Number(/some avg10=[\d.]+ avg60=[\d.]+ avg300=([\d.]+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? NaN);
  } catch {
    return null;
  }
}

function readLast(name: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'bench', 'results', `${name}.json`), 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

type Snap = { cpu: number; dbCpu: number; requests: number; rows: number };

/**
 * The hub's CPU split by what it was doing (CPU seconds do not move with the machine's load,
 * wall times do): before the first feed only steady traffic (empty stock pulls, pushes); the
 * feed's upload; after it, steady traffic plus every register pulling the feed's rows.
 */
function cpuSplit(s: Record<string, Snap>): Record<string, number | null> {
  const { start, feedStart, feedEnd, end } = s;
  if (!start || !feedStart || !feedEnd || !end || feedStart.requests === start.requests) return {};
  const perRequest = (feedStart.cpu - start.cpu) / (feedStart.requests - start.requests);
  const fanout = end.cpu - feedEnd.cpu - perRequest * (end.requests - feedEnd.requests);
  const rows = end.rows - feedEnd.rows;
  // The database server's share (PostgreSQL: its own processes; SQLite works inside the hub's).
  const dbPerRequest = (feedStart.dbCpu - start.dbCpu) / (feedStart.requests - start.requests);
  const dbFanout = end.dbCpu - feedEnd.dbCpu - dbPerRequest * (end.requests - feedEnd.requests);
  return {
    hub_cpu_ms_per_request_steady: round(perRequest * 1000, 3),
    hub_cpu_s_feed_upload: round(feedEnd.cpu - feedStart.cpu, 2),
    hub_cpu_us_per_stock_row_served: rows ? round((fanout / rows) * 1e6, 3) : null,
    db_cpu_ms_per_request_steady: round(dbPerRequest * 1000, 3),
    db_cpu_s_feed_upload: round(feedEnd.dbCpu - feedStart.dbCpu, 2),
    db_cpu_us_per_stock_row_served: rows ? round((dbFanout / rows) * 1e6, 3) : null,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ModeResult {
  push_per_s: number;
  pull_per_s: number;
  pull_p50_ms: number;
  pull_p95_ms: number;
  pull_p99_ms: number;
  push_p50_ms: number;
  push_p95_ms: number;
  push_p99_ms: number;
  stock_staleness_p95_s: number | null;
  rss_mb: number;
  [more: string]: unknown;
}

async function runMode(backend: HubBackend, size: Size, dir: string): Promise<ModeResult> {
  console.log(`\n[${backend.mode}] seeding ${size.stores} stores, ${size.stockRows.toLocaleString('en-US')} stock rows, ${size.registers} devices…`);
  let seeded!: Awaited<ReturnType<typeof seed>>;
  await backend.seed(async (store) => void (seeded = await seed(store, size)));
  const cli = path.join(__dirname, '..', 'sync', 'hub', 'cli.js');
  const logFile = path.join(dir, `${backend.mode}.log`);
  const hub = await HubProcesses.start(cli, backend, logFile);
  const tally = new Tally();
  const registers: Register[] = [];
  try {
    // Registers bootstrapped before the run: every one starts at the stream's current end.
    const probe = openLightReplica({ streams: ['inventory'], dropStockExcept: MARKER_SKU });
    const probeHttp = new HttpTransport({ baseUrl: hub.url, token: seeded.registers[0]!.token, fetch: globalThis.fetch });
    await pull(probe, probeHttp, 'inventory');
    const cursor = readCursor(probe, 'inventory');
    probe.close();
    for (const spec of seeded.registers) registers.push(new Register(spec, hub.url, tally, cursor));

    const scale = 1000 / size.compress; // wall ms per simulated second
    const duration = size.minutes * 60 * scale;
    const feedStarts = new Map<number, number>();
    const turns = new Turns(PULLING_AT_ONCE);
    const feeds: { cycle: number; seconds: number; status: string }[] = [];
    const usage0 = procUsage(hub.pids());
    // Snapshots of the hub's CPU next to the work done, to split its CPU into steady traffic, the feed's ingest and its fan-out.
    const dbCpu = () => backend.dbCpuS?.() ?? 0;
    const db0 = dbCpu();
    const snap = () => ({ cpu: procUsage(hub.pids()).cpuS, dbCpu: dbCpu(), requests: tally.pulls + tally.pushes, rows: tally.rowsPulled });
    const snaps: Record<string, ReturnType<typeof snap>> = { start: snap() };
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const benchCpu0 = process.cpuUsage();
    let rssPeak = usage0.rssMb;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, procUsage(hub.pids()).rssMb)), 1000);
    const t0 = performance.now();
    const until = t0 + duration;
    tally.stopAt = until;
    // Each register on its own clock: first action at a random point of the period, then every period.
    const every = async (periodMs: number, act: () => Promise<void>) => {
      let at = t0 + Math.random() * periodMs;
      while (at < until) {
        await sleep(Math.max(0, at - performance.now()));
        await act();
        at = Math.max(at + periodMs, performance.now());
      }
    };
    const feedLoop = async () => {
      for (let cycle = 1, at = t0 + (PULL_EVERY_S / 2) * scale; at < until; cycle++, at += FEED_EVERY_S * scale) {
        await sleep(Math.max(0, at - performance.now()));
        const csv = feedCsv(size, seeded.skus, cycle);
        const start = performance.now();
        feedStarts.set(cycle, start);
        if (cycle === 1) snaps.feedStart = snap();
        const answer = await fetch(`${hub.url}/v1/admin/imports?file=stock-${cycle}.csv`, {
          method: 'POST', body: csv, headers: { authorization: `Bearer ${seeded.admin}`, 'content-type': 'text/csv' }, signal: AbortSignal.timeout(600_000),
        });
        const report = (await answer.json()) as { status?: string; rowsApplied?: number };
        if (cycle === 1) snaps.feedEnd = snap();
        feeds.push({ cycle, seconds: round((performance.now() - start) / 1000, 2), status: `${report.status} (${report.rowsApplied} rows)` });
        console.log(`  feed ${cycle}: ${report.status}, ${report.rowsApplied?.toLocaleString('en-US')} rows in ${((performance.now() - start) / 1000).toFixed(1)} s`);
      }
    };
    console.log(`[${backend.mode}] ${size.minutes} simulated minutes at ${size.compress}× (${((duration / 1000) | 0)} s of wall time)…`);
    await Promise.all([
      feedLoop(),
      ...registers.map((r) => every(PULL_EVERY_S * scale, () => r.pullStock(feedStarts, turns))),
      ...registers.map((r) => every(SELL_EVERY_S * scale, () => r.sell(seeded.skus))),
    ]);
    const wall = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    loopDelay.disable();
    const benchCpu = process.cpuUsage(benchCpu0);
    const usage1 = procUsage(hub.pids());
    snaps.end = snap();
    const split = cpuSplit(snaps);

    // A register that never got a feed counts at the run's end: a lower bound of its staleness.
    const end = performance.now();
    const stale: number[] = [];
    let reached = 0;
    let expected = 0;
    for (const [cycle, start] of feedStarts) {
      const got = tally.staleness.get(cycle) ?? [];
      stale.push(...got, ...Array<number>(registers.length - got.length).fill(end - start));
      reached += got.length;
      expected += registers.length;
    }
    stale.sort((a, b) => a - b);
    tally.pullMs.sort((a, b) => a - b);
    tally.pushMs.sort((a, b) => a - b);
    const ms = (list: number[], p: number) => round(percentile(list, p), 1);
    await hub.stop();
    const hubSide = hubSideTimes(logFile);
    const hubMs = (url: string, p: number) => round(percentile([...(hubSide.get(url) ?? [])].sort((a, b) => a - b), p), 1);

    console.log(`[${backend.mode}] raw inserts of the same ${tally.produced.length.toLocaleString('en-US')} events, ${EVENTS_PER_PUSH} a transaction…`);
    const rawS = await backend.rawInsert(tally.produced, EVENTS_PER_PUSH);
    return {
      push_per_s: round(tally.pushes / wall, 1),
      pull_per_s: round(tally.pulls / wall, 1),
      pull_p50_ms: ms(tally.pullMs, 50),
      pull_p95_ms: ms(tally.pullMs, 95),
      pull_p99_ms: ms(tally.pullMs, 99),
      push_p50_ms: ms(tally.pushMs, 50),
      push_p95_ms: ms(tally.pushMs, 95),
      push_p99_ms: ms(tally.pushMs, 99),
      hub_side_pull_p50_p95_ms: [hubMs('/v1/pull', 50), hubMs('/v1/pull', 95)],
      hub_side_push_p50_p95_ms: [hubMs('/v1/push', 50), hubMs('/v1/push', 95)],
      stock_staleness_p95_s: stale.length ? round((percentile(stale, 95) / 1000) * size.compress, 1) : null,
      rss_mb: Math.round(rssPeak),
      offered_push_per_s: round((size.registers / SELL_EVERY_S) * size.compress, 1),
      offered_pull_per_s_at_least: round((size.registers / PULL_EVERY_S) * size.compress, 1),
      events_per_s: round(tally.events / wall, 1),
      raw_events_per_s: Math.round(tally.produced.length / rawS),
      hub_cpu_s: round(usage1.cpuS - usage0.cpuS, 1),
      hub_cpu_cores: round((usage1.cpuS - usage0.cpuS) / wall, 2),
      db_cpu_cores: round((snaps.end.dbCpu - db0) / wall, 2),
      hub_processes: backend.workers,
      ...split,
      stock_rows_pulled: tally.rowsPulled,
      registers_process_cpu_cores: round((benchCpu.user + benchCpu.system) / 1e6 / wall, 2),
      registers_event_loop_delay_p99_ms: round(loopDelay.percentile(99) / 1e6, 1),
      stock_reached: expected ? round(reached / expected, 3) : null,
      feeds,
      requests_failed: tally.failures,
      events_rejected: tally.rejected,
      wall_s: round(wall, 1),
      measured_at: new Date().toISOString(),
      load_average_1m_end: round(os.loadavg()[0]!, 2),
      // Share of the time some runnable task waited for a CPU (Linux PSI): how crowded the shared machine was.
      cpu_pressure_some_avg300: cpuPressure(),
    };
  } finally {
    for (const r of registers) r.close();
    await hub.stop();
  }
}

export async function benchHub(args: string[]): Promise<void> {
  const size = sizeFrom(args);
  const modes = (arg(args, 'modes')?.split(',') ?? MODES) as Mode[];
  const database = arg(args, 'database');
  const result: Record<string, unknown> = {
    registers: size.registers,
    stores: size.stores,
    stock_rows: size.stockRows,
    simulated_minutes: size.minutes,
    compress: size.compress,
  };
  const loadStart = os.loadavg()[0]!;
  let raw: number | undefined;
  let pgServer: PgTestServer | undefined;
  for (const mode of modes) {
    if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode}; modes: ${MODES.join(', ')}`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `endcap-bench-hub-${mode}-`));
    if (mode !== 'sqlite') pgServer ??= await benchPgServer(database);
    const backend = mode === 'sqlite' ? sqliteBackend(dir) : await postgresBackend(mode, pgServer!);
    try {
      const measured = await runMode(backend, size, dir);
      result[mode] = measured;
      raw ??= measured.raw_events_per_s as number;
    } finally {
      await backend.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  await pgServer?.stop();
  result.load_average = { start_1m: round(loadStart, 2), end_1m: round(os.loadavg()[0]!, 2) };
  result.cpus = os.cpus().length;
  result.node = process.versions.node;
  const measured = modes.filter((m) => !(result[m] as { skipped?: string }).skipped);
  printTable(
    `Hub under ${size.registers} registers in ${size.stores} stores, ${size.stockRows.toLocaleString('en-US')}-row stock feed every 5 min (${size.minutes} simulated min at ${size.compress}×)`,
    ['mode', 'push/s', 'pull/s', 'pull p50/p95/p99 ms', 'push p50/p95/p99 ms', 'staleness p95 s', 'hub CPU cores', 'db CPU cores', 'hub RSS MB', 'events/s', 'raw events/s'],
    measured.map((m) => {
      const r = result[m] as ModeResult;
      return [m, r.push_per_s, r.pull_per_s, `${r.pull_p50_ms} / ${r.pull_p95_ms} / ${r.pull_p99_ms}`, `${r.push_p50_ms} / ${r.push_p95_ms} / ${r.push_p99_ms}`,
        r.stock_staleness_p95_s ?? '', r.hub_cpu_cores as number, r.db_cpu_cores as number, r.rss_mb, r.events_per_s as number, r.raw_events_per_s as number];
    }),
  );
  // With --modes, the modes not measured keep their figures from the last run of the same size (a note says when each ran).
  const name = args.includes('--small') ? 'hub-small' : 'hub';
  const last = readLast(name);
  if (arg(args, 'modes') && last && (['registers', 'stores', 'stock_rows', 'simulated_minutes', 'compress'] as const).every((k) => last[k] === result[k])) {
    for (const m of MODES) if (!modes.includes(m) && last[m]) result[m] = last[m];
  }
  result.raw_events_per_s = (result.sqlite as { raw_events_per_s?: number } | undefined)?.raw_events_per_s ?? raw ?? null;
  console.log(`\nwrote ${writeResult(name, result)}`);
}
