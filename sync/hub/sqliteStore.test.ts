import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteHubStore } from './sqliteStore.js';
import type { RowChange } from './store.js';
import { hubStoreContract } from './storeContract.js';
import { NOW, tempStore } from './testFixtures.js';

describe('SqliteHubStore', () => {
  hubStoreContract(async () => tempStore());
});

const inv = (sku: string, location: string, onHand: number): RowChange => ({
  stream: 'inventory', table: 'inventory', key: { sku, location_id: location }, row: { sku, location_id: location, on_hand: onHand, reserved: 0, updated_at: NOW.toISOString() }, scopeStoreId: null,
});

describe('an older hub file', () => {
  let hub: ReturnType<typeof tempStore>;
  beforeEach(() => {
    hub = tempStore();
  });
  afterEach(() => hub.dispose());

  it('opens a hub file from before token expiry and version-ordered rows, keeping its devices and rows', async () => {
    const file = path.join(hub.dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE devices (id TEXT PRIMARY KEY, store_id TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT);
      CREATE TABLE rows (tbl TEXT NOT NULL, key TEXT NOT NULL, stream TEXT NOT NULL, scope_store TEXT, key_json TEXT NOT NULL, row_json TEXT, version INTEGER NOT NULL UNIQUE, PRIMARY KEY (tbl, key)) WITHOUT ROWID;
      CREATE INDEX rows_stream_version ON rows(stream, version);
      INSERT INTO devices VALUES ('dev_old', 'S1', '${'0'.repeat(64)}', '2026-01-01T00:00:00.000Z', NULL);
      INSERT INTO rows VALUES ('inventory', '["B","S1"]', 'inventory', NULL, '{"sku":"B","location_id":"S1"}', '{"on_hand":2}', 7);
      INSERT INTO rows VALUES ('inventory', '["A","S1"]', 'inventory', NULL, '{"sku":"A","location_id":"S1"}', '{"on_hand":1}', 9);`);
    old.close();
    const reopened = new SqliteHubStore(file);
    try {
      expect(await reopened.listDevices()).toEqual([{ id: 'dev_old', storeId: 'S1', createdAt: '2026-01-01T00:00:00.000Z', expiresAt: null, revokedAt: null }]);
      // Rows keep their versions, and new ones follow the highest.
      await reopened.writeChanges([inv('A', 'S1', 5)]);
      expect((await reopened.changesSince('inventory', 'S1', 0, 10)).changes.map((c) => [c.version, c.key.sku, c.row?.on_hand])).toEqual([
        [7, 'B', 2],
        [10, 'A', 5],
      ]);
    } finally {
      await reopened.close();
    }
  });
});
