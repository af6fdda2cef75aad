import { describeIssues, outboxEventSchema, type OutboxEvent, type RejectionCode } from '../protocol/index.js';
import type { DeviceRecord } from './store.js';

export type EventCheck = { ok: true; event: OutboxEvent } | { ok: false; reason: string; code: RejectionCode };

/** Checks one pushed event on its own, so a bad one is rejected by id and the rest go on. */
export function validateEvent(raw: unknown, device: DeviceRecord): EventCheck {
  const parsed = outboxEventSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid_event', reason: describeIssues(parsed.error).join('; ') };
  const storeId = parsed.data.payload.storeId;
  // A device speaks for its own store only.
  if (storeId !== undefined && storeId !== device.storeId) {
    return { ok: false, code: 'wrong_store', reason: `event is for store ${JSON.stringify(storeId)}, but this device belongs to store ${device.storeId}` };
  }
  // A register the hub named speaks for that register only: reports by register trust the name.
  const registerId = parsed.data.payload.registerId;
  if (device.registerId && registerId !== undefined && registerId !== null && registerId !== device.registerId) {
    return { ok: false, code: 'not_permitted', reason: `event is for register ${JSON.stringify(registerId)}, but this device is register ${device.registerId} of store ${device.storeId}` };
  }
  return { ok: true, event: parsed.data };
}
