import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';

export interface DeviceIdentity {
  deviceId: string;
  storeId: string;
  storeName: string;
  registerId: string;
}

const DEVICE_SQL = `SELECT d.device_id AS deviceId, d.store_id AS storeId, l.name AS storeName, d.register_id AS registerId
  FROM device d JOIN locations l ON l.id = d.store_id WHERE d.id = 1`;

/** The device row, or undefined while a new device has not been set up. */
export function findDevice(db: Database.Database): DeviceIdentity | undefined {
  return statement(db, DEVICE_SQL).get() as DeviceIdentity | undefined;
}

export function readDevice(db: Database.Database): DeviceIdentity {
  const row = findDevice(db);
  if (!row) throw new ApiError('not_found', 'This device is not set up for a store yet.');
  return row;
}
