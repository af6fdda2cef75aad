// Which of a category's products one customer is offered. An idea such as "people who buy
// running shoes also buy socks" names a category, not a product: left to popularity alone,
// every runner would be shown the same best-selling sock. So the customer's own signals come
// first (the item model's follow-ups of what they bought, fit), and only when nothing personal
// separates the category's near-equal best sellers is each customer given their own draw of
// them (a stable hash), so that no one product is in front of everyone.
import { hash32 } from './assignment.js';
import type { ProductFacts } from './guardrails.js';
import { shortTitle } from './ideas.js';

export interface RankedProduct {
  p: ProductFacts;
  /** The item model's score (rank.ts): a personal signal, else the popularity prior. */
  score: number;
  signal: 'repeat' | 'follow_up' | 'popular';
  /** How close it is to what they buy (person.ts `closeness`, 0 without a history): orders equal scores. */
  close: number;
  /** Share of their purchases in this product's brand (0 without a history). */
  brand: number;
}

/**
 * Why a product is where it is, so its starter's reason can say so honestly:
 * 'their_own' bought before, 'follow_up' a learned next buy after what they bought, 'brand' a
 * best seller of a brand they buy more than the others', 'near_equal' one of the best sellers
 * that sell alike (drawn for this customer: nothing personal), 'best_seller' a less sold one.
 */
export type PickBasis = 'their_own' | 'follow_up' | 'brand' | 'near_equal' | 'best_seller';

/** Best sellers scoring at least this share of the best one are near-equal… */
const NEAR_EQUAL = 0.4;
/** …among at most this many styles: the spread stays among the category's real best sellers. */
const SPREAD_STYLES = 8;
/**
 * Among near-equal best sellers only the brand they buy sets one apart, in quarters of their
 * purchases. Not the price: the cheapest of them is the nearest to what most people pay, so it
 * would be everyone's pick again (a price above their band is already refused, person.ts).
 */
const BRAND_STEPS = 4;

/**
 * The products in the order one customer is offered them: personal signals first (best score
 * first), then the near-equal best sellers by the brand they buy, ties drawn per customer by `seed`, then the
 * rest by score. A draw is by style, so a style's sizes keep their best-seller order.
 */
export function orderForCustomer(ranked: readonly RankedProduct[], seed: string): { p: ProductFacts; basis: PickBasis }[] {
  const sorted = [...ranked].sort((a, b) => b.score - a.score || b.close - a.close);
  const personal = sorted.filter((r) => r.signal !== 'popular');
  const popular = sorted.filter((r) => r.signal === 'popular');

  const best = popular[0]?.score ?? 0;
  const styles = new Set<string>();
  let n = 0;
  for (; n < popular.length; n++) {
    const r = popular[n]!;
    const style = shortTitle(r.p.title);
    if (r.score < NEAR_EQUAL * best || (!styles.has(style) && styles.size === SPREAD_STYLES)) break;
    styles.add(style);
  }
  const step = (r: RankedProduct) => Math.ceil(r.brand * BRAND_STEPS);
  const draw = new Map([...styles].map((s) => [s, hash32(`${seed}:${s}`)]));
  const group = popular
    .slice(0, n)
    .map((r, i) => ({ r, i, step: step(r), draw: draw.get(shortTitle(r.p.title))! })) // once per product, not per comparison
    .sort((a, b) => b.step - a.step || a.draw - b.draw || a.i - b.i)
    .map(({ r }) => r);
  const lowest = Math.min(...group.map(step));

  return [
    ...personal.map((r) => ({ p: r.p, basis: (r.signal === 'repeat' ? 'their_own' : 'follow_up') as PickBasis })),
    ...group.map((r) => ({ p: r.p, basis: (step(r) > lowest ? 'brand' : 'near_equal') as PickBasis })),
    ...popular.slice(n).map((r) => ({ p: r.p, basis: 'best_seller' as PickBasis })),
  ];
}

/**
 * Why this product of the category, in plain words for the starter's reason; nothing for what
 * they bought before (the idea's own reason says so). A drawn best seller never claims a fit.
 */
export function whyThisOne(p: ProductFacts, basis: PickBasis): string | null {
  const name = shortTitle(p.title);
  switch (basis) {
    case 'their_own':
      return null;
    case 'follow_up':
      return `Customers with their purchases often buy the ${name} next.`;
    case 'brand':
      return `The ${name}: a brand they buy.`;
    case 'near_equal':
      return `The ${name} is one of several best sellers there that sell about equally.`;
    case 'best_seller':
      return `The ${name} sells well there.`;
  }
}
