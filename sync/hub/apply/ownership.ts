// Whose customer is it? The one place the hub decides whether a device may create, change or
// see a customer, against the hub's own rows (never what the event says about them). Every
// customer-touching applier asks here, so a later "visiting customer" read (an audited look at
// another store's customer) is added in maySeeCustomer alone.
import type { RejectionCode } from '../../protocol/index.js';
import type { HubReader, Row } from '../store.js';

export type Ownership = { ok: true; customer: Row | null } | { ok: false; code: RejectionCode; reason: string };

/** A merged profile follows its survivor: the store that owns a customer is its survivor's home store. */
const MOST_MERGE_HOPS = 8;

/** The store whose devices own `customer` (its survivor's home store), or null when no store does. */
export async function owningStore(reader: HubReader, customer: Row): Promise<string | null> {
  let current = customer;
  for (let hop = 0; hop < MOST_MERGE_HOPS && current.merged_into; hop++) {
    const next = await reader.row('customers', { id: current.merged_into });
    if (!next) break;
    current = next;
  }
  return (current.home_store_id as string | null | undefined) ?? null;
}

const notYours = (customerId: string, owner: string | null, deviceStoreId: string): Ownership => ({
  ok: false,
  code: 'customer_not_in_store',
  reason: `customer ${customerId} ${owner ? 'belongs to another store' : 'has no home store'}, so a device of store ${deviceStoreId} may not change it`,
});

/**
 * May a device of `deviceStoreId` change this customer? Only when the hub knows the customer and
 * its home store (after merges) is the device's store. `customer` in the answer is the hub's row.
 */
export async function mayChangeCustomer(reader: HubReader, deviceStoreId: string, customerId: string): Promise<Ownership> {
  const customer = await reader.row('customers', { id: customerId });
  if (!customer) return { ok: false, code: 'unknown_reference', reason: `customer ${customerId} is not known at the hub` };
  const owner = await owningStore(reader, customer);
  return owner === deviceStoreId ? { ok: true, customer } : notYours(customerId, owner, deviceStoreId);
}

/** How long after finding a visiting customer through the hub a register may record their checkout (pushed later when offline). */
export const VISIT_WINDOW_MS = 7 * 86_400_000;

/**
 * May a device of `deviceStoreId` record what a customer did at its till (an email or consent
 * given at checkout, a sale, an outcome)? Its own store's customers; and a customer of another
 * store that a register of this store found through the hub's audited visiting read in the last
 * VISIT_WINDOW_MS (so a capture matches them instead of making a second profile). What it records
 * stays with the home store: `customer` is the hub's row, and its home store keeps owning it.
 * Merging, moving or renaming another store's customer stays refused (mayChangeCustomer).
 */
export async function mayServeCustomer(reader: HubReader, deviceStoreId: string, customerId: string, receivedAt: Date): Promise<Ownership> {
  const decision = await mayChangeCustomer(reader, deviceStoreId, customerId);
  if (decision.ok || decision.code !== 'customer_not_in_store') return decision;
  const since = new Date(receivedAt.getTime() - VISIT_WINDOW_MS).toISOString();
  if (await reader.foundVisiting(deviceStoreId, customerId, since)) return { ok: true, customer: await reader.row('customers', { id: customerId }) };
  return decision;
}

/**
 * May a device of `deviceStoreId` create a customer with this id? A new id, or one its own store
 * already holds (the same profile pushed again from another register); never another store's.
 */
export async function mayCreateCustomer(reader: HubReader, deviceStoreId: string, customerId: string): Promise<Ownership> {
  const customer = await reader.row('customers', { id: customerId });
  if (!customer) return { ok: true, customer: null };
  const owner = await owningStore(reader, customer);
  return owner === deviceStoreId ? { ok: true, customer } : notYours(customerId, owner, deviceStoreId);
}

/**
 * May a device of `deviceStoreId` name this customer in what it records (an order, an analytics
 * event)? Today: the customers it may change. Seam for the visiting-customer read: another
 * store's customer becomes visible here, with its audit, and nowhere else changes.
 * `unknownIsOk`: a customer not at the hub yet (created on the device, its event still queued) is
 * no other store's customer, so naming it in an analytics event takes nothing from anyone.
 */
export async function maySeeCustomer(
  reader: HubReader,
  deviceStoreId: string,
  customerId: string,
  options: { unknownIsOk?: boolean; visiting?: boolean; servedAt?: Date } = {},
): Promise<Ownership> {
  // `servedAt`: a record of the till (an analytics event) may name a visiting customer it served.
  const decision = options.servedAt ? await mayServeCustomer(reader, deviceStoreId, customerId, options.servedAt) : await mayChangeCustomer(reader, deviceStoreId, customerId);
  if (!decision.ok && decision.code === 'unknown_reference' && options.unknownIsOk) return { ok: true, customer: null };
  // A visiting read (visiting.ts): another store's customer, found by an exact key the shopper gave, audited there.
  if (!decision.ok && decision.code === 'customer_not_in_store' && options.visiting) return { ok: true, customer: await reader.row('customers', { id: customerId }) };
  if (!decision.ok && decision.code === 'customer_not_in_store') {
    return { ...decision, reason: `customer ${customerId} is not a customer of store ${deviceStoreId}` };
  }
  return decision;
}
