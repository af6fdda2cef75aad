import type Database from 'better-sqlite3';
import type { DeviceStatus, StreamStatus } from '../api/types.js';
import { readDevice } from './device.js';

export function deviceStatus(db: Database.Database, now: Date, connection: DeviceStatus['connection']): DeviceStatus {
  const device = readDevice(db);
  const streams = db
    .prepare(`SELECT stream, last_success_at AS lastSuccessAt, last_error AS lastError FROM sync_state ORDER BY stream`)
    .all() as StreamStatus[];
  return { ...device, connection, streams, now: now.toISOString() };
}
