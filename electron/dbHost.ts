// Entry point of the utility process that owns the SQLite replica, so that database work
// never blocks the main process (and with it every window). Started by dbHostClient.
import { openDeviceHost, type DeviceHost } from '../core/host/deviceHost.js';
import { HubConfigError, hubSync, resolveHubConfig, writeHubConfig } from '../sync/client/index.js';
import { DATA_DIR_ARG } from './dbHostMessages.js';
import { serveApp, type HostPort } from './dbHostServer.js';

function main(): void {
  const port = (process as unknown as { parentPort?: HostPort }).parentPort;
  if (!port) throw new Error('dbHost.js must be started with utilityProcess.fork.');

  let host: DeviceHost;
  try {
    const dataDir = process.argv.find((a) => a.startsWith(DATA_DIR_ARG))?.slice(DATA_DIR_ARG.length);
    if (!dataDir) throw new Error(`no ${DATA_DIR_ARG} argument was given`);
    // A hub configured in sync.json (next to the replica) fills and feeds it; without one the
    // demo replica is built on first run, so a fresh install opens onto a working store.
    const hub = resolveHubConfig(dataDir, {});
    // A rotated token is written back to sync.json, so the next start uses it.
    host = openDeviceHost({ dataDir, demo: true, ...(hub ? { sync: hubSync({ config: hub, onTokenRotated: (c) => writeHubConfig(dataDir, c) }) } : {}) });
  } catch (error) {
    // Opening fails the same way every time (e.g. a replica from a newer Endcap): report it
    // once rather than crash-looping, and give the message time to leave before exiting.
    const reason = error instanceof Error ? error.message : String(error);
    const what = error instanceof HubConfigError ? 'The hub settings of this register could not be used' : 'The local database could not be opened';
    port.postMessage({ kind: 'failed', message: `${what}: ${reason}` });
    setTimeout(() => process.exit(1), 250);
    return;
  }

  serveApp(port, host.app, {
    close: () => host.close(),
    onShutdown: () => process.exit(0),
  });
}

main();
