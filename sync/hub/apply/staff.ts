// Staff at the hub, decided from the hub's own rows (never from what an event says): who is an
// active member of a store (the associate of an order, the publisher of a merch policy), and the
// staff events themselves — staff.changed (a store manager's administration) and staff.pin_set (a
// person choosing their PIN at sign-in). A device speaks for its own store's staff only, and a PIN
// can be set only for a person who has none (new, or reset). Staff rows go to their store's
// devices only (they carry PIN hashes).
import { z } from 'zod';
import type { OutboxEvent, RejectionCode } from '../../protocol/index.js';
import type { Applied, DeviceRecord, HubReader, Row } from '../store.js';
import { applied, isoTime, parsePayload, refused } from './payload.js';

export type StaffCheck = { ok: true; staff: Row } | { ok: false; code: RejectionCode; reason: string };

/** An active staff member of `storeId`, as the hub holds them. */
export async function staffOfStore(reader: HubReader, staffId: string, storeId: string): Promise<StaffCheck> {
  const staff = await reader.row('staff', { id: staffId });
  if (!staff || staff.active === 0 || staff.store_id !== storeId) {
    return { ok: false, code: 'not_staff_of_store', reason: `${staffId} is not an active staff member of store ${storeId} at the hub` };
  }
  return { ok: true, staff };
}

/**
 * Where a merch config applies. Today every version is one chain-wide config (its guardrails,
 * blocked categories and incentive rules hold in every store), so its scope is the chain; a
 * store-level config would carry its store here and need a merchandiser or manager of that store.
 */
export type PolicyScope = { kind: 'chain' } | { kind: 'store'; storeId: string };

const PUBLISHING_ROLES: ReadonlySet<unknown> = new Set(['merchandiser', 'manager']);

/**
 * May this staff member, signed in on a register of `deviceStoreId`, publish or activate a
 * policy of `scope`? A merchandiser or manager of the device's store, and for the chain scope
 * one holding the chain-level role (hub-only staff data, granted by an operator).
 */
export async function mayPublishPolicy(reader: HubReader, staffId: string, deviceStoreId: string, scope: PolicyScope): Promise<StaffCheck> {
  const member = await staffOfStore(reader, staffId, deviceStoreId);
  if (!member.ok) return member;
  if (!PUBLISHING_ROLES.has(member.staff.role)) {
    return { ok: false, code: 'not_permitted', reason: `${staffId} is ${String(member.staff.role)}; only a merchandiser or manager may publish merch config` };
  }
  if (scope.kind === 'chain' && !await reader.hasChainRole(staffId)) {
    return { ok: false, code: 'not_permitted', reason: `${staffId} has no chain-level role at the hub, which a chain-wide merch config needs` };
  }
  if (scope.kind === 'store' && scope.storeId !== deviceStoreId) {
    return { ok: false, code: 'not_permitted', reason: `${staffId} may not publish merch config for store ${scope.storeId}` };
  }
  return member;
}

/** pin_hash of a person without a PIN; they choose one at their next sign-in. */
const NO_PIN = '';

export const staffChangedSchema = z.object({
  staffId: z.string().min(1).max(200),
  storeId: z.string().min(1),
  displayName: z.string().trim().min(1).max(120),
  role: z.enum(['associate', 'merchandiser', 'manager']),
  active: z.boolean(),
  pinReset: z.boolean(),
  by: z.string().min(1).max(200),
  at: isoTime,
});

export const staffPinSetSchema = z.object({
  staffId: z.string().min(1).max(200),
  storeId: z.string().min(1),
  pinHash: z.string().regex(/^scrypt\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'pinHash must be a scrypt hash'),
  at: isoTime,
});

export type StaffRefusal = 'wrong_store' | 'staff_of_other_store' | 'unknown_staff' | 'pin_not_reset' | 'not_a_manager';

/** The wire's typed code for each staff refusal; the reason keeps the specific one first. */
const WIRE_CODE: Record<StaffRefusal, RejectionCode> = {
  wrong_store: 'wrong_store',
  staff_of_other_store: 'not_staff_of_store',
  unknown_staff: 'unknown_reference',
  pin_not_reset: 'conflict',
  not_a_manager: 'not_permitted',
};

const refuse = (code: StaffRefusal, message: string): Applied => refused(`${code}: ${message}`, WIRE_CODE[code]);

export async function applyStaffChanged(event: OutboxEvent, device: DeviceRecord, reader: HubReader): Promise<Applied> {
  const parsed = parsePayload(staffChangedSchema, event);
  if (!parsed.ok) return refused(parsed.reason, parsed.code);
  const c = parsed.data;
  if (c.storeId !== device.storeId) return refuse('wrong_store', `the change is for store ${c.storeId}, but this device belongs to store ${device.storeId}`);
  const held = await reader.row('staff', { id: c.staffId });
  if (held && held.store_id !== device.storeId) return refuse('staff_of_other_store', `${c.staffId} works at another store`);
  const manager = await reader.row('staff', { id: c.by });
  if (!manager || manager.store_id !== device.storeId || manager.role !== 'manager' || manager.active !== 1) {
    return refuse('not_a_manager', `${c.by} is not an active manager of store ${device.storeId}`);
  }
  const row: Row = {
    id: c.staffId,
    display_name: c.displayName,
    role: c.role,
    store_id: device.storeId,
    pin_hash: c.pinReset || !held ? NO_PIN : held.pin_hash!,
    active: c.active ? 1 : 0,
  };
  return applied([{ stream: 'catalog', table: 'staff', key: { id: c.staffId }, row, scopeStoreId: device.storeId }]);
}

export async function applyStaffPinSet(event: OutboxEvent, device: DeviceRecord, reader: HubReader): Promise<Applied> {
  const parsed = parsePayload(staffPinSetSchema, event);
  if (!parsed.ok) return refused(parsed.reason, parsed.code);
  const p = parsed.data;
  if (p.storeId !== device.storeId) return refuse('wrong_store', `the PIN is for store ${p.storeId}, but this device belongs to store ${device.storeId}`);
  const held = await reader.row('staff', { id: p.staffId });
  if (!held) return refuse('unknown_staff', `${p.staffId} is not known at the hub`);
  if (held.store_id !== device.storeId) return refuse('staff_of_other_store', `${p.staffId} works at another store`);
  if (held.pin_hash !== NO_PIN) return refuse('pin_not_reset', `${p.staffId} already has a PIN; a manager resets it first`);
  return applied([{ stream: 'catalog', table: 'staff', key: { id: p.staffId }, row: { ...held, pin_hash: p.pinHash }, scopeStoreId: device.storeId }]);
}
