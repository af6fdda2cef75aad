// The outbox as people see it in the sync panel: what waits, and what the hub refused and why.
import type Database from 'better-sqlite3';
import type { OutboxEntry, SyncOutbox } from '../contract/areas/sync.js';
import { statement } from '../db/statements.js';

/** Enough to see what is going on; the totals say how many more there are. */
export const OUTBOX_LIST_LIMIT = 200;

const COLUMNS = `id, kind, payload, created_at AS createdAt, attempts, last_attempt_at AS lastAttemptAt,
  rejected_reason AS rejectedReason, rejected_at AS rejectedAt`;
const PENDING_SQL = `SELECT ${COLUMNS} FROM outbox WHERE rejected_reason IS NULL ORDER BY id LIMIT ?`;
const REJECTED_SQL = `SELECT ${COLUMNS} FROM outbox WHERE rejected_reason IS NOT NULL ORDER BY id DESC LIMIT ?`;
const COUNTS_SQL = `SELECT coalesce(sum(rejected_reason IS NULL), 0) AS pending, coalesce(sum(rejected_reason IS NOT NULL), 0) AS rejected FROM outbox`;

type Row = Omit<OutboxEntry, 'summary'> & { payload: string };

export function syncOutbox(db: Database.Database): SyncOutbox {
  const counts = statement(db, COUNTS_SQL).get() as { pending: number; rejected: number };
  return {
    pending: (statement(db, PENDING_SQL).all(OUTBOX_LIST_LIMIT) as Row[]).map(toEntry),
    rejected: (statement(db, REJECTED_SQL).all(OUTBOX_LIST_LIMIT) as Row[]).map(toEntry),
    pendingTotal: counts.pending,
    rejectedTotal: counts.rejected,
  };
}

function toEntry({ payload, ...row }: Row): OutboxEntry {
  return { ...row, summary: summarize(row.kind, JSON.parse(payload) as Record<string, unknown>) };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** No names, addresses or emails: the panel is open to every role at a counter. */
function summarize(kind: string, p: Record<string, unknown>): string | null {
  switch (kind) {
    case 'aisle_order.placed':
      return typeof p.quantity === 'number' && str(p.sku) ? `${p.quantity} × ${str(p.sku)}` : null;
    case 'checkout.outcome':
      return str(p.outcome)?.replaceAll('_', ' ') ?? null;
    case 'consent.changed':
      return [str(p.purpose), str(p.status)].filter(Boolean).join(' ') || null;
    case 'starter.feedback':
      return str(p.feedback)?.replaceAll('_', ' ') ?? null;
    case 'merch.published':
    case 'merch.activated':
      return typeof p.version === 'number' ? `version ${p.version}` : null;
    default:
      return null;
  }
}
