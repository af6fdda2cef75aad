// Applies one pulled page and its new cursor in ONE SQLite transaction: a crash leaves the
// replica at the old cursor or at the new one, never between (DESIGN §7).
import type Database from 'better-sqlite3';
import { recomputeCustomerFeatures } from '../../core/customers/features.js';
import { statement } from '../../core/db/statements.js';
import { ProtocolMessageError, REPLICATED_TABLES, replicatedTable, type Change, type PullResponse, type ReplicatedTable } from '../protocol/index.js';
import { deleteStatement, upsertStatement } from './replicaSql.js';
import { readCursor } from './syncState.js';

/** The page does not start where this replica stands (a stale or replayed answer). */
export class CursorMismatchError extends Error {
  constructor(readonly stream: string, readonly expected: string, readonly received: string) {
    super(`Page for ${stream} starts at cursor ${received}, but the replica stands at ${expected}.`);
    this.name = 'CursorMismatchError';
  }
}

export interface PageResult {
  upserted: number;
  deleted: number;
  /** Orders or order lines changed: learned links are stale. */
  ordersChanged: boolean;
}

export interface ApplyOptions {
  now: Date;
  /** Test hook: runs inside the transaction, after the rows and before the cursor. */
  beforeCursor?: () => void;
}

const DETACH_AISLE_ORDERS_SQL = `UPDATE aisle_orders SET customer_id = NULL WHERE customer_id = ?`;

const tableRank = new Map(REPLICATED_TABLES.map((t, i) => [t.table, i]));

interface Planned { t: ReplicatedTable; change: Change }

/** Checks every change against the protocol's table list before anything is written. */
function plan(page: PullResponse): Planned[] {
  return page.changes.map((change) => {
    const t = replicatedTable(change.table);
    if (!t || t.stream !== page.stream) throw new ProtocolMessageError('pull page', [`table ${change.table} is not part of stream ${page.stream}`]);
    const keyCols = Object.keys(change.key);
    if (keyCols.length !== t.key.length || !t.key.every((k) => k in change.key)) {
      throw new ProtocolMessageError('pull page', [`${change.table} key must be (${t.key.join(', ')})`]);
    }
    if (change.row) {
      const cols = Object.keys(change.row);
      if (cols.length !== t.columns.length || !t.columns.every((c) => c in change.row!)) {
        throw new ProtocolMessageError('pull page', [`${change.table} row must have exactly the columns ${t.columns.join(', ')}`]);
      }
    }
    return { t, change };
  });
}

function compareKeys(a: Planned, b: Planned): number {
  const rank = tableRank.get(a.t.table)! - tableRank.get(b.t.table)!;
  if (rank !== 0) return rank;
  for (const k of a.t.key) {
    const x = a.change.key[k] ?? null;
    const y = b.change.key[k] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function applyPage(db: Database.Database, page: PullResponse, options: ApplyOptions): PageResult {
  const planned = plan(page);
  const upserts = planned.filter((p) => p.change.row).sort(compareKeys);
  // Children before parents, so a delete never trips a foreign key.
  const deletes = planned.filter((p) => !p.change.row).sort((a, b) => compareKeys(b, a));

  return db.transaction((): PageResult => {
    const current = readCursor(db, page.stream);
    if (current !== page.since) throw new CursorMismatchError(page.stream, current, page.since);
    // Rows inside one page may point at each other in any order (customers.merged_into).
    db.pragma('defer_foreign_keys = ON');

    const touched = new Set<string>();
    let ordersChanged = false;
    const noteCustomer = (p: Planned, row: Record<string, unknown>) => {
      if (p.t.stream === 'orders') ordersChanged = true;
      const id = p.t.table === 'customers' ? row.id : row.customer_id;
      if (typeof id === 'string') touched.add(id);
    };

    for (const p of upserts) {
      upsertStatement(db, p.t).run(p.change.row!);
      noteCustomer(p, p.change.row!);
    }
    for (const p of deletes) {
      // An erased customer's endless-aisle orders placed here stay (they are this device's own
      // record, with the name and contact copied at placement) but no longer point at the profile.
      if (p.t.table === 'customers') statement(db, DETACH_AISLE_ORDERS_SQL).run(p.change.key.id);
      if (p.t.table === 'orders') {
        const before = db.prepare('SELECT customer_id FROM orders WHERE id = ?').get(p.change.key.id) as { customer_id: string | null } | undefined;
        if (before?.customer_id) touched.add(before.customer_id);
      }
      deleteStatement(db, p.t).run(p.change.key);
      noteCustomer(p, p.change.key);
    }
    if (touched.size && (page.stream === 'orders' || page.stream === 'customers')) {
      recomputeCustomerFeatures(db, options.now, [...touched]);
    }
    options.beforeCursor?.();
    db.prepare(
      `UPDATE sync_state SET cursor = ?, last_success_at = ?, last_attempt_at = ?, last_error = NULL, last_error_at = NULL WHERE stream = ?`,
    ).run(page.cursor, options.now.toISOString(), options.now.toISOString(), page.stream);
    return { upserted: upserts.length, deleted: deletes.length, ordersChanged };
  })();
}
