// The hub side of the sync benchmark, in its own process (a hub has its own machine, here its
// own core): `node hubProcess.js <hub.db> <skus>` seeds the file when it is empty, serves it on
// loopback (HTTPS with the hub's own CA when the third argument is `tls`), and answers the
// parent's messages: write a cycle of stock changes, stop.
import path from 'node:path';
import { buildHubServer } from '../../sync/hub/server.js';
import { hubTls } from '../../sync/hub/tls.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import type { RowChange } from '../../sync/hub/store.js';
import { LOCATIONS, categoryRows, cycleRowIndex, inventoryRow, locationRows, productRow } from './dataset.js';

export type HubCommand = { cmd: 'cycle'; count: number; round: number } | { cmd: 'cpu' } | { cmd: 'stop' };
export type HubReply =
  | { kind: 'ready'; port: number; token: string; seededSeconds: number | null; caCert: string | null }
  | { kind: 'cycled'; seconds: number }
  /** CPU seconds this process has used so far (user + system). */
  | { kind: 'cpu'; seconds: number }
  | { kind: 'log'; line: string };

const BATCH = 20_000;
const send = (m: HubReply) => process.send!(m);

async function seed(store: SqliteHubStore, skus: number): Promise<void> {
  await store.writeChanges(locationRows().map((row) => ({ stream: 'catalog', table: 'locations', key: { id: row.id! }, row, scopeStoreId: null })));
  await store.writeChanges(categoryRows().map((row) => ({ stream: 'catalog', table: 'categories', key: { id: row.id! }, row, scopeStoreId: null })));
  for (let s = 0; s < skus; s += BATCH) {
    const batch: RowChange[] = [];
    for (let i = s; i < Math.min(skus, s + BATCH); i++) {
      const row = productRow(i);
      batch.push({ stream: 'catalog', table: 'products', key: { sku: row.sku! }, row, scopeStoreId: null });
    }
    await store.writeChanges(batch);
  }
  const total = skus * LOCATIONS;
  for (let s = 0; s < total; s += BATCH) {
    await store.writeChanges(stockChanges(s, Math.min(total, s + BATCH), (i) => i, 0));
    if (s % 1_000_000 === 0) send({ kind: 'log', line: `  hub: ${s.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} stock rows written` });
  }
}

function stockChanges(from: number, to: number, indexOf: (k: number) => number, round: number): RowChange[] {
  const out: RowChange[] = [];
  for (let k = from; k < to; k++) {
    const row = inventoryRow(indexOf(k), round);
    out.push({ stream: 'inventory', table: 'inventory', key: { sku: row.sku, location_id: row.location_id }, row, scopeStoreId: null });
  }
  return out;
}

async function main(): Promise<void> {
  const store = new SqliteHubStore(process.argv[2]!);
  const skus = Number(process.argv[3]);
  let seededSeconds: number | null = null;
  if ((await store.changesSince('catalog', 'L01', 0, 1)).changes.length === 0) {
    const t0 = performance.now();
    await seed(store, skus);
    seededSeconds = (performance.now() - t0) / 1000;
  }
  const { token } = await store.addDevice('L01', new Date());
  const tls = process.argv[4] === 'tls' ? await hubTls(path.join(path.dirname(process.argv[2]!), 'tls'), ['127.0.0.1']) : undefined;
  const app = buildHubServer(store, tls ? { tls } : {});
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  send({ kind: 'ready', port: typeof address === 'object' && address ? address.port : 0, token, seededSeconds, caCert: tls?.caCert ?? null });

  process.on('message', async (m: HubCommand) => {
    if (m.cmd === 'cycle') {
      const t0 = performance.now();
      const total = skus * LOCATIONS;
      for (let k = 0; k < m.count; k += BATCH) {
        await store.writeChanges(stockChanges(k, Math.min(m.count, k + BATCH), (j) => cycleRowIndex(j, total, m.count), m.round));
      }
      send({ kind: 'cycled', seconds: (performance.now() - t0) / 1000 });
    } else if (m.cmd === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ kind: 'cpu', seconds: (user + system) / 1e6 });
    } else {
      void app.close().then(async () => {
        await store.close();
        process.exit(0);
      });
    }
  });
}

void main();
