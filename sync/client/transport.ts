// How the client reaches the hub. The client only sees this interface, so tests can put a
// fault-injecting transport in front of a real hub.
import { PROTOCOL_VERSION, ProtocolVersionError, type PullRequest, type PushRequest } from '../protocol/index.js';

export interface SyncTransport {
  /** Resolves with the hub's raw answer; the client validates it. */
  pull(request: PullRequest): Promise<unknown>;
  push(request: PushRequest): Promise<unknown>;
}

/** The hub answered with an error status. */
export class SyncHttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`Hub answered ${status} ${code}: ${message}`);
    this.name = 'SyncHttpError';
  }
}

export interface HttpTransportOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The hub over HTTP(S) with the device's bearer token. */
export class HttpTransport implements SyncTransport {
  constructor(private readonly options: HttpTransportOptions) {}

  pull(request: PullRequest): Promise<unknown> {
    return this.post('/v1/pull', request);
  }

  push(request: PushRequest): Promise<unknown> {
    return this.post('/v1/push', request);
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const doFetch = this.options.fetch ?? fetch;
    const response = await doFetch(new URL(path, this.options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
    });
    const data: unknown = await response.json().catch(() => undefined);
    if (response.ok) return data;
    const error = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (error?.code === 'unsupported_protocol_version') throw new ProtocolVersionError(`hub refused version ${PROTOCOL_VERSION}: ${error.message}`);
    throw new SyncHttpError(response.status, error?.code ?? 'http_error', error?.message ?? response.statusText);
  }
}
