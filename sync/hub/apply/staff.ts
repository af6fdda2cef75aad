// Staff at the hub, decided from the hub's own rows (never from what an event says): who is an
// active member of a store (the associate of an order, the publisher of a merch policy), and the
// staff events themselves — staff.changed (a store manager's administration) and staff.pin_set (a
// person choosing their PIN at sign-in). A device speaks for its own store's staff only, and a PIN
// can be set only for a person who has none (new, or reset). Staff rows go to their store's
// devices only (they carry PIN hashes).
import { createHmac, timingSafeEqual } from 'node:crypto';
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

const LOCK_COLUMNS = ['store_lock_ms', 'store_lock_failed', 'store_lock_at'] as const;

/**
 * The PIN-lock columns a staff row holds at the hub (none when no lock was ever decided), for
 * writers that rebuild the row: only staff.locked and staff.unlocked (staffLock.ts) change them.
 */
export function heldLock(held: Row | null | undefined): Row {
  const lock: Row = {};
  for (const c of LOCK_COLUMNS) if (held && held[c] !== undefined) lock[c] = held[c]!;
  return lock;
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

/** The register's minimum scrypt cost (core/auth/pin.ts SCRYPT_N): a weaker new hash is refused here too. */
const MIN_SCRYPT_N = 16384;

export const staffPinSetSchema = z.object({
  staffId: z.string().min(1).max(200),
  storeId: z.string().min(1),
  pinHash: z
    .string()
    .regex(/^scrypt\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'pinHash must be a scrypt hash')
    .refine((h) => Number(h.split('$')[1]) >= MIN_SCRYPT_N, `pinHash must cost at least scrypt N=${MIN_SCRYPT_N}`),
  /** A change of a PIN the person has: proof they knew the old one (core/auth/pin.ts pinChangeProof). */
  oldPinProof: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'oldPinProof must be a base64 HMAC-SHA256').optional(),
  at: isoTime,
});

export type StaffRefusal = 'wrong_store' | 'staff_of_other_store' | 'unknown_staff' | 'pin_not_reset' | 'not_a_manager' | 'old_pin_not_proven';

/** The wire's typed code for each staff refusal; the reason keeps the specific one first. */
const WIRE_CODE: Record<StaffRefusal, RejectionCode> = {
  wrong_store: 'wrong_store',
  staff_of_other_store: 'not_staff_of_store',
  unknown_staff: 'unknown_reference',
  pin_not_reset: 'conflict',
  not_a_manager: 'not_permitted',
  old_pin_not_proven: 'not_permitted',
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
    // A lock stands through a change of name or role; only an unlock lifts it.
    ...heldLock(held),
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
  if (held.pin_hash !== NO_PIN) {
    if (p.oldPinProof === undefined) return refuse('pin_not_reset', `${p.staffId} already has a PIN; a manager resets it first`);
    if (held.active !== 1 || !provesOldPin(String(held.pin_hash), p.oldPinProof, p.staffId, p.storeId, p.pinHash)) {
      return refuse('old_pin_not_proven', `the change of ${p.staffId}'s PIN does not prove the PIN the hub holds; a manager resets it instead`);
    }
  }
  return applied([{ stream: 'catalog', table: 'staff', key: { id: p.staffId }, row: { ...held, pin_hash: p.pinHash }, scopeStoreId: device.storeId }]);
}

/**
 * Whether `proof` is the HMAC of this change keyed by the scrypt key of the hash the hub holds:
 * only someone who knew the old PIN (or holds this hash) can make it. The text is the one
 * core/auth/pin.ts pinChangeMessage builds.
 */
function provesOldPin(heldHash: string, proof: string, staffId: string, storeId: string, newPinHash: string): boolean {
  const parts = heldHash.split('$');
  if (parts[0] !== 'scrypt' || parts.length !== 4) return false;
  const key = Buffer.from(parts[3]!, 'base64');
  const expected = createHmac('sha256', key).update(`endcap-pin-change-v1\n${staffId}\n${storeId}\n${newPinHash}`, 'utf8').digest();
  const given = Buffer.from(proof, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
