// Customer events become customers-stream state at the hub, so the other devices of the
// customer's home store pull them: profiles, identifiers, consents, merges. Rows are written as
// the device wrote them (core/capture), and every row follows its customer's scope.
import { z } from 'zod';
import type { OutboxEvent } from '../../protocol/index.js';
import { HUB_ONLY, type Applied, type HubReader, type Row, type RowChange } from '../store.js';
import { emailMatchKey, nameKey } from '../../protocol/matchKeys.js';
import { mayChangeCustomer, mayCreateCustomer, mayServeCustomer } from './ownership.js';
import { applied, isoTime, parsePayload, refused, refusedBy } from './payload.js';

const id = z.string().min(1).max(200);

const profileSchema = z.object({
  customerId: id,
  email: z.string().min(3).max(320),
  phone: z.string().regex(/^\+[1-9][0-9]{4,14}$/, 'phone must be E.164').nullable().optional(),
  firstName: z.string().max(200),
  lastName: z.string().max(200),
  storeId: id,
  at: isoTime,
});

const consentSchema = z.object({
  customerId: id,
  purpose: z.enum(['receipts', 'marketing', 'personalization']),
  status: z.enum(['granted', 'withdrawn', 'suppressed']),
  channel: z.enum(['email', 'sms', 'in_store']),
  textVersion: z.string().min(1),
  source: z.string().min(1),
  recordedBy: z.string().nullable(),
  storeId: id,
  registerId: z.string().nullable(),
  recordedAt: isoTime,
});

const mergedSchema = z.object({ survivorId: id, mergedId: id, mergedBy: z.string(), storeId: id, at: isoTime });

const scopeOf = (customer: Row | null): string => (customer?.home_store_id as string | null | undefined) ?? HUB_ONLY;
const put = (table: string, key: Row, row: Row, scope: string): RowChange => ({ stream: 'customers', table, key, row, scopeStoreId: scope });
const identifierKey = (r: Row): Row => ({ kind: r.kind!, value: r.value!, customer_id: r.customer_id! });

/** The address given at the till becomes the primary email; a phone is added when new. */
async function identifierChanges(reader: HubReader, customerId: string, email: string, phone: string | null | undefined, at: string, scope: string): Promise<RowChange[] | string> {
  const value = emailMatchKey(email);
  if (!value) return `${JSON.stringify(email)} is not an email address`;
  const held = await reader.rowsWhere('customer_identifiers', 'customer_id', customerId);
  const changes: RowChange[] = [];
  for (const r of held) {
    if (r.kind === 'email' && r.is_primary === 1 && r.value !== value) changes.push(put('customer_identifiers', identifierKey(r), { ...r, is_primary: 0 }, scope));
  }
  const same = held.find((r) => r.kind === 'email' && r.value === value);
  const emailRow: Row = same ? { ...same, is_primary: 1 } : { kind: 'email', value, customer_id: customerId, raw: email, is_primary: 1, created_at: at };
  changes.push(put('customer_identifiers', identifierKey(emailRow), emailRow, scope));
  if (phone && !held.some((r) => r.kind === 'phone' && r.value === phone)) {
    const phoneRow: Row = { kind: 'phone', value: phone, customer_id: customerId, raw: phone, is_primary: 0, created_at: at };
    changes.push(put('customer_identifiers', identifierKey(phoneRow), phoneRow, scope));
  }
  return changes;
}

export async function applyCustomerCreated(event: OutboxEvent, reader: HubReader, deviceStoreId: string): Promise<Applied> {
  const parsed = parsePayload(profileSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const p = parsed.data;
  const may = await mayCreateCustomer(reader, deviceStoreId, p.customerId);
  if (!may.ok) return refusedBy(may);
  const existing = may.customer;
  const customer: Row = existing ?? {
    id: p.customerId, first_name: p.firstName, last_name: p.lastName, first_name_key: nameKey(p.firstName), last_name_key: nameKey(p.lastName),
    home_store_id: p.storeId, address_line: null, city: null, region: null, postal_code: null, status: 'active', merged_into: null,
    created_at: p.at, updated_at: p.at,
  };
  const scope = scopeOf(customer);
  const identifiers = await identifierChanges(reader, p.customerId, p.email, p.phone, p.at, scope);
  if (typeof identifiers === 'string') return refused(`customer.created: ${identifiers}`);
  // Consents recorded in the same checkout reach the hub first and wait hub-only; they follow the profile now.
  // Only those its own store recorded: another store cannot plant consents for an id it expects to appear.
  const consents = (await reader.rowsWhere('consents', 'customer_id', p.customerId)).filter((r) => existing || r.store_id === deviceStoreId).map((r) =>
    put('consents', { customer_id: r.customer_id!, purpose: r.purpose!, channel: r.channel! }, r, scope),
  );
  return applied([put('customers', { id: p.customerId }, customer, scope), ...identifiers, ...consents]);
}

/** An address (and phone) given at the till: the device's own store's customer, or a visiting one it served (ownership.ts). */
export async function applyCustomerUpdated(event: OutboxEvent, reader: HubReader, deviceStoreId: string, receivedAt: Date): Promise<Applied> {
  const parsed = parsePayload(profileSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const p = parsed.data;
  const may = await mayServeCustomer(reader, deviceStoreId, p.customerId, receivedAt);
  if (!may.ok) return refusedBy(may);
  const customer = may.customer!;
  const scope = scopeOf(customer);
  const identifiers = await identifierChanges(reader, p.customerId, p.email, p.phone, p.at, scope);
  if (typeof identifiers === 'string') return refused(`customer.updated: ${identifiers}`);
  // A late event never moves updated_at backwards.
  const updatedAt = String(customer.updated_at ?? '') > p.at ? customer.updated_at! : p.at;
  return applied([put('customers', { id: p.customerId }, { ...customer, updated_at: updatedAt }, scope), ...identifiers]);
}

export async function applyConsentChanged(event: OutboxEvent, reader: HubReader, deviceStoreId: string, receivedAt: Date): Promise<Applied> {
  const parsed = parsePayload(consentSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const c = parsed.data;
  // A customer the hub holds must be the device's store's (or a visiting one it served: the consent
  // stays with the home store); one it does not hold yet was created in this checkout (its consent
  // arrives first) and waits hub-only until its own store's profile comes.
  const may = await mayServeCustomer(reader, deviceStoreId, c.customerId, receivedAt);
  if (!may.ok && may.code !== 'unknown_reference') return refusedBy(may);
  const pending = (await reader.rowsWhere('consents', 'customer_id', c.customerId)).filter((r) => r.store_id !== deviceStoreId);
  if (!may.ok && pending.length) return refused(`customer ${c.customerId} already has consents waiting from another store`, 'customer_not_in_store');
  const key: Row = { customer_id: c.customerId, purpose: c.purpose, channel: c.channel };
  const held = await reader.row('consents', key);
  // Consents are last-decision-wins by the time they were recorded: an older one arriving late changes nothing.
  if (held && String(held.recorded_at) > c.recordedAt) return applied();
  // A marketing suppression is lifted only by a manager-approved re-subscribe (consent.resubscribed), never by a
  // plain change. Receipts are not marketing: a register may record them for a suppressed address (core/capture).
  if (held?.status === 'suppressed' && c.status !== 'suppressed' && c.purpose !== 'receipts') {
    return refused(`consent.changed: customer ${c.customerId}'s ${c.purpose} consent is suppressed; only a manager-approved re-subscribe lifts it`, 'not_permitted');
  }
  const row: Row = {
    customer_id: c.customerId, purpose: c.purpose, channel: c.channel, status: c.status, source: c.source, text_version: c.textVersion,
    recorded_by: c.recordedBy, store_id: c.storeId, register_id: c.registerId, recorded_at: c.recordedAt,
  };
  // A customer created in the same checkout is not at the hub yet: the consent waits hub-only (see applyCustomerCreated).
  return applied([put('consents', key, row, scopeOf(may.ok ? may.customer : null))]);
}

export async function applyCustomerMerged(event: OutboxEvent, reader: HubReader, deviceStoreId: string): Promise<Applied> {
  const parsed = parsePayload(mergedSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const m = parsed.data;
  if (m.survivorId === m.mergedId) return refused('customer.merged: a profile cannot be merged into itself', 'invalid_event');
  // Both profiles must be ones this store may change: a merge moves the merged one's data to the survivor.
  const maySurvivor = await mayChangeCustomer(reader, deviceStoreId, m.survivorId);
  const mayMerged = await mayChangeCustomer(reader, deviceStoreId, m.mergedId);
  if (!maySurvivor.ok) {
    // The device merged its own profile into one that has since left its store: it gets its profile
    // back as the hub holds it (unmerged), so its replica does not keep pointing at a customer it lost.
    const resend = mayMerged.ok ? [put('customers', { id: m.mergedId }, mayMerged.customer!, scopeOf(mayMerged.customer))] : [];
    return { ...refusedBy(maySurvivor), ...(resend.length ? { resend } : {}) };
  }
  if (!mayMerged.ok) return refusedBy(mayMerged);
  const survivor = maySurvivor.customer!;
  const merged = mayMerged.customer!;
  if (merged.merged_into === m.survivorId) return applied();
  if (merged.merged_into) return refused(`customer ${m.mergedId} was already merged into ${String(merged.merged_into)}`, 'conflict');

  const scope = scopeOf(survivor);
  // The merged profile follows its survivor's store (it points at it): when head office has just
  // moved the survivor, the merged profile and what follows it leave the old store too.
  const changes: RowChange[] = [put('customers', { id: m.mergedId }, { ...merged, merged_into: m.survivorId, updated_at: m.at }, scope)];
  // The survivor gains the other's identifiers (never as primary), as the device does.
  const has = new Set((await reader.rowsWhere('customer_identifiers', 'customer_id', m.survivorId)).map((r) => `${r.kind}\u0000${r.value}`));
  for (const r of await reader.rowsWhere('customer_identifiers', 'customer_id', m.mergedId)) {
    if (has.has(`${r.kind}\u0000${r.value}`)) continue;
    const row: Row = { ...r, customer_id: m.survivorId, is_primary: 0, created_at: m.at };
    changes.push(put('customer_identifiers', identifierKey(row), row, scope));
  }
  changes.push(...(await moveOrders(reader, m.mergedId, m.survivorId, scope)));
  return applied(changes);
}

/** Order history moves to the survivor (the store moves an order's lines with it when its scope changes). */
async function moveOrders(reader: HubReader, fromId: string, toId: string, scope: string): Promise<RowChange[]> {
  return (await reader.rowsWhere('orders', 'customer_id', fromId)).map((order) => ({ stream: 'orders', table: 'orders', key: { id: order.id! }, row: { ...order, customer_id: toId }, scopeStoreId: scope }));
}
