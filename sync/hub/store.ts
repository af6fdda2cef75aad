// The hub's storage, behind one interface: the embedded SQLite store is the default, and a
// PostgreSQL store for a chain implements the same calls.
import type { Change, OutboxEvent, Stream } from '../protocol/index.js';

export type Row = Record<string, string | number | null>;

export interface DeviceRecord {
  id: string;
  storeId: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A row as it now stands at the hub (row = null: deleted), and which store may see it. */
export interface RowChange {
  stream: Stream;
  table: string;
  key: Row;
  row: Row | null;
  /** null = every store may see it; a store id = only that store's devices; HUB_ONLY = no device. */
  scopeStoreId: string | null;
}

/** Scope of rows no device receives (e.g. customers without a home store). */
export const HUB_ONLY = '';

export interface StoredEvent {
  id: string;
  deviceId: string;
  storeId: string;
  kind: string;
  payload: string;
}

export interface HubStore {
  addDevice(storeId: string, now: Date): { device: DeviceRecord; token: string };
  revokeDevice(id: string, now: Date): boolean;
  listDevices(): DeviceRecord[];
  /** The active (not revoked) device holding this token. */
  deviceForToken(token: string): DeviceRecord | undefined;
  /** Records the current state of rows, each under a new hub version, in one transaction. */
  writeChanges(changes: readonly RowChange[]): void;
  /** Changes of one stream a store may see, after `since`, in version order. */
  changesSince(stream: Stream, storeId: string, since: number, limit: number): { changes: Change[]; hasMore: boolean };
  /** Stores the events it does not hold yet; returns every id of the batch it now holds. */
  ingestEvents(device: DeviceRecord, events: readonly OutboxEvent[], now: Date): string[];
  listEvents(): StoredEvent[];
  close(): void;
}
