// Rate limits that hold across hub processes. In one process the limits count in memory
// (AddressLimiter, @fastify/rate-limit's own store); N processes on one PostgreSQL would each give
// an address or a device the whole budget, N times over. Here the counts live in the database: one
// row per key and fixed window (an UNLOGGED table: a crash forgets the counts, which only resets the
// windows early, and counting costs no WAL flush), shared by every process.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Pool } from 'pg';
import type { AddressBudget } from './addressLimiter.js';

/** A count in a fixed window, and when the window started (ms since the epoch). */
export interface WindowCount {
  count: number;
  windowStart: number;
}

/** Counts shared by every hub process. */
export interface WindowCounter {
  /** Adds `n` to `key` in its current window (a window older than `windowMs` starts again at `n`). */
  add(key: string, windowMs: number, now: number, n?: number): Promise<WindowCount>;
  /** The current window's count of `key`, without counting; null when its window ended or it has none. */
  peek(key: string, windowMs: number, now: number): Promise<WindowCount | null>;
}

/** What the server's failed-authentication budget needs: AddressLimiter in memory, SharedAddressLimiter across processes. */
export interface FailureLimiter {
  /** Seconds until this address may try again, or 0 when it has budget left. */
  retryAfter(address: string, now: number): number | Promise<number>;
  /** Counts one failed authentication (a refused token or enrolment code) from `address`. */
  fail(address: string, now: number): void | Promise<void>;
}

/** The counter table (created by the PostgreSQL store's migrations). */
export const RATE_WINDOWS_TABLE = 'hub_rate_windows';

/** The counts in PostgreSQL: one upsert a count, atomic however many processes count the same key. */
export class PgWindowCounter implements WindowCounter {
  private lastSweep = 0;

  constructor(private readonly pool: Pool) {}

  async add(key: string, windowMs: number, now: number, n = 1): Promise<WindowCount> {
    this.sweep(now);
    const { rows } = await this.pool.query<{ hits: number; window_start: string }>({
      name: 'hub_rate_add',
      text: `INSERT INTO ${RATE_WINDOWS_TABLE} AS w (key, window_start, hits) VALUES ($1, $2, $3)
        ON CONFLICT (key) DO UPDATE SET
          window_start = CASE WHEN w.window_start <= $2 - $4::bigint THEN $2 ELSE w.window_start END,
          hits = CASE WHEN w.window_start <= $2 - $4::bigint THEN $3 ELSE w.hits + $3 END
        RETURNING hits, window_start`,
      values: [key, now, n, windowMs],
    });
    return { count: rows[0]!.hits, windowStart: Number(rows[0]!.window_start) };
  }

  async peek(key: string, windowMs: number, now: number): Promise<WindowCount | null> {
    const { rows } = await this.pool.query<{ hits: number; window_start: string }>({
      name: 'hub_rate_peek',
      text: `SELECT hits, window_start FROM ${RATE_WINDOWS_TABLE} WHERE key = $1 AND window_start > $2 - $3::bigint`,
      values: [key, now, windowMs],
    });
    return rows[0] ? { count: rows[0].hits, windowStart: Number(rows[0].window_start) } : null;
  }

  /** Windows over a day old are deleted now and then (any process may; the delete is idempotent). */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10 * 60_000) return;
    this.lastSweep = now;
    void this.pool.query(`DELETE FROM ${RATE_WINDOWS_TABLE} WHERE window_start < $1`, [now - 86_400_000]).catch(() => undefined);
  }
}

/** The failed-authentication budget per address, counted in a WindowCounter (AddressLimiter's rule, shared). */
export class SharedAddressLimiter implements FailureLimiter {
  constructor(private readonly counter: WindowCounter, private readonly budget: AddressBudget) {}

  async retryAfter(address: string, now: number): Promise<number> {
    const w = await this.counter.peek(`auth:${address}`, this.budget.timeWindowMs, now);
    if (!w || w.count < this.budget.max) return 0;
    return Math.max(1, Math.ceil((w.windowStart + this.budget.timeWindowMs - now) / 1000));
  }

  async fail(address: string, now: number): Promise<void> {
    await this.counter.add(`auth:${address}`, this.budget.timeWindowMs, now);
  }
}

/** A store for @fastify/rate-limit counting in a WindowCounter: the per-device request budget, shared. */
export function sharedRateLimitStore(counter: WindowCounter, now: () => number): FastifyRateLimitStoreCtor {
  class SharedRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow?: number): void {
      const windowMs = timeWindow ?? 60_000;
      const at = now();
      counter.add(`rate:${key}`, windowMs, at).then(
        (w) => callback(null, { current: w.count, ttl: Math.max(0, w.windowStart + windowMs - at) }),
        (err: Error) => callback(err),
      );
    }

    child(): FastifyRateLimitStore {
      return this;
    }
  }
  return SharedRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
