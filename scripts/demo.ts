// Builds the demo retail chain into a fresh device replica.
//
//   node dist/node/scripts/demo.js [--data-dir DIR] [--seed N]
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase, openDatabase } from '../core/db/open.js';
import { DEFAULT_DEMO_SEED, generateDemoChain } from '../core/demo/generate.js';
import { demoProgressPrinter, parseFlags, usageError } from './cli.js';

const USAGE = `Usage: node dist/node/scripts/demo.js [--data-dir DIR] [--seed N]

  --data-dir DIR  where the device replica lives (default .endcap-data)
  --seed N        seed of the generated chain (default ${DEFAULT_DEMO_SEED}); same seed, same chain`;

function readOptions(): { dataDir: string; seed: number } {
  const flags = parseFlags({ 'data-dir': { type: 'string' }, seed: { type: 'string' } }, USAGE);
  const seed = flags.seed === undefined ? DEFAULT_DEMO_SEED : Number(flags.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) usageError('--seed must be a whole number of 0 or more.', USAGE);
  return { dataDir: (flags['data-dir'] as string | undefined) ?? '.endcap-data', seed };
}

function main(): void {
  const options = readOptions();
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
    const progress = demoProgressPrinter();
    const counts = generateDemoChain(db, { seed: options.seed, onProgress: progress.update });
    progress.done();
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
