import { z } from 'zod';
import { define } from '../define.js';
import { empty, id } from '../schemas.js';
import type { DeviceStatus, LoginOutcome, Session, StaffTile } from '../types.js';

export const sessionContract = {
  'session.staff': define<StaffTile[]>()({ input: empty, access: 'public', write: false }),
  'session.current': define<Session | null>()({ input: empty, access: 'public', write: false }),
  'session.login': define<LoginOutcome>()({
    input: z.object({ staffId: id, pin: z.string().regex(/^\d{4,8}$/, { message: 'a PIN is 4 to 8 digits' }) }).strict(),
    access: 'public',
    write: true,
  }),
  'session.logout': define<null>()({ input: empty, access: 'public', write: false }),
  'device.status': define<DeviceStatus>()({ input: empty, access: 'public', write: false }),
} as const;
