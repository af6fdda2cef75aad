// Two registers (two web hosts on two ports) open in one browser: cookies are shared across the
// ports of 127.0.0.1, so each host's sign-in must survive the other's launch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/registry.js';
import { openSmallStore, SMALL_PINS } from '../testing/smallStore.js';
import { startHttpHost, type HttpHost } from './httpHost.js';
import { openWebTab } from '../testing/webTab.js';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-static-'));
let one: HttpHost;
let two: HttpHost;

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Endcap</title>');
  one = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
  two = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
});
afterAll(async () => {
  await one.close();
  await two.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

/** What a browser's one cookie jar for 127.0.0.1 holds after opening both launch links. */
async function jarAfterLaunching(...hosts: HttpHost[]): Promise<string> {
  const jar = new Map<string, string>();
  for (const h of hosts) {
    const set = (await fetch(h.launchUrl, { redirect: 'manual' })).headers.get('set-cookie') ?? '';
    const [pair] = set.split(';');
    const eq = pair!.indexOf('=');
    jar.set(pair!.slice(0, eq), pair!.slice(eq + 1)); // same name: the later one replaces the earlier
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

describe('two web registers in one browser', () => {
  it('keep their own sign-in: launching the second does not sign the first out', async () => {
    const cookie = await jarAfterLaunching(one, two);
    for (const host of [one, two]) {
      const r = await fetch(`${host.origin}/api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await openWebTab(host, cookie)).headers },
        body: JSON.stringify({ name: 'session.login', input: { staffId: 'st-ava', pin: SMALL_PINS.associate } }),
      });
      expect(r.status).toBe(200);
      expect(await r.json()).toMatchObject({ ok: true, value: { status: 'signed_in' } });
    }
  });
});
