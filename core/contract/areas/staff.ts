// Staff administration: a manager adds and deactivates the staff of their own store, sets their
// roles and resets a PIN (the person chooses a new one at their next sign-in). Every change
// travels to the hub through the outbox; a PIN is never shown or set by someone else.
import { z } from 'zod';
import { define } from '../define.js';
import { id, text } from '../schemas.js';
import type { LoginOutcome, Role } from '../types.js';

export interface StaffMember {
  id: string;
  displayName: string;
  role: Role;
  active: boolean;
  /** false: a new person or a reset PIN; they choose one at their next sign-in. */
  pinSet: boolean;
  locked: boolean;
}

const role = z.enum(['associate', 'merchandiser', 'manager']);
const pin = z.string().regex(/^\d{4,8}$/, { message: 'a PIN is 4 to 8 digits' });

export const staffContract = {
  'staff.list': define<StaffMember[]>()({ input: z.object({}).strict(), access: ['manager'], write: false }),
  // id absent: a new person of this store (no PIN yet).
  'staff.save': define<StaffMember>()({
    input: z.object({ id: id.optional(), displayName: text(80, 1), role, active: z.boolean() }).strict(),
    access: ['manager'],
    write: true,
  }),
  'staff.resetPin': define<StaffMember>()({ input: z.object({ staffId: id }).strict(), access: ['manager'], write: true }),
  // At sign-in, a person without a PIN (new, or reset by a manager) chooses one.
  'session.choosePin': define<LoginOutcome>()({ input: z.object({ staffId: id, pin }).strict(), access: 'public', write: true }),
} as const;
