// The embedded hub store: one SQLite file with the hub's own schema (not the device's).
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { replicatedTable, type Change, type OutboxEvent, type Stream } from '../protocol/index.js';
import type { DeviceRecord, HubStore, Row, RowChange, StoredEvent } from './store.js';
import { hashToken, newDeviceToken } from './tokens.js';

const SCHEMA = /* sql */ `
CREATE TABLE IF NOT EXISTS devices (
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
-- The current state of every replicated row; version is hub-assigned and moves on every change.
CREATE TABLE IF NOT EXISTS rows (
  tbl          TEXT NOT NULL,
  key          TEXT NOT NULL,             -- JSON array of the key values
  stream       TEXT NOT NULL,
  scope_store  TEXT,                      -- NULL = all stores
  key_json     TEXT NOT NULL,
  row_json     TEXT,                      -- NULL = tombstone
  version      INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (tbl, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rows_stream_version ON rows(stream, version);
CREATE TABLE IF NOT EXISTS events (
  id           TEXT PRIMARY KEY,
  device_id    TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  received_at  TEXT NOT NULL
);
`;

interface DeviceDbRow { id: string; store_id: string; created_at: string; revoked_at: string | null }
const toDevice = (r: DeviceDbRow): DeviceRecord => ({ id: r.id, storeId: r.store_id, createdAt: r.created_at, revokedAt: r.revoked_at });

/** The row's identity at the hub: its key values in the protocol's key order, whatever order the caller built them in. */
function keyText(c: RowChange): string {
  const t = replicatedTable(c.table);
  if (!t || t.stream !== c.stream) throw new Error(`Table ${c.table} is not part of stream ${c.stream}.`);
  const missing = t.key.filter((k) => c.key[k] === undefined);
  if (missing.length) throw new Error(`A ${c.table} change lacks key column(s) ${missing.join(', ')}.`);
  return JSON.stringify(t.key.map((k) => c.key[k]));
}

export class SqliteHubStore implements HubStore {
  private readonly db: Database.Database;
  private lastVersion: number;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.lastVersion = (this.db.prepare('SELECT coalesce(max(version), 0) AS v FROM rows').get() as { v: number }).v;
  }

  addDevice(storeId: string, now: Date): { device: DeviceRecord; token: string } {
    const token = newDeviceToken();
    const device: DeviceRecord = { id: `dev_${randomUUID()}`, storeId, createdAt: now.toISOString(), revokedAt: null };
    this.db
      .prepare('INSERT INTO devices (id, store_id, token_hash, created_at) VALUES (?, ?, ?, ?)')
      .run(device.id, storeId, hashToken(token), device.createdAt);
    return { device, token };
  }

  revokeDevice(id: string, now: Date): boolean {
    return this.db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes === 1;
  }

  listDevices(): DeviceRecord[] {
    return (this.db.prepare('SELECT * FROM devices ORDER BY created_at, id').all() as DeviceDbRow[]).map(toDevice);
  }

  deviceForToken(token: string): DeviceRecord | undefined {
    const row = this.db.prepare('SELECT * FROM devices WHERE token_hash = ? AND revoked_at IS NULL').get(hashToken(token)) as DeviceDbRow | undefined;
    return row && toDevice(row);
  }

  writeChanges(changes: readonly RowChange[]): void {
    const upsert = this.db.prepare(
      `INSERT INTO rows (tbl, key, stream, scope_store, key_json, row_json, version) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tbl, key) DO UPDATE SET stream = excluded.stream, scope_store = excluded.scope_store,
         key_json = excluded.key_json, row_json = excluded.row_json, version = excluded.version`,
    );
    const start = this.lastVersion;
    let version = start;
    try {
      this.db.transaction(() => {
        for (const c of changes) {
          version += 1;
          upsert.run(c.table, keyText(c), c.stream, c.scopeStoreId, JSON.stringify(c.key), c.row && JSON.stringify(c.row), version);
        }
      })();
      this.lastVersion = version;
    } catch (err) {
      this.lastVersion = start;
      throw err;
    }
  }

  changesSince(stream: Stream, storeId: string, since: number, limit: number): { changes: Change[]; hasMore: boolean } {
    const rows = this.db
      .prepare(
        `SELECT tbl, key_json, row_json, version FROM rows
         WHERE stream = ? AND version > ? AND (scope_store IS NULL OR scope_store = ?)
         ORDER BY version LIMIT ?`,
      )
      .all(stream, since, storeId, limit + 1) as { tbl: string; key_json: string; row_json: string | null; version: number }[];
    const page = rows.slice(0, limit);
    return {
      changes: page.map((r) => ({
        version: r.version,
        table: r.tbl,
        key: JSON.parse(r.key_json) as Row,
        row: r.row_json === null ? null : (JSON.parse(r.row_json) as Row),
      })),
      hasMore: rows.length > limit,
    };
  }

  ingestEvents(device: DeviceRecord, events: readonly OutboxEvent[], now: Date): string[] {
    // ON CONFLICT DO NOTHING: a replayed event is already held, so it is acknowledged again.
    const insert = this.db.prepare(
      `INSERT INTO events (id, device_id, store_id, kind, payload, created_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    const receivedAt = now.toISOString();
    this.db.transaction(() => {
      for (const e of events) insert.run(e.id, device.id, device.storeId, e.kind, JSON.stringify(e.payload), e.createdAt, receivedAt);
    })();
    return events.map((e) => e.id);
  }

  listEvents(): StoredEvent[] {
    return this.db
      .prepare('SELECT id, device_id AS deviceId, store_id AS storeId, kind, payload FROM events ORDER BY id')
      .all() as StoredEvent[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
