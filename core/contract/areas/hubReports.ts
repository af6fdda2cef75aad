import { z } from 'zod';
import { define } from '../define.js';
import type { HubReportView } from './hubReportTypes.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a day is written YYYY-MM-DD' });

export const hubReportContract = {
  // Reads the cached report and, when a hub is reachable, asks it for a fresh one.
  'analytics.hubReport': define<HubReportView>()({
    input: z
      .object({ store: z.string().min(1).max(64).optional(), from: day, to: day })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'the range ends before it starts', path: ['to'] }),
    access: ['manager', 'merchandiser'],
    write: false,
  }),
} as const;
