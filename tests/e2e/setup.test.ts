// A register's first start and its recovery, driven in Chromium through the loopback host as
// the product starts it (the set-up host over a data folder with its own key):
// (a) nothing in the folder → the choice → "Try the demo" → the demo store, marked as such;
// (b) → "Connect to your store hub" → a code printed by a hub serving HTTPS (refusals first:
//     a machine in the middle, a typing slip, a used code) → the register copies the store and
//     a person signs in; the hub's CA is pinned in sync.json;
// (c) a replica scribbled on in the middle → the recovery screen → "Rebuild from hub" → rebuilt,
//     and the damaged file's unsent events reach the hub exactly once.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSyncedPair, ensureTemplate, launchBrowser, startTestHub, type SyncedPair } from './harness.js';
import { DEMO_FIXTURES, staffNamed } from './demo.js';
import { startMiddle } from './hubAttackers.js';
import { LoginPage } from './pages/LoginPage.js';
import { LookupPage } from './pages/LookupPage.js';
import { SetupPage } from './pages/SetupPage.js';
import { startRegister, startTlsHub } from './registerApp.js';

const ASSOCIATE = 'Ava Martinez';
let browser: Browser;
let pair: SyncedPair & { dir: string };

beforeAll(async () => {
  pair = await buildSyncedPair(ensureTemplate());
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  if (pair) fs.rmSync(pair.dir, { recursive: true, force: true });
});

async function signInAndLookUp(page: import('playwright-core').Page): Promise<string[]> {
  const login = new LoginPage(page);
  // A register that is copying its store from the hub shows the login once it has.
  await page.getByRole('heading', { name: 'Who’s working?' }).waitFor({ timeout: 180_000 });
  await login.waitForTiles();
  await login.logIn(ASSOCIATE, staffNamed(ASSOCIATE).pin);
  const lookup = new LookupPage(page);
  await lookup.waitForReady();
  await lookup.search(DEMO_FIXTURES.johnDoe.email!);
  return lookup.resultNames();
}

describe('first start', () => {
  it('(a) asks first; the demo exists only once chosen, and every screen says it is demo data', async () => {
    const register = await startRegister(browser);
    try {
      const setup = new SetupPage(register.page);
      await setup.choice.waitFor();
      expect(fs.existsSync(path.join(register.dataDir, 'endcap.db'))).toBe(false); // nothing made before the choice
      await register.screenshot('setup-choice');

      await setup.tryDemo();
      await register.page.getByTestId('demo-badge').waitFor({ timeout: 180_000 }); // on the login panel
      expect(await signInAndLookUp(register.page)).toContain('John Doe');
      const badge = register.page.getByTestId('status-bar').getByTestId('demo-badge');
      expect((await badge.innerText()).trim()).toBe('Demo data');
      await register.screenshot('setup-demo-statusbar');
      expect(register.setup.status()).toMatchObject({ phase: 'ready', demo: true, hub: null });
    } finally {
      await register.close(true);
    }
  }, 300_000);

  it('(b) connects to a hub over TLS with a typed code after refusing a machine in the middle, a slip and a used code', async () => {
    const hub = await startTlsHub(pair.hub);
    const middle = await startMiddle('own-ca', hub.url, hub.tls.caCert);
    const register = await startRegister(browser);
    try {
      const setup = new SetupPage(register.page);
      await setup.choice.waitFor();
      await setup.openConnect();

      // A machine in the middle offers its own CA: refused before the secret leaves the register.
      await setup.connect(await hub.code('S1', { at: middle.url }));
      expect(await setup.refusal()).toEqual({ reason: 'fingerprint_mismatch', title: 'The hub’s certificate does not match the code' });
      expect(middle.secretsSeen).toEqual([]);
      await register.screenshot('setup-connect-refused');

      const code = await hub.code('S1');
      const slip = code.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
      await setup.connect(slip);
      expect((await setup.refusal()).reason).toBe('mistyped');

      // A code another register already used (an attacker replaying one seen over a shoulder).
      const used = await hub.code('S1');
      const other = await startRegister(browser);
      try {
        const first = await other.setup.app.dispatch('setup.enrol', { code: used });
        expect(first).toMatchObject({ ok: true, value: { status: 'connected', storeId: 'S1' } });
      } finally {
        await other.close(true);
      }
      await setup.connect(used);
      expect(await setup.refusal()).toMatchObject({ reason: 'used', title: 'This code was already used' });
      expect(await register.setup.app.dispatch('setup.enrol', { code: await hub.code('S1', { minutes: -1 }) })).toMatchObject({ ok: true, value: { status: 'refused', reason: 'expired' } });

      // The real code, typed the way a person types on a tablet: lower case, spaces for dashes.
      await setup.connect(code.toLowerCase().replace(/-/g, ' '));
      await register.page.getByTestId('bootstrap').waitFor();
      await register.screenshot('setup-enrolled-bootstrap');
      expect(await signInAndLookUp(register.page)).toContain('John Doe');
      expect(await register.page.getByTestId('demo-badge').count()).toBe(0);

      const config = register.hubConfig()!;
      expect(config).toMatchObject({ url: hub.url, store: 'S1', ca: hub.tls.caCert });
      // The token is sealed with the device key in sync.json, never in clear.
      expect(fs.readFileSync(path.join(register.dataDir, 'sync.json'), 'utf8')).not.toContain(config.token);
      // And once connected, set-up is closed: the register cannot be pointed at another hub.
      expect(await register.setup.app.dispatch('setup.enrol', { code: await hub.code('S1') })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect(await register.setup.app.dispatch('setup.chooseDemo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    } finally {
      await register.close(true);
      await middle.close();
      await hub.close();
    }
  }, 300_000);
});

describe('damaged data', () => {
  it('(c) shows what happened, rebuilds from the hub when asked, and the unsent events reach the hub exactly once', async () => {
    const hub = await startTestHub(pair.hub);
    const dataDir = fs.mkdtempSync(path.join(path.dirname(pair.dir), 'endcap-e2e-damaged-'));
    fs.copyFileSync(pair.device, path.join(dataDir, 'endcap.db'));
    fs.writeFileSync(path.join(dataDir, 'sync.json'), JSON.stringify({ url: hub.url, token: hub.token, store: 'S1', register: 'R1' }));
    try {
      // The store's network is down while a sale is declined twice: the events wait in the outbox.
      await hub.cut();
      let register = await startRegister(browser, dataDir);
      const app = register.setup.app;
      const ava = staffNamed(ASSOCIATE);
      expect(await app.dispatch('session.login', { staffId: ava.id, pin: ava.pin })).toMatchObject({ ok: true, value: { status: 'signed_in' } });
      const sku = register.setup.device!.db.prepare(`SELECT sku FROM products WHERE status = 'active' AND is_partner = 0 ORDER BY popularity DESC LIMIT 1`).pluck().get() as string;
      for (let i = 0; i < 2; i++) {
        expect(await app.dispatch('capture.record', { outcome: 'declined', reason: 'no_email', basket: [{ sku, quantity: 1 }] })).toMatchObject({ ok: true });
      }
      const unsent = register.setup.device!.db.prepare(`SELECT id FROM outbox ORDER BY id`).pluck().all() as string[];
      expect(unsent.length).toBeGreaterThanOrEqual(2);
      await register.close();

      // Bytes overwritten in the middle of the (encrypted) replica.
      const file = path.join(dataDir, 'endcap.db');
      const bytes = fs.readFileSync(file);
      const mid = Math.floor(bytes.length / 4096 / 2) * 4096;
      bytes.fill(0x41, mid + 100, mid + 300);
      fs.writeFileSync(file, bytes);

      await hub.restore();
      register = await startRegister(browser, dataDir);
      const setup = new SetupPage(register.page);
      await setup.recovery.waitFor();
      const movedTo = await register.page.getByTestId('recovery-moved-to').innerText();
      expect(fs.readFileSync(movedTo).equals(bytes)).toBe(true); // moved aside, not modified
      expect(await register.page.getByTestId('recovery-kept').innerText()).toBe(`${unsent.length} unsent events were kept and will be sent to the hub.`);
      expect(await register.page.getByTestId('demo-badge').count()).toBe(0);
      await register.screenshot('setup-recovery');
      // Nothing is sent or pulled until a person says so.
      expect((await hub.events()).filter((e) => unsent.includes(e.id))).toEqual([]);

      await register.page.getByTestId('rebuild').click();
      expect(await signInAndLookUp(register.page)).toContain('John Doe');
      await expect.poll(async () => (await hub.events()).filter((e) => unsent.includes(e.id)).length, { timeout: 30_000 }).toBe(unsent.length);
      const held = await hub.events();
      expect(new Set(held.map((e) => e.id)).size).toBe(held.length); // each exactly once
      expect(register.setup.device!.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
      await register.close();
    } finally {
      await hub.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
