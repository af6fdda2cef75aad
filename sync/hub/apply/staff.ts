// staff.changed and staff.pin_set: a store manager's staff administration and a person choosing
// their PIN at sign-in. The hub checks both against its own rows: a device speaks for its own
// store's staff only, and a PIN can be set only for a person who has none (new, or reset).
// Staff rows go to their store's devices only (they carry PIN hashes).
import { z } from 'zod';
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, DeviceRecord, HubReader, Row } from '../store.js';
import { applied, isoTime, parsePayload, refused } from './payload.js';

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

const refuse = (code: StaffRefusal, message: string): Applied => refused(`${code}: ${message}`);

export function applyStaffChanged(event: OutboxEvent, device: DeviceRecord, reader: HubReader): Applied {
  const parsed = parsePayload(staffChangedSchema, event);
  if (!parsed.ok) return refused(parsed.reason);
  const c = parsed.data;
  if (c.storeId !== device.storeId) return refuse('wrong_store', `the change is for store ${c.storeId}, but this device belongs to store ${device.storeId}`);
  const held = reader.row('staff', { id: c.staffId });
  if (held && held.store_id !== device.storeId) return refuse('staff_of_other_store', `${c.staffId} works at another store`);
  const manager = reader.row('staff', { id: c.by });
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

export function applyStaffPinSet(event: OutboxEvent, device: DeviceRecord, reader: HubReader): Applied {
  const parsed = parsePayload(staffPinSetSchema, event);
  if (!parsed.ok) return refused(parsed.reason);
  const p = parsed.data;
  if (p.storeId !== device.storeId) return refuse('wrong_store', `the PIN is for store ${p.storeId}, but this device belongs to store ${device.storeId}`);
  const held = reader.row('staff', { id: p.staffId });
  if (!held) return refuse('unknown_staff', `${p.staffId} is not known at the hub`);
  if (held.store_id !== device.storeId) return refuse('staff_of_other_store', `${p.staffId} works at another store`);
  if (held.pin_hash !== NO_PIN) return refuse('pin_not_reset', `${p.staffId} already has a PIN; a manager resets it first`);
  return applied([{ stream: 'catalog', table: 'staff', key: { id: p.staffId }, row: { ...held, pin_hash: p.pinHash }, scopeStoreId: device.storeId }]);
}
