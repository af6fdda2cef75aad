// Which of a category's products one customer is offered. An idea such as "people who buy
// running shoes also buy socks" names a category, not a product: left to popularity alone,
// every runner would be shown the same best-selling sock. So the customer's own signals come
// first (the item model's follow-ups of what they bought, fit), and only when nothing personal
// separates the category's near-equal best sellers is each customer given their own draw of
// them (a stable hash), so that no one product is in front of everyone.
import { hash32 } from './assignment.js';
import type { ProductFacts } from './guardrails.js';
import { styleOf } from './catalog.js';

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

/** Best-selling styles selling at least this share of the best one are near-equal… */
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
export function orderForCustomer(ranked: readonly RankedProduct[], seed: string, fits: (p: ProductFacts) => boolean = () => true): { p: ProductFacts; basis: PickBasis }[] {
  const sorted = [...ranked].sort((a, b) => b.score - a.score || b.close - a.close);
  const personal = sorted.filter((r) => r.signal !== 'popular');
  const popular = sorted.filter((r) => r.signal === 'popular').map((r) => ({ r, style: styleOf(r.p) }));

  const styles = nearEqualStyles(popular, fits);
  const draw = new Map([...styles].map((s) => [s, hash32(`${seed}:${s}`)]));
  // brand step and draw once per product, not per comparison
  const group = popular
    .filter((x) => styles.has(x.style))
    .map((x, i) => ({ r: x.r, i, step: Math.ceil(x.r.brand * BRAND_STEPS), draw: draw.get(x.style)! }))
    .sort((a, b) => b.step - a.step || a.draw - b.draw || a.i - b.i);
  const lowest = Math.min(...group.map((g) => g.step));

  return [
    ...personal.map((r) => ({ p: r.p, basis: (r.signal === 'repeat' ? 'their_own' : 'follow_up') as PickBasis })),
    ...group.map((g) => ({ p: g.r.p, basis: (g.step > lowest ? 'brand' : 'near_equal') as PickBasis })),
    ...popular.filter((x) => !styles.has(x.style)).map(({ r }) => ({ p: r.p, basis: 'best_seller' as PickBasis })),
  ];
}

/**
 * The best-selling styles that sell alike, among those the customer can be offered. Judged in
 * styles: a boot sells as all its sizes and colours together, and one size's few sales are
 * noise (on the demo chain a boot size sells 7 to 17 times). Only styles with a product that
 * fits them count: a women's boot for a man would be refused, and would only take the place
 * of one he could be shown.
 */
function nearEqualStyles(popular: readonly { r: RankedProduct; style: string }[], fits: (p: ProductFacts) => boolean): Set<string> {
  const sales = new Map<string, number>();
  const open = new Set<string>();
  for (const { r, style } of popular) {
    sales.set(style, (sales.get(style) ?? 0) + r.score);
    if (!open.has(style) && fits(r.p)) open.add(style);
  }
  const best = [...sales].filter(([style]) => open.has(style)).sort((a, b) => b[1] - a[1]);
  const top = best[0]?.[1] ?? 0;
  return new Set(best.filter(([, score]) => score >= NEAR_EQUAL * top).slice(0, SPREAD_STYLES).map(([style]) => style));
}
