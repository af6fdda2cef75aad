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
