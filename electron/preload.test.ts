import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: null as any, // filled in below (EventEmitter is not available inside vi.hoisted)
  };
});
vi.mock('electron', () => ({ contextBridge: fake.contextBridge, ipcRenderer: fake.ipcRenderer, ipcMain: {} }));

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'pong' }));
  send = vi.fn();
}
const ipcRenderer = new FakeIpcRenderer();
fake.ipcRenderer = ipcRenderer;

type Bridge = {
  call(name: unknown, input?: unknown): Promise<any>;
  on(event: unknown, listener: unknown): () => void;
};
let bridge: Bridge;

beforeAll(async () => {
  await import('./preload.js');
  bridge = fake.exposed.get('endcap') as Bridge;
});
beforeEach(() => {
  ipcRenderer.invoke.mockClear();
  ipcRenderer.removeAllListeners();
});

describe('preload bridge', () => {
  it('exposes exactly one object, window.endcap, with only call and on', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...fake.exposed.keys()]).toEqual(['endcap']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'on']);
    expect(typeof bridge.call).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('call invokes the one channel with (name, input) and returns the result value', async () => {
    await expect(bridge.call('device.status', {})).resolves.toEqual({ ok: true, value: 'pong' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('endcap:call', 'device.status', {});
  });

  it('call refuses a non-string name without touching IPC', async () => {
    for (const name of [42, null, { toString: () => 'device.status' }, undefined]) {
      await expect(bridge.call(name, {})).resolves.toMatchObject({ ok: false, error: { code: 'transport' } });
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('call turns an IPC failure into an error value instead of a rejection', async () => {
    ipcRenderer.invoke.mockRejectedValueOnce(new Error('An object could not be cloned.'));
    await expect(bridge.call('device.status', { fn: () => 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'transport', message: expect.stringContaining('could not be cloned') },
    });
  });

  it('on passes only the payload, never the IPC event, and only for the named event', () => {
    const listener = vi.fn();
    bridge.on('session.changed', listener);
    const ipcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };
    ipcRenderer.emit('endcap:event', ipcEvent, 'device.status', { online: true });
    ipcRenderer.emit('endcap:event', ipcEvent, 'session.changed', { staffId: 's1' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ staffId: 's1' }]);
    for (const args of listener.mock.calls) for (const arg of args) expect(arg).not.toBe(ipcEvent);
  });

  it('on returns an unsubscribe that removes exactly its listener', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = bridge.on('device.status', a);
    bridge.on('device.status', b);
    offA();
    ipcRenderer.emit('endcap:event', {}, 'device.status', 1);
    expect(a).not.toHaveBeenCalled();
    expect(b).toHaveBeenCalledWith(1);
    expect(ipcRenderer.listenerCount('endcap:event')).toBe(1);
  });

  it('on validates its arguments', () => {
    expect(() => bridge.on(1, () => {})).toThrow(TypeError);
    expect(() => bridge.on('device.status', 'not a function')).toThrow(TypeError);
    expect(ipcRenderer.listenerCount('endcap:event')).toBe(0);
  });
});

describe('preload under the sandbox', () => {
  it('compiles to a script whose only runtime require is electron', () => {
    const source = fs.readFileSync(path.join(__dirname, 'preload.ts'), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, removeComments: true },
    });
    const required = [...outputText.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(outputText).not.toMatch(/\bimport\s*\(/);
  });

  it('uses the channel names the main process registers', async () => {
    const { CALL_CHANNEL, EVENT_CHANNEL } = await import('./ipc.js');
    await bridge.call('device.status', {});
    expect(ipcRenderer.invoke.mock.calls[0]![0]).toBe(CALL_CHANNEL);
    const listener = vi.fn();
    bridge.on('device.status', listener);
    ipcRenderer.emit(EVENT_CHANNEL, {}, 'device.status', 'ok');
    expect(listener).toHaveBeenCalledWith('ok');
  });
});
