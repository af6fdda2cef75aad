import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../core/api/registry.js';
import { openSmallStore, SMALL_NOW } from '../core/testing/smallStore.js';
import { createDbHostClient, type HostProcess } from './dbHostClient.js';
import type { FromDbHost, ToDbHost } from './dbHostMessages.js';
import { serveApp } from './dbHostServer.js';

/** The two ends of a utility process's message channel, joined in memory. */
function pipe() {
  const toHost = new EventEmitter();
  const child = new EventEmitter() as EventEmitter & HostProcess;
  const posted: FromDbHost[] = [];
  child.postMessage = (m: ToDbHost) => queueMicrotask(() => toHost.emit('message', { data: structuredClone(m) }));
  child.kill = () => (child.emit('exit', 1), true);
  const port = {
    on: (event: 'message', listener: (e: { data: unknown }) => void) => toHost.on(event, listener),
    postMessage: (m: FromDbHost) => {
      posted.push(m);
      const copy = structuredClone(m); // throws for uncloneable values, like the real port
      queueMicrotask(() => child.emit('message', copy));
    },
  };
  return { child, port, posted };
}

describe('database host server', () => {
  it('answers calls through the real app API, end to end with the client', async () => {
    const { child, port } = pipe();
    const app = createApp({ db: openSmallStore(), now: () => SMALL_NOW });
    const client = createDbHostClient({ spawn: () => child, log: () => {} });
    serveApp(port, app, { close: () => {}, onShutdown: () => {} });

    const staff = await client.call('session.staff', {});
    expect(staff.ok).toBe(true);
    expect(Array.isArray((staff as { value: unknown }).value)).toBe(true);

    await expect(client.call('no.such.call', {})).resolves.toMatchObject({ ok: false, error: { code: 'unknown_handler' } });
    await expect(client.call('customers.lookup', { query: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });

  it('forwards app events as {kind: event, event, payload}', () => {
    const { port, posted } = pipe();
    let emit: (event: string, payload: unknown) => void = () => {};
    const app = {
      dispatch: vi.fn(),
      subscribe: (l: typeof emit) => ((emit = l), () => {}),
      session: null,
    };
    serveApp(port, app as any, { close: () => {}, onShutdown: () => {} });
    emit('session.changed', { staffId: 's1' });
    expect(posted).toContainEqual({ kind: 'event', event: 'session.changed', payload: { staffId: 's1' } });
  });

  it('announces ready, ignores junk, and closes the replica before exiting on shutdown', () => {
    const incoming = new EventEmitter();
    const posted: FromDbHost[] = [];
    const order: string[] = [];
    const app = { dispatch: vi.fn(() => ({ ok: true, value: 1 })), subscribe: () => () => {}, session: null };
    serveApp({ on: (e, l) => incoming.on(e, l), postMessage: (m) => posted.push(m) }, app as any, {
      close: () => order.push('close'),
      onShutdown: () => order.push('exit'),
    });
    expect(posted).toEqual([{ kind: 'ready' }]);

    for (const data of [null, 'call', { kind: 'call' }, { kind: 'call', id: '1', name: 'x' }]) incoming.emit('message', { data });
    expect(app.dispatch).not.toHaveBeenCalled();

    incoming.emit('message', { data: { kind: 'call', id: 4, name: 'device.status', input: {} } });
    expect(app.dispatch).toHaveBeenCalledWith('device.status', {});
    expect(posted.at(-1)).toEqual({ kind: 'result', id: 4, result: { ok: true, value: 1 } });

    incoming.emit('message', { data: { kind: 'shutdown' } });
    expect(order).toEqual(['close', 'exit']);
  });

  it('answers with a transport error when a result cannot be sent', () => {
    const incoming = new EventEmitter();
    const posted: FromDbHost[] = [];
    const app = { dispatch: () => ({ ok: true, value: () => 'not cloneable' }), subscribe: () => () => {}, session: null };
    serveApp(
      {
        on: (e, l) => incoming.on(e, l),
        postMessage: (m) => posted.push(structuredClone(m)),
      },
      app as any,
      { close: () => {}, onShutdown: () => {} },
    );
    incoming.emit('message', { data: { kind: 'call', id: 9, name: 'x', input: {} } });
    expect(posted.at(-1)).toMatchObject({ kind: 'result', id: 9, result: { ok: false, error: { code: 'transport' } } });
  });
});
