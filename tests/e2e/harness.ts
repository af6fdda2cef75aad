// End-to-end harness: the real device host and HTTP host in-process, the built renderer,
// and a headless Chromium. The demo replica is generated once per source version and copied
// for every test, so each test starts from the same store in its own data dir.
//
// With `{ hub: 'synced' }` a store hub runs in-process too, seeded from the same demo replica,
// and the device syncs with it over loopback HTTP; the test can cut and restore the hub and
// move the device's clock. `{ hub: 'new-device' }` starts from an empty replica that fills
// itself from the hub (bootstrap).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDeviceHost, type DeviceHost } from '../../core/host/deviceHost.js';
import { startHttpHost, type HttpHost } from '../../core/host/httpHost.js';
import { openSetupHost } from '../../core/host/setupHost.js';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { demoAnchor } from '../../core/demo/generate.js';
import { STREAMS } from '../../sync/protocol/index.js';
import { hubSync } from '../../sync/client/deviceSync.js';
import { pull } from '../../sync/client/pull.js';
import { HttpTransport } from '../../sync/client/transport.js';
import { HubReports } from '../../sync/hub/reports/index.js';
import { buildHubServer } from '../../sync/hub/server.js';
import { recountDemoStock } from '../../sync/hub/demoStock.js';
import { seedFromReplica } from '../../sync/hub/seedFromReplica.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import type { StoredEvent } from '../../sync/hub/store.js';
import type { FastifyInstance } from 'fastify';
import type { ShellPort } from '../../core/contract/ports.js';

const ROOT = path.resolve(__dirname, '../..');
const STATIC_DIR = path.join(ROOT, 'dist/renderer');
const SCREENSHOT_DIR = path.join(__dirname, 'screenshots');
const DB_FILE = 'endcap.db';
const TEMPLATE_PREFIX = 'endcap-e2e-template-';

const CHROMIUM = process.env.ENDCAP_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** A landscape counter tablet. */
export const VIEWPORT = { width: 1280, height: 800 };

// ---------------------------------------------------------------------------------------
// The template replica

/**
 * The template's name changes when the code that shapes the replica changes, and daily,
 * because the demo's dates are relative to its anchor day (`demoAnchor`).
 */
function templateKey(): string {
  const hash = crypto.createHash('sha256');
  for (const dir of ['core/demo', 'core/db', 'core/auth', 'core/identity']) {
    for (const file of listFiles(path.join(ROOT, dir))) {
      hash.update(path.relative(ROOT, file));
      hash.update(fs.readFileSync(file));
    }
  }
  hash.update(demoAnchor(new Date()).toISOString());
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts'))
    .sort();
}

/** Path of the template `endcap.db`, generating it if this version has none yet. */
export function ensureTemplate(): string {
  const dir = path.join(os.tmpdir(), TEMPLATE_PREFIX + templateKey());
  const file = path.join(dir, DB_FILE);
  if (fs.existsSync(file)) return file;

  // Build beside, then rename: a half-built template is never visible under the final name.
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  const started = Date.now();
  const host = openDeviceHost({ dataDir: building, demo: true });
  host.close(); // folds the WAL into endcap.db, so one file is the whole replica
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another run won the race
  }
  console.log(`[e2e] demo replica template built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${file}`);
  removeStaleTemplates(dir);
  return file;
}

function removeStaleTemplates(keep: string): void {
  for (const name of fs.readdirSync(os.tmpdir())) {
    const full = path.join(os.tmpdir(), name);
    if (name.startsWith(TEMPLATE_PREFIX) && full !== keep && !name.includes('.building-')) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
}

/** tests/e2e/screenshots/<name>.png, creating the folder. */
export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return path.join(SCREENSHOT_DIR, `${name}.png`);
}

// ---------------------------------------------------------------------------------------
// One app per test

export interface AppUnderTest {
  readonly page: Page;
  readonly device: DeviceHost;
  readonly http: HttpHost;
  readonly dataDir: string;
  /** The store hub this device syncs with; null for a standalone device (the default). */
  readonly hub: HubUnderTest | null;
  /** Moves the device's clock forward (time passing while the store is offline). Hub mode only. */
  advanceClock(ms: number): void;
  /** The device's clock. */
  now(): Date;
  /** Saves tests/e2e/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

/** Standalone (default); a device in sync with a hub seeded from the same demo; or a new, empty device. */
export type HubMode = 'none' | 'synced' | 'new-device';

/** Fast cadences so a test sees the device recover in seconds, not in the product's 30 s. */
const TEST_SCHEDULE = { pushEveryMs: 1_000, inventoryEveryMs: 60_000, backoff: { baseMs: 300, maxMs: 1_000 } };

interface RunningApp extends AppUnderTest {
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; set ENDCAP_CHROMIUM.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function startApp(browser: Browser, template: string, pair: SyncedPair | null = null, mode: HubMode = 'none', shell?: ShellPort): Promise<RunningApp> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error('No built renderer in dist/renderer: run `npm run build` before the e2e tests.');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-'));
  if (mode === 'none') fs.copyFileSync(template, path.join(dataDir, DB_FILE));
  if (mode === 'synced') fs.copyFileSync(pair!.device, path.join(dataDir, DB_FILE));
  const hub = mode !== 'none' && pair ? await startTestHub(pair.hub) : null;

  let clockOffsetMs = 0;
  const now = () => new Date(Date.now() + clockOffsetMs);
  let device: DeviceHost;
  try {
    device = hub
      ? openDeviceHost({
          dataDir,
          demo: false,
          now,
          sync: hubSync({ config: { url: hub.url, token: hub.token, store: 'S1', register: 'R1' }, now, scheduler: TEST_SCHEDULE, log: () => {} }),
          ...(shell ? { shell } : {}),
        })
      : openDeviceHost({ dataDir, demo: false, ...(shell ? { shell } : {}) });
  } catch (err) {
    await hub?.close();
    throw err;
  }
  let http: HttpHost | undefined;
  let context: BrowserContext | undefined;
  try {
    // Served as the product serves it: through the set-up host (here over a replica already open).
    http = await startHttpHost({ app: openSetupHost({ dataDir, device }).app, staticDir: STATIC_DIR });
    // A fresh context per test: its own cookie jar, so tests never share a login.
    context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'America/Denver' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('[e2e] page error:', err.message));
    await page.goto(http.launchUrl);

    const ctx = context;
    const host = http;
    return {
      page,
      device,
      http: host,
      dataDir,
      hub,
      advanceClock(ms) {
        if (!hub) throw new Error('The device clock moves only in hub mode.');
        clockOffsetMs += ms;
      },
      now,
      async screenshot(name) {
        // Finished transitions, so a picture never catches a button mid-fade.
        await page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
      },
      async close() {
        await ctx.close().catch(() => {});
        await host.close().catch(() => {});
        device.close();
        await hub?.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context?.close().catch(() => {});
    await http?.close().catch(() => {});
    device.close();
    await hub?.close();
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// A hub and a device replica that agree (hub mode)

export interface SyncedPair {
  /** Hub database seeded from the demo, with one device token for store S1. */
  hub: string;
  token: string;
  /** The demo replica after pulling every stream from that hub: its cursors stand at the hub's versions. */
  device: string;
}

/**
 * Seeds a hub from the demo template and brings a copy of the template level with it by really
 * pulling every stream, once per test file; each test then copies both files.
 */
export async function buildSyncedPair(template: string, pullDevice = true): Promise<SyncedPair & { dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-pair-'));
  const started = Date.now();
  const hubFile = path.join(dir, 'hub.db');
  const seeded = await startTestHub(hubFile, { seedFrom: template });
  if (!pullDevice) {
    await seeded.close();
    return { dir, hub: hubFile, token: seeded.token, device: '' };
  }
  const deviceFile = path.join(dir, DB_FILE);
  fs.copyFileSync(template, deviceFile);
  const db = openDatabase(deviceFile);
  try {
    const transport = new HttpTransport({ baseUrl: seeded.url, token: seeded.token });
    for (const stream of STREAMS) await pull(db, transport, stream);
  } finally {
    closeDatabase(db);
    await seeded.close();
  }
  console.log(`[e2e] hub and device brought level in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dir, hub: hubFile, token: seeded.token, device: deviceFile };
}

/**
 * Registers the hooks for a test file: one Chromium per file, a fresh app per test.
 * Returns a getter for the current test's app.
 */
export function useAppUnderTest(options: { hub?: HubMode; /** A stand-in for Electron's main process (updates, window close), made per test. */ shell?: () => ShellPort } = {}): () => AppUnderTest {
  const mode = options.hub ?? 'none';
  let browser: Browser | undefined;
  let template = '';
  let pair: (SyncedPair & { dir: string }) | null = null;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    template = ensureTemplate();
    if (mode !== 'none') pair = await buildSyncedPair(template, mode === 'synced');
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    if (pair) fs.rmSync(pair.dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    app = await startApp(browser!, template, pair, mode, options.shell?.());
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  return () => {
    if (!app) throw new Error('The app is only available inside a test.');
    return app;
  };
}

// ---------------------------------------------------------------------------------------
// The store hub in-process

export interface HubUnderTest {
  readonly url: string;
  /** A device token for store S1. */
  readonly token: string;
  /** Every event the hub holds. */
  events(): Promise<StoredEvent[]>;
  /** A new device token for a store: another register. */
  addDevice(storeId: string): Promise<string>;
  /** The store systems send fresh counts, taken at `at` (a delta stock file). */
  recountStock(at: Date): void;
  /** Stops the hub's server: the device gets "connection refused", as when the store's network is down. */
  cut(): Promise<void>;
  /** Serves again on the same address, with everything it held. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A hub on loopback over its own copy of `file` (so a test's pushes stay in that test), or, with
 * `seedFrom`, over `file` itself, seeded from a device-format replica with a new S1 token.
 */
export async function startTestHub(file: string, options: { seedFrom?: string } = {}): Promise<HubUnderTest> {
  let dbFile = file;
  let dir: string | null = null;
  if (!options.seedFrom) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-hub-'));
    dbFile = path.join(dir, 'hub.db');
    fs.copyFileSync(file, dbFile);
  }
  const store = new SqliteHubStore(dbFile);
  let token = '';
  if (options.seedFrom) {
    await seedFromReplica(store, options.seedFrom);
    token = (await store.addDevice('S1', new Date())).token;
    fs.writeFileSync(`${dbFile}.token`, token);
  } else {
    token = fs.readFileSync(`${file}.token`, 'utf8');
  }
  // The demo's store systems count stock as the hub starts, as a live stock feed would have.
  await recountDemoStock(store, new Date());
  // The chain reports too (POST /v1/reports), over the same file, as `npm run hub` serves them.
  const reports = new HubReports(dbFile);
  let server: FastifyInstance | null = buildHubServer(store, { reports });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  const port = Number(new URL(url).port);

  return {
    url,
    token,
    events: () => store.listEvents(),
    addDevice: async (storeId) => (await store.addDevice(storeId, new Date())).token,
    recountStock: (at) => void recountDemoStock(store, at),
    async cut() {
      await server?.close();
      server = null;
    },
    async restore() {
      if (server) return;
      server = buildHubServer(store, { reports });
      await server.listen({ host: '127.0.0.1', port });
    },
    async close() {
      await server?.close();
      server = null;
      reports.close();
      await store.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
