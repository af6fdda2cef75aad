// Entry point of the utility process that owns the SQLite replica, so that database work
// never blocks the main process (and with it every window). Started by dbHostClient.
import { openDeviceHost, type DeviceHost } from '../core/host/deviceHost.js';
import { DATA_DIR_ARG } from './dbHostMessages.js';
import { serveApp, type HostPort } from './dbHostServer.js';

function main(): void {
  const port = (process as unknown as { parentPort?: HostPort }).parentPort;
  if (!port) throw new Error('dbHost.js must be started with utilityProcess.fork.');

  let host: DeviceHost;
  try {
    const dataDir = process.argv.find((a) => a.startsWith(DATA_DIR_ARG))?.slice(DATA_DIR_ARG.length);
    if (!dataDir) throw new Error(`no ${DATA_DIR_ARG} argument was given`);
    // The demo replica is built on first run, so a fresh install opens onto a working store.
    host = openDeviceHost({ dataDir, demo: true });
  } catch (error) {
    // Opening fails the same way every time (e.g. a replica from a newer Endcap): report it
    // once rather than crash-looping, and give the message time to leave before exiting.
    const reason = error instanceof Error ? error.message : String(error);
    port.postMessage({ kind: 'failed', message: `The local database could not be opened: ${reason}` });
    setTimeout(() => process.exit(1), 250);
    return;
  }

  serveApp(port, host.app, {
    close: () => host.close(),
    onShutdown: () => process.exit(0),
  });
}

main();
