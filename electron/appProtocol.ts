// The renderer is served from app://endcap/ rather than file://, so it has a real origin
// (which the IPC sender check relies on) and can only ever read files from its own folder.
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../core/host/csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'endcap';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** True for any URL on our own origin (the only place our windows may be). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    // Node's URL reports origin "null" for custom schemes, so compare the parts.
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before `app` is ready: Chromium fixes scheme privileges at startup. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on app:// for the default session (call once `app` is ready). */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Only `url` and `method` are read, so tests can pass raw, unnormalized URLs. */
export interface AppRequest {
  url: string;
  method?: string;
}

/**
 * Maps app://endcap/<path> to a file under `rendererDir`. Anything that would resolve
 * outside that folder (`..`, encoded separators, symlinks) is a 404, never a read.
 * Extensionless paths that do not exist load index.html (client-side routes).
 */
export function createAppRequestHandler(rendererDir: string): (request: AppRequest) => Promise<Response> {
  const root = path.resolve(rendererDir);

  return async (request) => {
    const method = (request.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return plain(405, 'Method not allowed');

    const target = resolveInside(root, request.url);
    if (target === null) return plain(404, 'Not found');

    let file = target;
    if (!(await isFileInside(root, file))) {
      if (path.extname(file) !== '' || !(await isFileInside(root, path.join(root, 'index.html')))) {
        return plain(404, 'Not found');
      }
      file = path.join(root, 'index.html');
    }

    const body = method === 'HEAD' ? null : await fs.promises.readFile(file);
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(body, { status: 200, headers: { 'Content-Type': type, ...SECURITY_HEADERS } });
  };
}

/** The absolute path a request names, or null if it is malformed or leaves `root`. */
export function resolveInside(root: string, url: string): string | null {
  let pathname: string;
  try {
    // Parse by hand as well as with URL: the raw string must be judged, not a normalized copy.
    const match = /^app:\/\/([^/?#]*)([^?#]*)/i.exec(url);
    if (!match || match[1]!.toLowerCase() !== APP_HOST) return null;
    pathname = decodeURIComponent(match[2] || '/');
  } catch {
    return null; // malformed percent-encoding
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '/' || pathname === '') pathname = '/index.html';

  // Treat both separators alike so `..\` cannot slip through on Windows.
  const relative = pathname.replace(/\\/g, '/').replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  return within(root, resolved) ? resolved : null;
}

function within(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** Exists, is a regular file, and its real path (after symlinks) is still under root. */
async function isFileInside(root: string, file: string): Promise<boolean> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.promises.realpath(root), fs.promises.realpath(file)]);
    if (!within(realRoot, realFile)) return false;
    return (await fs.promises.stat(realFile)).isFile();
  } catch {
    return false;
  }
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS } });
}
