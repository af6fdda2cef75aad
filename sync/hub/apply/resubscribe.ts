// A manager-approved re-subscribe of a suppressed address (core/capture/liftSuppression.ts),
// decided again at the hub against its own rows: the event must come from a register of the
// subject's store, name an active manager of that store (the hub trusts the register that the
// manager typed their PIN, as for staff.unlocked), and the subject must hold the address here.
// Then the hub lifts the suppression the same way the register did: every profile of that store
// holding the address goes back to `active`, and its suppressed email consents become `withdrawn`
// with source `resubscribe` (the outbound planner sends nothing for those: no one withdrew). The
// grant itself arrives after it as an ordinary consent.changed, and only then may a subscription
// leave (outbound.ts re-checks the address just before it does).
import { z } from 'zod';
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, DeviceRecord, HubReader, Row, RowChange } from '../store.js';
import { emailMatchKey } from '../../protocol/matchKeys.js';
import { mayChangeCustomer, owningStore } from './ownership.js';
import { applied, isoTime, parsePayload, refused, refusedBy } from './payload.js';
import { staffOfStore } from './staff.js';

/** The consent source a lifted suppression leaves (core/capture/liftSuppression.ts LIFTED_SOURCE). */
export const LIFTED_SOURCE = 'resubscribe';

const id = z.string().min(1).max(200);
export const resubscribedSchema = z.object({
  subjectId: id,
  customerId: id,
  email: z.string().min(3).max(320),
  purposes: z.array(z.enum(['marketing', 'personalization'])).min(1).max(2),
  managerId: id,
  storeId: id,
  registerId: z.string().nullable(),
  at: isoTime,
});

/** A profile that asked never to be marketed to (on `channel`: its suppressed consents there count). */
export const isSuppressing = (customer: Row, consents: Row[], channel = 'email'): boolean =>
  customer.status === 'suppressed' || consents.some((k) => k.channel === channel && k.status === 'suppressed');

export async function applyResubscribed(event: OutboxEvent, device: DeviceRecord, reader: HubReader): Promise<Applied> {
  const parsed = parsePayload(resubscribedSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const r = parsed.data;
  if (r.storeId !== device.storeId) return refused(`wrong_store: the approval is for store ${r.storeId}, but this device belongs to store ${device.storeId}`, 'wrong_store');
  const manager = await staffOfStore(reader, r.managerId, device.storeId);
  if (!manager.ok || manager.staff.role !== 'manager') return refused(`not_a_manager: ${r.managerId} is not an active manager of store ${device.storeId}`, 'not_permitted');
  const subject = await mayChangeCustomer(reader, device.storeId, r.subjectId);
  if (!subject.ok) return refusedBy(subject);
  const key = emailMatchKey(r.email);
  if (!key) return refused(`consent.resubscribed: ${JSON.stringify(r.email)} is not an email address`, 'invalid_event');
  const holders = (await reader.rowsByKeyPrefix('customer_identifiers', ['email', key])).map((i) => String(i.customer_id));
  if (!holders.includes(r.subjectId)) return refused(`consent.resubscribed: customer ${r.subjectId} does not hold that address at the hub`, 'conflict');

  const changes: RowChange[] = [];
  for (const holder of new Set(holders)) {
    const customer = await reader.row('customers', { id: holder });
    if (!customer || customer.status === 'erased' || (await owningStore(reader, customer)) !== device.storeId) continue;
    const consents = await reader.rowsWhere('consents', 'customer_id', holder);
    if (!isSuppressing(customer, consents)) continue;
    const scope = String(customer.home_store_id);
    if (customer.status === 'suppressed') changes.push({ stream: 'customers', table: 'customers', key: { id: holder }, row: { ...customer, status: 'active', updated_at: r.at }, scopeStoreId: scope });
    for (const k of consents) {
      if (k.channel !== 'email' || k.status !== 'suppressed') continue;
      const row: Row = { ...k, status: 'withdrawn', source: LIFTED_SOURCE, recorded_by: r.managerId, store_id: r.storeId, register_id: r.registerId, recorded_at: r.at };
      changes.push({ stream: 'customers', table: 'consents', key: { customer_id: holder, purpose: k.purpose!, channel: 'email' }, row, scopeStoreId: scope });
    }
  }
  // Nothing suppressed any more (the event sent again, or lifted already): nothing to change.
  return applied(changes);
}
