import { z } from 'zod';
import { define } from '../define.js';
import { empty, id, text } from '../schemas.js';
import type { DeviceStatus } from '../types.js';

/** One event waiting in this device's outbox, as the sync panel lists it. */
export interface OutboxEntry {
  id: string;
  kind: string;
  /** A few plain words about what the event carries ("2 × TENT-4", "captured new"); null if nothing useful. */
  summary: string | null;
  createdAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  /** The hub's reason, for an event it will never accept. */
  rejectedReason: string | null;
  rejectedAt: string | null;
}

export interface SyncOutbox {
  /** Oldest first: the order they go to the hub. */
  pending: OutboxEntry[];
  /** Newest first: the ones someone should look at. */
  rejected: OutboxEntry[];
  /** Counts of all of them, when the lists are cut short. */
  pendingTotal: number;
  rejectedTotal: number;
}

export const syncContract = {
  'sync.outbox': define<SyncOutbox>()({ input: empty, access: 'staff', write: false }),
  /** Push, then pull every stream, now. A standalone device has no hub: conflict. */
  'sync.now': define<DeviceStatus>()({ input: empty, access: 'staff', write: false }),
  /** The UI's window is on screen (or no longer): sync keeps its full cadence while it is. */
  'sync.presence': define<null>()({ input: z.object({ visible: z.boolean() }).strict(), access: 'public', write: false }),
  /** A refused event, sent again after its cause was fixed. */
  'sync.retry': define<null>()({ input: z.object({ eventId: id }).strict(), access: 'staff', write: true }),
  /** A refused event set aside (kept, out of the outbox): a manager, or with a manager's approval, and a reason. */
  'sync.dismiss': define<null>()({
    input: z.object({ eventId: id, reason: text(200, 3), approvalId: z.string().regex(/^[0-9a-f]{32}$/, { message: 'not an approval' }).optional() }).strict(),
    access: 'staff',
    write: true,
  }),
} as const;

/** Calls the UI makes by itself (polling, presence): they are not a person using the app. */
export const PASSIVE_CALLS: ReadonlySet<string> = new Set(['device.status', 'sync.presence']);
