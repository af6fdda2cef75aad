// A transport that misbehaves like a store's network: it drops requests, fails with 5xx,
// sends a request twice, reorders a batch, delivers a late copy of an earlier exchange, delays,
// and cuts the connection after the hub committed but before the answer arrived. Seeded, or
// driven by a script of faults (what a property test generates and shrinks), so a failing run
// can be replayed.
import { SyncHttpError, type SyncTransport } from '../client/transport.js';
import type { PullRequest, PushRequest } from '../protocol/index.js';

export const FAULTS = ['none', 'drop', 'http503', 'duplicate', 'reorder', 'delay', 'cutAfterCommit', 'replay'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultyOptions {
  /** Faults in the order they strike, one per request; 'none' once it runs out. Replaces the seeded choice. */
  script?: readonly Fault[];
  /** Misbehave on pulls too (by default only pushes, which is where acks can be lost). */
  pulls?: boolean;
  /** Runs while a delayed request is held: another writer getting in while sync waits on the network. */
  duringDelay?: () => void | Promise<void>;
}

export class FaultyTransport implements SyncTransport {
  readonly seen: Record<Fault, number> = { none: 0, drop: 0, http503: 0, duplicate: 0, reorder: 0, delay: 0, cutAfterCommit: 0, replay: 0 };
  /** Off: every request goes straight through (syncing to quiescence at the end of a test). */
  enabled = true;
  private state: number;
  private step = 0;
  private lastPush: PushRequest | undefined;
  private lastPull: unknown;

  constructor(private readonly inner: SyncTransport, seed: number, private readonly options: FaultyOptions = {}) {
    this.state = seed >>> 0 || 1;
  }

  async pull(request: PullRequest): Promise<unknown> {
    if (!this.options.pulls) return this.inner.pull(request);
    const fault = this.pick();
    switch (fault) {
      case 'drop':
        throw new Error('connection refused (injected)');
      case 'http503':
        throw new SyncHttpError(503, 'unavailable', 'injected');
      case 'duplicate':
        await this.inner.pull(request);
        return this.remember(await this.inner.pull(request));
      case 'reorder':
      case 'replay':
        // A late answer to an earlier pull arrives instead of this one's.
        return this.lastPull ?? this.remember(await this.inner.pull(request));
      case 'delay':
        await this.hold();
        return this.remember(await this.inner.pull(request));
      case 'cutAfterCommit':
        await this.inner.pull(request);
        throw new Error('connection reset before the page arrived (injected)');
      default:
        return this.remember(await this.inner.pull(request));
    }
  }

  async push(request: PushRequest): Promise<unknown> {
    const fault = this.pick();
    const earlier = this.lastPush;
    this.lastPush = request;
    switch (fault) {
      case 'drop':
        throw new Error('connection refused (injected)');
      case 'http503':
        throw new SyncHttpError(503, 'unavailable', 'injected');
      case 'duplicate':
        await this.inner.push(request);
        return this.inner.push(request);
      case 'reorder':
        return this.inner.push({ ...request, events: this.shuffle(request.events) });
      case 'replay':
        // A retried earlier batch, stuck in the network, reaches the hub after this one was sent.
        if (earlier) await this.inner.push(earlier);
        return this.inner.push(request);
      case 'delay':
        await this.hold();
        return this.inner.push(request);
      case 'cutAfterCommit':
        await this.inner.push(request);
        throw new Error('connection reset after the hub committed (injected)');
      default:
        return this.inner.push(request);
    }
  }

  private pick(): Fault {
    const fault: Fault = !this.enabled ? 'none' : this.options.script ? (this.options.script[this.step++] ?? 'none') : FAULTS[this.next() % FAULTS.length]!;
    this.seen[fault] += 1;
    return fault;
  }

  private async hold(): Promise<void> {
    if (this.options.duringDelay) await this.options.duringDelay();
    else await new Promise((r) => setTimeout(r, this.next() % 20));
  }

  private remember(answer: unknown): unknown {
    this.lastPull = answer;
    return answer;
  }

  private next(): number {
    // xorshift32
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }

  private shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.next() % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
