import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { App } from '../api/registry.js';
import type { ApiResult } from '../contract/errors.js';
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

const COOKIE = 'endcap_token';
const MAX_BODY_BYTES = 1024 * 1024;


export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server: FastifyInstance = Fastify({ bodyLimit: MAX_BODY_BYTES, logger: false });
  const indexHtml = path.join(options.staticDir, 'index.html');
  if (!fs.existsSync(indexHtml)) {
    throw new Error(`No built renderer at ${options.staticDir}. Run \`npm run build\` first.`);
  }

  server.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });

  let origin = '';
  // Open event streams never end by themselves; close() ends them so shutdown does not hang.
  const streams = new Set<import('node:http').ServerResponse>();
  const authorized = (req: FastifyRequest): boolean => {
    const cookie = parseCookie(req.headers.cookie ?? '')[COOKIE];
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
    reply.header('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    return reply.redirect('/');
  });

  server.post('/api/call', async (req, reply) => {
    if (!authorized(req)) return reply.code(401).send(transportError('This browser is not signed in to the Endcap host.'));
    const body = req.body as { name?: unknown; input?: unknown } | null;
    if (!body || typeof body !== 'object') return reply.send(transportError('Send a JSON body {name, input}.'));
    return reply.send(options.app.dispatch(body.name, body.input));
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
  return { ok: false, error: { code: 'transport', message } };
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
