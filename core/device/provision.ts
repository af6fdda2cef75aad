// A new device learns who it is from its hub config; the row can only be written once the
// catalog has brought its store (device.store_id references locations).
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';
import { findDevice } from './device.js';

export interface DeviceSetup {
  deviceId: string;
  storeId: string;
  registerId: string;
}

export type ProvisionOutcome = 'exists' | 'created' | 'store_unknown';

/** Writes the device row if there is none. A replica set up for another store is refused. */
export function provisionDevice(db: Database.Database, setup: DeviceSetup, now: Date): ProvisionOutcome {
  return db.transaction((): ProvisionOutcome => {
    const existing = findDevice(db);
    if (existing) {
      if (existing.storeId !== setup.storeId) {
        throw new Error(`This replica belongs to store ${existing.storeId}, but the hub config is for store ${setup.storeId}. Use a new data folder.`);
      }
      return 'exists';
    }
    const store = statement(db, `SELECT 1 FROM locations WHERE id = ? AND kind = 'store'`).get(setup.storeId);
    if (!store) return 'store_unknown';
    statement(db, `INSERT INTO device (id, device_id, store_id, register_id, created_at) VALUES (1, ?, ?, ?, ?)`).run(
      setup.deviceId,
      setup.storeId,
      setup.registerId,
      now.toISOString(),
    );
    return 'created';
  })();
}
