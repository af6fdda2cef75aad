// The API connectors' tables and the erasure audit on PostgreSQL (migration 4): the same calls as
// SqliteConnectorState, on the PgHubStore's connections. A call made inside `atomically` (or any
// store transaction) runs on that transaction's connection, so a page's rows and its cursor, or
// an erasure and its audit entry, commit together.
import type { Row } from '../store.js';
import {
  ConnectorBusyError,
  deletionsOf,
  STALE_RUN_MS,
  toConnector,
  toItem,
  type ChangedRow,
  type ConnectorDbRow,
  type ConnectorRecord,
  type ConnectorRun,
  type ConnectorState,
  type CursorRecord,
  type ErasureDetail,
  type ErasureEntry,
  type ErasureRecord,
  type ErasureSend,
  type Identity,
  type OutboxDbRow,
  type OutboxItem,
  type OutboxStatus,
  type VendorId,
} from '../connectors/api/state.js';

/** A statement on the current transaction's connection, or on any pooled one (PgHubStore's). */
export type PgQuery = <R>(text: string, values?: unknown[]) => Promise<R[]>;

const OUTBOX_COLUMNS = 'id, connector_id, kind, customer_id, payload_json, status, attempts, next_at, last_error, created_at, done_at';

export class PgConnectorState implements ConnectorState {
  /** `transaction`: the store's transaction holding the hub's write lock (nested calls are savepoints of it). */
  constructor(
    private readonly q: PgQuery,
    private readonly transaction: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  atomically<T>(work: () => Promise<T>): Promise<T> {
    return this.transaction(work);
  }

  async addConnector(r: ConnectorRecord): Promise<void> {
    await this.q('INSERT INTO connectors (id, vendor, config_json, secret_box, created_at) VALUES ($1, $2, $3, $4, $5)', [r.id, r.vendor, JSON.stringify(r.config), r.sealedSecret, r.createdAt]);
  }

  async updateConfig(id: string, config: Record<string, string>): Promise<void> {
    await this.q('UPDATE connectors SET config_json = $1 WHERE id = $2', [JSON.stringify(config), id]);
  }

  async listConnectors(): Promise<ConnectorRecord[]> {
    return (await this.q<ConnectorDbRow>('SELECT * FROM connectors ORDER BY id')).map(toConnector);
  }

  async connector(id: string): Promise<ConnectorRecord | null> {
    const [r] = await this.q<ConnectorDbRow>('SELECT * FROM connectors WHERE id = $1', [id]);
    return r ? toConnector(r) : null;
  }

  async cursor(connectorId: string, resource: string): Promise<unknown> {
    const [r] = await this.q<{ cursor_json: string }>('SELECT cursor_json FROM connector_cursors WHERE connector_id = $1 AND resource = $2', [connectorId, resource]);
    return r === undefined ? null : JSON.parse(r.cursor_json);
  }

  async putCursor(connectorId: string, resource: string, cursor: unknown, now: Date): Promise<void> {
    await this.q(
      `INSERT INTO connector_cursors (connector_id, resource, cursor_json, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connector_id, resource) DO UPDATE SET cursor_json = excluded.cursor_json, updated_at = excluded.updated_at`,
      [connectorId, resource, JSON.stringify(cursor), now.toISOString()],
    );
  }

  async cursors(connectorId: string): Promise<CursorRecord[]> {
    const rows = await this.q<{ resource: string; cursor_json: string; updated_at: string }>('SELECT resource, cursor_json, updated_at FROM connector_cursors WHERE connector_id = $1 ORDER BY resource', [connectorId]);
    return rows.map((r) => ({ resource: r.resource, cursor: JSON.parse(r.cursor_json), updatedAt: r.updated_at }));
  }

  /** Under the hub's write lock: two hub processes starting one connector at once cannot both see it idle. */
  startRun(connectorId: string, now: Date): Promise<number> {
    return this.transaction(async () => {
      const stale = new Date(now.getTime() - STALE_RUN_MS).toISOString();
      await this.q(`UPDATE connector_runs SET status = 'failed', error = 'interrupted: the hub stopped during the run' WHERE connector_id = $1 AND status = 'running' AND started_at < $2`, [connectorId, stale]);
      const [busy] = await this.q<{ started_at: string }>(`SELECT started_at FROM connector_runs WHERE connector_id = $1 AND status = 'running' ORDER BY id DESC LIMIT 1`, [connectorId]);
      if (busy) throw new ConnectorBusyError(connectorId, busy.started_at);
      const [run] = await this.q<{ id: number }>(`INSERT INTO connector_runs (connector_id, started_at, status) VALUES ($1, $2, 'running') RETURNING id`, [connectorId, now.toISOString()]);
      return run!.id;
    });
  }

  async finishRun(runId: number, now: Date, outcome: { status: 'ok' | 'failed'; rows: number; error: string | null }): Promise<void> {
    await this.q('UPDATE connector_runs SET finished_at = $1, status = $2, rows = $3, error = $4 WHERE id = $5', [now.toISOString(), outcome.status, outcome.rows, outcome.error, runId]);
  }

  async runs(connectorId: string, limit: number): Promise<ConnectorRun[]> {
    return this.q<ConnectorRun>(
      `SELECT id, connector_id AS "connectorId", started_at AS "startedAt", finished_at AS "finishedAt", status, rows, error
       FROM connector_runs WHERE connector_id = $1 ORDER BY id DESC LIMIT $2`,
      [connectorId, limit],
    );
  }

  async customerRowsSince(version: number, limit: number): Promise<ChangedRow[]> {
    const rows = await this.q<{ version: number; tbl: string; key_json: string; row_json: string | null }>(
      `SELECT version, tbl, key_json, row_json FROM rows WHERE version > $1 AND tbl IN ('customers', 'customer_identifiers', 'consents', 'orders')
       ORDER BY version LIMIT $2`,
      [version, limit],
    );
    return rows.map((r) => ({ version: r.version, table: r.tbl, key: JSON.parse(r.key_json) as Row, row: r.row_json === null ? null : (JSON.parse(r.row_json) as Row) }));
  }

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    for (const i of items) {
      await this.q(
        `INSERT INTO connector_outbox (${OUTBOX_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING`,
        [i.id, i.connectorId, i.kind, i.customerId, JSON.stringify(i.payload), i.status, i.attempts, i.nextAt, i.lastError, i.createdAt, i.doneAt],
      );
    }
  }

  async due(connectorId: string, now: Date, limit: number): Promise<OutboxItem[]> {
    return (await this.q<OutboxDbRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM connector_outbox o WHERE connector_id = $1 AND status = 'pending' AND next_at <= $2
         AND NOT EXISTS (SELECT 1 FROM connector_outbox e WHERE e.customer_id = o.customer_id AND e.connector_id = o.connector_id AND e.status = 'pending' AND e.seq < o.seq)
       ORDER BY created_at, seq LIMIT $3`,
      [connectorId, now.toISOString(), limit],
    )).map(toItem);
  }

  async outbox(connectorId: string, status: OutboxStatus, limit: number): Promise<OutboxItem[]> {
    return (await this.q<OutboxDbRow>(`SELECT ${OUTBOX_COLUMNS} FROM connector_outbox WHERE connector_id = $1 AND status = $2 ORDER BY created_at, seq LIMIT $3`, [connectorId, status, limit])).map(toItem);
  }

  async pendingFor(customerId: string): Promise<OutboxItem[]> {
    return (await this.q<OutboxDbRow>(`SELECT ${OUTBOX_COLUMNS} FROM connector_outbox WHERE customer_id = $1 AND status = 'pending' ORDER BY seq`, [customerId])).map(toItem);
  }

  async settle(id: string, c: { status: OutboxStatus; attempts: number; nextAt: string; lastError: string | null; doneAt: string | null }): Promise<void> {
    await this.q('UPDATE connector_outbox SET status = $1, attempts = $2, next_at = $3, last_error = $4, done_at = $5 WHERE id = $6', [c.status, c.attempts, c.nextAt, c.lastError, c.doneAt, id]);
  }

  async idsOf(connectorId: string, kind: string, vendorIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.q<{ vendor_id: string; endcap_id: string }>('SELECT vendor_id, endcap_id FROM connector_ids WHERE connector_id = $1 AND kind = $2 AND vendor_id = ANY($3::text[])', [connectorId, kind, [...new Set(vendorIds)]]);
    return new Map(rows.map((r) => [r.vendor_id, r.endcap_id]));
  }

  async putIds(connectorId: string, ids: readonly VendorId[]): Promise<void> {
    if (ids.length === 0) return;
    // One statement over arrays; a vendor id twice in a page keeps its last mapping, as the SQLite store's row-by-row upsert does.
    const last = new Map(ids.map((i) => [`${i.kind}\u0000${i.vendorId}`, i]));
    const rows = [...last.values()];
    await this.q(
      `INSERT INTO connector_ids (connector_id, kind, vendor_id, endcap_id) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
       ON CONFLICT (connector_id, kind, vendor_id) DO UPDATE SET endcap_id = excluded.endcap_id`,
      [connectorId, rows.map((i) => i.kind), rows.map((i) => i.vendorId), rows.map((i) => i.endcapId)],
    );
  }

  async identity(connectorId: string, customerId: string): Promise<Identity | null> {
    const [r] = await this.q<{ email: string | null; phone: string | null }>('SELECT email, phone FROM connector_identities WHERE connector_id = $1 AND customer_id = $2', [connectorId, customerId]);
    return r ? { email: r.email, phone: r.phone } : null;
  }

  async putIdentity(connectorId: string, customerId: string, identity: Identity): Promise<void> {
    await this.q(
      `INSERT INTO connector_identities (connector_id, customer_id, email, phone) VALUES ($1, $2, $3, $4)
       ON CONFLICT (connector_id, customer_id) DO UPDATE SET email = excluded.email, phone = excluded.phone`,
      [connectorId, customerId, identity.email, identity.phone],
    );
  }

  async forgetIdentity(connectorId: string, customerId: string): Promise<void> {
    await this.q('DELETE FROM connector_identities WHERE connector_id = $1 AND customer_id = $2', [connectorId, customerId]);
  }

  async recordErasure(e: ErasureEntry): Promise<void> {
    await this.q(
      'INSERT INTO customer_erasures (requested_at, requested_by, requester, customer_id, outcome, detail_json) VALUES ($1, $2, $3, $4, $5, $6)',
      [e.requestedAt, e.requestedBy, e.requester, e.customerId, e.outcome, JSON.stringify(e.detail)],
    );
  }

  async erasures(limit: number): Promise<ErasureRecord[]> {
    const rows = await this.q<{ id: number; requested_at: string; requested_by: 'admin' | 'cli'; requester: string; customer_id: string | null; outcome: ErasureEntry['outcome']; detail_json: string }>(
      'SELECT * FROM customer_erasures ORDER BY id DESC LIMIT $1',
      [limit],
    );
    const details = rows.map((r) => JSON.parse(r.detail_json) as ErasureDetail);
    // Every erasure send of the customers these entries erased, in one query.
    const customers = [...new Set(details.flatMap((d) => d.erased))];
    const sends = new Map<string, ErasureSend>();
    if (customers.length) {
      const found = await this.q<ErasureSend & { connector_id: string; customer_id: string }>(
        `SELECT connector_id, customer_id, status, last_error, done_at FROM connector_outbox WHERE kind = 'erase' AND customer_id = ANY($1::text[])`,
        [customers],
      );
      for (const s of found) sends.set(`${s.connector_id}\u0000${s.customer_id}`, s);
    }
    return rows.map((r, i) => {
      const detail = details[i]!;
      const deletions = deletionsOf(detail, (connectorId, customerId) => sends.get(`${connectorId}\u0000${customerId}`));
      return { id: r.id, requestedAt: r.requested_at, requestedBy: r.requested_by, requester: r.requester, customerId: r.customer_id, outcome: r.outcome, detail, deletions };
    });
  }
}
