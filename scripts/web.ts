// Runs Endcap in a plain browser: the device host (demo replica on first run) behind the
// loopback HTTP host. For machines without Electron, and for trying the UI quickly.
//
//   node dist/node/scripts/web.js [--data-dir DIR] [--port N] [--open]
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { DemoProgress } from '../core/demo/generate.js';
import { openDeviceHost, type DeviceHost } from '../core/host/deviceHost.js';
import { startHttpHost, type HttpHost } from '../core/host/httpHost.js';

interface Options {
  dataDir: string;
  port: number;
  open: boolean;
}

const USAGE = `Usage: node dist/node/scripts/web.js [--data-dir DIR] [--port N] [--open]

  --data-dir DIR  where the device replica lives (default .endcap-data)
  --port N        port on 127.0.0.1 (default: any free port)
  --open          open the app in the default browser`;

function parseArgs(argv: string[]): Options {
  const options: Options = { dataDir: '.endcap-data', port: 0, open: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case '--data-dir':
        options.dataDir = value();
        break;
      case '--port': {
        const port = Number(value());
        if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a number from 0 to 65535.');
        options.port = port;
        break;
      }
      case '--open':
        options.open = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
      default:
        fail(`Unknown option ${flag}.`);
    }
  }
  return options;
}

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/**
 * Demo generation progress: one line rewritten in place on a terminal; elsewhere (logs, CI)
 * one line per step, so a log does not fill with percentages.
 */
function progressPrinter(): { update(p: DemoProgress): void; done(): void } {
  const tty = process.stdout.isTTY;
  let lastStep = '';
  return {
    update(p) {
      if (tty) process.stdout.write(`\r\x1b[2KCreating the demo store replica… ${p.step} ${percent(p)}%`);
      else if (p.step !== lastStep) console.log(`Creating the demo store replica: ${p.step}…`);
      lastStep = p.step;
    },
    done() {
      if (lastStep && tty) process.stdout.write('\n');
    },
  };
}

function percent(p: DemoProgress): number {
  return p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
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
  const options = parseArgs(process.argv.slice(2));
  const dataDir = path.resolve(options.dataDir);
  // Compiled to dist/node/scripts/web.js; the built renderer is dist/renderer.
  const staticDir = path.resolve(__dirname, '../../renderer');

  const progress = progressPrinter();
  let device: DeviceHost;
  try {
    device = openDeviceHost({
      dataDir,
      demo: true,
      onDemoProgress: (p) => progress.update(p),
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

  console.log(`Endcap is running (data in ${dataDir}).`);
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
