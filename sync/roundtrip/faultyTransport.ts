// A transport that misbehaves like a store's network: it drops requests, fails with 5xx,
// sends a request twice, reorders a batch, delays, and cuts the connection after the hub
// committed but before the answer arrived. Seeded, so a failing run can be replayed.
import { SyncHttpError, type SyncTransport } from '../client/transport.js';
import type { PullRequest, PushRequest } from '../protocol/index.js';

export const FAULTS = ['none', 'drop', 'http503', 'duplicate', 'reorder', 'delay', 'cutAfterCommit'] as const;
export type Fault = (typeof FAULTS)[number];

export class FaultyTransport implements SyncTransport {
  readonly seen: Record<Fault, number> = { none: 0, drop: 0, http503: 0, duplicate: 0, reorder: 0, delay: 0, cutAfterCommit: 0 };
  private state: number;

  constructor(private readonly inner: SyncTransport, seed: number) {
    this.state = seed >>> 0 || 1;
  }

  pull(request: PullRequest): Promise<unknown> {
    return this.inner.pull(request);
  }

  async push(request: PushRequest): Promise<unknown> {
    const fault = FAULTS[this.next() % FAULTS.length]!;
    this.seen[fault] += 1;
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
      case 'delay':
        await new Promise((r) => setTimeout(r, this.next() % 20));
        return this.inner.push(request);
      case 'cutAfterCommit':
        await this.inner.push(request);
        throw new Error('connection reset after the hub committed (injected)');
      default:
        return this.inner.push(request);
    }
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
