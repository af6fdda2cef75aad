// End-to-end harness: the real device host and HTTP host in-process, the built renderer,
// and a headless Chromium. The demo replica is generated once per source version and copied
// for every test, so each test starts from the same store in its own data dir.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openDeviceHost, type DeviceHost } from '../../core/host/deviceHost.js';
import { startHttpHost, type HttpHost } from '../../core/host/httpHost.js';

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
 * because the demo's dates are relative to the day it was generated.
 */
function templateKey(): string {
  const hash = crypto.createHash('sha256');
  for (const dir of ['core/demo', 'core/db', 'core/auth', 'core/identity']) {
    for (const file of listFiles(path.join(ROOT, dir))) {
      hash.update(path.relative(ROOT, file));
      hash.update(fs.readFileSync(file));
    }
  }
  hash.update(new Date().toISOString().slice(0, 10));
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
  /** Saves tests/e2e/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

interface RunningApp extends AppUnderTest {
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; set ENDCAP_CHROMIUM.`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export async function startApp(browser: Browser, template: string): Promise<RunningApp> {
  if (!fs.existsSync(path.join(STATIC_DIR, 'index.html'))) {
    throw new Error('No built renderer in dist/renderer: run `npm run build` before the e2e tests.');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-'));
  fs.copyFileSync(template, path.join(dataDir, DB_FILE));

  const device = openDeviceHost({ dataDir, demo: false });
  let http: HttpHost | undefined;
  let context: BrowserContext | undefined;
  try {
    http = await startHttpHost({ app: device.app, staticDir: STATIC_DIR });
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
      async screenshot(name) {
        // Finished transitions, so a picture never catches a button mid-fade.
        await page.screenshot({ path: screenshotPath(name), animations: 'disabled' });
      },
      async close() {
        await ctx.close().catch(() => {});
        await host.close().catch(() => {});
        device.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await context?.close().catch(() => {});
    await http?.close().catch(() => {});
    device.close();
    throw err;
  }
}

/**
 * Registers the hooks for a test file: one Chromium per file, a fresh app per test.
 * Returns a getter for the current test's app.
 */
export function useAppUnderTest(): () => AppUnderTest {
  let browser: Browser | undefined;
  let template = '';
  let app: RunningApp | undefined;

  beforeAll(async () => {
    template = ensureTemplate();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    app = await startApp(browser!, template);
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
