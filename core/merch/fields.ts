// What each guardrail, shopper type and incentive means, in the merchandiser's words. Ranges
// come from the engine's own validation, so the console and the engine never disagree.
import type { GuardrailField, GuardrailKey, IncentiveInfo, ShopperTypeInfo } from '../contract/areas/merchTypes.js';
import { DEFAULT_GUARDRAILS } from '../engine/policy.js';
import { GUARDRAIL_RANGES } from '../engine/validate.js';
import { ALLOWED_INCENTIVES, SHOPPER_TYPES } from '../engine/incentives.js';

type FieldText = Pick<GuardrailField, 'label' | 'description' | 'unit'>;

const TEXT: Record<GuardrailKey, FieldText> = {
  exclusionWindowDays: {
    label: 'Exclusion window',
    unit: 'days',
    description: 'After a customer buys in a category, suggest nothing more from it for this many days (refills excepted).',
  },
  stockThreshold: {
    label: 'Stock threshold',
    unit: 'units',
    description: 'A product is suggested only when this store has at least this many available, plus the safety buffer.',
  },
  safetyBuffer: {
    label: 'Safety buffer',
    unit: 'units',
    description: 'Extra units on top of the threshold, so a product is not promoted while the last ones are already promised.',
  },
  inventoryMaxAgeMinutes: {
    label: 'Inventory staleness limit',
    unit: 'minutes',
    description: 'Stock counts older than this (since the last inventory sync) are not trusted: nothing is promoted from them. Never more than 5 minutes, when the app flags stock as out of date.',
  },
  minPriceCents: {
    label: 'Price gate',
    unit: 'cents',
    description: 'Products cheaper than this are never suggested: not worth the conversation.',
  },
  marginFloor: {
    label: 'Margin floor',
    unit: 'share',
    description: 'Products whose margin (price minus cost, over price) is below this share are never suggested.',
  },
  newArrivalBoost: {
    label: 'New-arrival boost',
    unit: 'factor',
    description: 'How much more a product launched within the new-arrival window counts when ranking (0.3 = 30 % more).',
  },
  newArrivalWindowDays: {
    label: 'New-arrival window',
    unit: 'days',
    description: 'A product counts as a new arrival for this many days after launch.',
  },
  clearancePenalty: {
    label: 'Clearance penalty',
    unit: 'share',
    description: 'How much less a clearance product counts when ranking (0.3 = 30 % less); bargain-hunter incentives are exempt.',
  },
  frequencyCapPerWeek: {
    label: 'Frequency cap',
    unit: 'per_week',
    description: 'The same idea is shown to a customer on at most this many days in any 7 (0 = never); “not relevant” stops it at once.',
  },
  conciergeCartCents: {
    label: 'Big-basket threshold',
    unit: 'cents',
    description: 'A basket worth at least this much counts as a big basket for the incentive rules (concierge by default).',
  },
  explorationShare: {
    label: 'Exploration share',
    unit: 'share',
    description: 'Share of decisions whose last slot tries another candidate instead, logged with its probability to learn what works.',
  },
  holdoutShare: {
    label: 'Holdout share',
    unit: 'share',
    description: 'Share of customers (stable by customer) who always get the baseline, so the lift of personal starters can be measured.',
  },
};

const INTEGER: ReadonlySet<GuardrailKey> = new Set(['exclusionWindowDays', 'stockThreshold', 'safetyBuffer', 'inventoryMaxAgeMinutes', 'minPriceCents', 'newArrivalWindowDays', 'frequencyCapPerWeek', 'conciergeCartCents']);

export const GUARDRAIL_FIELDS: readonly GuardrailField[] = (Object.keys(TEXT) as GuardrailKey[]).map((key) => {
  const [min, max] = GUARDRAIL_RANGES[key];
  const integer = INTEGER.has(key);
  return { key, ...TEXT[key], min, max, integer, step: integer ? 1 : 0.01, defaultValue: DEFAULT_GUARDRAILS[key] };
});

const SHOPPER_TEXT: Record<ShopperTypeInfo['type'], Omit<ShopperTypeInfo, 'type' | 'allowed'>> = {
  first_timer: { label: 'First-timers', description: 'Customers with at most one order so far.' },
  regular: { label: 'Regulars', description: 'Customers who buy steadily.' },
  vip: { label: 'VIPs', description: 'The chain’s top customers by orders and spend.' },
  lapsing: { label: 'Drifting away', description: 'Good customers who have not been back for longer than usual.' },
  bargain_hunter: { label: 'Bargain hunters', description: 'Customers who buy mostly on sale; the only ones who may hear about clearance prices.' },
  big_cart: { label: 'Big baskets', description: 'Any basket above the big-basket threshold, known from the basket alone (no personal data needed).' },
};

export const SHOPPER_TYPE_INFO: readonly ShopperTypeInfo[] = SHOPPER_TYPES.map((type) => ({ type, ...SHOPPER_TEXT[type], allowed: [...ALLOWED_INCENTIVES[type]] }));

export const INCENTIVE_INFO: readonly IncentiveInfo[] = [
  { kind: 'free_shipping', label: 'Free home delivery', description: 'Free delivery on anything not on the shelf today.' },
  { kind: 'early_access', label: 'Early access', description: 'Something new in their favourite category before it reaches the floor.' },
  { kind: 'sample', label: 'Sample', description: 'A sample to take home with today’s purchase.' },
  { kind: 'scarcity', label: 'Last chance', description: 'A clearance item in a category they love, only when few are left.' },
  { kind: 'concierge', label: 'Concierge', description: 'Set-up, fitting and a follow-up call.' },
];

export function guardrailLabel(key: GuardrailKey): string {
  return TEXT[key].label;
}
