import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const device = vi.hoisted(() => ({ openSetupHost: vi.fn() }));
vi.mock('../core/host/setupHost.js', () => device);

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
  device.openSetupHost.mockReset();
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
  it('opens the given data folder without choosing the demo (a new register asks in the app), then reports ready', async () => {
    device.openSetupHost.mockReturnValue({ app: { subscribe: () => () => {}, dispatch: vi.fn() }, close: vi.fn() });
    await startEntry(['--endcap-data-dir=/var/endcap data']);
    expect(device.openSetupHost).toHaveBeenCalledWith({ dataDir: '/var/endcap data', keyStore: expect.any(Object), shell: expect.any(Object), hub: expect.any(Object) });
    const { keyStore, hub, fresh } = device.openSetupHost.mock.calls[0]![0];
    expect(fresh).toBeUndefined(); // never the demo by default
    expect(hub.configured()).toBeNull();
    expect(keyStore.masterKey().toString('hex')).toBe(MASTER);
    expect(posted).toEqual([{ kind: 'ready' }]);
  });

  it('opens nothing until the key arrives, and reports a keystore that gave none', async () => {
    await startEntry(['--endcap-data-dir=/tmp/x'], { kind: 'call', id: 1, name: 'x', input: {} });
    expect(device.openSetupHost).not.toHaveBeenCalled();
    expect(posted).toEqual([]);
    await startEntry(['--endcap-data-dir=/tmp/x'], { kind: 'key', error: 'No desktop keyring is running' });
    expect(device.openSetupHost).not.toHaveBeenCalled();
    expect(posted).toEqual([{ kind: 'failed', message: expect.stringContaining('No desktop keyring') }]);
  });

  it('reports a replica it cannot open once, then exits instead of serving', async () => {
    device.openSetupHost.mockImplementation(() => {
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
      device.openSetupHost.mockReturnValue({ app: { subscribe: () => () => {}, dispatch: vi.fn() }, close: vi.fn() });
      await startEntry([`--endcap-data-dir=${dir}`]);
      expect(device.openSetupHost).toHaveBeenCalledWith({ dataDir: dir, keyStore: expect.any(Object), shell: expect.any(Object), hub: expect.any(Object) });
      expect(device.openSetupHost.mock.calls[0]![0].hub.configured()).toEqual({ url: 'http://127.0.0.1:4870', storeId: 'S1' });
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
    expect(device.openSetupHost).not.toHaveBeenCalled();
    expect(posted).toEqual([{ kind: 'failed', message: expect.stringContaining('--endcap-data-dir=') }]);
  });
});
