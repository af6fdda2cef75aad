import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDbHostClient, type DbHostClientOptions } from './dbHostClient.js';
import type { FromDbHost, ToDbHost } from './dbHostMessages.js';

/** A pretend utility process: records what it is sent; the test decides what it says. */
class FakeChild extends EventEmitter {
  sent: ToDbHost[] = [];
  killed = false;
  postMessage(message: ToDbHost) {
    this.sent.push(message);
  }
  kill() {
    this.killed = true;
    return true;
  }
  say(message: FromDbHost) {
    this.emit('message', message);
  }
  calls() {
    return this.sent.filter((m): m is Extract<ToDbHost, { kind: 'call' }> => m.kind === 'call');
  }
  /** Answers one call the way the real host does. */
  answer(id: number, value: unknown) {
    this.say({ kind: 'result', id, result: { ok: true, value } });
  }
  exit(code: number) {
    this.emit('exit', code);
  }
}

function harness(options: Partial<DbHostClientOptions> = {}) {
  const children: FakeChild[] = [];
  const client = createDbHostClient({
    spawn: () => {
      const child = new FakeChild();
      children.push(child);
      return child;
    },
    callTimeoutMs: 1_000,
    startupTimeoutMs: 10_000,
    restartDelayMs: () => 100,
    maxRestarts: 3,
    log: () => {},
    ...options,
  });
  return { client, children, current: () => children[children.length - 1]! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('dbHostClient', () => {
  it('holds calls until the host is ready, then sends them', async () => {
    const { client, current } = harness();
    const pending = client.call('device.status', {});
    expect(current().calls()).toHaveLength(0);
    current().say({ kind: 'ready' });
    expect(current().calls()).toEqual([{ kind: 'call', id: 1, name: 'device.status', input: {} }]);
    current().answer(1, 'ok');
    await expect(pending).resolves.toEqual({ ok: true, value: 'ok' });
  });

  it('matches out-of-order replies to the right callers', async () => {
    const { client, current } = harness();
    current().say({ kind: 'ready' });
    const a = client.call('a', 1);
    const b = client.call('b', 2);
    const c = client.call('c', 3);
    const [ca, cb, cc] = current().calls();
    current().answer(cc!.id, 'C');
    current().answer(ca!.id, 'A');
    current().answer(cb!.id, 'B');
    await expect(Promise.all([a, b, c])).resolves.toEqual([
      { ok: true, value: 'A' },
      { ok: true, value: 'B' },
      { ok: true, value: 'C' },
    ]);
  });

  it('passes error values through untouched and ignores replies for unknown ids', async () => {
    const { client, current } = harness();
    current().say({ kind: 'ready' });
    const p = client.call('nope', {});
    current().answer(999, 'stray');
    const error = { ok: false as const, error: { code: 'unknown_handler' as const, message: 'There is no call named "nope".' } };
    current().say({ kind: 'result', id: current().calls()[0]!.id, result: error });
    await expect(p).resolves.toEqual(error);
  });

  it('reports a malformed reply as a transport error', async () => {
    const { client, current } = harness();
    current().say({ kind: 'ready' });
    const p = client.call('device.status', {});
    current().emit('message', { kind: 'result', id: 1, result: { weird: true } });
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('times out a call the host does not answer, and ignores the late reply', async () => {
    const { client, current } = harness();
    current().say({ kind: 'ready' });
    const p = client.call('slow', {});
    vi.advanceTimersByTime(1_001);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'transport', message: expect.stringMatching(/did not answer/) } });
    expect(() => current().answer(1, 'too late')).not.toThrow();
  });

  it('times out calls waiting for a host that never becomes ready', async () => {
    const { client } = harness();
    const p = client.call('device.status', {});
    vi.advanceTimersByTime(10_001);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'transport', message: expect.stringMatching(/starting/) } });
  });

  it('fails in-flight calls when the host exits, then restarts it and carries on', async () => {
    const { client, children, current } = harness();
    current().say({ kind: 'ready' });
    const inFlight = [client.call('a', {}), client.call('b', {})];
    children[0]!.exit(139);
    for (const r of await Promise.all(inFlight)) {
      expect(r).toMatchObject({ ok: false, error: { code: 'transport', message: expect.stringMatching(/stopped/) } });
    }

    // A call made while restarting waits for the new host rather than failing.
    const later = client.call('c', {});
    expect(children).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(children).toHaveLength(2);
    current().say({ kind: 'ready' });
    const sent = current().calls();
    expect(sent.map((m) => m.name)).toEqual(['c']);
    current().answer(sent[0]!.id, 'fresh');
    await expect(later).resolves.toEqual({ ok: true, value: 'fresh' });
  });

  it('ignores messages from a host it has already replaced', async () => {
    const { client, children, current } = harness();
    current().say({ kind: 'ready' });
    children[0]!.exit(1);
    vi.advanceTimersByTime(100);
    current().say({ kind: 'ready' });
    const p = client.call('x', {});
    children[0]!.answer(current().calls()[0]!.id, 'from the dead');
    current().answer(current().calls()[0]!.id, 'alive');
    await expect(p).resolves.toEqual({ ok: true, value: 'alive' });
  });

  it('gives up after repeated crashes during startup', async () => {
    const { client, children, current } = harness({ maxRestarts: 2 });
    const p = client.call('device.status', {});
    for (let i = 0; i < 3; i++) {
      current().exit(1);
      vi.advanceTimersByTime(100);
    }
    expect(children).toHaveLength(3);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'transport', message: expect.stringMatching(/in a row/) } });
    await expect(client.call('again', {})).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
  });

  it('does not restart a host that reported it cannot open the replica', async () => {
    const { client, children, current } = harness();
    const p = client.call('device.status', {});
    current().say({ kind: 'failed', message: 'The local database could not be opened: newer version' });
    current().exit(1);
    vi.advanceTimersByTime(10_000);
    expect(children).toHaveLength(1);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'transport', message: expect.stringMatching(/newer version/) } });
    await expect(client.call('x', {})).resolves.toMatchObject({ ok: false, error: { message: expect.stringMatching(/newer version/) } });
  });

  it('delivers host events to listeners until they unsubscribe', () => {
    const { client, current } = harness();
    const seen: unknown[] = [];
    const off = client.onEvent((event, payload) => seen.push([event, payload]));
    current().say({ kind: 'event', event: 'session.changed', payload: null });
    off();
    current().say({ kind: 'event', event: 'device.status', payload: {} });
    expect(seen).toEqual([['session.changed', null]]);
  });

  it('shuts the host down cleanly, killing it only if it does not leave in time', async () => {
    const { client, children, current } = harness();
    current().say({ kind: 'ready' });
    const pending = client.call('a', {});
    const closed = client.close(500);
    expect(current().sent.at(-1)).toEqual({ kind: 'shutdown' });
    vi.advanceTimersByTime(501);
    expect(current().killed).toBe(true);
    current().exit(0);
    await closed;
    await expect(pending).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
    vi.advanceTimersByTime(10_000);
    expect(children).toHaveLength(1); // no restart after a requested shutdown
    await expect(client.call('b', {})).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
  });
});
