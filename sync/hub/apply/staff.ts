// Who is who at the hub, from the hub's own staff rows (never from what an event says): the
// associate of an order, the publisher of a merch policy.
import type { RejectionCode } from '../../protocol/index.js';
import type { HubReader, Row } from '../store.js';

export type StaffCheck = { ok: true; staff: Row } | { ok: false; code: RejectionCode; reason: string };

/** An active staff member of `storeId`, as the hub holds them. */
export function staffOfStore(reader: HubReader, staffId: string, storeId: string): StaffCheck {
  const staff = reader.row('staff', { id: staffId });
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
export function mayPublishPolicy(reader: HubReader, staffId: string, deviceStoreId: string, scope: PolicyScope): StaffCheck {
  const member = staffOfStore(reader, staffId, deviceStoreId);
  if (!member.ok) return member;
  if (!PUBLISHING_ROLES.has(member.staff.role)) {
    return { ok: false, code: 'not_permitted', reason: `${staffId} is ${String(member.staff.role)}; only a merchandiser or manager may publish merch config` };
  }
  if (scope.kind === 'chain' && !reader.hasChainRole(staffId)) {
    return { ok: false, code: 'not_permitted', reason: `${staffId} has no chain-level role at the hub, which a chain-wide merch config needs` };
  }
  if (scope.kind === 'store' && scope.storeId !== deviceStoreId) {
    return { ok: false, code: 'not_permitted', reason: `${staffId} may not publish merch config for store ${scope.storeId}` };
  }
  return member;
}
