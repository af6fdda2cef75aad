// Entry point of the utility process that owns the SQLite replica, so that database work
// never blocks the main process (and with it every window). Started by dbHostClient.
import { openSetupHost, type SetupHost } from '../core/host/setupHost.js';
import { deriveKeys, type KeyStore } from '../core/keys/keyStore.js';
import { HubConfigError, hubLink, resolveHubConfig } from '../sync/client/index.js';
import { DATA_DIR_ARG, isRecord } from './dbHostMessages.js';
import { serveApp, type HostPort } from './dbHostServer.js';
import { createShellPort, type ShellPortOverPort } from './shellPort.js';

function main(): void {
  const port = (process as unknown as { parentPort?: HostPort }).parentPort;
  if (!port) throw new Error('dbHost.js must be started with utilityProcess.fork.');

  // The main process sends the device key (unsealed by the OS keystore) as its first message.
  let started = false;
  // The shell (updater, window) is in the main process: core reaches it over this same port.
  const shell = createShellPort((message) => port.postMessage(message));
  port.on('message', ({ data }) => shell.receive(data));
  port.on('message', ({ data }) => {
    if (started || !isRecord(data) || data.kind !== 'key') return;
    started = true;
    if (typeof data.masterKey === 'string' && /^[0-9a-f]{64}$/.test(data.masterKey)) {
      const master = Buffer.from(data.masterKey, 'hex');
      open(port, { masterKey: () => master }, shell);
    } else {
      fail(port, new Error(typeof data.error === 'string' ? data.error : 'no device key was given'));
    }
  });
}

function open(port: HostPort, keyStore: KeyStore, shell: ShellPortOverPort): void {
  let host: SetupHost;
  try {
    const dataDir = process.argv.find((a) => a.startsWith(DATA_DIR_ARG))?.slice(DATA_DIR_ARG.length);
    if (!dataDir) throw new Error(`no ${DATA_DIR_ARG} argument was given`);
    // A hub configured in sync.json (next to the replica) fills and feeds it; a new install asks
    // in the app whether to try the demo or connect to the store hub (core/host/setupHost.ts).
    const configKey = deriveKeys(keyStore.masterKey()).config;
    host = openSetupHost({ dataDir, keyStore, shell, hub: hubLink({ dataDir, config: resolveHubConfig(dataDir, {}, configKey), configKey }) });
  } catch (error) {
    fail(port, error);
    return;
  }

  serveApp(port, host.app, {
    close: () => host.close(),
    onShutdown: () => process.exit(0),
  });
}

/**
 * Opening fails the same way every time (e.g. a replica from a newer Endcap): report it once
 * rather than crash-looping, and give the message time to leave before exiting.
 */
function fail(port: HostPort, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  const what = error instanceof HubConfigError ? 'The hub settings of this register could not be used' : 'The local database could not be opened';
  port.postMessage({ kind: 'failed', message: `${what}: ${reason}` });
  setTimeout(() => process.exit(1), 250);
}

main();
