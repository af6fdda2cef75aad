// Where the connectors keep what they know, behind a few narrow calls (the PostgreSQL hub store
// implements the same ones: postgres/pgConnectorState.ts): configuration, cursors, runs, the outbox. `atomically` is one
// of the hub store's transactions (its other writes inside join it), so a page's rows and the cursor past it commit together: a crash
// between the two cannot happen, and a restarted run picks up at the first page not applied.
import type Database from 'better-sqlite3';
import type { Row } from '../../store.js';

export const VENDORS = ['shopify', 'square', 'lightspeed', 'klaviyo', 'segment'] as const;
export type Vendor = (typeof VENDORS)[number];
/** Vendors the hub sends to (the others it reads from). */
export const OUTBOUND: ReadonlySet<Vendor> = new Set(['klaviyo', 'segment']);

/** A run of a connector while another run of it (in this process or another) is not finished. */
export class ConnectorBusyError extends Error {
  constructor(connectorId: string, since: string) {
    super(`connector ${connectorId} is already running (since ${since}); not starting it again`);
    this.name = 'ConnectorBusyError';
  }
}

/** A run still marked running after this long was cut short (the hub stopped during it): it no longer blocks a new one. */
export const STALE_RUN_MS = 3 * 3_600_000;

export interface ConnectorRecord {
  id: string;
  vendor: Vendor;
  /** Non-secret settings (shop domain, API version, base URL, home store, …). */
  config: Record<string, string>;
  /** The credentials, sealed (secrets.ts). */
  sealedSecret: string;
  createdAt: string;
}

export interface ConnectorRun {
  id: number;
  connectorId: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'ok' | 'failed';
  rows: number;
  error: string | null;
}

export interface CursorRecord {
  resource: string;
  cursor: unknown;
  updatedAt: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'dead' | 'dropped';

export interface OutboxItem {
  /** Stable event id: the same change always makes the same id, and the vendor dedupes on it. */
  id: string;
  connectorId: string;
  kind: string;
  customerId: string;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  attempts: number;
  nextAt: string;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}

/** A replicated row of the customers or orders streams as it now stands, with its hub version. */
export interface ChangedRow {
  version: number;
  table: string;
  row: Row | null;
  key: Row;
}

export interface VendorId {
  kind: string;
  vendorId: string;
  endcapId: string;
}

export interface Identity {
  email: string | null;
  phone: string | null;
}

/** What an erasure did (or, when refused, nothing): ids and counts only, never the address or phone asked with. */
export interface ErasureDetail {
  erased: string[];
  identifiersRemoved: number;
  consentsRemoved: number;
  sendsDropped: number;
  deletionsQueued: { connectorId: string; vendor: string }[];
}

/** One request to erase a customer at the hub, as the audit keeps it. */
export interface ErasureEntry {
  requestedAt: string;
  requestedBy: 'admin' | 'cli';
  /** The admin's id, or the operator's name at the hub's command line. */
  requester: string;
  customerId: string | null;
  outcome: 'erased' | 'invalid' | 'not_found' | 'ambiguous' | 'merged' | 'already_erased';
  detail: ErasureDetail;
}

/** An audited erasure with where each queued deletion now stands (its sends in the outbox). */
export interface ErasureRecord extends ErasureEntry {
  id: number;
  deletions: { connectorId: string; vendor: string; status: OutboxStatus | 'missing'; error: string | null; doneAt: string | null }[];
}

export interface ConnectorState {
  /** Runs `work` in one hub store transaction; the store's calls made inside it join it. */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  addConnector(r: ConnectorRecord): Promise<void>;
  /** New settings for a connector (checked by the caller); its credential and history stay. */
  updateConfig(id: string, config: Record<string, string>): Promise<void>;
  listConnectors(): Promise<ConnectorRecord[]>;
  connector(id: string): Promise<ConnectorRecord | null>;
  cursor(connectorId: string, resource: string): Promise<unknown>;
  putCursor(connectorId: string, resource: string, cursor: unknown, now: Date): Promise<void>;
  cursors(connectorId: string): Promise<CursorRecord[]>;
  /** Records a new run; ConnectorBusyError while another run of the connector is not finished (nor stale). */
  startRun(connectorId: string, now: Date): Promise<number>;
  finishRun(runId: number, now: Date, outcome: { status: 'ok' | 'failed'; rows: number; error: string | null }): Promise<void>;
  runs(connectorId: string, limit: number): Promise<ConnectorRun[]>;
  /** Customers, identifiers, consents and orders changed after `version`, oldest first. */
  customerRowsSince(version: number, limit: number): Promise<ChangedRow[]>;
  enqueue(items: readonly OutboxItem[]): Promise<void>;
  /** Sends due now: a customer's oldest pending send only, so a customer's sends leave in the order they were made. */
  due(connectorId: string, now: Date, limit: number): Promise<OutboxItem[]>;
  outbox(connectorId: string, status: OutboxStatus, limit: number): Promise<OutboxItem[]>;
  /** Pending sends about a customer (dropped when the customer is suppressed or erased). */
  pendingFor(customerId: string): Promise<OutboxItem[]>;
  settle(id: string, change: { status: OutboxStatus; attempts: number; nextAt: string; lastError: string | null; doneAt: string | null }): Promise<void>;
  /** Endcap ids of vendor ids of one kind (e.g. variation → SKU) that earlier pages stored. */
  idsOf(connectorId: string, kind: string, vendorIds: readonly string[]): Promise<Map<string, string>>;
  putIds(connectorId: string, ids: readonly VendorId[]): Promise<void>;
  identity(connectorId: string, customerId: string): Promise<Identity | null>;
  putIdentity(connectorId: string, customerId: string, identity: Identity): Promise<void>;
  forgetIdentity(connectorId: string, customerId: string): Promise<void>;
  /** Keeps one erasure request in the audit (inside the erasure's transaction when it erased). */
  recordErasure(entry: ErasureEntry): Promise<void>;
  /** The latest erasure requests, newest first. */
  erasures(limit: number): Promise<ErasureRecord[]>;
}

/** The erasure send of one connector for one profile, as the outbox holds it. */
export interface ErasureSend { status: OutboxStatus; last_error: string | null; done_at: string | null }

/** Where each deletion an erasure queued stands: a deletion per profile erased; the connector's is as far as its least advanced one. */
export function deletionsOf(detail: ErasureDetail, send: (connectorId: string, customerId: string) => ErasureSend | undefined): ErasureRecord['deletions'] {
  return detail.deletionsQueued.map((q) => {
    const items = detail.erased.map((id) => send(q.connectorId, id));
    if (items.length === 0 || items.some((i) => !i)) return { ...q, status: 'missing' as const, error: null, doneAt: null };
    const found = items as ErasureSend[];
    const worst = found.find((i) => i.status === 'dead') ?? found.find((i) => i.status !== 'sent') ?? found[0]!;
    return { ...q, status: worst.status, error: worst.last_error, doneAt: worst.done_at };
  });
}

export interface OutboxDbRow {
  id: string; connector_id: string; kind: string; customer_id: string; payload_json: string; status: OutboxStatus; attempts: number;
  next_at: string; last_error: string | null; created_at: string; done_at: string | null;
}
export const toItem = (r: OutboxDbRow): OutboxItem => ({
  id: r.id, connectorId: r.connector_id, kind: r.kind, customerId: r.customer_id, payload: JSON.parse(r.payload_json) as Record<string, unknown>,
  status: r.status, attempts: r.attempts, nextAt: r.next_at, lastError: r.last_error, createdAt: r.created_at, doneAt: r.done_at,
});

export interface ConnectorDbRow { id: string; vendor: Vendor; config_json: string; secret_box: string; created_at: string }
export const toConnector = (r: ConnectorDbRow): ConnectorRecord => ({ id: r.id, vendor: r.vendor, config: JSON.parse(r.config_json) as Record<string, string>, sealedSecret: r.secret_box, createdAt: r.created_at });

/** The SQLite hub store's connector tables (CONNECTOR_SCHEMA), on the store's own connection. */
export class SqliteConnectorState implements ConnectorState {
  /**
   * `transaction` and `alone` are the store's own: one transaction at a time on the shared
   * connection, and a statement outside one never lands inside another's.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly transaction: <T>(work: () => Promise<T>) => Promise<T>,
    private readonly alone: <T>(fn: () => T) => Promise<T>,
  ) {}

  atomically<T>(work: () => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  addConnector(r: ConnectorRecord): Promise<void> {
    return this.alone(() => {
      this.db.prepare('INSERT INTO connectors (id, vendor, config_json, secret_box, created_at) VALUES (?, ?, ?, ?, ?)').run(r.id, r.vendor, JSON.stringify(r.config), r.sealedSecret, r.createdAt);
    });
  }

  updateConfig(id: string, config: Record<string, string>): Promise<void> {
    return this.alone(() => {
      this.db.prepare('UPDATE connectors SET config_json = ? WHERE id = ?').run(JSON.stringify(config), id);
    });
  }

  listConnectors(): Promise<ConnectorRecord[]> {
    return this.alone(() => {
      return (this.db.prepare('SELECT * FROM connectors ORDER BY id').all() as ConnectorDbRow[]).map(toConnector);
    });
  }

  connector(id: string): Promise<ConnectorRecord | null> {
    return this.alone(() => {
      const r = this.db.prepare('SELECT * FROM connectors WHERE id = ?').get(id) as ConnectorDbRow | undefined;
      return r ? toConnector(r) : null;
    });
  }

  cursor(connectorId: string, resource: string): Promise<unknown> {
    return this.alone(() => {
      const text = this.db.prepare('SELECT cursor_json FROM connector_cursors WHERE connector_id = ? AND resource = ?').pluck().get(connectorId, resource) as string | undefined;
      return text === undefined ? null : JSON.parse(text);
    });
  }

  putCursor(connectorId: string, resource: string, cursor: unknown, now: Date): Promise<void> {
    return this.alone(() => {
      this.db
        .prepare(
          `INSERT INTO connector_cursors (connector_id, resource, cursor_json, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (connector_id, resource) DO UPDATE SET cursor_json = excluded.cursor_json, updated_at = excluded.updated_at`,
        )
        .run(connectorId, resource, JSON.stringify(cursor), now.toISOString());
    });
  }

  cursors(connectorId: string): Promise<CursorRecord[]> {
    return this.alone(() => {
      return (this.db.prepare('SELECT resource, cursor_json, updated_at FROM connector_cursors WHERE connector_id = ? ORDER BY resource').all(connectorId) as {
        resource: string; cursor_json: string; updated_at: string;
      }[]).map((r) => ({ resource: r.resource, cursor: JSON.parse(r.cursor_json), updatedAt: r.updated_at }));
    });
  }

  startRun(connectorId: string, now: Date): Promise<number> {
    // In the store's transaction lock: no other transaction's statements may land between the check and the insert.
    return this.transaction(async () => {
      const stale = new Date(now.getTime() - STALE_RUN_MS).toISOString();
      this.db.prepare(`UPDATE connector_runs SET status = 'failed', error = 'interrupted: the hub stopped during the run' WHERE connector_id = ? AND status = 'running' AND started_at < ?`).run(connectorId, stale);
      const busy = this.db.prepare(`SELECT started_at FROM connector_runs WHERE connector_id = ? AND status = 'running' ORDER BY id DESC LIMIT 1`).pluck().get(connectorId) as string | undefined;
      if (busy !== undefined) throw new ConnectorBusyError(connectorId, busy);
      return Number(this.db.prepare(`INSERT INTO connector_runs (connector_id, started_at, status) VALUES (?, ?, 'running')`).run(connectorId, now.toISOString()).lastInsertRowid);
    });
  }

  finishRun(runId: number, now: Date, outcome: { status: 'ok' | 'failed'; rows: number; error: string | null }): Promise<void> {
    return this.alone(() => {
      this.db.prepare('UPDATE connector_runs SET finished_at = ?, status = ?, rows = ?, error = ? WHERE id = ?').run(now.toISOString(), outcome.status, outcome.rows, outcome.error, runId);
    });
  }

  runs(connectorId: string, limit: number): Promise<ConnectorRun[]> {
    return this.alone(() => {
      return this.db
        .prepare(
          `SELECT id, connector_id AS connectorId, started_at AS startedAt, finished_at AS finishedAt, status, rows, error
           FROM connector_runs WHERE connector_id = ? ORDER BY id DESC LIMIT ?`,
        )
        .all(connectorId, limit) as ConnectorRun[];
    });
  }

  customerRowsSince(version: number, limit: number): Promise<ChangedRow[]> {
    return this.alone(() => {
      const rows = this.db
        .prepare(
          `SELECT version, tbl, key_json, row_json FROM rows WHERE version > ? AND tbl IN ('customers', 'customer_identifiers', 'consents', 'orders')
           ORDER BY version LIMIT ?`,
        )
        .all(version, limit) as { version: number; tbl: string; key_json: string; row_json: string | null }[];
      return rows.map((r) => ({ version: r.version, table: r.tbl, key: JSON.parse(r.key_json) as Row, row: r.row_json === null ? null : (JSON.parse(r.row_json) as Row) }));
    });
  }

  enqueue(items: readonly OutboxItem[]): Promise<void> {
    return this.alone(() => {
      const insert = this.db.prepare(
        `INSERT INTO connector_outbox (id, connector_id, kind, customer_id, payload_json, status, attempts, next_at, last_error, created_at, done_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      );
      for (const i of items) insert.run(i.id, i.connectorId, i.kind, i.customerId, JSON.stringify(i.payload), i.status, i.attempts, i.nextAt, i.lastError, i.createdAt, i.doneAt);
    });
  }

  due(connectorId: string, now: Date, limit: number): Promise<OutboxItem[]> {
    return this.alone(() => {
      return (this.db
        .prepare(
          `SELECT * FROM connector_outbox o WHERE connector_id = ? AND status = 'pending' AND next_at <= ?
             AND NOT EXISTS (SELECT 1 FROM connector_outbox e WHERE e.customer_id = o.customer_id AND e.connector_id = o.connector_id AND e.status = 'pending' AND e.rowid < o.rowid)
           ORDER BY created_at, rowid LIMIT ?`,
        )
        .all(connectorId, now.toISOString(), limit) as OutboxDbRow[]).map(toItem);
    });
  }

  outbox(connectorId: string, status: OutboxStatus, limit: number): Promise<OutboxItem[]> {
    return this.alone(() => {
      return (this.db.prepare('SELECT * FROM connector_outbox WHERE connector_id = ? AND status = ? ORDER BY created_at, rowid LIMIT ?').all(connectorId, status, limit) as OutboxDbRow[]).map(toItem);
    });
  }

  pendingFor(customerId: string): Promise<OutboxItem[]> {
    return this.alone(() => {
      return (this.db.prepare(`SELECT * FROM connector_outbox WHERE customer_id = ? AND status = 'pending' ORDER BY rowid`).all(customerId) as OutboxDbRow[]).map(toItem);
    });
  }

  settle(id: string, c: { status: OutboxStatus; attempts: number; nextAt: string; lastError: string | null; doneAt: string | null }): Promise<void> {
    return this.alone(() => {
      this.db.prepare('UPDATE connector_outbox SET status = ?, attempts = ?, next_at = ?, last_error = ?, done_at = ? WHERE id = ?').run(c.status, c.attempts, c.nextAt, c.lastError, c.doneAt, id);
    });
  }

  idsOf(connectorId: string, kind: string, vendorIds: readonly string[]): Promise<Map<string, string>> {
    return this.alone(() => {
      const get = this.db.prepare('SELECT endcap_id FROM connector_ids WHERE connector_id = ? AND kind = ? AND vendor_id = ?').pluck();
      const found = new Map<string, string>();
      for (const v of vendorIds) {
        const e = get.get(connectorId, kind, v) as string | undefined;
        if (e !== undefined) found.set(v, e);
      }
      return found;
    });
  }

  putIds(connectorId: string, ids: readonly VendorId[]): Promise<void> {
    return this.alone(() => {
      const put = this.db.prepare(
        `INSERT INTO connector_ids (connector_id, kind, vendor_id, endcap_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (connector_id, kind, vendor_id) DO UPDATE SET endcap_id = excluded.endcap_id`,
      );
      for (const i of ids) put.run(connectorId, i.kind, i.vendorId, i.endcapId);
    });
  }

  identity(connectorId: string, customerId: string): Promise<Identity | null> {
    return this.alone(() => {
      return (this.db.prepare('SELECT email, phone FROM connector_identities WHERE connector_id = ? AND customer_id = ?').get(connectorId, customerId) as Identity | undefined) ?? null;
    });
  }

  putIdentity(connectorId: string, customerId: string, identity: Identity): Promise<void> {
    return this.alone(() => {
      this.db
        .prepare(
          `INSERT INTO connector_identities (connector_id, customer_id, email, phone) VALUES (?, ?, ?, ?)
           ON CONFLICT (connector_id, customer_id) DO UPDATE SET email = excluded.email, phone = excluded.phone`,
        )
        .run(connectorId, customerId, identity.email, identity.phone);
    });
  }

  forgetIdentity(connectorId: string, customerId: string): Promise<void> {
    return this.alone(() => {
      this.db.prepare('DELETE FROM connector_identities WHERE connector_id = ? AND customer_id = ?').run(connectorId, customerId);
    });
  }

  recordErasure(e: ErasureEntry): Promise<void> {
    return this.alone(() => {
      this.db
        .prepare('INSERT INTO customer_erasures (requested_at, requested_by, requester, customer_id, outcome, detail_json) VALUES (?, ?, ?, ?, ?, ?)')
        .run(e.requestedAt, e.requestedBy, e.requester, e.customerId, e.outcome, JSON.stringify(e.detail));
    });
  }

  erasures(limit: number): Promise<ErasureRecord[]> {
    return this.alone(() => {
      const rows = this.db.prepare('SELECT * FROM customer_erasures ORDER BY id DESC LIMIT ?').all(limit) as {
        id: number; requested_at: string; requested_by: 'admin' | 'cli'; requester: string; customer_id: string | null; outcome: ErasureEntry['outcome']; detail_json: string;
      }[];
      const sends = this.db.prepare(`SELECT status, last_error, done_at FROM connector_outbox WHERE connector_id = ? AND customer_id = ? AND kind = 'erase'`);
      return rows.map((r) => {
        const detail = JSON.parse(r.detail_json) as ErasureDetail;
        const deletions = deletionsOf(detail, (connectorId, customerId) => sends.get(connectorId, customerId) as ErasureSend | undefined);
        return { id: r.id, requestedAt: r.requested_at, requestedBy: r.requested_by, requester: r.requester, customerId: r.customer_id, outcome: r.outcome, detail, deletions };
      });
    });
  }
}
