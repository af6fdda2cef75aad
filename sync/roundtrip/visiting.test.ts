// The register's side of a visiting read: DeviceSync asks the real hub (through the real
// HttpTransport) and gets back only the register-sized card, or null.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../core/db/open.js';
import { buildHubServer } from '../hub/server.js';
import type { RowChange } from '../hub/store.js';
import { customerRow, NOW, smallCatalog, staffRow, tempStore } from '../hub/testFixtures.js';
import { injectTransport } from './injectTransport.js';
import { DeviceSync } from '../client/deviceSync.js';

let hub: ReturnType<typeof tempStore> | undefined;
afterEach(() => hub?.dispose());

describe('a visiting customer, asked from the register', () => {
  it('comes back from the hub by an exact key, named with the home store; an unknown key brings null', async () => {
    hub = tempStore();
    const id: RowChange = {
      stream: 'customers', table: 'customer_identifiers', key: { kind: 'email', value: 'maya@example.com', customer_id: 'C-S2' },
      row: { kind: 'email', value: 'maya@example.com', customer_id: 'C-S2', raw: 'maya@example.com', is_primary: 1, created_at: NOW.toISOString() }, scopeStoreId: 'S2',
    };
    await hub.store.writeChanges([...smallCatalog(), staffRow('ava', 'S1'), customerRow('C-S2', 'S2'), id]);
    const { token } = await hub.store.addDevice('S1', NOW);
    const app = buildHubServer(hub.store, { now: () => NOW, rateLimit: false });
    const sync = new DeviceSync(openDatabase(':memory:'), { config: { url: 'http://hub.invalid', token, store: 'S1' }, transport: injectTransport(app, token), now: () => NOW, log: () => {} });
    const asker = { staffId: 'ava', registerId: 'R1' };
    expect(await sync.lookupVisiting({ kind: 'email', value: 'maya@example.com' }, asker)).toEqual({
      customerId: 'C-S2', name: 'Ada Lovelace', homeStoreId: 'S2', homeStoreName: 'S2', matchedBy: 'email', consents: [],
    });
    expect(await sync.lookupVisiting({ kind: 'email', value: 'nobody@example.com' }, asker)).toBeNull();
    await expect(sync.lookupVisiting({ kind: 'email', value: 'maya@example.com' }, { staffId: 'mallory', registerId: 'R1' })).rejects.toThrow(/403/);
    expect((await hub.store.listVisitingLookups(10)).map((e) => e.outcome)).toEqual(['refused', 'not_found', 'found']);
    await app.close();
  });
});
