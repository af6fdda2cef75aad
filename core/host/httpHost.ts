import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { App } from '../api/registry.js';
import { MAX_CALL_BODY_BYTES, type ApiErrorCode, type ApiResult } from '../contract/errors.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';

/**
 * The loopback transport: serves the built renderer and the same app API as Electron IPC.
 * Used by the end-to-end tests and wherever no Electron binary is available.
 *
 * Access: a per-run token, exchanged once at /launch for an HttpOnly, SameSite=Strict
 * cookie. Every API request must carry the cookie and come from our own origin, so
 * another page open in the same browser cannot drive the API.
 */
export interface HttpHostOptions {
  app: App;
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
  const authorized = (req: FastifyRequest): boolean => {
    const cookie = parseCookie(req.headers.cookie ?? '')[cookieName];
    if (!cookie || !sameSecret(cookie, token)) return false;
    // Browsers send Origin on POST; a request from any other page is refused.
    const from = req.headers.origin;
    return from === undefined || from === origin;
  };

  server.get('/launch', async (req, reply) => {
    const given = (req.query as Record<string, unknown>).token;
    if (typeof given !== 'string' || !sameSecret(given, token)) {
      return reply.code(403).type('text/plain').send('This link has expired. Start Endcap again to get a new one.');
    }
    reply.header('Set-Cookie', `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    return reply.redirect('/');
  });

  server.post('/api/call', async (req, reply) => {
    if (!authorized(req)) return reply.code(401).send(transportError('This browser is not signed in to the Endcap host.'));
    const body = req.body as { name?: unknown; input?: unknown } | null;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return reply.code(400).send(failure('empty_body', 'Send a JSON body {name, input}.'));
    return reply.send(await options.app.dispatchAsync(body.name, body.input));
  });

  // Server-sent events carry the same events Electron delivers with `on`.
  server.get('/api/events', (req, reply) => {
    if (!authorized(req)) return reply.code(401).send(transportError('Not signed in to the Endcap host.'));
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
    });
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
      for (const s of streams) s.end();
      await server.close();
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
