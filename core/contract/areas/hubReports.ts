import { z } from 'zod';
import { define } from '../define.js';
import type { HubCaptureView, HubReportView } from './hubReportTypes.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a day is written YYYY-MM-DD' });
/** A store id, or '*' for the chain (the hub lets only chain-level roles ask for it). */
const store = z.string().min(1).max(64).optional();
/** Without from/to: the last `days` days of the store's own calendar, today included. */
const days = z.number().int().min(1).max(400).default(30);

export const hubReportContract = {
  // Reads the cached report and, when a hub is reachable, asks it for a fresh one.
  'analytics.hubReport': define<HubReportView>()({
    input: z
      .object({ store, from: day.optional(), to: day.optional(), days })
      .strict()
      .refine((r) => !r.from === !r.to, { message: 'give both ends of the range, or neither', path: ['to'] })
      .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'the range ends before it starts', path: ['to'] }),
    access: ['manager', 'merchandiser'],
    write: false,
  }),
  // The capture dashboard of every register in scope, from the same cached hub report.
  'analytics.captureHub': define<HubCaptureView>()({
    input: z.object({ store, days }).strict(),
    access: ['manager', 'merchandiser'],
    write: false,
  }),
} as const;
