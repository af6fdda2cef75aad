// Incentives per shopper type: part of the merchandiser's policy. Never a cash discount; price
// talk (scarcity of a clearance item) only for customers who already shop on sale.
import type { IncentiveRules, ShopperType } from '../contract/areas/merchTypes.js';
import type { IncentiveKind, Segment } from '../contract/types.js';

export const SHOPPER_TYPES: readonly ShopperType[] = ['first_timer', 'regular', 'vip', 'lapsing', 'bargain_hunter', 'big_cart'];
export const INCENTIVE_KINDS: readonly IncentiveKind[] = ['free_shipping', 'early_access', 'sample', 'scarcity', 'concierge'];

/**
 * What each shopper type may be offered at all. Scarcity is a clearance price, so only for
 * bargain hunters; a big cart is known from the basket alone, so nothing that needs their history.
 */
export const ALLOWED_INCENTIVES: Readonly<Record<ShopperType, readonly IncentiveKind[]>> = {
  first_timer: ['free_shipping', 'early_access', 'sample', 'concierge'],
  regular: ['free_shipping', 'early_access', 'sample', 'concierge'],
  vip: ['free_shipping', 'early_access', 'sample', 'concierge'],
  lapsing: ['free_shipping', 'early_access', 'sample', 'concierge'],
  bargain_hunter: ['free_shipping', 'early_access', 'sample', 'scarcity', 'concierge'],
  big_cart: ['free_shipping', 'sample', 'concierge'],
};

/** What the engine did before incentives were configurable; also the default of a new policy. */
export const DEFAULT_INCENTIVE_RULES: IncentiveRules = {
  first_timer: ['free_shipping'],
  regular: [],
  vip: ['early_access', 'sample'],
  lapsing: [],
  bargain_hunter: ['scarcity'],
  big_cart: ['concierge'],
};

/** The personal shopper types of a customer (big_cart comes from the basket, see cartIdeas). */
export function personalShopperTypes(c: { orderCount: number; segment: Segment }): ShopperType[] {
  const types: ShopperType[] = [];
  if (c.orderCount <= 1) types.push('first_timer');
  if (c.segment === 'regular' || c.segment === 'vip' || c.segment === 'lapsing' || c.segment === 'bargain_hunter') types.push(c.segment);
  return types;
}
