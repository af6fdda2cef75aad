// The hub store on PostgreSQL, for a chain: several hub processes share one database. Same
// calls and the same one-transaction semantics as the SQLite store (sqliteStore.ts).
//
// Versions: every writing transaction takes one transaction-level advisory lock (WRITE_LOCK) at
// BEGIN and holds it to COMMIT; only its holder reads and advances the `hub_version` sequence.
// PostgreSQL makes a commit visible before it releases the transaction's locks, so the next
// writer starts after the previous one is visible: committed versions always form a prefix, and
// the only transaction in flight holds versions above all of them. A pull (one statement, one
// snapshot) therefore only ever returns versions below the oldest in-flight one, and a cursor
// never passes a version that commits later. Writers are serialized as in the SQLite store
// (appliers read and write in one consistent view); reads — pulls, token checks — run in parallel.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { enrolmentLookup, enrolmentSecretHash, newEnrolmentSecret, replicatedTable, type Change, type OutboxEvent, type PushResponse, type Stream } from '../../protocol/index.js';
import { RemainingCache } from '../remainingCache.js';
import { SCOPED_STREAMS, SCOPED_TABLES, followersOf, parentsOf } from '../scopes.js';
import { decideEach, type HeldEvent, type Refusal } from '../decideEach.js';
import { keyText } from '../keyText.js';
import { checkHolder, nextRegisterId, toAdmin, toDevice, type AdminDbRow, type DeviceDbRow } from '../sqliteStore.js';
import { ANALYTICS_KINDS } from '../store.js';
import type {
  AddDeviceOptions,
  AdminRecord,
  AnalyticsDay,
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
  TokenCheck,
  TokenRefusal,
  VisitingLookupRecord,
} from '../store.js';
import { TransactionLock } from '../transactionLock.js';
import { hashToken, newAdminToken, newDeviceToken } from '../tokens.js';
import { VersionSignal } from '../versionSignal.js';
import { schemaProblem } from './migrations.js';
import { PgConnectorState } from './pgConnectorState.js';
import { PgReportDb } from './pgReportDb.js';
import { VersionListener } from './versionListener.js';

/** The hub's write lock (an advisory lock key no other part of the hub uses). */
export const WRITE_LOCK = 204_200_002;
/** With a store's hashed id: held while a register of that store is given its name. */
const REGISTER_NAMES_LOCK = 204_200_003;

/** The channel a commit that wrote versions notifies, with its last version as the payload. */
export const VERSION_CHANNEL = 'hub_version';

/** Rows per multi-row upsert (one statement over arrays, whatever the count). */
const INSERT_BATCH = 2000;
/** Keys per lookup query. */
const LOOKUP_BATCH = 5000;

/** bigint (int8: versions, counts) as a JS number; hub versions stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser,
};

/** The open transaction of the current async context: its connection, savepoint depth and version counter. */
interface Tx {
  client: pg.PoolClient;
  depth: number;
  /** The last version this transaction handed out; null until it needs one. */
  version: { last: number | null };
}

type RowValues = [string, string, string, string | null, string, string | null, number];

/** Columns with an index for rowsWhere (migration 1); any other replicated column is found by a scan of its table. */
const INDEXED: Record<string, string[]> = {
  customer_id: ['customer_identifiers', 'consents', 'orders'],
  order_id: ['order_lines'],
  merged_into: ['customers'],
};

export interface PgHubStoreOptions {
  /** Connections in this process's pool (default 10). */
  max?: number;
}

export class PgHubStore implements HubStore {
  private readonly tx = new AsyncLocalStorage<Tx>();
  /** One transaction per process waits on the database's write lock; the rest queue here, leaving pool connections to reads. */
  private readonly writers = new TransactionLock();
  private readonly names = new Map<string, string>();
  private readonly remaining = new RemainingCache();
  private closed = false;
  private readonly versions = new VersionSignal();
  /** Opened by the first long-poll (versionSignal), not before: a CLI command or a test never needs it. */
  private listener: VersionListener | undefined;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
  ) {}

  /** Opens the store on a migrated database; refuses one that is not (see migrations.ts). */
  static async open(url: string, options: PgHubStoreOptions = {}): Promise<PgHubStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types });
    // An idle connection the server dropped must not take the process down.
    pool.on('error', () => undefined);
    try {
      const problem = await schemaProblem(pool);
      if (problem) throw new Error(problem);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PgHubStore(pool, url);
  }

  /** A statement on the current transaction's connection, or on any pooled one; prepared once per connection. */
  private async q<R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<pg.QueryResult<R>> {
    let name = this.names.get(text);
    if (!name) this.names.set(text, (name = `hub${this.names.size}`));
    return (this.tx.getStore()?.client ?? this.pool).query<R>({ name, text, values });
  }

  private async rowsOf<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return (await this.q<R>(text, values)).rows;
  }

  /**
   * Runs `work` in one transaction holding the write lock. Called from within another
   * transaction's work it is a savepoint of that one; versions taken by work that fails are given back.
   */
  private atomic<T>(work: () => Promise<T>): Promise<T> {
    const outer = this.tx.getStore();
    if (outer) return this.savepoint(outer, work);
    return this.writers.run(async () => {
      const client = await this.pool.connect();
      const tx: Tx = { client, depth: 0, version: { last: null } };
      let broken: Error | undefined;
      try {
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`);
        const result = await this.tx.run(tx, work);
        // The sequence moves before the commit, still under the lock: a failed commit only leaves a gap.
        // The notification goes out with the commit (never for a rollback): hub processes may LISTEN for new versions.
        const end = tx.version.last === null ? 'COMMIT' : `SELECT setval('hub_version', ${tx.version.last}, true); NOTIFY ${VERSION_CHANNEL}, '${tx.version.last}'; COMMIT`;
        await client.query(end);
        // This process's own waiters need not wait for the notification to come back.
        if (tx.version.last !== null) this.versions.advance(tx.version.last);
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    });
  }

  private async savepoint<T>(outer: Tx, work: () => Promise<T>): Promise<T> {
    const name = `hub_${outer.depth}`;
    const start = outer.version.last;
    await outer.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await this.tx.run({ ...outer, depth: outer.depth + 1 }, work);
      await outer.client.query(`RELEASE ${name}`);
      return result;
    } catch (err) {
      await outer.client.query(`ROLLBACK TO ${name}; RELEASE ${name}`);
      outer.version.last = start;
      throw err;
    }
  }

  /** The API connectors' tables and the erasure audit (migration 4): their writes share this store's transactions. */
  connectorState(): PgConnectorState {
    return new PgConnectorState(async <R,>(text: string, values?: unknown[]) => (await this.rowsOf(text, values)) as R[], (work) => this.atomic(work));
  }

  /** The chain reports' tables (migration 5), for `new HubReports(store.reportDb())`. */
  reportDb(): PgReportDb {
    return new PgReportDb((text, values) => (this.tx.getStore()?.client ?? this.pool).query({ text, values }), (work) => this.atomic(work));
  }

  /** The next version, inside a transaction holding the write lock. */
  private async nextVersion(): Promise<number> {
    const tx = this.tx.getStore();
    if (!tx) throw new Error('A hub version is taken only inside a transaction.');
    if (tx.version.last === null) tx.version.last = (await this.rowsOf<{ last_value: number }>('SELECT last_value FROM hub_version'))[0]!.last_value;
    return (tx.version.last += 1);
  }

  addDevice(storeId: string, now: Date, options: AddDeviceOptions = {}): Promise<{ device: DeviceRecord; token: string }> {
    return this.atomic(async () => {
      if (options.registerId && (await this.registerIdsOf(storeId)).includes(options.registerId)) throw new Error(`Store ${storeId} already has a register ${options.registerId}.`);
      const registerId = options.registerId ?? (options.nameRegister ? nextRegisterId(await this.registerIdsOf(storeId)) : undefined);
      return this.insertDevice(storeId, now, { ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}), ...(registerId ? { registerId } : {}) });
    });
  }

  private async insertDevice(storeId: string, now: Date, options: { expiresAt?: Date; registerId?: string }): Promise<{ device: DeviceRecord; token: string }> {
    const token = newDeviceToken();
    const device: DeviceRecord = {
      id: `dev_${randomUUID()}`, storeId, createdAt: now.toISOString(), expiresAt: options.expiresAt?.toISOString() ?? null, revokedAt: null,
      ...(options.registerId ? { registerId: options.registerId } : {}),
    };
    await this.q('INSERT INTO devices (id, store_id, token_hash, created_at, expires_at, register_id) VALUES ($1, $2, $3, $4, $5, $6)', [
      device.id, storeId, hashToken(token), device.createdAt, device.expiresAt, options.registerId ?? null,
    ]);
    return { device, token };
  }

  /**
   * The register names the hub has given or recorded in a store, revoked devices' included (a name
   * is never reused). Inside a transaction it first takes the store's naming lock, so two hub
   * processes enrolling registers of one store at once give different names.
   */
  private async registerIdsOf(storeId: string): Promise<string[]> {
    if (this.tx.getStore()) await this.q(`SELECT pg_advisory_xact_lock(${REGISTER_NAMES_LOCK}, hashtext($1))`, [storeId]);
    return (await this.rowsOf<{ register_id: string }>('SELECT register_id FROM devices WHERE store_id = $1 AND register_id IS NOT NULL', [storeId])).map((r) => r.register_id);
  }

  async addEnrolment(storeId: string, now: Date, expiresAt: Date): Promise<string> {
    const secret = newEnrolmentSecret();
    await this.q('INSERT INTO enrolments (secret_hash, lookup, store_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      enrolmentSecretHash(secret), enrolmentLookup(secret), storeId, now.toISOString(), expiresAt.toISOString(),
    ]);
    return secret;
  }

  async findEnrolment(lookup: string, now: Date): Promise<{ storeId: string; secretHash: string } | { refusal: 'unknown' | 'used' | 'expired' }> {
    const [row] = await this.rowsOf<{ secret_hash: string; store_id: string; expires_at: string; used_at: string | null }>(
      'SELECT secret_hash, store_id, expires_at, used_at FROM enrolments WHERE lookup = $1', [lookup],
    );
    if (!row) return { refusal: 'unknown' };
    if (row.used_at) return { refusal: 'used' };
    if (row.expires_at <= now.toISOString()) return { refusal: 'expired' };
    return { storeId: row.store_id, secretHash: row.secret_hash };
  }

  /** Single use across processes: the code's row is locked until the redeeming transaction ends. */
  redeemEnrolment(secret: string, now: Date, options: { expiresAt?: Date } = {}): Promise<{ device: DeviceRecord; token: string } | { refusal: TokenRefusal | 'used' }> {
    return this.atomic(async () => {
      const [row] = await this.rowsOf<{ store_id: string; expires_at: string; used_at: string | null }>(
        'SELECT store_id, expires_at, used_at FROM enrolments WHERE secret_hash = $1 FOR UPDATE', [enrolmentSecretHash(secret)],
      );
      if (!row) return { refusal: 'unknown' as const };
      if (row.used_at) return { refusal: 'used' as const };
      if (row.expires_at <= now.toISOString()) return { refusal: 'expired' as const };
      const added = await this.insertDevice(row.store_id, now, { ...options, registerId: nextRegisterId(await this.registerIdsOf(row.store_id)) });
      await this.q('UPDATE enrolments SET used_at = $1, device_id = $2 WHERE secret_hash = $3', [now.toISOString(), added.device.id, enrolmentSecretHash(secret)]);
      return added;
    });
  }

  async rotateDeviceToken(id: string, now: Date, options: { expiresAt?: Date } = {}): Promise<{ device: DeviceRecord; token: string } | null> {
    const token = newDeviceToken();
    const [row] = await this.rowsOf<DeviceDbRow>('UPDATE devices SET token_hash = $1, expires_at = $2 WHERE id = $3 AND revoked_at IS NULL RETURNING *', [
      hashToken(token), options.expiresAt?.toISOString() ?? null, id,
    ]);
    return row ? { device: toDevice(row), token } : null;
  }

  async revokeDevice(id: string, now: Date): Promise<boolean> {
    return (await this.q('UPDATE devices SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now.toISOString(), id])).rowCount === 1;
  }

  async listDevices(): Promise<DeviceRecord[]> {
    return (await this.rowsOf<DeviceDbRow>('SELECT * FROM devices ORDER BY created_at, id')).map(toDevice);
  }

  async checkDeviceToken(token: string, now: Date): Promise<TokenCheck<DeviceRecord>> {
    const [row] = await this.rowsOf<DeviceDbRow>('SELECT * FROM devices WHERE token_hash = $1', [hashToken(token)]);
    return checkHolder(row, toDevice, now);
  }

  async addAdmin(name: string, now: Date, options: { expiresAt?: Date } = {}): Promise<{ admin: AdminRecord; token: string }> {
    const token = newAdminToken();
    const admin: AdminRecord = { id: `adm_${randomUUID()}`, name, createdAt: now.toISOString(), expiresAt: options.expiresAt?.toISOString() ?? null, revokedAt: null };
    await this.q('INSERT INTO admins (id, name, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [admin.id, name, hashToken(token), admin.createdAt, admin.expiresAt]);
    return { admin, token };
  }

  async revokeAdmin(id: string, now: Date): Promise<boolean> {
    return (await this.q('UPDATE admins SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now.toISOString(), id])).rowCount === 1;
  }

  async listAdmins(): Promise<AdminRecord[]> {
    return (await this.rowsOf<AdminDbRow>('SELECT id, name, created_at, expires_at, revoked_at FROM admins ORDER BY created_at, id')).map(toAdmin);
  }

  async checkAdminToken(token: string, now: Date): Promise<TokenCheck<AdminRecord>> {
    const [row] = await this.rowsOf<AdminDbRow>('SELECT id, name, created_at, expires_at, revoked_at FROM admins WHERE token_hash = $1', [hashToken(token)]);
    return checkHolder(row, toAdmin, now);
  }

  async grantChainRole(staffId: string, now: Date): Promise<void> {
    await this.q('INSERT INTO chain_roles (staff_id, granted_at) VALUES ($1, $2) ON CONFLICT (staff_id) DO NOTHING', [staffId, now.toISOString()]);
  }

  async revokeChainRole(staffId: string): Promise<boolean> {
    return (await this.q('DELETE FROM chain_roles WHERE staff_id = $1', [staffId])).rowCount === 1;
  }

  async listChainRoles(): Promise<ChainRoleRecord[]> {
    return this.rowsOf<ChainRoleRecord>('SELECT staff_id AS "staffId", granted_at AS "grantedAt" FROM chain_roles ORDER BY staff_id');
  }

  async writeChanges(changes: readonly RowChange[]): Promise<void> {
    await this.transact(async () => ({ changes: [...changes], result: undefined }));
  }

  transact<T>(work: (reader: HubReader) => Promise<{ changes: RowChange[]; result: T }>): Promise<T> {
    return this.atomic(async () => {
      const { changes, result } = await work(this.reader);
      await this.writeRows(changes);
      return result;
    });
  }

  /**
   * Writes the changes in order, each under the next version, as sqliteStore.ts does: where each
   * scoped row stands is read for the whole batch first, upserts go out many rows per statement,
   * and anything that reads rows back first writes what is pending.
   */
  private async writeRows(changes: readonly RowChange[]): Promise<void> {
    const before = await this.scopesBefore(changes);
    const touched = new Set<string>();
    const pending: RowValues[] = [];
    const flush = async () => {
      if (pending.length) await this.insertRows(pending);
      pending.length = 0;
    };
    for (const c of changes) {
      const key = keyText(c.table, c.key, c.stream);
      const id = `${c.table}\u0000${key}`;
      if (pending.length === INSERT_BATCH) await flush();
      if (!SCOPED_TABLES.has(c.table)) {
        pending.push(await this.rowValues(c, key));
        continue;
      }
      let from: string | null | undefined;
      if (touched.has(id)) {
        await flush();
        from = (await this.rowsOf<{ scope_store: string | null }>('SELECT scope_store FROM rows WHERE tbl = $1 AND key = $2', [c.table, key]))[0]?.scope_store;
      } else from = before.get(id);
      touched.add(id);
      if (from && from !== c.scopeStoreId) {
        await flush();
        await this.moveScope(c, key, from);
      } else pending.push(await this.rowValues(c, key));
      // A row back in a store it once left is no longer a tombstone there (a row new to the hub has none).
      if (c.scopeStoreId && from !== undefined) await this.q('DELETE FROM exits WHERE tbl = $1 AND key = $2 AND scope_store = $3', [c.table, key, c.scopeStoreId]);
    }
    await flush();
  }

  /** The scope each scoped row of `changes` has now, by table and key; a row the hub never held is absent. */
  private async scopesBefore(changes: readonly RowChange[]): Promise<Map<string, string | null>> {
    const keys = new Map<string, string[]>();
    for (const c of changes) {
      if (!SCOPED_TABLES.has(c.table)) continue;
      let list = keys.get(c.table);
      if (!list) keys.set(c.table, (list = []));
      list.push(keyText(c.table, c.key, c.stream));
    }
    const scopes = new Map<string, string | null>();
    for (const [table, list] of keys) {
      for (const [key, scope] of await this.lookup<string | null>(table, list, 'scope_store')) scopes.set(`${table}\u0000${key}`, scope);
    }
    return scopes;
  }

  /** `column` of the rows of `table` with these key texts, LOOKUP_BATCH keys per query. */
  private async lookup<T>(table: string, keys: readonly string[], column: 'scope_store' | 'row_json'): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (let i = 0; i < keys.length; i += LOOKUP_BATCH) {
      const rows = await this.rowsOf<{ key: string; value: T }>(`SELECT key, ${column} AS value FROM rows WHERE tbl = $1 AND key = ANY($2::text[])`, [table, keys.slice(i, i + LOOKUP_BATCH)]);
      for (const r of rows) found.set(r.key, r.value);
    }
    return found;
  }

  private async rowValues(c: RowChange, key: string): Promise<RowValues> {
    return [c.table, key, c.stream, c.scopeStoreId, JSON.stringify(c.key), c.row && JSON.stringify(c.row), await this.nextVersion()];
  }

  /**
   * One upsert over arrays for the whole batch. PostgreSQL refuses a statement that updates one
   * row twice, so a key met twice in the batch keeps only its later change (its earlier version
   * is never seen: versions may have holes, never disorder).
   */
  private async insertRows(rows: readonly RowValues[]): Promise<void> {
    const last = new Map<string, RowValues>();
    for (const r of rows) last.set(`${r[0]}\u0000${r[1]}`, r);
    const cols: unknown[][] = [[], [], [], [], [], [], []];
    for (const r of last.values()) r.forEach((v, i) => cols[i]!.push(v));
    await this.q(
      `INSERT INTO rows (tbl, key, stream, scope_store, key_json, row_json, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
       ON CONFLICT (tbl, key) DO UPDATE SET version = excluded.version, stream = excluded.stream, scope_store = excluded.scope_store,
         key_json = excluded.key_json, row_json = excluded.row_json`,
      cols,
    );
  }

  private async upsertRow(c: RowChange, key: string): Promise<void> {
    await this.insertRows([await this.rowValues(c, key)]);
  }

  /** A row leaves store `from` with the rows that follow it: tombstones children first, then the row and its followers in the new scope. */
  private async moveScope(c: RowChange, key: string, from: string): Promise<void> {
    const followers = await this.followersIn(c, from);
    for (const f of [...followers].reverse()) await this.writeExit(f, from);
    await this.writeExit(c, from);
    await this.moveParentExitsAfter(c, from);
    await this.upsertRow(c, key);
    for (const f of followers) {
      const moved = { ...f, scopeStoreId: c.scopeStoreId };
      const fKey = keyText(f.table, f.key, f.stream);
      await this.upsertRow(moved, fKey);
      if (moved.scopeStoreId) await this.q('DELETE FROM exits WHERE tbl = $1 AND key = $2 AND scope_store = $3', [f.table, fKey, moved.scopeStoreId]);
    }
  }

  /** The live rows that follow `c` (and their followers, parents first) and are seen by store `scope`. */
  private async followersIn(c: RowChange, scope: string): Promise<RowChange[]> {
    const rule = followersOf(c.table);
    const parentId = rule && (c.key[rule.parentKey] ?? null);
    if (!rule || parentId === null) return [];
    const out: RowChange[] = [];
    for (const f of rule.followers) {
      const where = this.rowsWhereSql(f.table, this.checkedColumn(f.table, f.column));
      const rows = await this.rowsOf<{ key_json: string; row_json: string }>(`SELECT key_json, row_json FROM ${where.sql} AND scope_store = $${where.args.length + 2} ORDER BY key`, [
        ...where.args, JSON.stringify(parentId), scope,
      ]);
      for (const r of rows) {
        const child: RowChange = { stream: f.stream, table: f.table, key: JSON.parse(r.key_json) as Row, row: JSON.parse(r.row_json) as Row, scopeStoreId: scope };
        out.push(child, ...(await this.followersIn(child, scope)));
      }
    }
    return out;
  }

  /** A row that leaves a store after the row it points at did: the parent's tombstone is written again after it. */
  private async moveParentExitsAfter(c: RowChange, scope: string): Promise<void> {
    for (const p of parentsOf(c.table)) {
      const id = c.row?.[p.column];
      if (id === null || id === undefined) continue;
      const parent: RowChange = { stream: replicatedTable(p.table)!.stream, table: p.table, key: { [p.parentKey]: id }, row: null, scopeStoreId: scope };
      const held = await this.rowsOf('SELECT 1 FROM exits WHERE tbl = $1 AND key = $2 AND scope_store = $3', [p.table, keyText(p.table, parent.key), scope]);
      if (!held.length) continue;
      await this.writeExit(parent, scope);
      await this.moveParentExitsAfter({ ...parent, row: await this.rowNow(p.table, parent.key) }, scope);
    }
  }

  private async writeExit(c: RowChange, scope: string): Promise<void> {
    await this.q(
      `INSERT INTO exits (tbl, key, scope_store, stream, key_json, version) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tbl, key, scope_store) DO UPDATE SET version = excluded.version`,
      [c.table, keyText(c.table, c.key, c.stream), scope, c.stream, JSON.stringify(c.key), await this.nextVersion()],
    );
  }

  private async rowNow(table: string, key: Row): Promise<Row | null> {
    const [found] = await this.rowsOf<{ row_json: string | null }>('SELECT row_json FROM rows WHERE tbl = $1 AND key = $2', [table, keyText(table, key)]);
    return found?.row_json ? (JSON.parse(found.row_json) as Row) : null;
  }

  /**
   * FROM and WHERE for "rows of `table` whose `column` equals $n" (the value as JSON, compared as
   * jsonb: a number matches a number, a string a string, as SQLite's json_extract compares). For
   * an indexed column the table is spliced in as a literal, so the planner can use the partial index.
   */
  private rowsWhereSql(table: string, column: string, anyOf = false): { sql: string; args: unknown[] } {
    // anyOf: the parameter is an array of values as JSON texts.
    const match = (n: number) => `(row_json::jsonb) -> '${column}' = ${anyOf ? `ANY($${n}::jsonb[])` : `$${n}::jsonb`}`;
    if (INDEXED[column]?.includes(table)) return { sql: `rows WHERE tbl = '${table}' AND ${match(1)}`, args: [] };
    return { sql: `rows WHERE tbl = $1 AND ${match(2)}`, args: [table] };
  }

  /** Column names are spliced into SQL, so only a replicated column of the table is accepted. */
  private checkedColumn(table: string, column: string): string {
    const t = replicatedTable(table);
    if (!t || !t.columns.includes(column)) throw new Error(`${table} has no replicated column ${column}.`);
    return column;
  }

  /** Reads for appliers: inside a transaction they run on its connection (AsyncLocalStorage), so they see its own writes. */
  private readonly reader: HubReader = {
    row: (table, key) => this.rowNow(table, key),
    rowsByKey: async (table, keys) => {
      const texts = keys.map((k) => keyText(table, k));
      const found = await this.lookup<string | null>(table, texts, 'row_json');
      return texts.map((k) => {
        const json = found.get(k);
        return json ? (JSON.parse(json) as Row) : null;
      });
    },
    rowsByKeyPrefix: async (table, prefix) => {
      // Key texts are JSON arrays, so the rows whose key starts with these values share this text prefix.
      const start = `${JSON.stringify(prefix).slice(0, -1)},`;
      const rows = await this.rowsOf<{ row_json: string }>('SELECT row_json FROM rows WHERE tbl = $1 AND key >= $2 AND key < $3 AND row_json IS NOT NULL ORDER BY key', [
        table, start, `${start}\uffff`,
      ]);
      return rows.map((r) => JSON.parse(r.row_json) as Row);
    },
    rowsWhere: async (table, column, value) => {
      const where = this.rowsWhereSql(table, this.checkedColumn(table, column));
      const rows = await this.rowsOf<{ row_json: string }>(`SELECT row_json FROM ${where.sql} AND row_json IS NOT NULL ORDER BY key`, [...where.args, JSON.stringify(value)]);
      return rows.map((r) => JSON.parse(r.row_json) as Row);
    },
    rowsWhereIn: async (table, column, values) => {
      const where = this.rowsWhereSql(table, this.checkedColumn(table, column), true);
      const rows = await this.rowsOf<{ row_json: string }>(`SELECT row_json FROM ${where.sql} AND row_json IS NOT NULL ORDER BY key`, [...where.args, values.map((v) => JSON.stringify(v))]);
      return rows.map((r) => JSON.parse(r.row_json) as Row);
    },
    maxOf: async (table, column) => {
      const [r] = await this.rowsOf<{ max: string }>(
        `SELECT coalesce(max(((row_json::jsonb) ->> '${this.checkedColumn(table, column)}')::numeric), 0) AS max FROM rows WHERE tbl = $1 AND row_json IS NOT NULL`, [table],
      );
      return Number(r!.max);
    },
    hasChainRole: async (staffId) => (await this.rowsOf('SELECT 1 FROM chain_roles WHERE staff_id = $1', [staffId])).length > 0,
    foundVisiting: async (storeId, customerId, since) =>
      (await this.rowsOf(`SELECT 1 FROM visiting_lookups WHERE customer_id = $1 AND store_id = $2 AND outcome = 'found' AND at >= $3 LIMIT 1`, [customerId, storeId, since])).length > 0,
  };

  async changesSince(stream: Stream, storeId: string, since: number, limit: number): Promise<{ changes: Change[]; hasMore: boolean; remaining: number }> {
    const page = await this.pageSince(stream, storeId, since, limit);
    return { changes: JSON.parse(page.changesJson) as Change[], hasMore: page.hasMore, remaining: page.remaining };
  }

  /** One statement, so one snapshot: the committed versions it sees are a prefix (see the top of this file). */
  async pageSince(stream: Stream, storeId: string, since: number, limit: number): Promise<ChangePage> {
    const visible = 'SELECT version, tbl, key_json, row_json FROM rows WHERE stream = $1 AND version > $2 AND (scope_store IS NULL OR scope_store = $3)';
    const exits = 'SELECT version, tbl, key_json, NULL AS row_json FROM exits WHERE stream = $1 AND scope_store = $3 AND version > $2';
    const sql = SCOPED_STREAMS.has(stream) ? `${visible} UNION ALL ${exits} ORDER BY version LIMIT $4` : `${visible} ORDER BY version LIMIT $4`;
    const rows = (await this.q<{ version: number; tbl: string; key_json: string; row_json: string | null }>(sql, [stream, since, storeId, Math.min(limit, Number.MAX_SAFE_INTEGER - 1) + 1])).rows;
    const count = Math.min(rows.length, limit);
    const parts: string[] = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const r = rows[i]!;
      parts[i] = `{"version":${r.version},"table":"${r.tbl}","key":${r.key_json},"row":${r.row_json ?? 'null'}}`;
    }
    const cursor = count ? rows[count - 1]!.version : since;
    const hasMore = rows.length > limit;
    return { changesJson: `[${parts.join(',')}]`, count, cursor, hasMore, remaining: hasMore ? await this.remainingAfter(stream, storeId, since, cursor, count) : 0 };
  }

  private async lastVersion(): Promise<number> {
    return (await this.rowsOf<{ last_value: number }>('SELECT last_value FROM hub_version'))[0]!.last_value;
  }

  /**
   * As in the SQLite store, a count carried from page to page while the sequence stands still.
   * Read beside the page (not in its snapshot), so with writers committing meanwhile it is a
   * hint, as the protocol's `remaining` is; exact when nothing commits between pages.
   */
  private async remainingAfter(stream: Stream, storeId: string, since: number, cursor: number, pageSize: number): Promise<number> {
    const lastVersion = await this.lastVersion();
    const carried = this.remaining.take(stream, storeId, since, lastVersion);
    let remaining: number;
    if (carried !== undefined) remaining = carried - pageSize;
    else {
      const args = [stream, cursor, storeId];
      remaining = (await this.rowsOf<{ n: number }>('SELECT count(*) AS n FROM rows WHERE stream = $1 AND version > $2 AND (scope_store IS NULL OR scope_store = $3)', args))[0]!.n;
      if (SCOPED_STREAMS.has(stream)) remaining += (await this.rowsOf<{ n: number }>('SELECT count(*) AS n FROM exits WHERE stream = $1 AND scope_store = $3 AND version > $2', args))[0]!.n;
    }
    this.remaining.put(stream, storeId, cursor, lastVersion, remaining);
    return remaining;
  }

  async ingestEvents(device: DeviceRecord, events: readonly OutboxEvent[], now: Date, apply: EventApplier): Promise<Omit<PushResponse, 'protocol'>> {
    const receivedAt = now.toISOString();
    // One event = one savepoint: it is held together with what it changed, or not at all.
    const applyOne = (e: OutboxEvent): Promise<Refusal | null> => this.atomic(async () => {
      const applied = await apply(e, device, this.reader, now);
      if (!applied.ok) {
        if (applied.resend) await this.writeRows(applied.resend);
        return { reason: applied.reason, code: applied.code };
      }
      await this.q(
        `INSERT INTO events (id, device_id, store_id, kind, payload, created_at, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [e.id, device.id, device.storeId, e.kind, JSON.stringify(e.payload), e.createdAt, receivedAt],
      );
      await this.writeRows(applied.changes);
      for (const o of applied.aisleOrders) await this.insertAisleOrder(o);
      return null;
    });
    return this.atomic(async () => {
      // The replay guard reads every id of the batch at once (held in full, or compacted to its id).
      const ids = events.map((e) => e.id);
      const held = await this.rowsOf<HeldEvent & { id: string }>('SELECT id, device_id, kind, payload FROM events WHERE id = ANY($1::text[])', [ids]);
      const compacted = await this.rowsOf<{ id: string }>('SELECT id FROM compacted_events WHERE id = ANY($1::text[])', [ids]);
      return decideEach(device, events, { held: new Map(held.map((r) => [r.id, r])), compacted: new Set(compacted.map((r) => r.id)) }, applyOne);
    });
  }

  private async insertAisleOrder(o: HubAisleOrder): Promise<void> {
    await this.q(
      `INSERT INTO aisle_orders (order_id, event_id, store_id, register_id, associate_id, sku, quantity, unit_price_cents, device_unit_price_cents,
         source_location_id, customer_id, customer_json, address_json, placed_at, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (order_id) DO NOTHING`,
      [o.orderId, o.eventId, o.storeId, o.registerId, o.associateId, o.sku, o.quantity, o.unitPriceCents, o.deviceUnitPriceCents, o.sourceLocationId, o.customerId, o.customer, o.address, o.placedAt, o.receivedAt],
    );
  }

  listEvents(): Promise<StoredEvent[]> {
    return this.rowsOf<StoredEvent>('SELECT id, device_id AS "deviceId", store_id AS "storeId", kind, payload FROM events ORDER BY id COLLATE "C"');
  }

  compactAnalytics(before: Date): Promise<number> {
    const args = [before.toISOString(), ANALYTICS_KINDS];
    const old = 'FROM events WHERE received_at < $1 AND kind = ANY($2::text[])';
    return this.atomic(async () => {
      await this.q(
        `INSERT INTO analytics_daily (day, store_id, kind, events)
         SELECT substr(created_at, 1, 10), store_id, kind, count(*) ${old} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
         ON CONFLICT (day, store_id, kind) DO UPDATE SET events = analytics_daily.events + excluded.events`,
        args,
      );
      await this.q(`INSERT INTO compacted_events (id) SELECT id ${old} ON CONFLICT (id) DO NOTHING`, args);
      return (await this.q(`DELETE ${old}`, args)).rowCount ?? 0;
    });
  }

  listAnalyticsDays(): Promise<AnalyticsDay[]> {
    return this.rowsOf<AnalyticsDay>('SELECT day, store_id AS "storeId", kind, events FROM analytics_daily ORDER BY day, store_id, kind');
  }

  listAisleOrders(): Promise<HubAisleOrder[]> {
    return this.rowsOf<HubAisleOrder>(
      `SELECT order_id AS "orderId", event_id AS "eventId", store_id AS "storeId", register_id AS "registerId", associate_id AS "associateId", sku, quantity,
         unit_price_cents AS "unitPriceCents", device_unit_price_cents AS "deviceUnitPriceCents", source_location_id AS "sourceLocationId",
         customer_id AS "customerId", customer_json AS customer, address_json AS address, placed_at AS "placedAt", received_at AS "receivedAt"
       FROM aisle_orders ORDER BY placed_at, order_id`,
    );
  }

  async recordImport(report: ImportReport): Promise<void> {
    await this.q('INSERT INTO imports (id, received_at, report_json) VALUES ($1, $2, $3)', [report.id, report.receivedAt, JSON.stringify(report)]);
  }

  async recordVisitingLookup(e: VisitingLookupRecord): Promise<void> {
    await this.q(
      'INSERT INTO visiting_lookups (at, device_id, store_id, register_id, staff_id, kind, value_hash, customer_id, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [e.at, e.deviceId, e.storeId, e.registerId, e.staffId, e.kind, e.valueHash, e.customerId, e.outcome],
    );
  }

  listVisitingLookups(limit: number): Promise<VisitingLookupRecord[]> {
    return this.rowsOf<VisitingLookupRecord>(
      `SELECT at, device_id AS "deviceId", store_id AS "storeId", register_id AS "registerId", staff_id AS "staffId", kind, value_hash AS "valueHash",
         customer_id AS "customerId", outcome FROM visiting_lookups ORDER BY seq DESC LIMIT $1`,
      [limit],
    );
  }

  async listImports(limit: number): Promise<ImportReport[]> {
    return (await this.rowsOf<{ report_json: string }>('SELECT report_json FROM imports ORDER BY received_at DESC, seq DESC LIMIT $1', [limit])).map((r) => JSON.parse(r.report_json) as ImportReport);
  }

  async versionSignal(): Promise<VersionSignal> {
    if (this.closed) throw new Error('The hub store is closed.');
    await (this.listener ??= new VersionListener(this.url, VERSION_CHANNEL, this.versions)).start();
    return this.versions;
  }

  /** The LISTEN connection's backend pid, when open (tests drop it to prove the reconnect). */
  get listenerPid(): number | undefined {
    return this.listener?.pid;
  }

  /** Waits for this process's transaction in progress, then closes the pool and the LISTEN connection. */
  close(): Promise<void> {
    return this.writers.run(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.listener?.stop();
      await this.pool.end();
    });
  }
}
