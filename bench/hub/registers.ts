// The hub benchmark's registers: each one a light replica (sync/roundtrip/lightReplica.ts) driven
// by the real sync client — `pull(db, transport, 'inventory')` and `push(db, transport)` over HTTP
// with the client's own transport — on the cadence of a store's register: a stock pull every
// minute, and a sale with its five starter events every minute, pushed as it is recorded.
import type Database from 'better-sqlite3';
import { enqueue } from '../../core/outbox/outbox.js';
import { pull } from '../../sync/client/pull.js';
import { push } from '../../sync/client/push.js';
import { HttpTransport, type SyncTransport } from '../../sync/client/transport.js';
import { openLightReplica, setCursor } from '../../sync/roundtrip/lightReplica.js';
import type { PullRequest, PushRequest } from '../../sync/protocol/index.js';
import type { RawEvent } from './backends.js';

/** The SKU whose stock row each feed sets to its cycle number, last in the file: its arrival at a register dates the feed there. */
export const MARKER_SKU = 'BENCH-MARK';

export interface RegisterSpec {
  storeId: string;
  registerId: string;
  deviceId: string;
  token: string;
}

/** What every register records, shared by all of them (one process). */
export class Tally {
  pullMs: number[] = [];
  pushMs: number[] = [];
  pulls = 0;
  pushes = 0;
  events = 0;
  rejected = 0;
  failures = 0;
  /** Stock rows the registers applied (each register gets every change: stock is chain-wide). */
  rowsPulled = 0;
  /** After this (performance.now()), requests stop: a pull still paging at the end of the run ends there. */
  stopAt = Infinity;
  /** Wall ms from a feed's upload to each register holding its marker, per cycle. */
  staleness = new Map<number, number[]>();
  produced: RawEvent[] = [];
}

/** The run is over: a request not sent (not a failure). */
class RunOver extends Error {}

/** Times each request (a pull page or a push batch) as the register sees it. */
class TimedTransport implements SyncTransport {
  constructor(private readonly inner: HttpTransport, private readonly tally: Tally) {}
  async pull(request: PullRequest): Promise<unknown> {
    if (performance.now() > this.tally.stopAt) throw new RunOver();
    const t0 = performance.now();
    const answer = await this.inner.pull(request);
    this.tally.pullMs.push(performance.now() - t0);
    this.tally.pulls += 1;
    return answer;
  }
  async push(request: PushRequest): Promise<unknown> {
    const t0 = performance.now();
    const answer = await this.inner.push(request);
    this.tally.pushMs.push(performance.now() - t0);
    this.tally.pushes += 1;
    return answer;
  }
}

/**
 * At most this many registers pull at once in the load generator: each holds a page and the next
 * one (up to 5,000 changes each) while it applies, and two thousand of them at once after a feed
 * would not fit in one process. A register waiting for its turn counts in its staleness, not in the
 * request latency (which starts when the request is sent).
 */
export class Turns {
  private waiting: (() => void)[] = [];
  private active = 0;
  constructor(private readonly most: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.most) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

export class Register {
  readonly db: Database.Database;
  private readonly transport: TimedTransport;
  private seenCycle = 0;
  private sales = 0;

  constructor(readonly spec: RegisterSpec, hubUrl: string, private readonly tally: Tally, inventoryCursor: string) {
    this.db = openLightReplica({ streams: ['inventory'], dropStockExcept: MARKER_SKU });
    setCursor(this.db, 'inventory', inventoryCursor);
    // An injected fetch: the same transport code without a pull worker thread per register.
    this.transport = new TimedTransport(new HttpTransport({ baseUrl: hubUrl, token: spec.token, fetch: globalThis.fetch, timeoutMs: 120_000 }), tally);
  }

  /** One stock pull to the end of the stream; notes when a feed's marker first shows here. */
  async pullStock(feedStarts: ReadonlyMap<number, number>, turns: Turns): Promise<void> {
    try {
      await turns.run(() => pull(this.db, this.transport, 'inventory', { onPage: (p) => (this.tally.rowsPulled += p.rows) }));
    } catch (err) {
      if (!(err instanceof RunOver)) this.tally.failures += 1;
      return;
    }
    const cycle = (this.db.prepare('SELECT max(on_hand) FROM inventory WHERE sku = ?').pluck().get(MARKER_SKU) as number | null) ?? 0;
    const now = performance.now();
    for (let c = this.seenCycle + 1; c <= cycle; c++) {
      const start = feedStarts.get(c);
      if (start === undefined) continue;
      let list = this.tally.staleness.get(c);
      if (!list) this.tally.staleness.set(c, (list = []));
      list.push(now - start);
    }
    this.seenCycle = Math.max(this.seenCycle, cycle);
  }

  /** Has this register seen the feed of `cycle`? */
  holds(cycle: number): boolean {
    return this.seenCycle >= cycle;
  }

  /** A sale and the five starters shown during it, recorded in the outbox, then pushed. */
  async sell(skus: readonly string[]): Promise<void> {
    const at = new Date();
    const n = this.sales++;
    const { storeId, registerId } = this.spec;
    const associateId = `E-${storeId}-1`;
    const sku = skus[n % skus.length]!;
    this.db.transaction(() => {
      for (let i = 0; i < 5; i++) {
        const starter = { storeId, registerId, associateId, customerId: null, kind: 'complement', sku: skus[(n + i + 1) % skus.length], anchorSku: sku, shownAt: at.toISOString() };
        this.record('starter.shown', starter, at);
      }
      const sale = {
        orderId: `${registerId}-${n}`, storeId, registerId, associateId, customerId: null, placedAt: at.toISOString(),
        lines: [{ lineNo: 1, sku, quantity: 1, unitPriceCents: 1999, discountCents: 0 }],
      };
      this.record('sale.completed', sale, at);
    })();
    try {
      const r = await push(this.db, this.transport);
      this.tally.events += r.acked;
      this.tally.rejected += r.rejected;
    } catch {
      this.tally.failures += 1;
    }
  }

  private record(kind: 'starter.shown' | 'sale.completed', payload: object, at: Date): void {
    const id = enqueue(this.db, kind, payload, at);
    this.tally.produced.push({ id, deviceId: this.spec.deviceId, storeId: this.spec.storeId, kind, payload: JSON.stringify(payload), createdAt: at.toISOString() });
  }

  close(): void {
    this.db.close();
  }
}
