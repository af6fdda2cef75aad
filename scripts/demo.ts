// Builds the demo retail chain into a fresh device replica.
//
//   node dist/node/scripts/demo.js [--data-dir DIR] [--seed N]
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../core/db/open.js';
import { DEFAULT_DEMO_SEED, generateDemoChain, type DemoProgress } from '../core/demo/generate.js';

interface Options {
  dataDir: string;
  seed: number;
}

const USAGE = `Usage: node dist/node/scripts/demo.js [--data-dir DIR] [--seed N]

  --data-dir DIR  where the device replica lives (default .endcap-data)
  --seed N        seed of the generated chain (default ${DEFAULT_DEMO_SEED}); same seed, same chain`;

function parseArgs(argv: string[]): Options {
  const options: Options = { dataDir: '.endcap-data', seed: DEFAULT_DEMO_SEED };
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
      case '--seed': {
        const seed = Number(value());
        if (!Number.isSafeInteger(seed) || seed < 0) fail('--seed must be a whole number of 0 or more.');
        options.seed = seed;
        break;
      }
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

/** One line that rewrites itself on a terminal; one line per finished step in a log. */
function progressPrinter(started: number): { update: (p: DemoProgress) => void; end: () => void } {
  const tty = process.stderr.isTTY;
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  return {
    update(p) {
      const line = `${p.step.padEnd(10)} ${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}  ${seconds()} s`;
      if (tty) process.stderr.write(`\r${line}\x1b[K`);
      else if (p.done === p.total) process.stderr.write(`${line}\n`);
    },
    end() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'endcap.db');
  const db = openDatabase(file);
  try {
    const device = db.prepare('SELECT device_id AS deviceId, store_id AS storeId FROM device').get() as
      | { deviceId: string; storeId: string }
      | undefined;
    if (device) {
      console.error(
        `${file} already holds a replica (device ${device.deviceId}, store ${device.storeId}); the demo only goes into an empty one.\n` +
          `To rebuild it, delete the replica first:\n  rm -f "${file}" "${file}-wal" "${file}-shm"`,
      );
      process.exitCode = 1;
      return;
    }

    console.error(`Generating the demo chain (seed ${options.seed}) into ${file}…`);
    const started = performance.now();
    const progress = progressPrinter(started);
    const counts = generateDemoChain(db, { seed: options.seed, onProgress: progress.update });
    progress.end();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const n = (x: number) => x.toLocaleString('en-US');
    console.log(
      `Demo chain ready in ${seconds} s: ${n(counts.products)} products, ${n(counts.inventoryRows)} inventory rows, ` +
        `${n(counts.customers)} customers, ${n(counts.orderLines)} order lines.`,
    );
  } catch (err) {
    console.error(`Could not build the demo chain: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    closeDatabase(db);
  }
}

main();
