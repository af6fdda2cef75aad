// Applies one pulled page and its new cursor in ONE SQLite transaction: a crash leaves the
// replica at the old cursor or at the new one, never between (DESIGN §7).
import type Database from 'better-sqlite3';
import { recomputeCustomerFeatures } from '../../core/customers/features.js';
import { statement } from '../../core/db/statements.js';
import { trimStockChanges } from '../../core/db/stockChanges.js';
import { ProtocolMessageError, REPLICATED_TABLES, replicatedTable, type Change, type PullPageEnvelope, type ReplicatedTable } from '../protocol/index.js';
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
  /** Order rows written (new or changed orders), counted toward the next relearn. */
  ordersWritten: number;
}

export interface ApplyOptions {
  now: Date;
  /** Test hook: runs inside the transaction, after the rows and before the cursor. */
  beforeCursor?: () => void;
}

const DETACH_AISLE_ORDERS_SQL = `UPDATE aisle_orders SET customer_id = NULL WHERE customer_id = ?`;
const UNMERGE_SQL = `UPDATE customers SET merged_into = NULL WHERE merged_into = ?`;

const tableRank = new Map(REPLICATED_TABLES.map((t, i) => [t.table, i]));

interface Planned { t: ReplicatedTable; change: Change }

type Scalar = string | number | null;

function fail(issue: string): never {
  throw new ProtocolMessageError('pull page', [issue]);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A key or row: an object of string | finite number | null, exactly `cols` (checked by hand; see
 * pullPageEnvelopeSchema), where the `optional` ones may be left out and are then NULL.
 */
function checkRecord(v: unknown, cols: readonly string[], what: string, optional: readonly string[] = []): Record<string, Scalar> {
  if (!isRecord(v)) fail(`${what} must be an object`);
  let n = 0;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    n += 1;
    const x = v[k];
    if (x !== null && typeof x !== 'string' && !(typeof x === 'number' && Number.isFinite(x))) fail(`${what}.${k} must be a string, a number or null`);
  }
  const missing = optional.filter((c) => !Object.hasOwn(v, c));
  if (n + missing.length !== cols.length || !cols.every((c) => Object.hasOwn(v, c) || missing.includes(c))) fail(`${what} must have exactly (${cols.join(', ')})`);
  if (missing.length === 0) return v as Record<string, Scalar>;
  return { ...(v as Record<string, Scalar>), ...Object.fromEntries(missing.map((c) => [c, null])) };
}

/**
 * Checks every change before anything is written: what changeSchema guarantees (positive integer
 * version, table, key and row of scalars) plus that the table belongs to the stream and the key
 * and row name exactly its columns. A bad change refuses the whole page.
 */
function plan(page: PullPageEnvelope): Planned[] {
  return page.changes.map((raw, i) => {
    if (!isRecord(raw)) fail(`changes.${i} must be an object`);
    const { version, table } = raw;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version <= 0) fail(`changes.${i}.version must be a positive integer`);
    if (typeof table !== 'string') fail(`changes.${i}.table must be a string`);
    const t = replicatedTable(table);
    if (!t || t.stream !== page.stream) fail(`table ${table} is not part of stream ${page.stream}`);
    const key = checkRecord(raw.key, t.key, `${table} key`);
    const row = raw.row === null ? null : checkRecord(raw.row, t.columns, `${table} row`, t.optional);
    return { t, change: { version, table, key, row } };
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

/**
 * The replica allows one active merch_config row (unique index merch_config_one_active). A
 * rollback page switches an older version on and the newer one off, so in key order the
 * switch-on would come first: within merch_config, switch-offs go before switch-ons.
 */
function switchesOn(p: Planned): number {
  return p.t.table === 'merch_config' && p.change.row!.is_active === 1 ? 1 : 0;
}

function compareUpserts(a: Planned, b: Planned): number {
  const rank = tableRank.get(a.t.table)! - tableRank.get(b.t.table)!;
  return rank || switchesOn(a) - switchesOn(b) || compareKeys(a, b);
}

/** One prepared statement per table per page, not a cache lookup (SQL built and hashed) per row. */
function perTable(make: (t: ReplicatedTable) => Database.Statement): (t: ReplicatedTable) => Database.Statement {
  const made = new Map<ReplicatedTable, Database.Statement>();
  return (t) => {
    let st = made.get(t);
    if (!st) made.set(t, (st = make(t)));
    return st;
  };
}

/** `page` may come from pullPageEnvelopeSchema: its changes are checked here, before the transaction. */
export function applyPage(db: Database.Database, page: PullPageEnvelope, options: ApplyOptions): PageResult {
  const planned = plan(page);
  const upserts = planned.filter((p) => p.change.row).sort(compareUpserts);
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

    const upsert = perTable((t) => upsertStatement(db, t));
    const remove = perTable((t) => deleteStatement(db, t));
    for (const p of upserts) {
      upsert(p.t).run(p.change.row!);
      noteCustomer(p, p.change.row!);
    }
    for (const p of deletes) {
      // An erased customer's endless-aisle orders placed here stay (they are this device's own
      // record, with the name and contact copied at placement) but no longer point at the profile.
      if (p.t.table === 'customers') {
        statement(db, DETACH_AISLE_ORDERS_SQL).run(p.change.key.id);
        // A profile still merged into a customer that leaves this store was merged here and refused
        // at the hub (an accepted merge would have left first): it stays, unmerged, until the hub's row comes back.
        statement(db, UNMERGE_SQL).run(p.change.key.id);
      }
      if (p.t.table === 'orders') {
        const before = statement(db, 'SELECT customer_id FROM orders WHERE id = ?').get(p.change.key.id) as { customer_id: string | null } | undefined;
        if (before?.customer_id) touched.add(before.customer_id);
      }
      remove(p.t).run(p.change.key);
      noteCustomer(p, p.change.key);
    }
    if (touched.size && (page.stream === 'orders' || page.stream === 'customers')) {
      recomputeCustomerFeatures(db, options.now, [...touched]);
    }
    // the inventory pull keeps the log of stock changes short (migration 15; the engine's stock cache reads it)
    if (page.stream === 'inventory') trimStockChanges(db);
    options.beforeCursor?.();
    db.prepare(
      `UPDATE sync_state SET cursor = ?, last_success_at = ?, last_attempt_at = ?, last_error = NULL, last_error_at = NULL WHERE stream = ?`,
    ).run(page.cursor, options.now.toISOString(), options.now.toISOString(), page.stream);
    const ordersWritten = upserts.reduce((n, p) => n + (p.t.table === 'orders' ? 1 : 0), 0);
    return { upserted: upserts.length, deleted: deletes.length, ordersChanged, ordersWritten };
  })();
}
