// How the client reaches the hub. The client only sees this interface, so tests can put a
// fault-injecting transport in front of a real hub.
import { PROTOCOL_VERSION, ProtocolVersionError, type PullRequest, type PushRequest, type ReportRequest, type VisitingRequest } from '../protocol/index.js';
import { pinnedFetch } from './pinnedFetch.js';
import { PullFetcher, type HubAnswer } from './pullFetcher.js';

export interface SyncTransport {
  /** Resolves with the hub's raw answer; the client validates it. */
  pull(request: PullRequest): Promise<unknown>;
  /** The same pull, which the hub may hold up to `waitS` seconds while it has nothing newer (a long-poll). */
  pullWaiting?(request: PullRequest, waitS: number): Promise<unknown>;
  push(request: PushRequest): Promise<unknown>;
  /** Resolves when the hub answers at all (no token, nothing exchanged): keeps "online" honest when there is nothing to send. */
  ping?(): Promise<void>;
  /** A chain report (POST /v1/reports); the hub checks who may see it. */
  report?(request: ReportRequest): Promise<unknown>;
  /** A customer of another store by an exact key (POST /v1/customers/visiting); the hub decides and audits. */
  visiting?(request: VisitingRequest): Promise<unknown>;
  /** Who this token is at the hub (GET /v1/device): a register set up by token learns its name from it. */
  device?(): Promise<unknown>;
}

/** The hub answered with an error status. */
export class SyncHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`Hub answered ${status} ${code}: ${message}`);
    this.name = 'SyncHttpError';
  }
}

/** No answer from the hub at all: network down, hub stopped, timeout. */
export class HubUnreachableError extends Error {
  constructor(readonly baseUrl: string, cause: unknown) {
    const err = cause as { name?: string; cause?: { code?: string; message?: string } } | undefined;
    const detail = err?.name === 'TimeoutError' ? 'no answer in time' : (err?.cause?.code ?? err?.cause?.message);
    super(`Cannot reach the hub at ${baseUrl}${detail ? ` (${detail})` : ''}.`);
    this.name = 'HubUnreachableError';
  }
}

/** fetch, with "no answer" turned into a HubUnreachableError a person can read. */
async function reach(baseUrl: string, call: () => Promise<Response>): Promise<Response> {
  try {
    return await call();
  } catch (err) {
    throw new HubUnreachableError(baseUrl, err);
  }
}

export interface HttpTransportOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** PEM of the hub's CA, pinned at enrolment: the only certificate authority trusted for this hub. */
  ca?: string;
}

/** The fetch a transport (or its pull worker) uses: an injected one, one pinned to the hub's CA, or the global one. */
export function transportFetch(options: Pick<HttpTransportOptions, 'fetch' | 'ca'>): typeof fetch {
  return options.fetch ?? (options.ca ? pinnedFetch(options.ca) : fetch);
}

/** One POST to the hub with the device's token: the URL and the fetch init, shared with the pull worker. */
export function hubPost(options: HttpTransportOptions, path: string, body: unknown): [URL, RequestInit] {
  return [
    new URL(path, options.baseUrl),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    },
  ];
}

/** The answer's data, or the typed error it stands for. */
function judge(answer: HubAnswer): unknown {
  if (answer.ok) return answer.data;
  const error = (answer.data as { error?: { code?: string; message?: string } } | undefined)?.error;
  if (error?.code === 'unsupported_protocol_version') throw new ProtocolVersionError(`hub refused version ${PROTOCOL_VERSION}: ${error.message}`);
  throw new SyncHttpError(answer.status, error?.code ?? 'http_error', error?.message ?? answer.statusText);
}

/**
 * The hub over HTTP(S) with the device's bearer token. Pulls go through a worker thread when the
 * compiled worker is there and no `fetch` was injected (see PullFetcher); the answer is the same.
 */
export class HttpTransport implements SyncTransport {
  private fetcher: PullFetcher | null;
  private readonly doFetch: typeof fetch;

  constructor(private options: HttpTransportOptions) {
    this.fetcher = options.fetch ? null : PullFetcher.create(options);
    this.doFetch = transportFetch(options);
  }

  async pull(request: PullRequest): Promise<unknown> {
    if (!this.fetcher || this.fetcher.failed) return this.post('/v1/pull', request);
    const answer = await this.fetcher.pull(request);
    if ('unreachable' in answer) throw new HubUnreachableError(this.options.baseUrl, answer.unreachable);
    return judge(answer);
  }

  /** Straight from this thread: a long-poll asks for one change, so there is no page to read off the socket. */
  pullWaiting(request: PullRequest, waitS: number): Promise<unknown> {
    return this.post(`/v1/pull?wait=${waitS}`, request, (this.options.timeoutMs ?? 30_000) + waitS * 1000);
  }

  push(request: PushRequest): Promise<unknown> {
    return this.post('/v1/push', request);
  }

  report(request: ReportRequest): Promise<unknown> {
    return this.post('/v1/reports', request);
  }

  visiting(request: VisitingRequest): Promise<unknown> {
    return this.post('/v1/customers/visiting', request);
  }

  async device(): Promise<unknown> {
    const doFetch = this.doFetch;
    const response = await reach(this.options.baseUrl, () =>
      doFetch(new URL('/v1/device', this.options.baseUrl), {
        headers: { authorization: `Bearer ${this.options.token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      }),
    );
    const data: unknown = await response.json().catch(() => undefined);
    return judge({ ok: response.ok, status: response.status, statusText: response.statusText, data });
  }

  async ping(): Promise<void> {
    const doFetch = this.doFetch;
    const response = await reach(this.options.baseUrl, () =>
      doFetch(new URL('/v1/health', this.options.baseUrl), { signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) }),
    );
    await response.body?.cancel();
    if (!response.ok) throw new SyncHttpError(response.status, 'http_error', response.statusText);
  }

  /** Stops the pull worker, if one runs (it never keeps the process alive while idle). */
  close(): Promise<void> {
    return this.fetcher?.close() ?? Promise.resolve();
  }

  /** Uses `token` from now on (after a rotation); the pull worker, which holds the old one, is started again. */
  async setToken(token: string): Promise<void> {
    this.options = { ...this.options, token };
    if (this.options.fetch) return;
    await this.fetcher?.close();
    this.fetcher = PullFetcher.create(this.options);
  }

  /** Trades this device's token for a new one (the hub stops honouring the old one at once). */
  rotateToken(): Promise<unknown> {
    return this.post('/v1/device/token', {});
  }

  private async post(path: string, body: unknown, timeoutMs = this.options.timeoutMs): Promise<unknown> {
    const doFetch = this.doFetch;
    const options = timeoutMs === undefined ? this.options : { ...this.options, timeoutMs };
    const response = await reach(this.options.baseUrl, () => doFetch(...hubPost(options, path, body)));
    const data: unknown = await response.json().catch(() => undefined);
    return judge({ ok: response.ok, status: response.status, statusText: response.statusText, data });
  }
}
