// The evidence behind the seed incentive rules, as `npm run eval:incentives` last wrote it
// (bench/incentives/appEvidence.ts → incentiveEvidence.json), checked once when loaded: the
// merchandiser's incentive editor shows it beside the rules, so the numbers on screen are the
// measured ones, never text typed into the screen.
import { z } from 'zod';
import type { IncentiveEvidence } from '../contract/areas/merchTypes.js';
import { INCENTIVE_KINDS, SHOPPER_TYPES } from '../engine/incentives.js';
import file from './incentiveEvidence.json';

const interval = z.tuple([z.number(), z.number()]).refine(([lo, hi]) => lo <= hi, 'an interval runs low to high');
const schema = z.strictObject({
  source: z.string().min(1),
  outcome: z.string().min(1),
  cost: z.number().min(0),
  types: z.array(
    z.strictObject({
      type: z.enum(SHOPPER_TYPES as [string, ...string[]]),
      customers: z.number().int().min(1),
      uplift: z.number(),
      ci95: interval,
      heldOutUplift: z.number(),
      heldOutCi95: interval,
      seedRule: z.array(z.enum(INCENTIVE_KINDS as [string, ...string[]])),
      clearsCost: z.boolean(),
    }),
  ),
});

/** Throws when the file does not hold what the editor needs (a broken eval output, caught by its unit test). */
export function parseIncentiveEvidence(data: unknown): IncentiveEvidence {
  return schema.parse(data) as IncentiveEvidence;
}

export const INCENTIVE_EVIDENCE: IncentiveEvidence = parseIncentiveEvidence(file);
