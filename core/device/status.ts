import type Database from 'better-sqlite3';
import type { SyncPort } from '../contract/ports.js';
import type { DeviceStatus, StreamStatus } from '../contract/types.js';
import { statement } from '../db/statements.js';
import { DEMO_DEVICE_ID } from '../demo/chain.js';
import { findDevice, type DeviceIdentity } from './device.js';
import { inventoryAgeMinutes, isInventoryStale, sourceAgeMinutes, stockAgeMinutes } from './freshness.js';

const STREAMS_SQL = `SELECT stream, last_success_at AS lastSuccessAt, last_error AS lastError, last_error_at AS lastErrorAt FROM sync_state ORDER BY stream`;
const OUTBOX_SQL = `SELECT coalesce(sum(rejected_reason IS NULL), 0) AS pending, coalesce(sum(rejected_reason IS NOT NULL), 0) AS rejected FROM outbox`;

export function deviceStatus(db: Database.Database, now: Date, sync: SyncPort | null): DeviceStatus {
  const age = inventoryAgeMinutes(db, now, sync !== null);
  const source = sourceAgeMinutes(db, now, sync !== null);
  const identity = identityOf(db, sync);
  return {
    ...identity,
    connection: sync ? sync.connection() : 'standalone',
    streams: statement(db, STREAMS_SQL).all() as StreamStatus[],
    inventoryAgeMinutes: Number.isFinite(age) ? Math.round(age * 10) / 10 : null,
    inventoryStale: isInventoryStale(stockAgeMinutes(db, now, sync !== null)),
    inventorySourceAgeMinutes: source === null ? null : Math.round(source * 10) / 10,
    // A standalone register never sends: what its outbox holds stays here, so nothing is "to send".
    outbox: sync ? (statement(db, OUTBOX_SQL).get() as DeviceStatus['outbox']) : { pending: 0, rejected: 0 },
    bootstrap: sync?.bootstrapProgress() ?? null,
    demo: isDemo(db),
    now: now.toISOString(),
  };
}

/** The replica's device row; while a new device is still bootstrapping, who its hub config says it will be. */
function identityOf(db: Database.Database, sync: SyncPort | null): DeviceIdentity {
  const device = findDevice(db);
  if (device) return device;
  const meant = sync?.identity();
  if (!meant) return { deviceId: '', storeId: '', storeName: 'Not set up', registerId: '' };
  const store = statement(db, `SELECT name FROM locations WHERE id = ?`).get(meant.storeId) as { name: string } | undefined;
  return { ...meant, storeName: store?.name ?? meant.storeId };
}

/** Only the demo generator writes the demo device row (core/demo/generate.ts). */
export function isDemo(db: Database.Database): boolean {
  return findDevice(db)?.deviceId === DEMO_DEVICE_ID;
}
