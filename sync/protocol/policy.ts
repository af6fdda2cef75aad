// Policy bounds both sides enforce with the same code: the device's merchandiser console and
// engine (core/engine/validate.ts) and the hub, which re-checks every published policy and
// endless-aisle order because it trusts no register. A leaf: it imports only zod, so core may
// import it (the one documented exception in .dependency-cruiser.cjs) and the hub still links
// no device code.
import { z } from 'zod';

/** DESIGN §7: inventory older than this is flagged, and never used to promote an item. */
export const STALE_AFTER_MINUTES = 5;

/** Most units of one SKU in one endless-aisle order (the till's quantity field stops there too). */
export const AISLE_ORDER_MAX_QUANTITY = 99;

export type GuardrailKey =
  | 'exclusionWindowDays'
  | 'stockThreshold'
  | 'safetyBuffer'
  | 'inventoryMaxAgeMinutes'
  | 'minPriceCents'
  | 'marginFloor'
  | 'newArrivalBoost'
  | 'newArrivalWindowDays'
  | 'clearancePenalty'
  | 'frequencyCapPerWeek'
  | 'conciergeCartCents'
  | 'explorationShare'
  | 'holdoutShare';

/** Range of every guardrail: what the merchandiser console validates before publishing, and the hub after. */
export const GUARDRAIL_RANGES: Record<GuardrailKey, [number, number]> = {
  exclusionWindowDays: [0, 365],
  stockThreshold: [0, 1000],
  safetyBuffer: [0, 1000],
  // Stock past the app's stale flag is never trusted; a merchandiser may only be stricter.
  inventoryMaxAgeMinutes: [1, STALE_AFTER_MINUTES],
  minPriceCents: [0, 10_000_00],
  marginFloor: [0, 0.95],
  newArrivalBoost: [0, 2],
  newArrivalWindowDays: [0, 365],
  clearancePenalty: [0, 1],
  frequencyCapPerWeek: [0, 50],
  conciergeCartCents: [0, 100_000_00],
  explorationShare: [0, 0.5],
  holdoutShare: [0, 0.5],
};

/** The replicated column (merch_guardrails) of each guardrail. */
export const GUARDRAIL_COLUMNS: Record<GuardrailKey, string> = {
  exclusionWindowDays: 'exclusion_window_days',
  stockThreshold: 'stock_threshold',
  safetyBuffer: 'safety_buffer',
  inventoryMaxAgeMinutes: 'inventory_max_age_minutes',
  minPriceCents: 'min_price_cents',
  marginFloor: 'margin_floor',
  newArrivalBoost: 'new_arrival_boost',
  newArrivalWindowDays: 'new_arrival_window_days',
  clearancePenalty: 'clearance_penalty',
  frequencyCapPerWeek: 'frequency_cap_per_week',
  conciergeCartCents: 'concierge_cart_cents',
  explorationShare: 'exploration_share',
  holdoutShare: 'holdout_share',
};

/** A weight scales how strongly a rule's idea competes, up to a full-strength idea. */
export const MAX_AFFINITY_WEIGHT = 1;

/** A field outside its range: the field, the range and the message a person reads. */
export interface RangeProblem {
  field: string;
  min: number;
  max: number;
  message: string;
}

const finite = z.number().finite();

/** The guardrail's value outside its range (or not a number), or null when it is in range. */
export function guardrailRangeProblem(key: GuardrailKey, value: unknown): RangeProblem | null {
  const [min, max] = GUARDRAIL_RANGES[key];
  const ok = finite.min(min).max(max).safeParse(value).success;
  return ok ? null : { field: `guardrails.${key}`, min, max, message: `must be between ${min} and ${max}` };
}

/** Every guardrail outside its range. */
export function guardrailsRangeProblems(guardrails: Record<GuardrailKey, unknown>): RangeProblem[] {
  return (Object.keys(GUARDRAIL_RANGES) as GuardrailKey[]).flatMap((k) => guardrailRangeProblem(k, guardrails[k]) ?? []);
}

/** An affinity's weight must be above 0 and at most MAX_AFFINITY_WEIGHT. */
export function affinityWeightProblem(weight: unknown): RangeProblem | null {
  const ok = finite.gt(0).max(MAX_AFFINITY_WEIGHT).safeParse(weight).success;
  return ok ? null : { field: 'weight', min: 0, max: MAX_AFFINITY_WEIGHT, message: `weight must be above 0 and at most ${MAX_AFFINITY_WEIGHT}` };
}
