// The embedded hub store: one SQLite file with the hub's own schema (not the device's).
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { enrolmentLookup, enrolmentSecretHash, newEnrolmentSecret, replicatedTable, type Change, type OutboxEvent, type PushResponse, type RejectionCode, type Stream } from '../protocol/index.js';
import { CONNECTOR_SCHEMA } from './connectors/api/schema.js';
import { SqliteConnectorState } from './connectors/api/state.js';
import { VersionSignal } from './versionSignal.js';
import { decideEach, type HeldEvent, type Refusal } from './decideEach.js';
import { TransactionLock } from './transactionLock.js';
import { RemainingCache } from './remainingCache.js';
import { SCOPED_STREAMS, SCOPED_TABLES, followersOf, parentsOf } from './scopes.js';
import { keyText } from './keyText.js';
import { ANALYTICS_KINDS } from './store.js';
import type {
  AddDeviceOptions,
  AnalyticsDay,
  AdminRecord,
  ChainRoleRecord,
  ChangePage,
  DeviceRecord,
  EventApplier,
  HubAisleOrder,
  HubReader,
  HubStore,
  ImportReport,
  Row,
  RowChange,
  StoredEvent,
  VisitingLookupRecord,
  TokenCheck,
  TokenRefusal,
} from './store.js';
import { hashToken, newAdminToken, newDeviceToken } from './tokens.js';

const SCHEMA = /* sql */ `
CREATE TABLE IF NOT EXISTS devices (
  id          TEXT PRIMARY KEY,
  store_id    TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  revoked_at  TEXT
);
CREATE TABLE IF NOT EXISTS admins (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  expires_at  TEXT,
  revoked_at  TEXT
);
-- The current state of every replicated row; version is hub-assigned and moves on every change.
-- version is the rowid, so a pull page reads the table in its physical order.
CREATE TABLE IF NOT EXISTS rows (
  version      INTEGER PRIMARY KEY,
  tbl          TEXT NOT NULL,
  key          TEXT NOT NULL,             -- JSON array of the key values
  stream       TEXT NOT NULL,
  scope_store  TEXT,                      -- NULL = all stores
  key_json     TEXT NOT NULL,
  row_json     TEXT                       -- NULL = tombstone
);
CREATE UNIQUE INDEX IF NOT EXISTS rows_identity ON rows(tbl, key);
-- Covers a pull page and the count of what is left after it.
CREATE INDEX IF NOT EXISTS rows_stream_version_scope ON rows(stream, version, scope_store);
-- Event appliers find a customer's identifiers, consents and orders, and an order's lines.
CREATE INDEX IF NOT EXISTS rows_by_customer ON rows(tbl, json_extract(row_json, '$.customer_id'))
  WHERE tbl IN ('customer_identifiers', 'consents', 'orders');
CREATE INDEX IF NOT EXISTS rows_by_order ON rows(tbl, json_extract(row_json, '$.order_id')) WHERE tbl = 'order_lines';
-- A customer's move takes the profiles merged into it along.
CREATE INDEX IF NOT EXISTS rows_by_survivor ON rows(tbl, json_extract(row_json, '$.merged_into')) WHERE tbl = 'customers';
-- A feed's new product takes the next id (maxOf): without this every feed page read every product row's JSON.
CREATE INDEX IF NOT EXISTS rows_product_id ON rows(tbl, json_extract(row_json, '$.id')) WHERE tbl = 'products';
-- A row that left a store (its scope moved elsewhere): that store's devices get a tombstone.
CREATE TABLE IF NOT EXISTS exits (
  tbl          TEXT NOT NULL,
  key          TEXT NOT NULL,
  scope_store  TEXT NOT NULL,
  stream       TEXT NOT NULL,
  key_json     TEXT NOT NULL,
  version      INTEGER NOT NULL UNIQUE,
  PRIMARY KEY (tbl, key, scope_store)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS exits_stream_scope_version ON exits(stream, scope_store, version);
CREATE TABLE IF NOT EXISTS events (
  id           TEXT PRIMARY KEY,
  device_id    TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  payload      TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  received_at  TEXT NOT NULL
);
-- Endless-aisle orders accepted for fulfilment; one row per order however often it is pushed.
CREATE TABLE IF NOT EXISTS aisle_orders (
  order_id            TEXT PRIMARY KEY,
  event_id            TEXT NOT NULL,
  store_id            TEXT NOT NULL,
  register_id         TEXT NOT NULL,
  associate_id        TEXT NOT NULL,
  sku                 TEXT NOT NULL,
  quantity            INTEGER NOT NULL,
  unit_price_cents    INTEGER NOT NULL,
  source_location_id  TEXT NOT NULL,
  customer_id         TEXT,
  customer_json       TEXT NOT NULL,
  address_json        TEXT NOT NULL,
  placed_at           TEXT NOT NULL,
  received_at         TEXT NOT NULL
);
-- Analytics events past their retention: daily counts, and the ids (the replay guard still knows them).
CREATE TABLE IF NOT EXISTS analytics_daily (
  day          TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  events       INTEGER NOT NULL,
  PRIMARY KEY (day, store_id, kind)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS compacted_events (
  id           TEXT PRIMARY KEY
) WITHOUT ROWID;
-- Single-use enrolment secrets (their hash), each for one store, short-lived.
CREATE TABLE IF NOT EXISTS enrolments (
  secret_hash  TEXT PRIMARY KEY,
  store_id     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT,
  device_id    TEXT
);
-- Hub-only staff data: who holds the chain-level role (publishes chain-wide merch config).
CREATE TABLE IF NOT EXISTS chain_roles (
  staff_id     TEXT PRIMARY KEY,
  granted_at   TEXT NOT NULL
);
-- The audit of visiting-customer reads (another store's customer, by an exact key).
CREATE TABLE IF NOT EXISTS visiting_lookups (
  at           TEXT NOT NULL,
  device_id    TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  register_id  TEXT NOT NULL,
  staff_id     TEXT NOT NULL,
  kind         TEXT NOT NULL,
  value_hash   TEXT NOT NULL,
  customer_id  TEXT,
  outcome      TEXT NOT NULL
);
-- A register serving a visiting customer it found (ownership.ts mayServeCustomer) is checked here.
CREATE INDEX IF NOT EXISTS visiting_lookups_by_customer ON visiting_lookups(customer_id, store_id, at) WHERE outcome = 'found';
CREATE TABLE IF NOT EXISTS imports (
  id           TEXT PRIMARY KEY,
  received_at  TEXT NOT NULL,
  report_json  TEXT NOT NULL
);
`;

/** The first hub schema kept rows keyed by (tbl, key); pulls then read them in random order. */
const ROWS_BY_VERSION = /* sql */ `
ALTER TABLE rows RENAME TO rows_by_key;
DROP INDEX IF EXISTS rows_stream_version;
DROP INDEX IF EXISTS rows_stream_version_scope;
DROP INDEX IF EXISTS rows_by_customer;
DROP INDEX IF EXISTS rows_by_order;
DROP INDEX IF EXISTS rows_by_survivor;
CREATE TABLE rows (version INTEGER PRIMARY KEY, tbl TEXT NOT NULL, key TEXT NOT NULL, stream TEXT NOT NULL, scope_store TEXT, key_json TEXT NOT NULL, row_json TEXT);
INSERT INTO rows (version, tbl, key, stream, scope_store, key_json, row_json)
  SELECT version, tbl, key, stream, scope_store, key_json, row_json FROM rows_by_key ORDER BY version;
DROP TABLE rows_by_key;
`;

/** Columns added after the first release of the hub schema, applied to older files on open. */
const ADDED_COLUMNS: { table: string; column: string; ddl: string }[] = [
  { table: 'devices', column: 'expires_at', ddl: 'ALTER TABLE devices ADD COLUMN expires_at TEXT' },
  // The register's price beside the hub's (issue 13): orders are priced by the hub, a mismatch stays visible.
  { table: 'aisle_orders', column: 'device_unit_price_cents', ddl: 'ALTER TABLE aisle_orders ADD COLUMN device_unit_price_cents INTEGER' },
  // Short enrolment codes: a register names its code by this one-way lookup before it trusts the link.
  { table: 'enrolments', column: 'lookup', ddl: 'ALTER TABLE enrolments ADD COLUMN lookup TEXT' },
  // The register's name in its store, given by the hub (issue 15): two registers never report as one.
  { table: 'devices', column: 'register_id', ddl: 'ALTER TABLE devices ADD COLUMN register_id TEXT' },
];

export interface DeviceDbRow { id: string; store_id: string; created_at: string; expires_at: string | null; revoked_at: string | null; register_id: string | null }
export interface AdminDbRow { id: string; name: string; created_at: string; expires_at: string | null; revoked_at: string | null }
export const toDevice = (r: DeviceDbRow): DeviceRecord => ({
  id: r.id, storeId: r.store_id, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, ...(r.register_id ? { registerId: r.register_id } : {}),
});
export const toAdmin = (r: AdminDbRow): AdminRecord => ({ id: r.id, name: r.name, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at });

/** Revoked beats expired: a person who revoked a token wants to hear that. */
export function checkHolder<R extends { expires_at: string | null; revoked_at: string | null }, T>(row: R | undefined, holder: (r: R) => T, now: Date): TokenCheck<T> {
  if (!row) return { ok: false, refusal: 'unknown' };
  if (row.revoked_at) return { ok: false, refusal: 'revoked' };
  if (row.expires_at && row.expires_at <= now.toISOString()) return { ok: false, refusal: 'expired' };
  return { ok: true, holder: holder(row) };
}

/** The next register name of a store: R1, R2, … after the highest the store has had. */
export function nextRegisterId(taken: readonly string[]): string {
  const numbers = taken.map((id) => /^R(\d{1,6})$/.exec(id)).filter((m) => m !== null).map((m) => Number(m[1]));
  return `R${Math.max(0, ...numbers) + 1}`;
}

/** The hub's page cache (KiB). */
export const HUB_CACHE_KIB = 64 * 1024;

/** Rows per multi-row INSERT (7 values each, well under SQLite's 32,766 bound values). */
const INSERT_BATCH = 500;
/** The upsert of `n` rows; the texts are made once (a batch's text is long, and a file writes thousands of batches). */
const upsertSql = (n: number) =>
  `INSERT INTO rows (tbl, key, stream, scope_store, key_json, row_json, version) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
   ON CONFLICT (tbl, key) DO UPDATE SET version = excluded.version, stream = excluded.stream, scope_store = excluded.scope_store,
     key_json = excluded.key_json, row_json = excluded.row_json`;
const UPSERT_BATCH = upsertSql(INSERT_BATCH);
const UPSERT_ONE = upsertSql(1);
/** Keys per lookup query. */
const LOOKUP_BATCH = 1000;

/** Values of one upsert, 7 per row (see insertRows), laid end to end for a multi-row INSERT. */
type RowValues = (string | number | null)[];
const VALUES_PER_ROW = 7;

/** Columns with an index for rowsWhere; any other replicated column is found by a scan of its table. */
const INDEXES: Record<string, { index: string; tables: string[] }> = {
  customer_id: { index: 'rows_by_customer', tables: ['customer_identifiers', 'consents', 'orders'] },
  order_id: { index: 'rows_by_order', tables: ['order_lines'] },
  merged_into: { index: 'rows_by_survivor', tables: ['customers'] },
};

/**
 * FROM and WHERE for "rows of `table` whose `column` equals ?". The planner does not pick a
 * partial expression index on its own, so it is named, with the index's own WHERE repeated.
 */
function rowsWhereSql(table: string, column: string, anyOf = false): string {
  const ix = INDEXES[column];
  // anyOf: the value is a JSON array of the values to match.
  const match = `json_extract(row_json, '$.${column}') ${anyOf ? 'IN (SELECT value FROM json_each(?))' : '= ?'}`;
  if (!ix || !ix.tables.includes(table)) return `rows WHERE tbl = ? AND ${match}`;
  const partial = ix.tables.length === 1 ? `tbl = '${ix.tables[0]}'` : `tbl IN (${ix.tables.map((t) => `'${t}'`).join(', ')})`;
  return `rows INDEXED BY ${ix.index} WHERE tbl = ? AND ${partial} AND ${match}`;
}

export class SqliteHubStore implements HubStore {
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly remaining = new RemainingCache();
  private readonly lock = new TransactionLock();
  /** How many transactions and savepoints are open on the connection (only the lock holder opens them). */
  private depth = 0;
  private lastVersion: number;
  /** One process holds the file, so its own commits are all the new data there is. */
  private readonly versions = new VersionSignal();

  /** `file`: the hub's SQLite file (chain reports open their own connection to it). */
  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    // A feed file reads and writes pages all over a table of millions of rows in one transaction; the 2 MB default cache spills.
    this.db.pragma(`cache_size = -${HUB_CACHE_KIB}`);
    const versionIsKey = this.db.prepare(`SELECT pk FROM pragma_table_info('rows') WHERE name = 'version'`).pluck().get() as number | undefined;
    if (versionIsKey === 0) this.db.transaction(() => this.db.exec(ROWS_BY_VERSION))();
    this.db.exec(SCHEMA);
    for (const c of ADDED_COLUMNS) {
      const has = (this.db.prepare(`SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`).pluck().get(c.table, c.column) as number) > 0;
      if (!has) this.db.exec(c.ddl);
    }
    // API connectors (issue 21): configuration, cursors, runs, outbox.
    this.db.exec(CONNECTOR_SCHEMA);
    // Rows and exits share one version counter.
    this.lastVersion = this.db.prepare('SELECT max((SELECT coalesce(max(version), 0) FROM rows), (SELECT coalesce(max(version), 0) FROM exits))').pluck().get() as number;
    this.versions.advance(this.lastVersion);
  }

  /** The API connectors' tables, on this store's connection: their writes share its transactions. */
  connectorState(): SqliteConnectorState {
    return new SqliteConnectorState(this.db, (work) => this.atomic(work), (fn) => this.alone(fn));
  }

  /**
   * Runs `work` in one transaction, alone on the connection (TransactionLock): the work awaits
   * between statements, and nobody else's statement may land inside it. Called from within another
   * transaction's work it is a savepoint of that one. Versions taken by work that fails are given back.
   */
  private atomic<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const savepoint = `hub_${this.depth}`;
      const outer = this.depth === 0;
      const start = this.lastVersion;
      this.db.exec(outer ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${savepoint}`);
      this.depth += 1;
      let result: T;
      try {
        result = await work();
        this.db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
        if (outer) this.versions.advance(this.lastVersion);
      } catch (err) {
        if (this.db.inTransaction) this.db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
        this.lastVersion = start;
        throw err;
      } finally {
        this.depth -= 1;
      }
      return result;
    });
  }

  /** A statement or two outside any transaction, still alone on the connection. */
  private alone<T>(fn: () => T): Promise<T> {
    return this.lock.run(fn);
  }

  private sql(text: string): Database.Statement {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    return stmt;
  }

  addDevice(storeId: string, now: Date, options: AddDeviceOptions = {}): Promise<{ device: DeviceRecord; token: string }> {
    return this.atomic(async () => {
      if (options.registerId && this.registerIdsOf(storeId).includes(options.registerId)) throw new Error(`Store ${storeId} already has a register ${options.registerId}.`);
      const registerId = options.registerId ?? (options.nameRegister ? nextRegisterId(this.registerIdsOf(storeId)) : undefined);
      return this.insertDevice(storeId, now, { ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}), ...(registerId ? { registerId } : {}) });
    });
  }

  private insertDevice(storeId: string, now: Date, options: { expiresAt?: Date; registerId?: string }): { device: DeviceRecord; token: string } {
    const token = newDeviceToken();
    const device: DeviceRecord = {
      id: `dev_${randomUUID()}`,
      storeId,
      createdAt: now.toISOString(),
      expiresAt: options.expiresAt?.toISOString() ?? null,
      revokedAt: null,
      ...(options.registerId ? { registerId: options.registerId } : {}),
    };
    this.sql('INSERT INTO devices (id, store_id, token_hash, created_at, expires_at, register_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      device.id, storeId, hashToken(token), device.createdAt, device.expiresAt, options.registerId ?? null,
    );
    return { device, token };
  }

  /** The register names the hub has given or recorded in a store, revoked devices' included (a name is never reused). */
  private registerIdsOf(storeId: string): string[] {
    return this.sql('SELECT register_id FROM devices WHERE store_id = ? AND register_id IS NOT NULL').pluck().all(storeId) as string[];
  }

  async addEnrolment(storeId: string, now: Date, expiresAt: Date): Promise<string> {
    const secret = newEnrolmentSecret();
    await this.alone(() => this.sql('INSERT INTO enrolments (secret_hash, lookup, store_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      enrolmentSecretHash(secret), enrolmentLookup(secret), storeId, now.toISOString(), expiresAt.toISOString(),
    ));
    return secret;
  }

  async findEnrolment(lookup: string, now: Date): Promise<{ storeId: string; secretHash: string } | { refusal: 'unknown' | 'used' | 'expired' }> {
    const row = (await this.alone(() => this.sql('SELECT secret_hash, store_id, expires_at, used_at FROM enrolments WHERE lookup = ?').get(lookup))) as
      | { secret_hash: string; store_id: string; expires_at: string; used_at: string | null }
      | undefined;
    if (!row) return { refusal: 'unknown' };
    if (row.used_at) return { refusal: 'used' };
    if (row.expires_at <= now.toISOString()) return { refusal: 'expired' };
    return { storeId: row.store_id, secretHash: row.secret_hash };
  }

  redeemEnrolment(secret: string, now: Date, options: { expiresAt?: Date } = {}): Promise<{ device: DeviceRecord; token: string } | { refusal: TokenRefusal | 'used' }> {
    return this.atomic(async () => {
      const row = this.sql('SELECT store_id, expires_at, used_at FROM enrolments WHERE secret_hash = ?').get(enrolmentSecretHash(secret)) as
        | { store_id: string; expires_at: string; used_at: string | null }
        | undefined;
      if (!row) return { refusal: 'unknown' as const };
      if (row.used_at) return { refusal: 'used' as const };
      if (row.expires_at <= now.toISOString()) return { refusal: 'expired' as const };
      const added = this.insertDevice(row.store_id, now, { ...options, registerId: nextRegisterId(this.registerIdsOf(row.store_id)) });
      this.sql('UPDATE enrolments SET used_at = ?, device_id = ? WHERE secret_hash = ?').run(now.toISOString(), added.device.id, enrolmentSecretHash(secret));
      return added;
    });
  }

  rotateDeviceToken(id: string, now: Date, options: { expiresAt?: Date } = {}): Promise<{ device: DeviceRecord; token: string } | null> {
    const token = newDeviceToken();
    const expiresAt = options.expiresAt?.toISOString() ?? null;
    return this.alone(() => {
      const changed = this.sql('UPDATE devices SET token_hash = ?, expires_at = ? WHERE id = ? AND revoked_at IS NULL').run(hashToken(token), expiresAt, id).changes;
      if (!changed) return null;
      return { device: toDevice(this.sql('SELECT * FROM devices WHERE id = ?').get(id) as DeviceDbRow), token };
    });
  }

  revokeDevice(id: string, now: Date): Promise<boolean> {
    return this.alone(() => this.sql('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes === 1);
  }

  listDevices(): Promise<DeviceRecord[]> {
    return this.alone(() => (this.sql('SELECT * FROM devices ORDER BY created_at, id').all() as DeviceDbRow[]).map(toDevice));
  }

  async checkDeviceToken(token: string, now: Date): Promise<TokenCheck<DeviceRecord>> {
    const row = (await this.alone(() => this.sql('SELECT * FROM devices WHERE token_hash = ?').get(hashToken(token)))) as DeviceDbRow | undefined;
    return checkHolder(row, toDevice, now);
  }

  async addAdmin(name: string, now: Date, options: { expiresAt?: Date } = {}): Promise<{ admin: AdminRecord; token: string }> {
    const token = newAdminToken();
    const admin: AdminRecord = { id: `adm_${randomUUID()}`, name, createdAt: now.toISOString(), expiresAt: options.expiresAt?.toISOString() ?? null, revokedAt: null };
    await this.alone(() => this.sql('INSERT INTO admins (id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(
      admin.id, name, hashToken(token), admin.createdAt, admin.expiresAt,
    ));
    return { admin, token };
  }

  revokeAdmin(id: string, now: Date): Promise<boolean> {
    return this.alone(() => this.sql('UPDATE admins SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), id).changes === 1);
  }

  listAdmins(): Promise<AdminRecord[]> {
    return this.alone(() => (this.sql('SELECT id, name, created_at, expires_at, revoked_at FROM admins ORDER BY created_at, id').all() as AdminDbRow[]).map(toAdmin));
  }

  async checkAdminToken(token: string, now: Date): Promise<TokenCheck<AdminRecord>> {
    const row = (await this.alone(() => this.sql('SELECT id, name, created_at, expires_at, revoked_at FROM admins WHERE token_hash = ?').get(hashToken(token)))) as AdminDbRow | undefined;
    return checkHolder(row, toAdmin, now);
  }

  async grantChainRole(staffId: string, now: Date): Promise<void> {
    await this.alone(() => this.sql('INSERT INTO chain_roles (staff_id, granted_at) VALUES (?, ?) ON CONFLICT (staff_id) DO NOTHING').run(staffId, now.toISOString()));
  }

  revokeChainRole(staffId: string): Promise<boolean> {
    return this.alone(() => this.sql('DELETE FROM chain_roles WHERE staff_id = ?').run(staffId).changes === 1);
  }

  listChainRoles(): Promise<ChainRoleRecord[]> {
    return this.alone(() => this.sql('SELECT staff_id AS staffId, granted_at AS grantedAt FROM chain_roles ORDER BY staff_id').all() as ChainRoleRecord[]);
  }

  async writeChanges(changes: readonly RowChange[]): Promise<void> {
    await this.transact(async () => ({ changes: [...changes], result: undefined }));
  }

  transact<T>(work: (reader: HubReader) => Promise<{ changes: RowChange[]; result: T }>): Promise<T> {
    return this.atomic(async () => {
      const { changes, result } = await work(this.reader);
      this.writeRows(changes);
      return result;
    });
  }

  /**
   * Writes the changes in order, each under the next version. Where each scoped row stands is read
   * for the whole batch first (a 250,000-line orders file would otherwise cost a query per line),
   * and upserts go out as multi-row INSERTs. Anything that reads rows back (a scope move, a row
   * met twice in the batch) first writes what is pending, so it sees every earlier change.
   */
  private writeRows(changes: readonly RowChange[]): void {
    // Each change's key text is made once, for the scope lookup and the write; a fresh row's only as it is written (a file writes a million).
    const keys = changes.map((c) => (c.fresh ? '' : keyText(c.table, c.key, c.stream)));
    const before = this.scopesBefore(changes, keys);
    // Per table, the keys met so far (their texts, not new strings: a file writes a million rows).
    const touched = new Map<string, Set<string>>();
    const pending: RowValues = [];
    const flush = () => {
      if (pending.length) this.insertRows(pending);
      pending.length = 0;
    };
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i]!;
      const key = c.fresh ? keyText(c.table, c.key, c.stream) : keys[i]!;
      if (pending.length === INSERT_BATCH * VALUES_PER_ROW) flush();
      // A fresh row has no scope to leave and is met once (see RowChange.fresh); a tombstone it
      // replaces is already gone from the devices that saw it, so it need not leave their store.
      if (c.fresh || !SCOPED_TABLES.has(c.table)) {
        this.pushValues(pending, c, key);
        continue;
      }
      let seen = touched.get(c.table);
      if (!seen) touched.set(c.table, (seen = new Set()));
      let from: string | null | undefined;
      if (seen.has(key)) {
        flush();
        from = this.sql('SELECT scope_store FROM rows WHERE tbl = ? AND key = ?').pluck().get(c.table, key) as string | null | undefined;
      } else from = before.get(c.table)?.get(key);
      seen.add(key);
      if (from && from !== c.scopeStoreId) {
        flush();
        this.moveScope(c, key, from);
      } else this.pushValues(pending, c, key);
      // A row back in a store it once left is no longer a tombstone there (a row new to the hub has none).
      if (c.scopeStoreId && from !== undefined) this.sql('DELETE FROM exits WHERE tbl = ? AND key = ? AND scope_store = ?').run(c.table, key, c.scopeStoreId);
    }
    flush();
  }

  /** The scope each scoped row of `changes` (key texts in `keys`) has now, by table and key; a row the hub never held is absent. */
  private scopesBefore(changes: readonly RowChange[], keys: readonly string[]): Map<string, Map<string, string | null>> {
    const byTable = new Map<string, string[]>();
    changes.forEach((c, i) => {
      if (c.fresh || !SCOPED_TABLES.has(c.table)) return;
      let list = byTable.get(c.table);
      if (!list) byTable.set(c.table, (list = []));
      list.push(keys[i]!);
    });
    const scopes = new Map<string, Map<string, string | null>>();
    for (const [table, list] of byTable) scopes.set(table, this.lookup<string | null>(table, list, 'scope_store'));
    return scopes;
  }

  /** `column` of the rows of `table` with these key texts, in chunks of LOOKUP_BATCH keys per query. */
  private lookup<T>(table: string, keys: readonly string[], column: 'scope_store' | 'row_json'): Map<string, T> {
    const found = new Map<string, T>();
    const stmt = this.sql(`SELECT key, ${column} FROM rows WHERE tbl = ? AND key IN (SELECT value FROM json_each(?))`).raw();
    for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
      for (const [key, value] of stmt.all(table, JSON.stringify(keys.slice(i, i + LOOKUP_BATCH))) as [string, T][]) found.set(key, value);
    }
    return found;
  }

  /** Appends the change's upsert values under the next version. */
  private pushValues(values: RowValues, c: RowChange, key: string): void {
    this.lastVersion += 1;
    values.push(c.table, key, c.stream, c.scopeStoreId, JSON.stringify(c.key), c.row && JSON.stringify(c.row), this.lastVersion);
  }

  /**
   * Upserts in order, so a key met twice ends as its later change: a full batch as one multi-row
   * INSERT, a smaller one row by row (two statements to prepare, whatever the batch sizes).
   */
  private insertRows(values: RowValues): void {
    if (values.length === INSERT_BATCH * VALUES_PER_ROW) this.sql(UPSERT_BATCH).run(values);
    else for (let i = 0; i < values.length; i += VALUES_PER_ROW) this.sql(UPSERT_ONE).run(values.slice(i, i + VALUES_PER_ROW));
  }

  private upsertRow(c: RowChange, key: string): void {
    const values: RowValues = [];
    this.pushValues(values, c, key);
    this.insertRows(values);
  }

  /**
   * A row leaves store `from` and the rows that follow it leave with it. The old store's devices
   * get tombstones children first (a page boundary never strands a child without its parent);
   * the new scope gets the row, then its followers.
   */
  private moveScope(c: RowChange, key: string, from: string): void {
    const followers = this.followersIn(c, from);
    for (const f of [...followers].reverse()) this.writeExit(f, from);
    this.writeExit(c, from);
    this.moveParentExitsAfter(c, from);
    this.upsertRow(c, key);
    for (const f of followers) {
      const moved = { ...f, scopeStoreId: c.scopeStoreId };
      this.upsertRow(moved, keyText(f.table, f.key, f.stream));
      if (moved.scopeStoreId) this.sql('DELETE FROM exits WHERE tbl = ? AND key = ? AND scope_store = ?').run(f.table, keyText(f.table, f.key, f.stream), moved.scopeStoreId);
    }
  }

  /** The live rows that follow `c` (and their followers, parents first) and are seen by store `scope`. */
  private followersIn(c: RowChange, scope: string): RowChange[] {
    const rule = followersOf(c.table);
    const parentId = rule && (c.key[rule.parentKey] ?? null);
    if (!rule || parentId === null) return [];
    const out: RowChange[] = [];
    for (const f of rule.followers) {
      const rows = this.sql(`SELECT key_json, row_json FROM ${rowsWhereSql(f.table, this.checkedColumn(f.table, f.column))} AND scope_store = ? ORDER BY key`).all(
        f.table,
        parentId,
        scope,
      ) as { key_json: string; row_json: string }[];
      for (const r of rows) {
        const child: RowChange = { stream: f.stream, table: f.table, key: JSON.parse(r.key_json) as Row, row: JSON.parse(r.row_json) as Row, scopeStoreId: scope };
        out.push(child, ...this.followersIn(child, scope));
      }
    }
    return out;
  }

  /**
   * A row can leave a store after the row it points at did (a profile merged into a customer
   * head office had already moved): the parent's tombstone is written again after the row's, so
   * a device never deletes a customer while a row it holds still points at it.
   */
  private moveParentExitsAfter(c: RowChange, scope: string): void {
    for (const p of parentsOf(c.table)) {
      const id = c.row?.[p.column];
      if (id === null || id === undefined) continue;
      const parent: RowChange = { stream: replicatedTable(p.table)!.stream, table: p.table, key: { [p.parentKey]: id }, row: null, scopeStoreId: scope };
      const held = this.sql('SELECT 1 FROM exits WHERE tbl = ? AND key = ? AND scope_store = ?').pluck().get(p.table, keyText(p.table, parent.key), scope);
      if (!held) continue;
      this.writeExit(parent, scope);
      this.moveParentExitsAfter({ ...parent, row: this.rowNow(p.table, parent.key) }, scope);
    }
  }

  private writeExit(c: RowChange, scope: string): void {
    this.lastVersion += 1;
    this.sql(
      `INSERT INTO exits (tbl, key, scope_store, stream, key_json, version) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (tbl, key, scope_store) DO UPDATE SET version = excluded.version`,
    ).run(c.table, keyText(c.table, c.key, c.stream), scope, c.stream, JSON.stringify(c.key), this.lastVersion);
  }

  private rowNow(table: string, key: Row): Row | null {
    const found = this.sql('SELECT row_json FROM rows WHERE tbl = ? AND key = ?').pluck().get(table, keyText(table, key)) as string | null | undefined;
    return found ? (JSON.parse(found) as Row) : null;
  }

  /** Used only by a transaction's own work, which holds the connection already. */
  private readonly reader: HubReader = {
    row: async (table, key) => this.rowNow(table, key),
    rowsByKey: async (table, keys) => {
      const texts = keys.map((k) => keyText(table, k));
      const found = this.lookup<string | null>(table, texts, 'row_json');
      return texts.map((k) => {
        const json = found.get(k);
        return json ? (JSON.parse(json) as Row) : null;
      });
    },
    rowsByKeyPrefix: async (table, prefix) => {
      // Key texts are JSON arrays, so the rows whose key starts with these values share this text prefix.
      const start = `${JSON.stringify(prefix).slice(0, -1)},`;
      return (
        this.sql(`SELECT row_json FROM rows WHERE tbl = ? AND key >= ? AND key < ? AND row_json IS NOT NULL ORDER BY key`)
          .pluck()
          .all(table, start, `${start}\uffff`) as string[]
      ).map((r) => JSON.parse(r) as Row);
    },
    rowsWhere: async (table, column, value) => {
      return (
        this.sql(`SELECT row_json FROM ${rowsWhereSql(table, this.checkedColumn(table, column))} ORDER BY key`)
          .pluck()
          .all(table, value) as string[]
      ).map((r) => JSON.parse(r) as Row);
    },
    rowsWhereIn: async (table, column, values) => {
      return (
        this.sql(`SELECT row_json FROM ${rowsWhereSql(table, this.checkedColumn(table, column), true)} ORDER BY key`)
          .pluck()
          .all(table, JSON.stringify(values)) as string[]
      ).map((r) => JSON.parse(r) as Row);
    },
    maxOf: async (table, column) =>
      // The table is spliced (checked) so that the planner can use a partial index on it (rows_product_id); a tombstone's NULL is not a max.
      this.sql(`SELECT coalesce(max(json_extract(row_json, '$.${this.checkedColumn(table, column)}')), 0) FROM rows WHERE tbl = '${table}'`)
        .pluck()
        .get() as number,
    hasChainRole: async (staffId) => this.sql('SELECT 1 FROM chain_roles WHERE staff_id = ?').pluck().get(staffId) !== undefined,
    foundVisiting: async (storeId, customerId, since) =>
      this.sql(`SELECT 1 FROM visiting_lookups WHERE customer_id = ? AND store_id = ? AND outcome = 'found' AND at >= ? LIMIT 1`).pluck().get(customerId, storeId, since) !== undefined,
  };

  /** Column names are spliced into SQL, so only a replicated column of the table is accepted. */
  private checkedColumn(table: string, column: string): string {
    const t = replicatedTable(table);
    if (!t || !t.columns.includes(column)) throw new Error(`${table} has no replicated column ${column}.`);
    return column;
  }

  async changesSince(stream: Stream, storeId: string, since: number, limit: number): Promise<{ changes: Change[]; hasMore: boolean; remaining: number }> {
    const page = await this.pageSince(stream, storeId, since, limit);
    return { changes: JSON.parse(page.changesJson) as Change[], hasMore: page.hasMore, remaining: page.remaining };
  }

  pageSince(stream: Stream, storeId: string, since: number, limit: number): Promise<ChangePage> {
    return this.alone(() => this.pageNow(stream, storeId, since, limit));
  }

  private pageNow(stream: Stream, storeId: string, since: number, limit: number): ChangePage {
    const visible = `SELECT version, tbl, key_json, row_json FROM rows WHERE stream = :stream AND version > :since AND (scope_store IS NULL OR scope_store = :store)`;
    const exits = `SELECT version, tbl, key_json, NULL AS row_json FROM exits WHERE stream = :stream AND scope_store = :store AND version > :since`;
    const sql = SCOPED_STREAMS.has(stream) ? `${visible} UNION ALL ${exits} ORDER BY version LIMIT :limit` : `${visible} ORDER BY version LIMIT :limit`;
    const rows = this.sql(sql).raw().all({ stream, since, store: storeId, limit: limit + 1 }) as [number, string, string, string | null][];
    const count = Math.min(rows.length, limit);
    // Table names come from the protocol's list and key/row texts were written by JSON.stringify, so they splice in as they are.
    const parts: string[] = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const [version, table, key, row] = rows[i]!;
      parts[i] = `{"version":${version},"table":"${table}","key":${key},"row":${row ?? 'null'}}`;
    }
    const cursor = count ? rows[count - 1]![0] : since;
    const hasMore = rows.length > limit;
    return { changesJson: `[${parts.join(',')}]`, count, cursor, hasMore, remaining: hasMore ? this.remainingAfter(stream, storeId, since, cursor, count) : 0 };
  }

  /** Counting the rest of a 5-million-row stream on every page would cost more than the page, so a count is carried on. */
  private remainingAfter(stream: Stream, storeId: string, since: number, cursor: number, pageSize: number): number {
    const carried = this.remaining.take(stream, storeId, since, this.lastVersion);
    const count = () => {
      const args = { stream, since: cursor, store: storeId };
      const rows = this.sql(`SELECT count(*) FROM rows WHERE stream = :stream AND version > :since AND (scope_store IS NULL OR scope_store = :store)`).pluck().get(args) as number;
      if (!SCOPED_STREAMS.has(stream)) return rows;
      return rows + (this.sql(`SELECT count(*) FROM exits WHERE stream = :stream AND scope_store = :store AND version > :since`).pluck().get(args) as number);
    };
    const remaining = carried !== undefined ? carried - pageSize : count();
    this.remaining.put(stream, storeId, cursor, this.lastVersion, remaining);
    return remaining;
  }

  async ingestEvents(device: DeviceRecord, events: readonly OutboxEvent[], now: Date, apply: EventApplier): Promise<Omit<PushResponse, 'protocol'>> {
    // ON CONFLICT DO NOTHING: a replayed event is already held, so it is acknowledged again.
    const insert = this.sql(
      `INSERT INTO events (id, device_id, store_id, kind, payload, created_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
    );
    const receivedAt = now.toISOString();
    // One event = one savepoint: it is held together with what it changed, or not at all.
    const applyOne = (e: OutboxEvent): Promise<Refusal | null> => this.atomic(async () => {
      const applied = await apply(e, device, this.reader, now);
      if (!applied.ok) {
        if (applied.resend) this.writeRows(applied.resend);
        return { reason: applied.reason, code: applied.code };
      }
      insert.run(e.id, device.id, device.storeId, e.kind, JSON.stringify(e.payload), e.createdAt, receivedAt);
      this.writeRows(applied.changes);
      for (const o of applied.aisleOrders) this.insertAisleOrder(o);
      return null;
    });
    return this.atomic(async () => {
      // The replay guard reads every id of the batch at once (held in full, or compacted to its id).
      const ids = JSON.stringify(events.map((e) => e.id));
      const held = this.sql('SELECT id, device_id, kind, payload FROM events WHERE id IN (SELECT value FROM json_each(?))').all(ids) as (HeldEvent & { id: string })[];
      const compacted = this.sql('SELECT id FROM compacted_events WHERE id IN (SELECT value FROM json_each(?))').pluck().all(ids) as string[];
      return decideEach(device, events, { held: new Map(held.map((r) => [r.id, r])), compacted: new Set(compacted) }, applyOne);
    });
  }

  private insertAisleOrder(o: HubAisleOrder): void {
    this.sql(
      `INSERT INTO aisle_orders (order_id, event_id, store_id, register_id, associate_id, sku, quantity, unit_price_cents, device_unit_price_cents,
         source_location_id, customer_id, customer_json, address_json, placed_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING`,
    ).run(
      o.orderId, o.eventId, o.storeId, o.registerId, o.associateId, o.sku, o.quantity, o.unitPriceCents, o.deviceUnitPriceCents, o.sourceLocationId,
      o.customerId, o.customer, o.address, o.placedAt, o.receivedAt,
    );
  }

  listEvents(): Promise<StoredEvent[]> {
    return this.alone(() => this.sql('SELECT id, device_id AS deviceId, store_id AS storeId, kind, payload FROM events ORDER BY id').all() as StoredEvent[]);
  }

  compactAnalytics(before: Date): Promise<number> {
    const kinds = JSON.stringify(ANALYTICS_KINDS);
    const args = { before: before.toISOString(), kinds };
    const old = `FROM events WHERE received_at < :before AND kind IN (SELECT value FROM json_each(:kinds))`;
    return this.atomic(async () => {
      this.sql(
        `INSERT INTO analytics_daily (day, store_id, kind, events)
         SELECT substr(created_at, 1, 10), store_id, kind, count(*) ${old} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
         ON CONFLICT (day, store_id, kind) DO UPDATE SET events = events + excluded.events`,
      ).run(args);
      this.sql(`INSERT OR IGNORE INTO compacted_events (id) SELECT id ${old}`).run(args);
      return this.sql(`DELETE ${old}`).run(args).changes;
    });
  }

  listAnalyticsDays(): Promise<AnalyticsDay[]> {
    return this.alone(() => this.sql('SELECT day, store_id AS storeId, kind, events FROM analytics_daily ORDER BY day, store_id, kind').all() as AnalyticsDay[]);
  }

  listAisleOrders(): Promise<HubAisleOrder[]> {
    return this.alone(() => this.sql(
      `SELECT order_id AS orderId, event_id AS eventId, store_id AS storeId, register_id AS registerId, associate_id AS associateId, sku, quantity,
         unit_price_cents AS unitPriceCents, coalesce(device_unit_price_cents, unit_price_cents) AS deviceUnitPriceCents, source_location_id AS sourceLocationId, customer_id AS customerId, customer_json AS customer,
         address_json AS address, placed_at AS placedAt, received_at AS receivedAt
       FROM aisle_orders ORDER BY placed_at, order_id`,
    ).all() as HubAisleOrder[]);
  }

  async recordImport(report: ImportReport): Promise<void> {
    await this.alone(() => this.sql('INSERT INTO imports (id, received_at, report_json) VALUES (?, ?, ?)').run(report.id, report.receivedAt, JSON.stringify(report)));
  }

  async recordVisitingLookup(e: VisitingLookupRecord): Promise<void> {
    await this.alone(() => this.sql(
      `INSERT INTO visiting_lookups (at, device_id, store_id, register_id, staff_id, kind, value_hash, customer_id, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.at, e.deviceId, e.storeId, e.registerId, e.staffId, e.kind, e.valueHash, e.customerId, e.outcome));
  }

  listVisitingLookups(limit: number): Promise<VisitingLookupRecord[]> {
    return this.alone(() => this.sql(
      `SELECT at, device_id AS deviceId, store_id AS storeId, register_id AS registerId, staff_id AS staffId, kind, value_hash AS valueHash,
         customer_id AS customerId, outcome FROM visiting_lookups ORDER BY rowid DESC LIMIT ?`,
    ).all(limit) as VisitingLookupRecord[]);
  }

  listImports(limit: number): Promise<ImportReport[]> {
    return this.alone(() => (this.sql('SELECT report_json FROM imports ORDER BY received_at DESC, rowid DESC LIMIT ?').pluck().all(limit) as string[]).map(
      (r) => JSON.parse(r) as ImportReport,
    ));
  }

  versionSignal(): Promise<VersionSignal> {
    return Promise.resolve(this.versions);
  }

  /** Waits for the transaction in progress, then closes the file. */
  close(): Promise<void> {
    return this.alone(() => {
      if (this.db.open) this.db.close();
    });
  }
}
