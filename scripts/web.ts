// Runs Endcap in a plain browser: the set-up host (a new data folder asks "Try the demo" or
// "Connect to your hub", unless --demo chooses for it; `npm run web` passes --demo) behind the
// loopback HTTP host. For machines without Electron, and for trying the UI quickly.
//
//   node dist/node/scripts/web.js [--data-dir DIR] [--port N] [--open] [--demo] [--enrol CODE] [--hub URL --hub-token T]
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startHttpHost, type HttpHost } from '../core/host/httpHost.js';
import { openSetupHost, type SetupHost } from '../core/host/setupHost.js';
import { fileKeyStore } from '../core/keys/fileKeyStore.js';
import { deriveKeys, type KeyStore } from '../core/keys/keyStore.js';
import { hubLink, resolveHubConfig, SYNC_CONFIG_FILE, type HubConfig } from '../sync/client/index.js';
import { demoProgressPrinter, parseFlags, usageError } from './cli.js';

const USAGE = `Usage: node dist/node/scripts/web.js [--data-dir DIR] [--port N] [--open] [--demo] [--hub URL --hub-token T]

  --data-dir DIR       where the device replica lives (default .endcap-data)
  --port N             port on 127.0.0.1 (default: any free port)
  --open               open the app in the default browser
  --demo               a new data folder starts on the demo store without asking (npm run web passes it)
  --hub URL            sync with this store hub (else ${SYNC_CONFIG_FILE} in the data dir, else standalone)
  --hub-token T        this device's token (npm run hub -- device add --store S1)
  --hub-store S        the store of a new device, which fills its empty replica from the hub
  --hub-register R     its register (default R1)
  --enrol CODE         join a hub with the code from \`npm run hub -- device enrol --store S1\` (pins its CA, writes sync.json)`;

interface WebOptions {
  dataDir: string;
  port: number;
  open: boolean;
  demo: boolean;
  hub: HubConfig | null;
  /** An enrolment code: trade it for a token first (set-up path of a new register). */
  enrol?: string | undefined;
  register?: string | undefined;
  keyStore: KeyStore;
}

function readOptions(): WebOptions {
  const flags = parseFlags(
    {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean' },
      demo: { type: 'boolean' },
      hub: { type: 'string' },
      'hub-token': { type: 'string' },
      'hub-store': { type: 'string' },
      'hub-register': { type: 'string' },
      enrol: { type: 'string' },
    },
    USAGE,
  );
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usageError('--port must be a number from 0 to 65535.', USAGE);
  const dataDir = path.resolve((flags['data-dir'] as string | undefined) ?? '.endcap-data');
  const str = (name: string) => flags[name] as string | undefined;
  // The browser host has no OS keystore: the device key is a 0600 file in the data folder.
  const keyStore = fileKeyStore(dataDir);
  let hub: HubConfig | null;
  try {
    const configKey = deriveKeys(keyStore.masterKey()).config;
    hub = resolveHubConfig(dataDir, { hub: str('hub'), token: str('hub-token'), store: str('hub-store'), register: str('hub-register') }, configKey);
  } catch (err) {
    return usageError(err instanceof Error ? err.message : String(err), USAGE);
  }
  return { dataDir, port, open: flags.open === true, demo: flags.demo === true, hub, enrol: str('enrol'), register: str('hub-register'), keyStore };
}

/** The key sync.json's hub token is sealed with. */
function configKeyOf(keyStore: KeyStore): Buffer {
  return deriveKeys(keyStore.masterKey()).config;
}

/** Best effort: a machine without a desktop browser still gets the URL printed. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => console.log('Could not open a browser here; open the URL above yourself.'));
    child.unref();
  } catch {
    console.log('Could not open a browser here; open the URL above yourself.');
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const { dataDir } = options;
  const link = hubLink({ dataDir, config: options.hub, configKey: configKeyOf(options.keyStore), ...(options.register ? { register: options.register } : {}) });
  if (options.enrol) {
    const enrolled = await link.enrol(options.enrol);
    if (!enrolled.ok) throw new Error(enrolled.message);
    console.log(`Enrolled with the hub at ${enrolled.url} for store ${enrolled.storeId}; settings in ${path.join(dataDir, SYNC_CONFIG_FILE)}.`);
  }
  // Compiled to dist/node/scripts/web.js; the built renderer is dist/renderer.
  const staticDir = path.resolve(__dirname, '../../renderer');

  const progress = demoProgressPrinter();
  let device: SetupHost;
  try {
    device = openSetupHost({
      dataDir,
      keyStore: options.keyStore,
      fresh: options.demo ? 'demo' : 'ask',
      onDemoProgress: (p) => progress.update(p),
      hub: link,
    });
  } finally {
    progress.done();
  }

  let http: HttpHost;
  try {
    http = await startHttpHost({ app: device.app, staticDir, port: options.port });
  } catch (err) {
    device.close();
    throw err;
  }

  const setup = device.status();
  if (setup.recovery) {
    const r = setup.recovery;
    console.log(
      `This register's data was damaged (${r.reason}); it was moved to ${r.movedTo} untouched. ` +
        `${r.outboxUnreadable ? 'Its unsent work could not be read.' : `Nothing unsent was lost (${r.outboxCarried} events kept).`} The app says how to rebuild it.`,
    );
  }
  if (setup.phase === 'choose') console.log('A new register: the app asks whether to try the demo or connect to your store hub.');
  console.log(`Endcap is running (data in ${dataDir}; ${setup.hub ? `syncing with ${setup.hub.url}` : 'standalone, no hub'}).`);
  console.log(`Open: ${http.launchUrl}`);
  console.log('Press Ctrl+C to stop.');
  if (options.open) openInBrowser(http.launchUrl);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl+C means now. SQLite's WAL keeps the replica consistent regardless.
      device.close();
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping Endcap…`);
    // An open browser tab holds an event stream; do not let it keep us alive.
    await Promise.race([http.close().catch(() => {}), delay(CLOSE_GRACE_MS)]);
    device.close(); // checkpoints the WAL and closes the replica cleanly
    process.exit(0);
  };
  process.on('SIGINT', (s) => void stop(s));
  process.on('SIGTERM', (s) => void stop(s));
}

const CLOSE_GRACE_MS = 2000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
