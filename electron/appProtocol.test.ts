import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
}));
vi.mock('electron', () => electron);

import { CONTENT_SECURITY_POLICY } from '../core/host/csp.js';
import {
  APP_ENTRY_URL,
  createAppRequestHandler,
  isAppUrl,
  registerAppScheme,
  resolveInside,
  serveAppProtocol,
} from './appProtocol.js';

// <tmp>/renderer is served; <tmp>/secret.txt sits right next to it and must stay unreachable.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-app-protocol-'));
const root = path.join(base, 'renderer');
const handler = createAppRequestHandler(root);

beforeAll(() => {
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Endcap</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log("endcap")');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'do not serve');
  try {
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
  } catch {
    // symlinks may be unavailable (Windows without developer mode); that case is skipped below
  }
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('app:// scheme', () => {
  it('is registered as a standard, secure, fetch-capable scheme', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('is handled on the default session by the file handler', async () => {
    serveAppProtocol(root);
    expect(electron.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, fn] = electron.protocol.handle.mock.calls[0]!;
    expect(scheme).toBe('app');
    const res = (await fn(new Request(APP_ENTRY_URL))) as Response;
    expect(res.status).toBe(200);
  });

  it('recognises only our own origin', () => {
    expect(isAppUrl('app://endcap/index.html')).toBe(true);
    expect(isAppUrl('app://endcap/#/manager')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://endcap/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('app:// request handler', () => {
  it('serves index.html with the CSP and nosniff headers', async () => {
    const res = await handler({ url: 'app://endcap/index.html' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Endcap</title>');
  });

  it('serves index.html for the bare origin and for client-side routes', async () => {
    for (const url of ['app://endcap/', 'app://endcap', 'app://endcap/manager/capture']) {
      const res = await handler({ url });
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain('<title>Endcap</title>');
    }
  });

  it('serves assets with their content type', async () => {
    const res = await handler({ url: 'app://endcap/assets/app.js?v=1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await res.text()).toBe('console.log("endcap")');
  });

  it.each([
    'app://endcap/../../etc/passwd',
    'app://endcap/../secret.txt',
    'app://endcap/..%2Fsecret.txt',
    'app://endcap/assets/..%2F..%2Fsecret.txt',
    'app://endcap/%2e%2e/secret.txt',
    'app://endcap/..%5Csecret.txt',
    'app://endcap/..\\secret.txt',
    `app://endcap/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
  ])('refuses to leave the renderer folder: %s', async (url) => {
    const res = await handler({ url });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('do not serve');
  });

  it('refuses traversal after Request/URL normalisation too', async () => {
    const res = await handler(new Request('app://endcap/..%2F..%2Fsecret.txt'));
    expect(res.status).toBe(404);
  });

  it('refuses a symlink that points outside the folder', async () => {
    if (!fs.existsSync(path.join(root, 'assets', 'link.txt'))) return;
    const res = await handler({ url: 'app://endcap/assets/link.txt' });
    expect(res.status).toBe(404);
  });

  it('refuses other hosts, malformed encodings, NUL bytes and missing files', async () => {
    for (const url of ['app://other/index.html', 'app://endcap/%E0%A4%A', 'app://endcap/index.html%00.js', 'app://endcap/missing.js']) {
      expect((await handler({ url })).status, url).toBe(404);
    }
  });

  it('answers only GET and HEAD', async () => {
    expect((await handler({ url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405);
    const head = await handler({ url: APP_ENTRY_URL, method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('resolveInside keeps every answer under the root', () => {
    expect(resolveInside(root, 'app://endcap/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveInside(root, 'app://endcap/../../etc/passwd')).toBeNull();
    expect(resolveInside(root, 'app://endcap/a/../../b')).toBeNull();
  });
});
