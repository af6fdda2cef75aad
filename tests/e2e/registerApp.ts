// A register as the product starts it (scripts/web.ts, electron/dbHost.ts): the set-up host over a
// data folder with its own device key, behind the loopback HTTP host, opened in a Chromium page.
// Unlike harness.ts's apps, it may start with nothing at all (first start) or with damaged data.
// And a store hub serving HTTPS with its own CA, seeded with the demo chain, that prints codes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startHttpHost, type HttpHost } from '../../core/host/httpHost.js';
import { openSetupHost, type SetupHost } from '../../core/host/setupHost.js';
import { fileKeyStore } from '../../core/keys/fileKeyStore.js';
import { deriveKeys } from '../../core/keys/keyStore.js';
import { hubLink, resolveHubConfig, type HubConfig } from '../../sync/client/index.js';
import { buildHubServer } from '../../sync/hub/server.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import type { StoredEvent } from '../../sync/hub/store.js';
import { hubTls, type HubTls } from '../../sync/hub/tls.js';
import { encodeEnrolmentCode, type Change, type Stream } from '../../sync/protocol/index.js';
import { screenshotPath, VIEWPORT } from './harness.js';

const STATIC_DIR = path.resolve(__dirname, '../../dist/renderer');
/** Fast cadences, as in harness.ts: a test sees the register catch up in seconds. */
const TEST_SCHEDULE = { pushEveryMs: 1_000, inventoryEveryMs: 60_000, backoff: { baseMs: 300, maxMs: 1_000 } };

export interface Register extends RegisterHost {
  readonly page: Page;
  screenshot(name: string): Promise<void>;
}

export interface RegisterHost {
  readonly dataDir: string;
  readonly setup: SetupHost;
  readonly http: HttpHost;
  hubConfig(): HubConfig | null;
  close(remove?: boolean): Promise<void>;
}

/** The register's host over `dataDir` (a new empty folder by default), without a browser. */
export async function startRegisterHost(dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-register-'))): Promise<RegisterHost> {
  const keyStore = fileKeyStore(dataDir);
  const configKey = deriveKeys(keyStore.masterKey()).config;
  const setup = openSetupHost({
    dataDir,
    keyStore,
    hub: hubLink({ dataDir, config: resolveHubConfig(dataDir, {}, configKey), configKey, sync: { scheduler: TEST_SCHEDULE, log: () => {} } }),
  });
  let http: HttpHost;
  try {
    http = await startHttpHost({ app: setup.app, staticDir: STATIC_DIR });
  } catch (err) {
    setup.close();
    throw err;
  }
  return {
    dataDir,
    setup,
    http,
    hubConfig: () => resolveHubConfig(dataDir, {}, configKey),
    async close(remove = false) {
      await http.close().catch(() => {});
      setup.close();
      if (remove) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts a register over `dataDir` and opens it in a fresh browser context. */
export async function startRegister(browser: Browser, dataDir?: string): Promise<Register> {
  const host = await startRegisterHost(dataDir);
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US', timezoneId: 'America/Denver' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on('pageerror', (err) => console.error('[e2e] page error:', err.message));
    await page.goto(host.http.launchUrl);
    const ctx = context;
    return {
      ...host,
      page,
      screenshot: (name) => page.screenshot({ path: screenshotPath(name), animations: 'disabled' }).then(() => {}),
      async close(remove = false) {
        await ctx.close().catch(() => {});
        await host.close(remove);
      },
    };
  } catch (err) {
    await context?.close().catch(() => {});
    await host.close();
    throw err;
  }
}

export interface TlsHub {
  readonly url: string;
  readonly tls: HubTls;
  /** A code as `npm run hub -- device enrol` prints it; `at` types another address into it. */
  code(storeId: string, options?: { minutes?: number; at?: string }): Promise<string>;
  events(): Promise<StoredEvent[]>;
  /** Every row of `stream` a register of `storeId` may pull, as the hub holds it now. */
  rows(stream: Stream, storeId: string): Promise<Change[]>;
  close(): Promise<void>;
}

/** A hub over a copy of `hubFile` (seeded by harness.buildSyncedPair), serving HTTPS with its own CA. */
export async function startTlsHub(hubFile: string): Promise<TlsHub> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-e2e-tlshub-'));
  fs.copyFileSync(hubFile, path.join(dir, 'hub.db'));
  const store = new SqliteHubStore(path.join(dir, 'hub.db'));
  const tls = await hubTls(path.join(dir, 'tls'), ['127.0.0.1']);
  const server = buildHubServer(store, { tls });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const url = `https://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  return {
    url,
    tls,
    code: async (storeId, options = {}) =>
      encodeEnrolmentCode({ url: options.at ?? url, secret: await store.addEnrolment(storeId, new Date(), new Date(Date.now() + (options.minutes ?? 15) * 60_000)) }),
    events: () => store.listEvents(),
    rows: async (stream, storeId) => (await store.changesSince(stream, storeId, 0, 1_000_000)).changes,
    async close() {
      await server.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
