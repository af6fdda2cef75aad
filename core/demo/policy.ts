// The merchandiser policy the demo starts with: version 1, published and active.
import { LEAF, SENSITIVE_CATEGORY } from './catalog.js';

export const DEMO_POLICY_VERSION = 1;

export const DEMO_GUARDRAILS = {
  exclusion_window_days: 30,
  stock_threshold: 5,
  safety_buffer: 3,
  inventory_max_age_minutes: 5,
  min_price_cents: 1500,
  margin_floor: 0.25,
  new_arrival_boost: 0.3,
  new_arrival_window_days: 45,
  clearance_penalty: 0.3,
  frequency_cap_per_week: 3,
  concierge_cart_cents: 50_000,
  exploration_share: 0.05,
  holdout_share: 0.1,
} as const;

export interface AffinitySpec {
  id: string;
  from: string;
  to: string;
  minDelayDays: number;
  maxDelayDays: number;
  weight: number;
  /** 'MM-DD', inclusive; a window may wrap the new year. */
  seasonStart?: string;
  seasonEnd?: string;
  note: string;
}

// The same pairs the order history was generated with (orders.ts FOLLOW_UPS), so previews show lift.
export const DEMO_AFFINITIES: readonly AffinitySpec[] = [
  { id: 'tent-sleeping-bag', from: LEAF.tents, to: LEAF.sleepingBags, minDelayDays: 7, maxDelayDays: 45, weight: 1, note: 'New tent owners need a bag within weeks' },
  { id: 'tent-sleeping-pad', from: LEAF.tents, to: LEAF.sleepingPads, minDelayDays: 7, maxDelayDays: 45, weight: 0.8, note: 'Pads follow tents' },
  { id: 'tent-headlamp', from: LEAF.tents, to: LEAF.headlamps, minDelayDays: 0, maxDelayDays: 30, weight: 0.5, seasonStart: '04-01', seasonEnd: '09-30', note: 'Camping season add-on' },
  { id: 'stove-fuel', from: LEAF.campStoves, to: LEAF.fuel, minDelayDays: 0, maxDelayDays: 21, weight: 0.9, note: 'A stove is useless without fuel' },
  { id: 'running-shoes-socks', from: LEAF.runningShoes, to: LEAF.socks, minDelayDays: 0, maxDelayDays: 21, weight: 0.7, note: 'Running socks with new shoes' },
  { id: 'trail-shoes-socks', from: LEAF.trailRunningShoes, to: LEAF.socks, minDelayDays: 0, maxDelayDays: 21, weight: 0.7, note: 'Trail socks with new shoes' },
  { id: 'boots-socks', from: LEAF.hikingBoots, to: LEAF.socks, minDelayDays: 0, maxDelayDays: 30, weight: 0.8, note: 'Wool socks break boots in' },
  { id: 'boots-insoles', from: LEAF.hikingBoots, to: LEAF.insoles, minDelayDays: 0, maxDelayDays: 30, weight: 0.6, note: 'Fit and support' },
  { id: 'espresso-beans', from: LEAF.espressoMachines, to: LEAF.coffeeBeans, minDelayDays: 0, maxDelayDays: 28, weight: 1, note: 'Fresh beans about every three weeks' },
  { id: 'coffee-maker-beans', from: LEAF.coffeeMakers, to: LEAF.coffeeBeans, minDelayDays: 0, maxDelayDays: 28, weight: 0.8, note: 'Beans for the new brewer' },
  { id: 'backpack-headlamp', from: LEAF.backpacks, to: LEAF.headlamps, minDelayDays: 0, maxDelayDays: 30, weight: 0.5, note: 'Trip essentials' },
  { id: 'backpack-water-filter', from: LEAF.backpacks, to: LEAF.waterFilters, minDelayDays: 0, maxDelayDays: 45, weight: 0.5, note: 'Trip essentials' },
  { id: 'jacket-beanie', from: LEAF.insulatedJackets, to: LEAF.beanies, minDelayDays: 0, maxDelayDays: 21, weight: 0.6, seasonStart: '10-01', seasonEnd: '02-28', note: 'Winter layering' },
  { id: 'jacket-gloves', from: LEAF.insulatedJackets, to: LEAF.gloves, minDelayDays: 0, maxDelayDays: 21, weight: 0.6, seasonStart: '10-01', seasonEnd: '02-28', note: 'Winter layering' },
  { id: 'harness-chalk', from: LEAF.harnesses, to: LEAF.chalk, minDelayDays: 0, maxDelayDays: 14, weight: 0.5, note: 'New climbers' },
];

/** Never suggested from, or to: health purchases are nobody's conversation starter. */
export const DEMO_BLOCKED_CATEGORIES: readonly string[] = [SENSITIVE_CATEGORY];
