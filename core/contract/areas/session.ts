import { z } from 'zod';
import { define } from '../define.js';
import { empty, id } from '../schemas.js';
import type { ApprovalOutcome, DeviceStatus, LoginOutcome, SecuritySettingsView, Session, StaffTile } from '../types.js';

const pin = z.string().regex(/^\d{4,8}$/, { message: 'a PIN is 4 to 8 digits' });
/** What a manager can approve at the register (mirrors core/auth/approval.ts). */
export const approvalActions = ['staff.unlock', 'customer.merge', 'consent.resubscribe', 'sync.dismiss'] as const;
export const approvalId = z.string().regex(/^[0-9a-f]{32}$/, { message: 'not an approval' });

export const sessionContract = {
  'session.staff': define<StaffTile[]>()({ input: empty, access: 'public', write: false }),
  'session.current': define<Session | null>()({ input: empty, access: 'public', write: false }),
  'session.login': define<LoginOutcome>()({
    input: z.object({ staffId: id, pin }).strict(),
    access: 'public',
    write: true,
  }),
  'session.logout': define<null>()({ input: empty, access: 'public', write: false }),
  // The signed-in person replaces their own PIN (the chain's length applies).
  'session.changePin': define<null>()({
    input: z.object({ currentPin: pin, newPin: z.string().max(8) }).strict(),
    access: 'staff',
    write: true,
  }),
  // A manager's PIN on this screen: counted toward the manager's own lock like a sign-in.
  'approval.grant': define<ApprovalOutcome>()({
    input: z.object({ managerId: id, pin, action: z.enum(approvalActions), subjectId: id }).strict(),
    access: 'public',
    write: true,
  }),
  // Unlocking a colleague: with a manager's approval (or by a signed-in manager).
  'staff.unlock': define<null>()({
    input: z.object({ staffId: id, approvalId: approvalId.optional() }).strict(),
    access: 'public',
    write: true,
  }),
  'security.settings': define<SecuritySettingsView>()({ input: empty, access: 'public', write: false }),
  'device.status': define<DeviceStatus>()({ input: empty, access: 'public', write: false }),
} as const;
