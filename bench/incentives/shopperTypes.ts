// From the Hillstrom test to Endcap's incentive rules. Its arms are a men's or a women's
// merchandise e-mail, not one of Endcap's incentive kinds (free shipping, early access, sample,
// scarcity, concierge), so the test cannot say *which* kind to offer. What it can say, per
// shopper type, is whether reaching out with something (either e-mail, pooled) brings a shopper
// of that type back more than it costs: that is the evidence a seed rule rests on. The kind
// stays the merchandiser's (their default for the type); a type whose evidence does not clear
// the cost is seeded with nothing. bargain_hunter and big_cart have no counterpart in the data
// (no discounts, no carts), so they keep the merchandiser's rule and say so.
import type { IncentiveKind } from '../../core/contract/types.js';
import type { ShopperType } from '../../core/contract/areas/merchTypes.js';
import { DEFAULT_INCENTIVE_RULES } from '../../core/engine/incentives.js';

export interface Customer {
  /** Months since the last purchase (1–12). */
  recency: number;
  /** Dollars spent in the past year. */
  history: number;
  /** Became a customer in the past twelve months. */
  newbie: boolean;
  arm: string;
  visit: number;
}

/** Months without a purchase from which a Hillstrom customer counts as drifting away (the last quarter of its year). */
export const LAPSING_MONTHS = 9;
/** Endcap's VIP line: the top 5 % by spend in the past year (core/customers/features.ts). */
export const VIP_SHARE = 0.05;

/** The spend at the VIP line, from the customers it is learned on. */
export function vipThreshold(customers: readonly Customer[]): number {
  const s = customers.map((c) => c.history).sort((a, b) => a - b);
  return s[Math.floor((1 - VIP_SHARE) * (s.length - 1))] ?? Infinity;
}

/**
 * Endcap's segment rules (first match wins) on the columns Hillstrom has. Its "newbie" means new
 * in the past year, not Endcap's one order (half the customers are newbies, some with $1,000+
 * of purchases), so recency and spend are asked first and "new" last.
 */
export function shopperTypeOf(c: Customer, vipLine: number): ShopperType {
  if (c.recency >= LAPSING_MONTHS) return 'lapsing';
  if (c.history >= vipLine) return 'vip';
  if (c.newbie) return 'first_timer';
  return 'regular';
}

export interface TypeEvidence {
  type: ShopperType;
  customers: number;
  /** Visit rate with an e-mail (either) minus without, on the training half, with a bootstrap 95 % interval. */
  uplift: number;
  ci95: [number, number];
  /** The same on the held-out half: does it hold up? */
  held_out_uplift: number;
  held_out_ci95: [number, number];
  /** What the merchandiser is offered as the seed rule: their default kinds when the interval's low end clears the cost, else nothing. */
  seed_rule: IncentiveKind[];
  why: string;
}

/**
 * Per shopper type: pooled uplift of reaching out vs nothing, learned on `train`, checked on
 * `test`; the seed rule offers the type's default kinds only when the uplift's lower 95 % bound
 * is above `cost` (a visit's worth of the contact), so an uncertain effect seeds nothing.
 */
export function evidenceByType(train: readonly Customer[], test: readonly Customer[], control: string, cost: number, rng: () => number, draws = 300): TypeEvidence[] {
  const line = vipThreshold(train);
  const types: ShopperType[] = ['first_timer', 'regular', 'vip', 'lapsing'];
  return types.map((type) => {
    const tr = train.filter((c) => shopperTypeOf(c, line) === type);
    const te = test.filter((c) => shopperTypeOf(c, line) === type);
    const { uplift, ci95 } = upliftWithInterval(tr, control, rng, draws);
    const held = upliftWithInterval(te, control, rng, draws);
    const defaults = DEFAULT_INCENTIVE_RULES[type] ?? [];
    const clears = ci95[0] > cost;
    const seed_rule = clears ? [...defaults] : [];
    const why = !clears
      ? `reaching out raised visits by ${pct(uplift)} (95 % ${pct(ci95[0])} to ${pct(ci95[1])}), not surely above its cost of ${pct(cost)}: seeded with nothing`
      : defaults.length
        ? `reaching out raised visits by ${pct(uplift)} (95 % ${pct(ci95[0])} to ${pct(ci95[1])}), above its cost: seeded with the default ${defaults.join(', ')}`
        : `reaching out raised visits by ${pct(uplift)} (95 % ${pct(ci95[0])} to ${pct(ci95[1])}), above its cost, but the data cannot say which kind: the merchandiser chooses (no default for this type)`;
    return { type, customers: tr.length + te.length, uplift: r(uplift), ci95, held_out_uplift: r(held.uplift), held_out_ci95: held.ci95, seed_rule, why };
  });
}

function upliftWithInterval(cs: readonly Customer[], control: string, rng: () => number, draws: number): { uplift: number; ci95: [number, number] } {
  const treated = cs.filter((c) => c.arm !== control).map((c) => c.visit);
  const none = cs.filter((c) => c.arm === control).map((c) => c.visit);
  const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const resample = (xs: readonly number[]) => mean(Array.from({ length: xs.length }, () => xs[Math.floor(rng() * xs.length)]!));
  const boot: number[] = [];
  for (let b = 0; b < draws; b++) boot.push(resample(treated) - resample(none));
  boot.sort((a, b) => a - b);
  return { uplift: mean(treated) - mean(none), ci95: [r(boot[Math.floor(0.025 * (draws - 1))]!), r(boot[Math.ceil(0.975 * (draws - 1))]!)] };
}

function r(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} points`;
}
