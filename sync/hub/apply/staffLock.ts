// PIN locks carried through the hub to the store's other registers. A register that locks a
// person after wrong PINs sends staff.locked; a manager's unlock sends staff.unlocked. The hub
// decides each against its own rows: only the store's own staff, an unlock only from an active
// manager of that store (never the locked person), and the newest decision wins, timed by the
// event but never later than the hub received it (a register's clock set ahead cannot make its
// lock outlive a later unlock). A lock "until a manager unlocks" is never shortened by a timed
// lock from a register that had not heard of it yet: only an unlock lifts it.
import { z } from 'zod';
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, DeviceRecord, HubReader, Row } from '../store.js';
import { applied, isoTime, parsePayload, refused } from './payload.js';
import { staffOfStore } from './staff.js';

/** store_lock_ms of a lock only a manager lifts (the register's MANAGER_ONLY). */
export const MANAGER_ONLY = -1;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export const staffLockedSchema = z.object({
  staffId: z.string().min(1).max(200),
  storeId: z.string().min(1),
  failedAttempts: z.number().int().min(1).max(1_000_000),
  lockMs: z.number().int().refine((ms) => ms === MANAGER_ONLY || (ms >= MINUTE_MS && ms <= DAY_MS), 'lockMs is -1 (until a manager unlocks) or a minute to a day'),
  lockedAt: isoTime,
});

export const staffUnlockedSchema = z.object({
  staffId: z.string().min(1).max(200),
  storeId: z.string().min(1),
  managerId: z.string().min(1).max(200),
  unlockedAt: isoTime,
});

/** The decision's time: the register's, but never after the hub received it. */
const decidedAt = (at: string, receivedAt: Date): string => (new Date(at) > receivedAt ? receivedAt.toISOString() : new Date(at).toISOString());

/** The held row, when the event names a person of the device's own store; else the refusal. */
async function ownPerson(reader: HubReader, staffId: string, storeId: string, device: DeviceRecord): Promise<{ held: Row } | { refusal: Applied }> {
  if (storeId !== device.storeId) return { refusal: refused(`wrong_store: the event is for store ${storeId}, but this device belongs to store ${device.storeId}`, 'wrong_store') };
  const held = await reader.row('staff', { id: staffId });
  if (!held) return { refusal: refused(`unknown_staff: ${staffId} is not known at the hub`, 'unknown_reference') };
  if (held.store_id !== device.storeId) return { refusal: refused(`staff_of_other_store: ${staffId} works at another store`, 'not_staff_of_store') };
  return { held };
}

const write = (held: Row, lock: Row, storeId: string): Applied =>
  applied([{ stream: 'catalog', table: 'staff', key: { id: held.id! }, row: { ...held, ...lock }, scopeStoreId: storeId }]);

/** A decision older than the one the hub holds is kept as an event but changes nothing. */
const isStale = (held: Row, at: string) => typeof held.store_lock_at === 'string' && held.store_lock_at > at;

export async function applyStaffLocked(event: OutboxEvent, device: DeviceRecord, reader: HubReader, receivedAt: Date): Promise<Applied> {
  const parsed = parsePayload(staffLockedSchema, event);
  if (!parsed.ok) return refused(parsed.reason, parsed.code);
  const l = parsed.data;
  const person = await ownPerson(reader, l.staffId, l.storeId, device);
  if ('refusal' in person) return person.refusal;
  const { held } = person;
  const at = decidedAt(l.lockedAt, receivedAt);
  if (isStale(held, at)) return applied([]);
  const stillLocked = held.store_lock_ms !== null && held.store_lock_ms !== undefined;
  const lock: Row = {
    store_lock_ms: held.store_lock_ms === MANAGER_ONLY ? MANAGER_ONLY : l.lockMs,
    store_lock_failed: Math.max(l.failedAttempts, stillLocked ? Number(held.store_lock_failed ?? 0) : 0),
    store_lock_at: at,
  };
  return write(held, lock, device.storeId);
}

export async function applyStaffUnlocked(event: OutboxEvent, device: DeviceRecord, reader: HubReader, receivedAt: Date): Promise<Applied> {
  const parsed = parsePayload(staffUnlockedSchema, event);
  if (!parsed.ok) return refused(parsed.reason, parsed.code);
  const u = parsed.data;
  const person = await ownPerson(reader, u.staffId, u.storeId, device);
  if ('refusal' in person) return person.refusal;
  // The manager is checked against the hub's rows, not the register's word for their role.
  const manager = await staffOfStore(reader, u.managerId, device.storeId);
  if (!manager.ok || manager.staff.role !== 'manager') {
    return refused(`not_a_manager: ${u.managerId} is not an active manager of store ${device.storeId}`, 'not_permitted');
  }
  if (u.managerId === u.staffId) return refused(`not_a_manager: ${u.managerId} cannot unlock themselves`, 'not_permitted');
  const at = decidedAt(u.unlockedAt, receivedAt);
  if (isStale(person.held, at)) return applied([]);
  return write(person.held, { store_lock_ms: null, store_lock_failed: null, store_lock_at: at }, device.storeId);
}
