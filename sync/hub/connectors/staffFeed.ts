// The staff feed: who may sign in at a store's registers. A feed never carries PINs: a person new
// to the hub has none yet (pin_hash '') and chooses one at their first sign-in; a known person
// keeps theirs. Staff rows go only to their own store's devices.
import { z } from 'zod';
import type { Row } from '../store.js';
import { heldLock } from '../apply/staff.js';
import { perRow, type Feed } from './feed.js';
import type { RowRead } from './prefetch.js';
import { flag, id, oneOf, text } from './fields.js';

/** pin_hash of a person who has not chosen a PIN yet (a hash never has this form). */
export const NO_PIN = '';

const NO_PINS = 'PINs never travel in a feed; remove the column (a new person chooses a PIN at first sign-in)';

export const staffFeed: Feed = {
  kind: 'staff',
  required: ['staff_id', 'name', 'role', 'store_id'],
  optional: ['active'],
  marker: ['staff_id', 'role'],
  key: ['staff_id'],
  forbidden: { pin: NO_PINS, pin_hash: NO_PINS, password: NO_PINS },
  schema: z.object({
    staff_id: id('staff_id'),
    name: text('name', 120),
    role: oneOf('role', ['associate', 'merchandiser', 'manager']),
    store_id: id('store_id'),
    active: flag('active', 1).optional(),
  }) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [{ table: 'locations', key: { id: r.store_id! } }, { table: 'staff', key: { id: r.staff_id! } }],
  start: perRow(async (r, reader) => {
    const store = await reader.row('locations', { id: r.store_id! });
    if (!store) return `unknown store ${r.store_id} (send the stores file first)`;
    if (store.kind !== 'store') return `${r.store_id} is a ${store.kind}, not a store`;
    const held = await reader.row('staff', { id: r.staff_id! });
    const row: Row = {
      id: r.staff_id!,
      display_name: r.name!,
      role: r.role!,
      store_id: r.store_id!,
      pin_hash: held?.pin_hash ?? NO_PIN,
      active: r.active ?? 1,
      // A feed never lifts a PIN lock the store's registers made.
      ...heldLock(held),
    };
    return { stream: 'catalog', table: 'staff', key: { id: row.id! }, row, scopeStoreId: row.store_id as string };
  }),
};
