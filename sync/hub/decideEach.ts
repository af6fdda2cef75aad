// The per-event loop of a push, the same for every hub store: the replay guard decides whether
// an event is new, a replay to ack again, or an id reused with other content; only a new event
// goes to the store's own `applyOne` (its savepoint, its writes). Both stores run it inside the
// batch's transaction.
import type { OutboxEvent, PushResponse, RejectionCode } from '../protocol/index.js';
import type { DeviceRecord } from './store.js';

export type Refusal = { reason: string; code?: RejectionCode };

/** An event as the hub holds it. */
export interface HeldEvent {
  device_id: string;
  kind: string;
  payload: string;
}

/** What the hub holds of a batch's ids: events in full, and ids whose analytics payload was compacted away. */
export interface HeldIds {
  held: Map<string, HeldEvent>;
  compacted: Set<string>;
}

/** The held event and a pushed one are the same event: same device, kind and payload (as JSON values). */
export function sameEvent(prior: HeldEvent, device: DeviceRecord, e: OutboxEvent): boolean {
  return prior.device_id === device.id && prior.kind === e.kind && canonicalJson(JSON.parse(prior.payload)) === canonicalJson(e.payload);
}

/** JSON with object keys sorted, so a payload re-serialized in another key order still compares equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Decides each event of a batch in order. `known` is what the hub held of the batch's ids before
 * it; `applyOne` holds and applies a new event all or nothing and answers null, or why it refused.
 * An event that throws is refused as apply_failed, and the batch goes on.
 */
export async function decideEach(
  device: DeviceRecord,
  events: readonly OutboxEvent[],
  known: HeldIds,
  applyOne: (e: OutboxEvent) => Promise<Refusal | null>,
): Promise<Omit<PushResponse, 'protocol'>> {
  const { held, compacted } = known;
  const acked: string[] = [];
  const rejected: PushResponse['rejected'] = [];
  for (const e of events) {
    // The replay guard: an event the hub holds is acked again and changes nothing, but only
    // when it is the same event; an id reused with other content is refused, never acked.
    const prior = held.get(e.id);
    // Compacted analytics keep only their id: a replay is acked, its content can no longer be compared.
    if (!prior && compacted.has(e.id)) {
      acked.push(e.id);
      continue;
    }
    if (prior) {
      if (sameEvent(prior, device, e)) acked.push(e.id);
      else rejected.push({ id: e.id, code: 'event_id_conflict', reason: `event id ${e.id} is already held with other content; an event id is used once` });
      continue;
    }
    let refusal: Refusal | null;
    try {
      refusal = await applyOne(e);
    } catch (err) {
      refusal = { code: 'apply_failed', reason: `the hub could not apply this event: ${err instanceof Error ? err.message : String(err)}` };
    }
    if (refusal === null) {
      acked.push(e.id);
      // The same id twice in one batch: the second is a replay of the first.
      held.set(e.id, { device_id: device.id, kind: e.kind, payload: JSON.stringify(e.payload) });
    } else rejected.push(refusal.code ? { id: e.id, reason: refusal.reason, code: refusal.code } : { id: e.id, reason: refusal.reason });
  }
  return { acked, rejected };
}
