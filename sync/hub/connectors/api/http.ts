// Calls to a vendor's API: JSON over Node's fetch, retried with exponential backoff on network
// errors, 5xx and malformed bodies, waiting as long as the vendor says on 429 (Retry-After) or
// when its own throttle (a cost bucket in the body, a leaky-bucket header) runs dry. A 4xx other
// than 429 is the request's fault: it is not retried, and the vendor's error text is kept.

export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => new Date(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 60_000 };

/** A failed call, with what the vendor said (never the request's credentials). */
export class VendorError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'VendorError';
  }
}

/** What a vendor's body or headers say about waiting before the next call (its own throttle). */
export type ThrottleCheck = (res: { status: number; headers: Headers; body: unknown }) => { waitMs: number; reason: string } | null;

export interface JsonCall {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: unknown;
}

export interface JsonResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.ceil(Number(s) * 1000);
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : Math.max(0, t - now.getTime());
}

/** Exponential backoff with jitter (half fixed, half random) so many hubs do not retry in step. */
export function backoffMs(attempt: number, policy: RetryPolicy, random = Math.random): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(cap / 2 + (random() * cap) / 2);
}

const snippet = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/**
 * One call, retried as above. `throttle` reads the vendor's own throttle signal from a 2xx body
 * (e.g. Shopify's THROTTLED error): a throttled answer is waited out and asked again, without
 * counting as a failed attempt more than `policy.attempts` times in a row.
 */
export async function callJson(fetchFn: typeof fetch, call: JsonCall, clock: Clock, policy: RetryPolicy = DEFAULT_RETRY, throttle?: ThrottleCheck): Promise<JsonResult> {
  let lastError = '';
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    let res: Response;
    try {
      res = await fetchFn(call.url, {
        method: call.method,
        headers: { accept: 'application/json', ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
      });
    } catch (err) {
      lastError = `network error: ${err instanceof Error ? err.message : String(err)}`;
      await clock.sleep(backoffMs(attempt, policy));
      continue;
    }
    const text = await res.text();
    if (res.status === 429) {
      lastError = `429 rate limited: ${snippet(text)}`;
      await clock.sleep(retryAfterMs(res.headers.get('retry-after'), clock.now()) ?? backoffMs(attempt, policy));
      continue;
    }
    if (res.status >= 500) {
      lastError = `${res.status} from the vendor: ${snippet(text)}`;
      await clock.sleep(backoffMs(attempt, policy));
      continue;
    }
    let body: unknown = null;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        lastError = `${res.status} with a body that is not JSON: ${snippet(text)}`;
        await clock.sleep(backoffMs(attempt, policy));
        continue;
      }
    }
    if (res.status >= 400) throw new VendorError(`${res.status} from the vendor: ${snippet(text)}`, res.status, false);
    const wait = throttle?.({ status: res.status, headers: res.headers, body });
    if (wait) {
      lastError = wait.reason;
      await clock.sleep(wait.waitMs);
      continue;
    }
    return { status: res.status, headers: res.headers, body };
  }
  throw new VendorError(`gave up after ${policy.attempts} attempts; last: ${lastError}`, null, true);
}
