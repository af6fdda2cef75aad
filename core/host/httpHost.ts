import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { HostApp } from './setupHost.js';
import { TabBook } from './tabs.js';
import { MAX_CALL_BODY_BYTES, type ApiErrorCode, type ApiResult } from '../contract/errors.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

/**
 * The loopback transport: serves the built renderer and the same app API as Electron IPC.
 * Used by the end-to-end tests and wherever no Electron binary is available.
 *
 * Access: a per-run token, exchanged once at /launch for an HttpOnly, SameSite=Strict
 * cookie. Every API request must carry the cookie and come from our own origin, so
 * another page open in the same browser cannot drive the API.
 *
 * Sign-in is per tab: the cookie only proves this browser was launched with the run token; each
 * tab asks /api/tab for a seat id of its own and names it on every call (the X-Endcap-Tab header)
 * and on its event stream, so two tabs are two registers that never sign each other out.
 */
export interface HttpHostOptions {
  app: HostApp;
  /** Folder of the built renderer (vite build output). */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback only unless explicitly overridden. */
  host?: string;
  token?: string;
}

export interface HttpHost {
  readonly origin: string;
  /** Open this in a browser: it sets the session cookie and redirects to the app. */
  readonly launchUrl: string;
  readonly token: string;
  close(): Promise<void>;
}

/**
 * Browsers share cookies across the ports of one host, so each register (one host per port) names
 * its cookie after its port: two registers open in one browser never overwrite each other's
 * sign-in (issue 19).
 */
const cookieFor = (port: number) => `endcap_token_${port}`;
/** The header a tab names its seat in (a custom header also keeps other sites' forms out). */
export const TAB_HEADER = 'x-endcap-tab';
/** The app's seat for a tab: never the main seat, whatever the id. */
const seatOf = (tab: string) => `tab:${tab}`;
/** How long close() waits for requests in flight before it cuts their sockets. */
const CLOSE_GRACE_MS = 2_000;
/** As large as the largest call the API accepts (an affinity CSV of 2 MB), no larger. */
const MAX_BODY_BYTES = MAX_CALL_BODY_BYTES;

/**
 * What the web framework refuses before our route runs, in the app's own words and shape. Every
 * other framework error is answered as 'transport' with a plain message, never the framework's.
 */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: ApiErrorCode; message: string }> = {
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body', message: 'The request had no body. Send a JSON body {name, input}.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_json', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: 'The request is larger than this device accepts (files up to 2 MB).' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Send the call as JSON (Content-Type: application/json).' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'malformed_json', message: 'The request body is cut short or longer than it says.' },
};


export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: FastifyInstance = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false });
  const indexHtml = path.join(options.staticDir, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    throw new Error(`No built renderer at ${options.staticDir}. Run \`npm run build\` first.`);
  }

  // The API speaks JSON only: any other body is refused as such (415), not read as text.
  server.removeContentTypeParser('text/plain');
  server.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
    // A body JSON.parse refused comes as a SyntaxError with status 400.
    const known = FRAMEWORK_ERRORS[err.code ?? ''] ?? (err instanceof SyntaxError ? FRAMEWORK_ERRORS.FST_ERR_CTP_INVALID_JSON_BODY : undefined);
    if (known) return reply.code(known.status).send(failure(known.code, known.message));
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return reply.code(status).send(transportError(status === 500 ? 'The Endcap host failed to handle this request.' : 'The Endcap host could not read this request.'));
  });

  server.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  let origin = '';
  let cookieName = '';
  // Open event streams never end by themselves; close() ends them so shutdown does not hang.
  const streams = new Set<import('node:http').ServerResponse>();
  // A browser's EventSource reconnects by itself, possibly on a kept-alive socket while the
  // server is closing: a stream opened then would never end, so none is opened once closing.
  let closing = false;
  const tabs = new TabBook(64, (tab) => options.app.endSeat(seatOf(tab)));
  const authorized = (req: FastifyRequest): boolean => {
    const cookie = parseCookie(req.headers.cookie ?? '')[cookieName];
    if (!cookie || !sameSecret(cookie, token)) return false;
    // Browsers send Origin on POST; a request from any other page is refused.
    const from = req.headers.origin;
    if (from !== undefined && from !== origin) return false;
    // And they say which site a request comes from: another port of 127.0.0.1 is "same-site", not ours.
    const site = req.headers['sec-fetch-site'];
    return site === undefined || site === 'same-origin';
  };
  const notSignedIn = (reply: FastifyReply) => reply.code(401).send(transportError('This browser is not signed in to the Endcap host.'));
  const unknownTab = (reply: FastifyReply) =>
    reply.code(401).send(failure('unknown_tab', 'This tab has no session on the Endcap host (it may have restarted). Reload the page to start one.'));

  server.get('/launch', async (req, reply) => {
    const given = (req.query as Record<string, unknown>).token;
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      return reply.code(403).type('text/plain').send('This link has expired. Start Endcap again to get a new one.');
    }
    reply.header('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    return reply.redirect('/');
  });

  // A new tab's seat. POST, so a link or an image elsewhere cannot mint one.
  server.post('/api/tab', async (req, reply) => {
    if (!authorized(req)) return notSignedIn(reply);
    return reply.send({ ok: true, value: { tab: tabs.issue() } });
  });

  server.post('/api/call', async (req, reply) => {
    if (!authorized(req)) return notSignedIn(reply);
    const tab = req.headers[TAB_HEADER];
    if (!tabs.use(tab)) return unknownTab(reply);
    const body = req.body as { name?: unknown; input?: unknown } | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reply.code(400).send(failure('empty_body', 'Send a JSON body {name, input}.'));
    return reply.send(await options.app.dispatch(body.name, body.input, seatOf(tab)));
  });

  // Server-sent events carry the same events Electron delivers with `on`: the device's, and the
  // sign-in events of this tab only. EventSource cannot send headers, so the tab is in the query.
  server.get('/api/events', (req, reply) => {
    if (!authorized(req)) return notSignedIn(reply);
    const tab = (req.query as Record<string, unknown>).tab;
    if (!tabs.use(tab)) return unknownTab(reply);
    if (closing) return reply.code(503).header('Connection', 'close').send(transportError('The Endcap host is closing.'));
    reply.hijack();
    reply.raw.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    reply.raw.write(': connected\n\n');
    streams.add(reply.raw);
    const unsubscribe = options.app.subscribe((event, payload) => {
      reply.raw.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    }, seatOf(tab));
    req.raw.on('close', () => {
      unsubscribe();
      streams.delete(reply.raw);
    });
  });

  await server.register(fastifyStatic, { root: path.resolve(options.staticDir), index: ['index.html'], wildcard: false });
  // Client-side routes all load the one page.
  server.setNotFoundHandler((req, reply: FastifyReply) => {
    if (req.method === 'GET' && !req.url.startsWith('/api/')) return reply.type('text/html').sendFile('index.html');
    return reply.code(404).send(transportError('No such endpoint.'));
  });

  await server.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('The HTTP host did not get a TCP address.');
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${hostForUrl}:${address.port}`;
  cookieName = cookieFor(address.port);

  return {
    origin,
    launchUrl: `${origin}/launch?token=${encodeURIComponent(token)}`,
    token,
    close: async () => {
      closing = true;
      for (const s of streams) s.end();
      // Calls in flight get a moment to answer; then every socket still open is cut, so a
      // client that never finishes its request (or a stream that slipped in) cannot hold shutdown.
      const cutLingering = setTimeout(() => server.server.closeAllConnections(), CLOSE_GRACE_MS);
      try {
        await server.close();
      } finally {
        clearTimeout(cutLingering);
      }
    },
  };
}

function transportError(message: string): ApiResult<never> {
  return failure('transport', message);
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function parseCookie(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}
