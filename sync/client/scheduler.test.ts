import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { backoffDelay } from './backoff.js';
import { SyncScheduler, type SyncTask } from './scheduler.js';

let log: { task: SyncTask; at: number }[];
let failing: Set<SyncTask>;
const runner = {
  pull: async (stream: SyncTask) => {
    log.push({ task: stream, at: Date.now() });
    if (failing.has(stream)) throw new Error(`${stream} offline`);
  },
  push: async () => {
    log.push({ task: 'push', at: Date.now() });
    if (failing.has('push')) throw new Error('push offline');
  },
};

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
  log = [];
  failing = new Set();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('doubles per failure up to the cap, with jitter in the upper half', () => {
    const opts = { baseMs: 1000, maxMs: 8000 };
    expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, () => 1, opts))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(backoffDelay(3, () => 0, opts)).toBe(2000);
  });
});

describe('SyncScheduler', () => {
  it('pushes first, bootstraps the streams in order, then keeps inventory on its cadence', async () => {
    const s = new SyncScheduler(runner, { inventoryEveryMs: 60_000, othersEveryMs: 900_000, pushEveryMs: 30_000 });
    s.start();
    // (fake timers run a 0 ms timeout after 1 ms, hence the few ms of slack below)
    await vi.advanceTimersByTimeAsync(10);
    expect(log.map((l) => l.task)).toEqual(['push', 'catalog', 'inventory', 'customers', 'orders', 'merch_config']);
    log = [];
    await vi.advanceTimersByTimeAsync(120_000);
    expect(log.filter((l) => l.task === 'inventory').map((l) => Math.round(l.at / 1000))).toEqual([60, 120]);
    expect(log.filter((l) => l.task === 'push').map((l) => Math.round(l.at / 1000))).toEqual([30, 60, 90, 120]);
    expect(log.some((l) => l.task === 'catalog')).toBe(false);
    s.stop();
  });

  it('backs a failing stream off with jitter, no later than its cadence, while the others carry on', async () => {
    failing.add('inventory');
    const results: boolean[] = [];
    const s = new SyncScheduler(runner, {
      inventoryEveryMs: 60_000,
      pushEveryMs: 300_000,
      backoff: { baseMs: 1000, maxMs: 600_000 },
      random: () => 1,
      onResult: (r) => r.task === 'inventory' && results.push(r.ok),
    });
    s.start();
    await vi.advanceTimersByTimeAsync(200_000);
    const tries = log.filter((l) => l.task === 'inventory').map((l) => l.at);
    const waits = tries.slice(1).map((at, i) => at - tries[i]!);
    // 1, 2, 4, … s, then capped at the 60 s cadence
    expect(waits.slice(0, 8)).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    failing.delete('inventory');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(results.at(-1)).toBe(true);
    expect(log.filter((l) => l.task === 'push')).toHaveLength(1);
    s.stop();
  });

  it('pushes soon after a local write, and stops cleanly', async () => {
    const s = new SyncScheduler(runner, { pushEveryMs: 300_000 });
    s.start();
    await vi.advanceTimersByTimeAsync(1000);
    log = [];
    vi.setSystemTime(5000);
    s.nudgePush();
    await vi.advanceTimersByTimeAsync(5);
    expect(log.map((l) => l.task)).toEqual(['push']);
    s.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(log).toHaveLength(1);
  });

  it('runs every task at once on "sync now", even one that is backing off', async () => {
    failing.add('catalog');
    const s = new SyncScheduler(runner, { othersEveryMs: 900_000, pushEveryMs: 300_000, backoff: { baseMs: 60_000, maxMs: 600_000 }, random: () => 1 });
    s.start();
    await vi.advanceTimersByTimeAsync(10);
    failing.delete('catalog');
    log = [];
    vi.setSystemTime(20_000);
    s.runAllNow();
    await vi.advanceTimersByTimeAsync(10);
    expect(log.map((l) => l.task).sort()).toEqual(['catalog', 'customers', 'inventory', 'merch_config', 'orders', 'push']);
    s.stop();
  });

  it('refuses an inventory cadence over 5 minutes', () => {
    expect(() => new SyncScheduler(runner, { inventoryEveryMs: 300_001 })).toThrow(RangeError);
  });
});

describe('SyncScheduler with waits for news (long-polls)', () => {
  /** A hub that answers each wait after `afterMs` with the next answer of `answers` (then: nothing new). */
  function newsRunner(answers: (boolean | Error)[], afterMs: number) {
    const waits: number[] = [];
    return {
      waits,
      runner: {
        ...runner,
        waitForNews: (stream: SyncTask) => {
          expect(stream).toBe('inventory');
          waits.push(Date.now());
          const answer = answers.shift() ?? false;
          return new Promise<boolean>((resolve, reject) => setTimeout(() => (answer instanceof Error ? reject(answer) : resolve(answer)), afterMs));
        },
      },
    };
  }

  it('pulls inventory as soon as the hub has news, then waits again after that pull; the cadence stays', async () => {
    const { runner: r, waits } = newsRunner([true, false, true], 1000);
    const s = new SyncScheduler(r, { inventoryEveryMs: 60_000, othersEveryMs: 900_000, pushEveryMs: 300_000 });
    s.start();
    await vi.advanceTimersByTimeAsync(10);
    log = [];
    await vi.advanceTimersByTimeAsync(30_000);
    // News at 1 s: inventory pulled at once; the next wait starts after that pull and ends empty at 2 s,
    // so the one after starts 20 s after it began (21 s) and brings news at 22 s.
    expect(log.filter((l) => l.task === 'inventory').map((l) => Math.round(l.at / 1000))).toEqual([1, 22]);
    expect(waits.slice(0, 4).map((t) => Math.round(t / 1000))).toEqual([0, 1, 21, 22]);
    await vi.advanceTimersByTimeAsync(60_000);
    // The cadence still pulls 60 s after the last pull.
    expect(log.filter((l) => l.task === 'inventory').map((l) => Math.round(l.at / 1000))).toEqual([1, 22, 82]);
    s.stop();
  });

  it('backs off a wait that fails, and stops waiting when stopped', async () => {
    const { runner: r, waits } = newsRunner([new Error('offline'), new Error('offline')], 0);
    const s = new SyncScheduler(r, { inventoryEveryMs: 60_000, pushEveryMs: 300_000, backoff: { baseMs: 1000, maxMs: 60_000 }, random: () => 1 });
    s.start();
    await vi.advanceTimersByTimeAsync(3_500);
    expect(waits.map((t) => Math.round(t / 1000))).toEqual([0, 1, 3]);
    s.stop();
    const before = waits.length;
    await vi.advanceTimersByTimeAsync(120_000);
    expect(waits.length).toBe(before);
  });
});
