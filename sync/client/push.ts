// Sends the outbox to the hub in id (= creation) order. A row leaves the outbox only when the
// hub acknowledges its id; a rejected row stays, with the hub's reason, and is skipped from then on.
import type Database from 'better-sqlite3';
import { MAX_PUSH_EVENTS, PROTOCOL_VERSION, parseMessage, pushResponseSchema, type OutboxEvent } from '../protocol/index.js';
import { settleAisleOrder } from './aisleOrders.js';
import type { SyncTransport } from './transport.js';

export interface PushOptions {
  batchSize?: number;
  now?: () => Date;
}

export interface PushResult {
  batches: number;
  acked: number;
  rejected: number;
}

interface OutboxRow { id: string; kind: string; payload: string; created_at: string }

/** One pass over the pending outbox. Throws on a transport failure; what was acked so far is gone. */
export async function push(db: Database.Database, transport: SyncTransport, options: PushOptions = {}): Promise<PushResult> {
  const now = options.now ?? (() => new Date());
  const batchSize = Math.min(options.batchSize ?? 500, MAX_PUSH_EVENTS);
  const result: PushResult = { batches: 0, acked: 0, rejected: 0 };
  const next = db.prepare(
    `SELECT id, kind, payload, created_at FROM outbox WHERE rejected_reason IS NULL AND id > ? ORDER BY id LIMIT ?`,
  );
  const markAttempt = db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?`);
  const drop = db.prepare(`DELETE FROM outbox WHERE id = ?`);
  const reject = db.prepare(`UPDATE outbox SET rejected_reason = ?, rejected_at = ? WHERE id = ? AND rejected_reason IS NULL`);

  let after = '';
  for (;;) {
    const rows = next.all(after, batchSize) as OutboxRow[];
    if (!rows.length) break;
    after = rows[rows.length - 1]!.id;
    const at = now().toISOString();
    db.transaction(() => rows.forEach((r) => markAttempt.run(at, r.id)))();

    const events: OutboxEvent[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind as OutboxEvent['kind'],
      payload: JSON.parse(r.payload) as Record<string, unknown>,
      createdAt: r.created_at,
    }));
    const response = parseMessage(pushResponseSchema, 'push response', await transport.push({ protocol: PROTOCOL_VERSION, events }));

    // Only ids of this batch count: an ack for anything else cannot be ours to drop.
    const sent = new Set(rows.map((r) => r.id));
    const acked = new Set(response.acked.filter((id) => sent.has(id)));
    const orders = new Set(rows.filter((r) => r.kind === 'aisle_order.placed').map((r) => r.id));
    db.transaction(() => {
      for (const id of acked) {
        drop.run(id);
        if (orders.has(id)) settleAisleOrder(db, { outboxId: id, at, accepted: true });
      }
      for (const r of response.rejected) {
        if (!sent.has(r.id) || acked.has(r.id)) continue;
        const reason = r.reason.slice(0, 1000);
        result.rejected += reject.run(reason, at, r.id).changes;
        if (orders.has(r.id)) settleAisleOrder(db, { outboxId: r.id, at, accepted: false, reason });
      }
    })();
    result.acked += acked.size;
    result.batches += 1;
  }
  return result;
}
