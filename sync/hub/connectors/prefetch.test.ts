// A big file asks the store a few batched reads, never one per line (on PostgreSQL each read is a
// round trip), and imports what it did before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubReader, HubStore } from '../store.js';
import { NOW, smallCatalog, tempStore } from '../testFixtures.js';
import { importCsv } from './csvImport.js';

let hub: ReturnType<typeof tempStore>;
beforeEach(async () => {
  hub = tempStore();
  await hub.store.writeChanges(smallCatalog());
});
afterEach(() => hub.dispose());

/** The store, with every read its transactions' reader makes counted by method. */
function counted(store: HubStore, calls: Map<string, number>): HubStore {
  const count = (reader: HubReader): HubReader =>
    new Proxy(reader, {
      get: (target, name: string) => {
        const method = target[name as keyof HubReader] as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          calls.set(name, (calls.get(name) ?? 0) + 1);
          return method.apply(target, args);
        };
      },
    });
  return new Proxy(store, {
    get: (target, name: string) =>
      name === 'transact' ? (work: (r: HubReader) => Promise<unknown>) => target.transact((r) => work(count(r)) as never) : (target[name as keyof HubStore] as (...a: unknown[]) => unknown).bind(target),
  });
}

describe('feed reads', () => {
  it('fetches what 5,000 stock lines read in a few queries per table, none per line', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `${i % 2 ? 'TENT-1' : 'OLD-1'},${['S1', 'S2', 'DC'][i % 3]}-${i},${i}`);
    const stores = ['location_id,kind,name,city,region,country,timezone', ...Array.from({ length: 5000 }, (_, i) => `${['S1', 'S2', 'DC'][i % 3]}-${i},partner,P,Reno,NV,US,UTC`)];
    expect((await importCsv(hub.store, { file: 's.csv', text: `${stores.join('\n')}\n`, source: 'cli', now: NOW })).status).toBe('applied');
    const calls = new Map<string, number>();
    const report = await importCsv(counted(hub.store, calls), { file: 'stock.csv', text: `sku,location_id,on_hand\n${lines.join('\n')}\n`, source: 'cli', now: NOW });
    expect(report).toMatchObject({ status: 'applied', rowsApplied: 5000 });
    expect(calls.get('row') ?? 0).toBe(0);
    // 3 chunks of 2,000 lines × (locations, inventory) + products once + the comparison with held rows (from memory).
    expect(calls.get('rowsByKey')).toBeLessThanOrEqual(10);
    const stock = (await hub.store.changesSince('inventory', 'S1', 0, 10_000)).changes;
    expect(stock.find((c) => c.key.location_id === 'S2-4999')?.row).toMatchObject({ sku: 'TENT-1', on_hand: 4999, reserved: 0 });
  });
});
