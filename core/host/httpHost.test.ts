import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/registry.js';
import { openSmallStore, SMALL_PINS } from '../testing/smallStore.js';
import { startHttpHost, type HttpHost } from './httpHost.js';
import { MAX_CALL_BODY_BYTES } from '../contract/errors.js';
import { openWebTab, type WebTab } from '../testing/webTab.js';

let host: HttpHost;
let cookie: string;
let tab: WebTab;
const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-static-'));

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Endcap</title>');
  fs.writeFileSync(path.join(staticDir, 'app.js'), 'console.log(1)');
  host = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
  const launch = await fetch(host.launchUrl, { redirect: 'manual' });
  expect(launch.status).toBe(302);
  cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0]!;
  tab = await openWebTab(host, cookie);
});
afterAll(async () => {
  await host.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

const call = (name: string, input: unknown, headers: Record<string, string> = tab.headers) =>
  fetch(`${host.origin}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ name, input }),
  });

describe('loopback HTTP host', () => {
  it('listens on loopback only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('sets an HttpOnly, SameSite=Strict cookie only for the right launch token', async () => {
    const good = await fetch(host.launchUrl, { redirect: 'manual' });
    expect(good.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const bad = await fetch(`${host.origin}/launch?token=guess`, { redirect: 'manual' });
    expect(bad.status).toBe(403);
    expect(bad.headers.get('set-cookie')).toBeNull();
  });

  it('serves the app API to the launched browser', async () => {
    const r = await call('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
    expect(await r.json()).toMatchObject({ ok: true, value: { status: 'signed_in' } });
    const lookup = await call('customers.lookup', { query: 'doe' });
    expect(((await lookup.json()) as { value: { matches: unknown[] } }).value.matches).toHaveLength(2);
  });

  it('refuses API calls without the token or from another origin', async () => {
    expect((await call('session.staff', {}, {})).status).toBe(401);
    expect((await call('session.staff', {}, { ...tab.headers, cookie: 'endcap_token=wrong' })).status).toBe(401);
    const cross = await call('session.staff', {}, { ...tab.headers, origin: 'http://evil.example' });
    expect(cross.status).toBe(401);
    expect(await cross.json()).toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('answers bad bodies with typed errors', async () => {
    const notJson = await fetch(`${host.origin}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', ...tab.headers }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'malformed_json' } });
    expect(await (await call('no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
    const huge = await fetch(`${host.origin}/api/call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...tab.headers },
      body: JSON.stringify({ name: 'customers.lookup', input: { query: 'x'.repeat(MAX_CALL_BODY_BYTES) } }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ ok: false, error: { code: 'body_too_large' } });
  });

  it('sends a strict content security policy with the page', async () => {
    const page = await fetch(`${host.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    // client-side routes load the same page; unknown API paths do not
    expect((await fetch(`${host.origin}/associate/customers`)).status).toBe(200);
    expect((await fetch(`${host.origin}/api/nothing`)).status).toBe(404);
  });

  it('does not serve files outside the renderer folder', async () => {
    const secret = path.join(path.dirname(staticDir), 'endcap-secret.txt');
    fs.writeFileSync(secret, 'secret');
    const body = await rawGet(`/../${path.basename(secret)}`);
    expect(body).not.toContain('secret');
    fs.rmSync(secret);
  });

  it('streams app events to the browser', async () => {
    await call('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
    const res = await fetch(`${host.origin}/api/events?tab=${tab.tab}`, { headers: { cookie } });
    const reader = res.body!.getReader();
    await reader.read(); // ": connected"
    await call('session.logout', {});
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('{"event":"session.changed","payload":null}');
    await reader.cancel();
  });

  it('closes promptly while a browser still holds the event stream open', async () => {
    const other = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
    const t = await openWebTab(other);
    const res = await fetch(`${other.origin}/api/events?tab=${t.tab}`, { headers: { cookie: t.cookie } });
    await res.body!.getReader().read();
    await other.close(); // would wait forever if the stream were left open
    await expect(fetch(`${other.origin}/`)).rejects.toThrow();
  });

  it('closes even while a client holds a request half-sent, and opens no event stream once closing', async () => {
    const other = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
    const t = await openWebTab(other);
    const url = new URL(other.origin);
    // A call that announces 100 bytes and sends 10: the server would wait for the rest forever.
    const stuck = http.request({ host: url.hostname, port: url.port, path: '/api/call', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '100', cookie: t.cookie } });
    const cut = new Promise<string>((resolve) => stuck.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message)));
    stuck.write('{"name":"x');
    await new Promise((r) => setTimeout(r, 100));
    const closed = other.close();
    await closed; // would wait forever for the half-sent request
    expect(await cut).toMatch(/ECONNRESET|socket hang up/);
  });
});

// fetch normalizes `..` away; a raw request sends it as typed.
function rawGet(p: string): Promise<string> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    http
      .get({ host: url.hostname, port: url.port, path: p }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve(data));
      })
      .on('error', reject);
  });
}
