import { z } from 'zod';
import { define } from '../define.js';
import { id } from '../schemas.js';
import type { CaptureReport } from './analyticsTypes.js';

/** A calendar day, YYYY-MM-DD, that exists. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'a day is written YYYY-MM-DD' })
  .refine(isCalendarDay, { message: 'not a calendar day' });

function isCalendarDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().startsWith(s); // 2026-02-30 is not
}

export const MAX_REPORT_DAYS = 400;

export const analyticsContract = {
  'analytics.capture': define<CaptureReport>()({
    input: z
      .object({ from: day.optional(), to: day.optional(), storeId: id.nullable().default(null) })
      .strict()
      .refine((r) => !r.from || !r.to || r.from <= r.to, { message: 'the range ends before it starts', path: ['to'] }),
    access: ['manager'],
    write: false,
  }),
} as const;
