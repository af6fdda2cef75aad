// Which of a category's products one customer is offered. An idea such as "people who buy
// running shoes also buy socks" names a category, not a product: left to popularity alone,
// every runner would be shown the same best-selling sock. So the customer's own signals come
// first (the item model's follow-ups of what they bought, fit), and only when nothing personal
// separates the category's near-equal best sellers is each customer given their own draw of
// them (a stable hash), so that no one product is in front of everyone.
//
// The best sellers are ranked as styles (a boot in twenty sizes is one choice), once per pool
// and item model; a customer's decision looks at sizes only in the styles it walks into.
import { hash32 } from './assignment.js';
import type { ProductFacts } from './guardrails.js';
import { styleOf } from './catalog.js';

/** One of the customer's own candidates (bought before, or a learned follow-up), scored for them. */
export interface RankedProduct {
  p: ProductFacts;
  /** The item model's score (rank.ts): a personal signal, else the popularity prior. */
  score: number;
  signal: 'repeat' | 'follow_up' | 'popular';
  /** How close it is to what they buy (person.ts `closeness`, 0 without a history): orders equal scores. */
  close: number;
}

/** A style of a category's best-seller pool. */
export interface PoolStyle {
  style: string;
  /** Its sizes and colours in the pool with their popularity prior, best-selling first. */
  products: readonly { p: ProductFacts; prior: number }[];
  /** Its products' priors summed: a boot sells as all its sizes together. */
  sales: number;
}

/** What the order needs to know about the customer in front of the associate. */
export interface ForCustomer {
  /** Draws the near-equal best sellers for this customer (same customer, same day, same draw). */
  seed: string;
  /** False for a product their history contradicts (person.ts `misfit`). */
  fits(p: ProductFacts): boolean;
  /** Share of their purchases in this product's brand (0 without a history). */
  brand(p: ProductFacts): number;
  /** person.ts `closeness` (0 without a history): orders styles that sell equally. */
  close(p: ProductFacts): number;
}

/**
 * Why a product is where it is, so its starter's reason can say so honestly:
 * 'their_own' bought before, 'follow_up' a learned next buy after what they bought, 'brand' a
 * best seller of a brand they buy more than the others', 'near_equal' one of the best sellers
 * that sell alike (drawn for this customer: nothing personal), 'best_seller' a less sold one.
 */
export type PickBasis = 'their_own' | 'follow_up' | 'brand' | 'near_equal' | 'best_seller';

const OWN_BASIS = { repeat: 'their_own', follow_up: 'follow_up', popular: 'best_seller' } as const satisfies Record<RankedProduct['signal'], PickBasis>;

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

/** A pool's products as styles, best-selling style first (ties keep the pool's order). The same for every customer. */
export function poolStyles(products: readonly ProductFacts[], prior: (p: ProductFacts) => number): PoolStyle[] {
  const byStyle = new Map<string, { p: ProductFacts; prior: number }[]>();
  for (const p of products) {
    const style = styleOf(p);
    (byStyle.get(style) ?? byStyle.set(style, []).get(style)!).push({ p, prior: prior(p) });
  }
  return [...byStyle]
    .map(([style, xs]) => {
      xs.sort((a, b) => b.prior - a.prior);
      return { style, products: xs, sales: xs.reduce((n, x) => n + x.prior, 0) };
    })
    .sort((a, b) => b.products[0]!.prior - a.products[0]!.prior);
}

/**
 * The products in the order one customer is offered them: their own candidates first (best
 * score first), then the near-equal best-selling styles by the brand they buy, ties drawn per
 * customer, then the other styles by their best seller in a size that fits. A style's sizes come
 * together, best-selling first.
 */
export function orderForCustomer(own: readonly RankedProduct[], pool: readonly PoolStyle[], customer: ForCustomer): { p: ProductFacts; basis: PickBasis }[] {
  const out = [...own].sort((a, b) => b.score - a.score || b.close - a.close).map((r) => ({ p: r.p, basis: OWN_BASIS[r.signal] as PickBasis }));
  const taken = new Set(own.map((r) => r.p.sku));
  // each style as this customer can be offered it: its products not already theirs, and the
  // best-selling one that fits them (a boot sells best in 9, but they wear 11)
  const styles = pool.map((s) => {
    const offered = s.products.filter((x) => !taken.has(x.p.sku));
    return { s, offered, fit: offered.find((x) => customer.fits(x.p)) };
  });

  const near = nearEqualStyles(styles.filter((x) => x.fit !== undefined).map((x) => x.s));
  // brand step and draw once per style, not per comparison
  const group = styles
    .filter((x) => near.has(x.s))
    .map((x, i) => ({ ...x, i, step: Math.ceil(customer.brand(x.fit!.p) * BRAND_STEPS), draw: hash32(`${customer.seed}:${x.s.style}`) }))
    .sort((a, b) => b.step - a.step || a.draw - b.draw || a.i - b.i);
  const lowest = Math.min(...group.map((g) => g.step));
  for (const g of group) for (const { p } of g.offered) out.push({ p, basis: g.step > lowest ? 'brand' : 'near_equal' });

  // the other styles by their best seller that fits (none fitting: last), then how close it is to what they buy
  const rest = styles.filter((x) => !near.has(x.s)).map((x) => ({ ...x, best: x.fit?.prior ?? -1, close: x.fit ? customer.close(x.fit.p) : 0 }));
  rest.sort((a, b) => b.best - a.best || b.close - a.close);
  for (const x of rest) for (const { p } of x.offered) out.push({ p, basis: 'best_seller' });
  return out;
}

/**
 * The best-selling styles that sell alike, among those the customer can be offered (`open`): a
 * women's boot for a man would be refused, and would only take the place of one he could be shown.
 */
function nearEqualStyles(open: readonly PoolStyle[]): Set<PoolStyle> {
  const best = [...open].sort((a, b) => b.sales - a.sales);
  const top = best[0]?.sales ?? 0;
  return new Set(best.filter((s) => s.sales >= NEAR_EQUAL * top).slice(0, SPREAD_STYLES));
}
