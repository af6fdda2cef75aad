// The hub's HTTP API: POST /v1/pull, POST /v1/push and GET /v1/device with a device token; the admin endpoints
// (CSV uploads and their reports, accepted aisle orders) with an admin token; GET /v1/health.
import { X509Certificate } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  MAX_PAGE_SIZE,
  PROTOCOL_VERSION,
  ProtocolMessageError,
  ProtocolVersionError,
  parseMessage,
  pullQuerySchema,
  pullRequestSchema,
  pushRequestSchema,
  reportRequestSchema,
  enrolRequestSchema,
  enrolmentProof,
  helloRequestSchema,
  type HelloResponse,
  visitingRequestSchema,
  type VisitingResponse,
  type DeviceResponse,
  type EnrolResponse,
  type RotateResponse,
  type HubErrorCode,
  type OutboxEvent,
  type PullResponse,
  type PushResponse,
} from '../protocol/index.js';
import { AddressLimiter, type AddressBudget } from './addressLimiter.js';
import { SharedAddressLimiter, sharedRateLimitStore, type FailureLimiter, type WindowCounter } from './sharedLimits.js';
import { applyEvent } from './apply/index.js';
import { describeConnector } from './connectors/api/registry.js';
import { ErasureError, eraseCustomer, listErasures } from './erasure.js';
import type { ConnectorState } from './connectors/api/state.js';
import { MAX_CSV_BYTES, importCsv } from './connectors/csvImport.js';
import type { HubReports } from './reports/index.js';
import type { AdminRecord, ChangePage, DeviceRecord, HubStore, TokenCheck, TokenRefusal } from './store.js';
import { validateEvent } from './validateEvent.js';
import { lookupVisiting } from './visiting.js';

export interface HubServerOptions {
  /** Largest request body in bytes (default 4 MiB: a full push batch fits with room to spare). */
  bodyLimit?: number;
  /** Largest CSV upload in bytes (default and ceiling: the connector's MAX_CSV_BYTES). */
  csvBodyLimit?: number;
  /** Most changes per pull page (default and ceiling: the protocol's MAX_PAGE_SIZE). */
  maxPageSize?: number;
  /** Requests per device (or admin) per window; false turns the limit off (benchmarks). */
  rateLimit?: { max: number; timeWindowMs: number } | false;
  /** Requests with no or a refused token, per network address per window (default 30 a minute). */
  authFailureLimit?: AddressBudget;
  now?: () => Date;
  logger?: boolean;
  /** Chain reports (POST /v1/reports); without them the route answers not_found. */
  reports?: HubReports;
  /** Serve HTTPS with this key and certificate; `caCert` is what registers pin (named at POST /v1/enrol/hello). */
  tls?: { key: string; cert: string; caCert: string };
  /** API connectors' state: GET /v1/admin/connectors shows their status and dead letters (credentials redacted). */
  connectors?: ConnectorState;
  /** Lifetime of a token issued by enrolment or rotation (default DEVICE_TOKEN_DAYS). */
  deviceTokenDays?: number;
  /** Count both limits here instead of in this process's memory: several hub processes then share one budget (sharedLimits.ts). */
  sharedCounter?: WindowCounter;
}

/** A device token lives a year unless said otherwise; the device trades it for a new one well before. */
export const DEVICE_TOKEN_DAYS = 365;

/**
 * A device pulling a bootstrap back to back makes a few dozen requests a second at most; a
 * client stuck in a loop makes thousands. The limit sits between the two.
 */
export const DEFAULT_RATE_LIMIT = { max: 3000, timeWindowMs: 60_000 };

/** A register with a good token never fails; a person retyping one fails a few times, not 30 a minute. */
export const DEFAULT_AUTH_FAILURE_LIMIT: AddressBudget = { max: 30, timeWindowMs: 60_000 };

declare module 'fastify' {
  interface FastifyRequest {
    device?: DeviceRecord;
    admin?: AdminRecord;
  }
}

/** Fires when the device closes the connection before its answer went out. */
function abortOnHangUp(reply: FastifyReply): AbortSignal {
  const hangUp = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableEnded) hangUp.abort();
  });
  return hangUp.signal;
}

function sendError(reply: FastifyReply, status: number, code: HubErrorCode, message: string): FastifyReply {
  return reply.code(status).send({ error: { code, message } });
}

const REFUSALS: Record<TokenRefusal, { code: HubErrorCode; message: string }> = {
  unknown: { code: 'unauthorized', message: 'This token is not known at the hub.' },
  revoked: { code: 'token_revoked', message: 'This token was revoked at the hub; ask for a new one.' },
  expired: { code: 'token_expired', message: 'This token has expired; ask for a new one.' },
};

function bearer(req: FastifyRequest): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7).trim() : '';
}

const importsQuerySchema = z.object({ limit: z.coerce.number().int().positive().max(500).default(50) });
const uploadQuerySchema = z.object({ file: z.string().min(1).max(200).regex(/^[^/\\]+$/, 'file must be a plain file name').default('upload.csv') });
const eraseRequestSchema = z.strictObject({ customer: z.string().trim().min(1).max(254) });

export function buildHubServer(store: HubStore, options: HubServerOptions = {}): FastifyInstance {
  const now = options.now ?? (() => new Date());
  const maxPageSize = Math.min(options.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const csvBodyLimit = Math.min(options.csvBodyLimit ?? MAX_CSV_BYTES, MAX_CSV_BYTES);
  const limits = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const tokenExpiry = () => ({ expiresAt: new Date(now().getTime() + (options.deviceTokenDays ?? DEVICE_TOKEN_DAYS) * 86_400_000) });
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024,
    logger: options.logger ?? false,
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
  }) as unknown as FastifyInstance;

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, _req, reply) => {
    if (err instanceof ProtocolVersionError) return sendError(reply, 400, err.code, err.message);
    if (err instanceof ProtocolMessageError) return sendError(reply, 400, err.code, err.message);
    if (err instanceof z.ZodError) return sendError(reply, 400, 'invalid_message', err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'payload_too_large', err.message);
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'unsupported_media_type', err.message);
    if (err.code === 'rate_limited') return sendError(reply, 429, 'rate_limited', err.message);
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return sendError(reply, status, status === 500 ? 'internal' : 'bad_request', status === 500 ? 'The hub could not handle the request.' : err.message);
  });

  // Failed authentications are counted per address: past the budget the hub answers 429 without
  // looking the token up, so nobody can make it work for them without a token.
  const failureBudget = options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT;
  const failures: FailureLimiter = options.sharedCounter ? new SharedAddressLimiter(options.sharedCounter, failureBudget) : new AddressLimiter(failureBudget);
  const authenticate = <T>(kind: 'device' | 'admin', check: (token: string) => Promise<TokenCheck<T>>, hold: (req: FastifyRequest, holder: T) => void) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const at = now().getTime();
      const wait = await failures.retryAfter(req.ip, at);
      if (wait) return sendError(reply.header('retry-after', String(wait)), 429, 'rate_limited', `Too many requests without a valid token; retry in ${wait} s.`);
      const token = bearer(req);
      const result: TokenCheck<T> = token ? await check(token) : { ok: false, refusal: 'unknown' };
      if (result.ok) return void hold(req, result.holder);
      await failures.fail(req.ip, at);
      if (!token) return sendError(reply, 401, 'unauthorized', `A${kind === 'admin' ? 'n admin' : ' device'} token is required.`);
      return sendError(reply, 401, REFUSALS[result.refusal].code, REFUSALS[result.refusal].message);
    };
  // Tokens are checked before the body is read, so a stranger cannot make the hub read a body at all.
  const authenticateDevice = authenticate('device', (t) => store.checkDeviceToken(t, now()), (req, d) => (req.device = d));
  const authenticateAdmin = authenticate('admin', (t) => store.checkAdminToken(t, now()), (req, a) => (req.admin = a));
  // Device calls carry JSON and nothing else: any other body is refused before a byte of it is read.
  const jsonOnly = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'POST') return;
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendError(reply, 415, 'unsupported_media_type', 'Send the request as application/json.');
  };

  const shared = options.sharedCounter;
  void app.register(rateLimit, { global: false, ...(shared ? { store: sharedRateLimitStore(shared, () => now().getTime()) } : {}) });
  void app.register(async (api) => {
    const limited =
      limits === false
        ? []
        : [
            api.rateLimit({
              max: limits.max,
              timeWindow: limits.timeWindowMs,
              // Per token holder: a store's registers do not share one budget.
              keyGenerator: (req) => req.device?.id ?? req.admin?.id ?? req.ip,
              errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, code: 'rate_limited', message: `Too many requests; retry in ${ctx.after}.` }),
            }),
          ];
    const asDevice = { onRequest: [authenticateDevice, ...limited, jsonOnly] };
    const asAdmin = { onRequest: [authenticateAdmin, ...limited] };

    api.get('/v1/health', async () => ({ ok: true, protocol: PROTOCOL_VERSION }));

    // Enrolment (enrolment.ts in protocol): the hub proves it made the code and names the CA to
    // pin, then trades the single-use secret for a token. Unknown codes count against the address
    // like wrong tokens.
    const caCert = options.tls?.caCert ?? null;
    const caFingerprint = caCert ? new X509Certificate(caCert).fingerprint256 : '';
    const ENROL_REFUSALS = {
      unknown: { code: 'unauthorized', message: 'This enrolment code is not known at the hub.' },
      used: { code: 'token_revoked', message: 'This enrolment code was already used; ask for a new one.' },
      expired: { code: 'token_expired', message: 'This enrolment code has expired; ask for a new one.' },
    } as const;
    api.post('/v1/enrol/hello', { onRequest: [jsonOnly] }, async (req, reply): Promise<HelloResponse | FastifyReply> => {
      const at = now();
      const wait = await failures.retryAfter(req.ip, at.getTime());
      if (wait) return sendError(reply.header('retry-after', String(wait)), 429, 'rate_limited', `Too many refused codes; retry in ${wait} s.`);
      const { lookup } = parseMessage(helloRequestSchema, 'enrol hello', req.body);
      const found = await store.findEnrolment(lookup, at);
      if ('refusal' in found) {
        await failures.fail(req.ip, at.getTime());
        const why = ENROL_REFUSALS[found.refusal];
        return sendError(reply, 401, why.code, why.message);
      }
      return { protocol: PROTOCOL_VERSION, storeId: found.storeId, caCert, proof: enrolmentProof(found.secretHash, caFingerprint, found.storeId) };
    });
    api.post('/v1/enrol', { onRequest: [jsonOnly] }, async (req, reply): Promise<EnrolResponse | FastifyReply> => {
      const at = now();
      const wait = await failures.retryAfter(req.ip, at.getTime());
      if (wait) return sendError(reply.header('retry-after', String(wait)), 429, 'rate_limited', `Too many refused codes; retry in ${wait} s.`);
      const { secret } = parseMessage(enrolRequestSchema, 'enrol request', req.body);
      const result = await store.redeemEnrolment(secret, at, tokenExpiry());
      if ('refusal' in result) {
        await failures.fail(req.ip, at.getTime());
        const why = ENROL_REFUSALS[result.refusal === 'revoked' ? 'unknown' : result.refusal];
        return sendError(reply, 401, why.code, why.message);
      }
      return {
        protocol: PROTOCOL_VERSION, deviceId: result.device.id, storeId: result.device.storeId, token: result.token, expiresAt: result.device.expiresAt,
        ...(result.device.registerId ? { registerId: result.device.registerId } : {}),
      };
    });

    // A new device (empty replica + token) learns which store it belongs to.
    api.get('/v1/device', asDevice, async (req): Promise<DeviceResponse> => ({
      protocol: PROTOCOL_VERSION, deviceId: req.device!.id, storeId: req.device!.storeId, ...(req.device!.registerId ? { registerId: req.device!.registerId } : {}),
    }));

    // Token rotation over the sync channel: the old token stops working the moment this answers.
    api.post('/v1/device/token', asDevice, async (req): Promise<RotateResponse> => {
      const rotated = await store.rotateDeviceToken(req.device!.id, now(), tokenExpiry());
      if (!rotated) throw new Error('the device was revoked while rotating its token');
      return { protocol: PROTOCOL_VERSION, token: rotated.token, expiresAt: rotated.device.expiresAt };
    });

    // Long-polls still waiting when the server closes answer at once (empty), so closing is not held up.
    const closing = new AbortController();
    app.addHook('preClose', (done) => {
      closing.abort();
      done();
    });

    api.post('/v1/pull', asDevice, async (req, reply) => {
      const body = parseMessage(pullRequestSchema, 'pull request', req.body);
      const { wait = 0 } = pullQuerySchema.parse(req.query);
      const device = req.device!;
      const limit = Math.min(body.limit ?? maxPageSize, maxPageSize);
      // A long-poll holds an empty answer until a newer hub version commits, the wait ends, the device hangs up or the hub closes.
      const deadline = Date.now() + wait * 1000;
      const versions = wait > 0 ? await store.versionSignal() : undefined;
      const gone = versions && AbortSignal.any([closing.signal, abortOnHangUp(reply)]);
      let page: ChangePage;
      for (;;) {
        // Read before the page: a commit the page misses has a newer version, so it wakes the wait.
        const seen = versions?.seen ?? 0;
        page = await store.pageSince(body.stream, device.storeId, Number(body.since), limit);
        const left = deadline - Date.now();
        if (page.count || !versions || left <= 0 || gone!.aborted) break;
        await versions.wait(seen, left, gone);
      }
      const envelope: Omit<PullResponse, 'changes'> = {
        protocol: PROTOCOL_VERSION,
        stream: body.stream,
        since: body.since,
        cursor: page.count ? String(page.cursor) : body.since,
        hasMore: page.hasMore,
        remaining: page.remaining,
      };
      // The stored rows are already JSON: the page goes out without being parsed and serialized again.
      const json = JSON.stringify(envelope);
      return reply.type('application/json; charset=utf-8').send(`${json.slice(0, -1)},"changes":${page.changesJson}}`);
    });

    api.post('/v1/push', asDevice, async (req): Promise<PushResponse> => {
      const body = parseMessage(pushRequestSchema, 'push request', req.body);
      const device = req.device!;
      const accepted: OutboxEvent[] = [];
      const rejected: PushResponse['rejected'] = [];
      for (const raw of body.events) {
        const check = validateEvent(raw, device);
        if (check.ok) accepted.push(check.event);
        else rejected.push({ id: raw.id, reason: check.reason, code: check.code });
      }
      // Ids are time-sortable: applied in creation order even when the network shuffled the batch,
      // so a profile's update never reaches the hub before the profile.
      accepted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const ingested = accepted.length ? await store.ingestEvents(device, accepted, now(), applyEvent) : { acked: [], rejected: [] };
      return { protocol: PROTOCOL_VERSION, acked: ingested.acked, rejected: [...rejected, ...ingested.rejected] };
    });

    // A report for a signed-in manager (their store) or merchandiser (any store, or '*' for the chain).
    api.post('/v1/reports', asDevice, async (req, reply) => {
      const body = parseMessage(reportRequestSchema, 'report request', req.body);
      if (!options.reports) return sendError(reply, 404, 'not_found', 'This hub serves no reports.');
      const access = await options.reports.access(req.device!.storeId, body.staffId, body.store);
      if (!access.ok) return sendError(reply, 403, 'forbidden', access.message);
      if (body.from > body.to) return sendError(reply, 400, 'invalid_message', 'from must not be after to.');
      return options.reports.report(access.store, body.from, body.to, now());
    });

    // A customer of another store, by an exact key the shopper gave; audited at the hub (visiting.ts).
    api.post('/v1/customers/visiting', asDevice, async (req, reply): Promise<VisitingResponse | FastifyReply> => {
      const body = parseMessage(visitingRequestSchema, 'visiting request', req.body);
      const answer = await lookupVisiting(store, req.device!, body, now());
      if (!answer.ok) return sendError(reply, 403, 'forbidden', answer.reason);
      return { protocol: PROTOCOL_VERSION, customer: answer.customer };
    });

    // The CSV body parser (and its 64 MiB limit) exists only in this scope: the admin upload route.
    void api.register(async (admin) => {
      admin.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: csvBodyLimit }, (_req, body, done) => done(null, body));
      // A CSV file from a retail system: text/csv body, ?file=NAME for the report. 200 when every
      // row was applied, 422 when the file was refused (nothing applied); the body is the report either way.
      admin.post('/v1/admin/imports', { ...asAdmin, bodyLimit: csvBodyLimit }, async (req, reply) => {
        if (typeof req.body !== 'string') return sendError(reply, 415, 'unsupported_media_type', 'Send the file as text/csv.');
        const { file } = uploadQuerySchema.parse(req.query);
        const report = await importCsv(store, { file, text: req.body, source: 'upload', now: now() });
        return reply.code(report.status === 'applied' ? 200 : 422).send(report);
      });
    });

    api.get('/v1/admin/imports', asAdmin, async (req) => {
      const { limit } = importsQuerySchema.parse(req.query);
      return { imports: await store.listImports(limit) };
    });

    api.get('/v1/admin/aisle-orders', asAdmin, async () => ({ orders: await store.listAisleOrders() }));

    const connectors = options.connectors;
    api.get('/v1/admin/connectors', asAdmin, async () => ({ connectors: connectors ? await Promise.all((await connectors.listConnectors()).map((c) => describeConnector(connectors, c))) : [] }));

    // A customer's erasure (erasure.ts): {customer: id | email | phone} → what was erased and the deletions queued.
    if (connectors) {
      api.post('/v1/admin/customers/erase', asAdmin, async (req, reply) => {
        const body = eraseRequestSchema.safeParse(req.body);
        if (!body.success) return sendError(reply, 400, 'invalid_message', 'Send {"customer": "<id, email or phone>"} and nothing else.');
        try {
          const result = await eraseCustomer(store, connectors, body.data.customer, now(), { by: 'admin', name: req.admin!.id });
          req.log.info({ admin: req.admin!.id, customer: result.customerId, erased: result.erased.length }, 'customer erased at an admin\'s request');
          return result;
        } catch (err) {
          if (!(err instanceof ErasureError)) throw err;
          const status = err.code === 'not_found' ? 404 : err.code === 'invalid' ? 400 : 409;
          return sendError(reply, status, err.code === 'not_found' ? 'not_found' : 'bad_request', err.message);
        }
      });
      // The erasure audit: who asked, when, which customer (by id), what was deleted, and each deletion's state at the vendors.
      api.get('/v1/admin/customers/erasures', asAdmin, async () => ({ erasures: await listErasures(connectors) }));
    }
  });

  return app;
}
