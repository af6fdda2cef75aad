import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const device = vi.hoisted(() => ({ openDeviceHost: vi.fn() }));
vi.mock('../core/host/deviceHost.js', () => device);

const posted: unknown[] = [];
const listeners: ((event: { data: unknown }) => void)[] = [];
const port = { on: vi.fn((_: string, l: (event: { data: unknown }) => void) => listeners.push(l)), postMessage: (m: unknown) => posted.push(m) };
const argv = process.argv;
const MASTER = 'ab'.repeat(32);

/** Starts the entry point and sends it the key message the main process sends first. */
async function startEntry(args: string[], key: unknown = { kind: 'key', masterKey: MASTER }) {
  process.argv = [...argv, ...args];
  listeners.length = 0;
  vi.resetModules();
  await import('./dbHost.js');
  for (const l of [...listeners]) l({ data: key });
}

beforeEach(() => {
  posted.length = 0;
  device.openDeviceHost.mockReset();
  (process as unknown as { parentPort?: unknown }).parentPort = port;
  vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  vi.useFakeTimers();
});
afterEach(() => {
  process.argv = argv;
  delete (process as unknown as { parentPort?: unknown }).parentPort;
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('database host entry point', () => {
  it('opens the replica in the given data folder with the demo chain, then reports ready', async () => {
    device.openDeviceHost.mockReturnValue({ app: { subscribe: () => () => {}, dispatch: vi.fn() }, close: vi.fn() });
    await startEntry(['--endcap-data-dir=/var/endcap data']);
    expect(device.openDeviceHost).toHaveBeenCalledWith({ dataDir: '/var/endcap data', demo: true, keyStore: expect.any(Object), shell: expect.any(Object) });
    const { keyStore } = device.openDeviceHost.mock.calls[0]![0];
    expect(keyStore.masterKey().toString('hex')).toBe(MASTER);
    expect(posted).toEqual([{ kind: 'ready' }]);
  });

  it('opens nothing until the key arrives, and reports a keystore that gave none', async () => {
    await startEntry(['--endcap-data-dir=/tmp/x'], { kind: 'call', id: 1, name: 'x', input: {} });
    expect(device.openDeviceHost).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
    await startEntry(['--endcap-data-dir=/tmp/x'], { kind: 'key', error: 'No desktop keyring is running' });
    expect(device.openDeviceHost).not.toHaveBeenCalled();
    expect(posted).toEqual([{ kind: 'failed', message: expect.stringContaining('No desktop keyring') }]);
  });

  it('reports a replica it cannot open once, then exits instead of serving', async () => {
    device.openDeviceHost.mockImplementation(() => {
      throw new Error('this replica was written by a newer Endcap');
    });
    await startEntry(['--endcap-data-dir=/tmp/x']);
    expect(posted).toEqual([{ kind: 'failed', message: expect.stringContaining('newer Endcap') }]);
    expect(process.exit).not.toHaveBeenCalled(); // gives the message time to leave first
    vi.advanceTimersByTime(1_000);
    expect(process.exit).toHaveBeenCalledWith(1);
  });

  it('syncs with the hub named in sync.json beside the replica, and says so when that file is wrong', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-dbhost-'));
    try {
      fs.writeFileSync(path.join(dir, 'sync.json'), JSON.stringify({ url: 'http://127.0.0.1:4870', token: 't'.repeat(43), store: 'S1' }));
      device.openDeviceHost.mockReturnValue({ app: { subscribe: () => () => {}, dispatch: vi.fn() }, close: vi.fn() });
      await startEntry([`--endcap-data-dir=${dir}`]);
      expect(device.openDeviceHost).toHaveBeenCalledWith({ dataDir: dir, demo: true, keyStore: expect.any(Object), sync: expect.any(Function), shell: expect.any(Object) });
      // The token was sealed in place with the device's key.
      expect(fs.readFileSync(path.join(dir, 'sync.json'), 'utf8')).not.toContain('t'.repeat(43));

      posted.length = 0;
      fs.writeFileSync(path.join(dir, 'sync.json'), JSON.stringify({ url: 'http://127.0.0.1:4870' }));
      await startEntry([`--endcap-data-dir=${dir}`]);
      expect(posted).toEqual([{ kind: 'failed', message: expect.stringContaining('Invalid hub config') }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start without a data folder', async () => {
    await startEntry([]);
    expect(device.openDeviceHost).not.toHaveBeenCalled();
    expect(posted).toEqual([{ kind: 'failed', message: expect.stringContaining('--endcap-data-dir=') }]);
  });
});
