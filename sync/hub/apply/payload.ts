// Shared pieces of the event appliers: payload parsing with a readable reason, and results.
import { z } from 'zod';
import { describeIssues, type OutboxEvent, type RejectionCode } from '../../protocol/index.js';
import type { Applied, HubAisleOrder, Row, RowChange } from '../store.js';

export type Parsed<T> = { ok: true; data: T } | { ok: false; reason: string; code: RejectionCode };

/** Checks an event's payload; the reason names each bad field, as a person fixing the device would need. */
export function parsePayload<T extends z.ZodType>(schema: T, event: OutboxEvent): Parsed<z.infer<T>> {
  const parsed = schema.safeParse(event.payload);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, code: 'invalid_event', reason: `${event.kind} payload: ${describeIssues(parsed.error).slice(0, 5).join('; ')}` };
}

export const applied = (changes: RowChange[] = [], aisleOrders: HubAisleOrder[] = []): Applied => ({ ok: true, changes, aisleOrders });
export const refused = (reason: string, code?: RejectionCode): Applied => (code ? { ok: false, reason, code } : { ok: false, reason });
/** A refusal carried over from a check that already chose its code (parsing, ownership). */
export const refusedBy = (r: { reason: string; code: RejectionCode }): Applied => ({ ok: false, reason: r.reason, code: r.code });

export const scalar = z.union([z.string(), z.number(), z.null()]);
export const isoTime = z.iso.datetime();

/** The key columns of `row` for `key` names, as a change's key. */
export function keyOf(row: Row, key: readonly string[]): Row {
  const out: Row = {};
  for (const k of key) out[k] = row[k] ?? null;
  return out;
}
