// Per-tab sessions of the web host (issue 19): two tabs of one browser are two registers. Each
// signs in as its own person and acts as that person; signing out in one leaves the other alone.
// The refusals are tried as an attacker would send them: a tab id from another origin, a made-up
// or stale id, the main seat's name, another host's id, and another tab's event stream.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, MAIN_SEAT, type App } from '../api/registry.js';
import { openSmallStore, SMALL_PINS } from '../testing/smallStore.js';
import { launchCookie, openWebTab, type WebTab } from '../testing/webTab.js';
import { startHttpHost, type HttpHost } from './httpHost.js';
import { TabBook } from './tabs.js';

const staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-static-'));
let app: App;
let host: HttpHost;
let other: HttpHost;

beforeAll(async () => {
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Endcap</title>');
  app = createApp({ db: openSmallStore() });
  host = await startHttpHost({ app, staticDir });
  other = await startHttpHost({ app: createApp({ db: openSmallStore() }), staticDir });
});
afterAll(async () => {
  await host.close();
  await other.close();
  fs.rmSync(staticDir, { recursive: true, force: true });
});

async function call(h: HttpHost, headers: Record<string, string>, name: string, input: unknown = {}) {
  const r = await fetch(`${h.origin}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name, input }) });
  return { status: r.status, body: (await r.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } } };
}
const current = async (tab: WebTab) => ((await call(host, tab.headers, 'session.current')).body.value as { staffId: string } | null)?.staffId ?? null;

describe('two tabs of one browser', () => {
  it('sign in as different people, each acts as itself, and one signing out leaves the other signed in', async () => {
    const cookie = await launchCookie(host);
    const associate = await openWebTab(host, cookie);
    const manager = await openWebTab(host, cookie);
    expect(associate.tab).not.toBe(manager.tab);

    expect((await call(host, associate.headers, 'session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate })).body).toMatchObject({ ok: true, value: { status: 'signed_in' } });
    expect(await current(manager)).toBeNull(); // the other tab is not signed in by it
    expect((await call(host, manager.headers, 'session.login', { staffId: 'st-dana', pin: SMALL_PINS.manager })).body).toMatchObject({ ok: true, value: { status: 'signed_in' } });
    expect(await current(associate)).toBe('st-ava');
    expect(await current(manager)).toBe('st-dana');

    // Each acts with its own role: the manager's call is refused in the associate's tab only.
    expect((await call(host, associate.headers, 'staff.list')).body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await call(host, manager.headers, 'staff.list')).body).toMatchObject({ ok: true });

    await call(host, associate.headers, 'session.logout');
    expect(await current(associate)).toBeNull();
    expect(await current(manager)).toBe('st-dana');
    // Nothing done in a tab signs in the device's main seat (Electron's window).
    expect(app.session).toBeNull();
  });

  it("each tab's event stream carries its own sign-in events and the device's, not the other tab's", async () => {
    const cookie = await launchCookie(host);
    const one = await openWebTab(host, cookie);
    const two = await openWebTab(host, cookie);
    const stream = await fetch(`${host.origin}/api/events?tab=${two.tab}`, { headers: { cookie } });
    const reader = stream.body!.getReader();
    await reader.read(); // ": connected"
    await call(host, one.headers, 'session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate });
    await call(host, two.headers, 'session.login', { staffId: 'st-dana', pin: SMALL_PINS.manager });
    const { value } = await reader.read();
    const frame = new TextDecoder().decode(value);
    expect(frame).toContain('"event":"session.changed"');
    expect(frame).toContain('st-dana');
    expect(frame).not.toContain('st-ava');
    await reader.cancel();
  });
});

describe('the web host refuses', () => {
  it('a call naming a tab from another origin or another site, even with the cookie', async () => {
    const tab = await openWebTab(host);
    expect((await call(host, { ...tab.headers, origin: 'http://evil.example' }, 'session.staff')).status).toBe(401);
    // Another register on this machine (another port of 127.0.0.1) is the same site but not our origin.
    expect((await call(host, { ...tab.headers, origin: other.origin }, 'session.staff')).status).toBe(401);
    expect((await call(host, { ...tab.headers, 'sec-fetch-site': 'same-site' }, 'session.staff')).status).toBe(401);
    expect((await call(host, { ...tab.headers, 'sec-fetch-site': 'cross-site' }, 'session.staff')).status).toBe(401);
    expect((await call(host, { ...tab.headers, origin: host.origin, 'sec-fetch-site': 'same-origin' }, 'session.staff')).status).toBe(200);
  });

  it('a new tab for another origin or without the cookie', async () => {
    const cookie = await launchCookie(host);
    const tab = (headers: Record<string, string>) => fetch(`${host.origin}/api/tab`, { method: 'POST', headers });
    expect((await tab({ cookie, origin: 'http://evil.example' })).status).toBe(401);
    expect((await tab({})).status).toBe(401);
    expect((await tab({ cookie: 'endcap_token=guess' })).status).toBe(401);
    // A GET (a link, an <img>) cannot mint one.
    expect((await fetch(`${host.origin}/api/tab`, { headers: { cookie } })).status).toBe(404);
  });

  it('a made-up, stale, missing or borrowed tab id with a typed error, and runs nothing', async () => {
    const cookie = await launchCookie(host);
    const refused = { status: 401, body: { ok: false, error: { code: 'unknown_tab', message: expect.stringMatching(/^[A-Z].+\.$/) } } };
    const login = { staffId: 'st-ava', pin: SMALL_PINS.associate };
    expect(await call(host, { cookie }, 'session.login', login)).toEqual(refused);
    expect(await call(host, { cookie, 'x-endcap-tab': 'AAAAAAAAAAAAAAAAAAAAAAAA' }, 'session.login', login)).toEqual(refused);
    expect(await call(host, { cookie, 'x-endcap-tab': MAIN_SEAT }, 'session.login', login)).toEqual(refused);
    expect(await call(host, { cookie, 'x-endcap-tab': `tab:${MAIN_SEAT}` }, 'session.login', login)).toEqual(refused);
    // A tab of another register's host is nothing here.
    const elsewhere = await openWebTab(other);
    expect(await call(host, { cookie, 'x-endcap-tab': elsewhere.tab }, 'session.login', login)).toEqual(refused);
    // A real tab id without this host's cookie is refused before the id is looked at.
    const mine = await openWebTab(host, cookie);
    expect((await call(host, { 'x-endcap-tab': mine.tab }, 'session.login', login)).status).toBe(401);
    expect(app.session).toBeNull();
  });

  it("an event stream for an unknown tab, another origin's, or another site's", async () => {
    const tab = await openWebTab(host);
    const events = (query: string, headers: Record<string, string>) => fetch(`${host.origin}/api/events${query}`, { headers });
    expect((await events('', { cookie: tab.cookie })).status).toBe(401);
    expect((await events('?tab=made-up', { cookie: tab.cookie })).status).toBe(401);
    expect((await events(`?tab=${tab.tab}`, { cookie: tab.cookie, origin: 'http://evil.example' })).status).toBe(401);
    expect((await events(`?tab=${tab.tab}`, { cookie: tab.cookie, 'sec-fetch-site': 'same-site' })).status).toBe(401);
    expect((await events(`?tab=${tab.tab}`, {})).status).toBe(401);
  });
});

describe('the tab book', () => {
  it('accepts only ids it issued, and forgets the least recently used tab past its limit', () => {
    const forgotten: string[] = [];
    const book = new TabBook(2, (id) => forgotten.push(id));
    const a = book.issue();
    const b = book.issue();
    expect(book.use(a)).toBe(true); // a is now the most recent
    const c = book.issue();
    expect(forgotten).toEqual([b]);
    expect(book.use(b)).toBe(false);
    expect(book.use(a) && book.use(c)).toBe(true);
    expect(book.use(undefined) || book.use(['x']) || book.use('')).toBe(false);
  });

  it('a forgotten tab signs its person out of the app', async () => {
    const small = createApp({ db: openSmallStore() });
    const book = new TabBook(1, (id) => small.endSeat(`tab:${id}`));
    const first = book.issue();
    expect(small.call('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }, `tab:${first}`)).toMatchObject({ ok: true });
    book.issue();
    expect(small.call('session.current', {}, `tab:${first}`)).toEqual({ ok: true, value: null });
  });
});
