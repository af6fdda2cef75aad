// The visiting-customer read: a register of one store asks for a customer of another by an exact
// key the shopper gave (email, phone or loyalty id). The hub answers only an exact match of one
// person, only the fields a register needs to greet and serve them, only to active staff of the
// asking device's store, and records every ask (found or not) with who, which register and when.
// The customer's home store is unchanged: the register shows them read-only, as visiting.
import { createHash } from 'node:crypto';
import type { VisitingCustomer, VisitingRequest } from '../protocol/index.js';
import { maySeeCustomer, owningStore } from './apply/ownership.js';
import { staffOfStore } from './apply/staff.js';
import type { DeviceRecord, HubReader, HubStore, Row, VisitingLookupRecord } from './store.js';

export type VisitingAnswer = { ok: true; customer: VisitingCustomer | null } | { ok: false; reason: string };

const MOST_MERGE_HOPS = 8;

export async function lookupVisiting(store: HubStore, device: DeviceRecord, request: VisitingRequest, now: Date): Promise<VisitingAnswer> {
  const { answer, customerId } = await store.transact(async (reader) => ({ changes: [], result: await decide(reader, device, request) }));
  const entry: VisitingLookupRecord = {
    at: now.toISOString(),
    deviceId: device.id,
    storeId: device.storeId,
    // The hub's name for the register when it gave one: the audit does not take the device's word.
    registerId: device.registerId ?? request.registerId,
    staffId: request.staffId,
    kind: request.kind,
    valueHash: createHash('sha256').update(`${request.kind}:${request.value}`).digest('hex'),
    customerId,
    outcome: !answer.ok ? 'refused' : answer.customer ? 'found' : 'not_found',
  };
  await store.recordVisitingLookup(entry);
  return answer;
}

async function decide(reader: HubReader, device: DeviceRecord, request: VisitingRequest): Promise<{ answer: VisitingAnswer; customerId: string | null }> {
  const staff = await staffOfStore(reader, request.staffId, device.storeId);
  if (!staff.ok) return { answer: { ok: false, reason: staff.reason }, customerId: null };
  const none = { answer: { ok: true, customer: null } as VisitingAnswer, customerId: null };
  // Every profile holding exactly this key, each followed to the profile it was merged into.
  const people = new Map<string, Row>();
  for (const identifier of await reader.rowsByKeyPrefix('customer_identifiers', [request.kind, request.value])) {
    const survivor = await survivorOf(reader, String(identifier.customer_id));
    if (survivor) people.set(String(survivor.id), survivor);
  }
  // Two people sharing a key (a family phone): the register cannot tell whom it met, so neither is shown.
  if (people.size !== 1) return none;
  const customer = [...people.values()][0]!;
  if (customer.status === 'erased') return none;
  const home = await owningStore(reader, customer);
  // The register's own customers are on the register already; a customer of no store is nobody's visitor.
  if (!home || home === device.storeId) return none;
  const seen = await maySeeCustomer(reader, device.storeId, String(customer.id), { visiting: true });
  if (!seen.ok || !seen.customer) return none;
  const location = await reader.row('locations', { id: home });
  return {
    customerId: String(customer.id),
    answer: {
      ok: true,
      customer: {
        customerId: String(customer.id),
        firstName: String(customer.first_name ?? ''),
        lastName: String(customer.last_name ?? ''),
        homeStoreId: home,
        homeStoreName: String(location?.name ?? home),
        matchedBy: request.kind,
        consents: (await reader.rowsWhere('consents', 'customer_id', String(customer.id))).map((c) => ({ purpose: String(c.purpose), channel: String(c.channel), status: String(c.status) })),
      },
    },
  };
}

async function survivorOf(reader: HubReader, id: string): Promise<Row | null> {
  let current = await reader.row('customers', { id });
  for (let hop = 0; hop < MOST_MERGE_HOPS && current?.merged_into; hop++) current = await reader.row('customers', { id: current.merged_into });
  return current;
}
