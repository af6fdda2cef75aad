// The store hub's command line.
//
//   node dist/node/sync/hub/cli.js [serve] [--db FILE] [--host H] [--port P]
//   node dist/node/sync/hub/cli.js device add --store S1 | device revoke ID | device list
//   node dist/node/sync/hub/cli.js seed-demo [--replica FILE]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildHubServer } from './server.js';
import { seedFromReplica } from './seedFromReplica.js';
import { SqliteHubStore } from './sqliteStore.js';

const USAGE = `Usage: npm run hub -- [command] [options]

  serve (default)          start the hub         --host 127.0.0.1 --port 4870
  device add --store S1    issue a device token for store S1 (shown once)
  device revoke ID         revoke a device's token
  device list              list devices
  seed-demo [--replica F]  load the demo chain (built with scripts/demo.js unless F is given)

  --db FILE                the hub's database (default .endcap-hub/hub.db)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      db: { type: 'string', default: '.endcap-hub/hub.db' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '4870' },
      store: { type: 'string' },
      replica: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  fs.mkdirSync(path.dirname(values.db), { recursive: true });
  const store = new SqliteHubStore(values.db);
  const [command = 'serve', sub, arg] = positionals;

  if (command === 'serve') {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a port number.');
    const app = buildHubServer(store, { logger: true });
    const close = () => void app.close().finally(() => store.close());
    process.once('SIGINT', close);
    process.once('SIGTERM', close);
    // Loopback unless told otherwise; put a TLS-terminating proxy in front to expose it.
    await app.listen({ host: values.host, port });
    return;
  }
  try {
    if (command === 'device' && sub === 'add') {
      if (!values.store) fail('device add needs --store STORE_ID.');
      const { device, token } = store.addDevice(values.store, new Date());
      console.log(`device ${device.id} for store ${device.storeId}\ntoken (shown once, keep it secret): ${token}`);
    } else if (command === 'device' && sub === 'revoke') {
      if (!arg) fail('device revoke needs a device id.');
      if (!store.revokeDevice(arg, new Date())) fail(`No active device ${arg}.`);
      console.log(`device ${arg} revoked`);
    } else if (command === 'device' && sub === 'list') {
      for (const d of store.listDevices()) console.log(`${d.id}\t${d.storeId}\t${d.createdAt}\t${d.revokedAt ? `revoked ${d.revokedAt}` : 'active'}`);
    } else if (command === 'seed-demo') {
      const replica = values.replica ?? buildDemoReplica();
      const counts = seedFromReplica(store, replica);
      if (!values.replica) fs.rmSync(path.dirname(replica), { recursive: true, force: true });
      console.log(Object.entries(counts).map(([t, n]) => `${t}: ${n.toLocaleString('en-US')}`).join('\n'));
    } else {
      fail(`Unknown command ${[command, sub].filter(Boolean).join(' ')}.`);
    }
  } finally {
    store.close();
  }
}

/** Runs the device's demo script in its own process (the hub does not link device code). */
function buildDemoReplica(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hub-seed-'));
  const script = path.resolve(__dirname, '../../scripts/demo.js');
  const run = spawnSync(process.execPath, [script, '--data-dir', dir], { stdio: 'inherit' });
  if (run.status !== 0) fail('Building the demo replica failed.');
  return path.join(dir, 'endcap.db');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
