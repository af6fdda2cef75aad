import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { enqueue } from '../../core/outbox/outbox.js';
import { push } from '../client/push.js';
import { FaultyTransport } from './faultyTransport.js';
import { ANCHOR, startFixture, type Fixture } from './fixture.js';

let f: Fixture;

beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.close();
});

const pendingCount = () => f.device.prepare('SELECT count(*) FROM outbox WHERE rejected_reason IS NULL').pluck().get() as number;

describe('push through a faulty network', () => {
  it('gets every event into the hub exactly once; only rejected rows stay, with the reason', async () => {
    const valid: string[] = [];
    const rejected: string[] = [];
    f.device.transaction(() => {
      for (let i = 0; i < 1200; i++) {
        valid.push(enqueue(f.device, 'checkout.outcome', { storeId: 'S1', n: i }, ANCHOR));
        if (i === 10) {
          // Bad events in the middle of the queue must not hold up the ones behind them.
          const bogus = newId();
          f.device.prepare(`INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, 'telepathy', '{}', ?)`).run(bogus, ANCHOR.toISOString());
          rejected.push(bogus);
          rejected.push(enqueue(f.device, 'consent.changed', { storeId: 'S2' }, ANCHOR));
        }
      }
    })();

    const transport = new FaultyTransport(f.transport, 7);
    let rounds = 0;
    let failures = 0;
    const started = performance.now();
    while (pendingCount() > 0 && rounds < 200) {
      rounds += 1;
      try {
        await push(f.device, transport, { batchSize: 50 });
      } catch {
        failures += 1; // the scheduler would back off and retry; the test just retries
      }
    }
    const ms = performance.now() - started;
    console.log(`push: 1202 events, batch 50, ${rounds} passes, ${failures} failed passes, faults ${JSON.stringify(transport.seen)}, ${ms.toFixed(0)} ms`);

    expect(pendingCount()).toBe(0);
    for (const fault of ['drop', 'http503', 'duplicate', 'reorder', 'delay', 'cutAfterCommit'] as const) expect(transport.seen[fault], fault).toBeGreaterThan(0);

    const held = (await f.store.listEvents()).map((e) => e.id);
    expect(held).toEqual([...valid].sort());
    expect(new Set(held).size).toBe(held.length);

    const left = f.device.prepare('SELECT id, rejected_reason AS reason, rejected_at AS at, attempts FROM outbox ORDER BY id').all() as {
      id: string; reason: string; at: string; attempts: number;
    }[];
    expect(left.map((r) => r.id)).toEqual([...rejected].sort());
    expect(left.every((r) => r.reason.length > 0 && r.at && r.attempts >= 1)).toBe(true);
    expect(left.map((r) => r.reason).join('\n')).toMatch(/kind[\s\S]*store "S2"|store "S2"[\s\S]*kind/);

    // Rejected rows are skipped from then on: another pass sends nothing.
    expect(await push(f.device, f.transport)).toEqual({ batches: 0, acked: 0, rejected: 0 });
  });
});
