// The hub's HTTP API: POST /v1/pull and POST /v1/push with a device token; GET /v1/health.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  MAX_PAGE_SIZE,
  PROTOCOL_VERSION,
  ProtocolMessageError,
  ProtocolVersionError,
  parseMessage,
  pullRequestSchema,
  pushRequestSchema,
  type OutboxEvent,
  type PullResponse,
  type PushResponse,
} from '../protocol/index.js';
import type { DeviceRecord, HubStore } from './store.js';
import { validateEvent } from './validateEvent.js';

export interface HubServerOptions {
  /** Largest request body in bytes (default 4 MiB: a full push batch fits with room to spare). */
  bodyLimit?: number;
  /** Most changes per pull page (default and ceiling: the protocol's MAX_PAGE_SIZE). */
  maxPageSize?: number;
  now?: () => Date;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    device?: DeviceRecord;
  }
}

function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

export function buildHubServer(store: HubStore, options: HubServerOptions = {}): FastifyInstance {
  const now = options.now ?? (() => new Date());
  const maxPageSize = Math.min(options.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const app = Fastify({ bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024, logger: options.logger ?? false });

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    if (err instanceof ProtocolVersionError) return sendError(reply, 400, err.code, err.message);
    if (err instanceof ProtocolMessageError) return sendError(reply, 400, err.code, err.message);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'payload_too_large', err.message);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return sendError(reply, status, status === 500 ? 'internal' : 'bad_request', status === 500 ? 'The hub could not handle the request.' : err.message);
  });

  const authenticate = async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    const device = token ? store.deviceForToken(token) : undefined;
    if (!device) return sendError(reply, 401, 'unauthorized', 'A valid, unrevoked device token is required.');
    req.device = device;
  };

  app.get('/v1/health', async () => ({ ok: true, protocol: PROTOCOL_VERSION }));

  app.post('/v1/pull', { preHandler: authenticate }, async (req): Promise<PullResponse> => {
    const body = parseMessage(pullRequestSchema, 'pull request', req.body);
    const device = req.device!;
    const limit = Math.min(body.limit ?? maxPageSize, maxPageSize);
    const { changes, hasMore } = store.changesSince(body.stream, device.storeId, Number(body.since), limit);
    const cursor = changes.length ? String(changes[changes.length - 1]!.version) : body.since;
    return { protocol: PROTOCOL_VERSION, stream: body.stream, since: body.since, changes, cursor, hasMore };
  });

  app.post('/v1/push', { preHandler: authenticate }, async (req): Promise<PushResponse> => {
    const body = parseMessage(pushRequestSchema, 'push request', req.body);
    const device = req.device!;
    const accepted: OutboxEvent[] = [];
    const rejected: PushResponse['rejected'] = [];
    for (const raw of body.events) {
      const check = validateEvent(raw, device);
      if (check.ok) accepted.push(check.event);
      else rejected.push({ id: raw.id, reason: check.reason });
    }
    const acked = accepted.length ? store.ingestEvents(device, accepted, now()) : [];
    return { protocol: PROTOCOL_VERSION, acked, rejected };
  });

  return app;
}
