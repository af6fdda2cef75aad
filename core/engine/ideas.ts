// Candidate ideas: what a good salesperson might bring up, before any product is chosen.
// Each idea says where its products come from, how relevant it is, and why, in plain words.
import type { IncentiveKind, StarterKind } from '../contract/types.js';
import type { DecisionContext, HistoryLine } from './context.js';
import type { ShopperType } from '../contract/areas/merchTypes.js';
import type { Affinity, Policy } from './policy.js';
import { ALLOWED_INCENTIVES, personalShopperTypes } from './incentives.js';
import { isBlocked } from './guardrails.js';
import { inSeason } from './policy.js';
import type { PickBasis } from './goesWith.js';
import type { FollowLink } from './links.js';
import { median } from './links.js';

export interface Idea {
  kind: StarterKind;
  incentive: IncentiveKind | null;
  /** What the frequency cap counts: the idea, not the product. */
  capKey: string;
  /** Diversification groups starters by the customer's distinct interests. */
  interest: string;
  /** Where products come from: given SKUs first, then a category's best sellers; null = a conversation only. */
  source: { skus?: string[]; categoryId?: string } | null;
  /** How many products the starter shows (default two): their usual may show more. */
  products?: number;
  /** Only products launched within the new-arrival window. */
  newOnly?: boolean;
  relevance: number;
  /** The category of past purchases this idea follows from (exclusion window does not apply to it). */
  replenishes?: boolean;
  /** Scarcity talks about low stock, so it needs only one on the shelf… */
  stockMinimum?: number;
  /** …and may only say "a few left" when that is true. */
  stockMaximum?: number;
  /** Prefer clearance products (bargain hunters). */
  clearanceFirst?: boolean;
  /**
   * The model cannot tell its products apart for this person (no consent, or new arrivals
   * nobody has bought yet): show each customer their own draw from the eligible products that
   * fit them instead of the same best seller to everyone. The number is how many eligible
   * products make a choice worth spreading; with fewer the idea is dropped.
   */
  rotate?: number;
  /** Too few eligible products in the category to rotate: look in its parent too, up to the interest. */
  widen?: boolean;
  text: (product: { title: string } | null) => string;
  reason: string;
  /**
   * The reason made from the products the list actually shows, when they may differ from the
   * idea's first choices (a guardrail refused some) or the idea names only a category (why this
   * product of it: `basis`, goesWith.ts): replaces `reason` once they are known.
   */
  reasonFor?: (shown: readonly { sku: string; title: string }[], basis: PickBasis) => string;
  rules: string[];
}

export interface IdeaInputs {
  ctx: DecisionContext;
  policy: Policy;
  links: ReadonlyMap<string, readonly FollowLink[]>;
  /** Categories people rebuy (learned), with the share of buyers who do. */
  repeatCategories: ReadonlyMap<string, number>;
  categoryName: (id: string | null) => string;
  /** Top categories of this store by sales, for non-personal ideas, in this customer's rotation. */
  storeFavourites: readonly string[];
}

const CHECK_IN_MIN_CENTS = 7500;
/** Follow-ups of a basket item that are worth raising at the till: needed now or within a week. */
const CART_SOON_DAYS = 7;
/** Longer than this between purchases is not a refill (shoes every 10 months are a new pair). */
const MAX_REFILL_GAP_DAYS = 120;
/** Store picks considered per decision (from this customer's rotation of the store's favourites). */
const STORE_PICKS = 4;
/** What a learned follow-up keeps of its relevance long after its usual window. */
const LATE_FOLLOW_UP = 0.5;
/** A refill is due from 85 % of the usual gap up to this many gaps. */
const MAX_OVERDUE = 1.75;

/** Ideas from the customer's own history: only called when personal data may be used. */
export function personalIdeas(inp: IdeaInputs): Idea[] {
  const { ctx, policy } = inp;
  const c = ctx.customer!;
  const ideas: Idea[] = [];
  const lastByCategory = lastPurchaseByCategory(ctx.history);

  // 1. Merchandiser affinities: bought X, and now is the window for Y.
  for (const [categoryId, line] of lastByCategory) {
    for (const a of matchingAffinities(policy, categoryId, ctx)) {
      if (line.daysAgo < a.minDelayDays || line.daysAgo > a.maxDelayDays) continue;
      const mid = (a.minDelayDays + a.maxDelayDays) / 2;
      const span = Math.max(1, (a.maxDelayDays - a.minDelayDays) / 2);
      const timing = 1 - 0.4 * Math.min(1, Math.abs(line.daysAgo - mid) / span);
      ideas.push(
        crossSell(a.toCategoryId, a.skus, a.weight * timing,
          (p) => `Ready for the next step after the ${shortTitle(line.title)}? ${p ? `The ${shortTitle(p.title)} pairs well with it.` : ''}`.trim(),
          `Bought the ${shortTitle(line.title)} ${ago(line.daysAgo)}; ${lower(inp.categoryName(a.toCategoryId))} usually follow ${a.minDelayDays}–${a.maxDelayDays} days later (merchandiser rule${a.note ? `: ${a.note}` : ''}).`,
          [`affinity:${a.id}`]),
      );
    }
  }

  // 2. Learned follow-ups from everyone's order history.
  for (const [categoryId, line] of lastByCategory) {
    if (isBlocked(categoryId, policy.blockedCategories)) continue; // a blocked purchase leads nowhere
    for (const l of inp.links.get(categoryId) ?? []) {
      const window = Math.max(14, 2 * l.medianDelayDays + 7);
      if (lastByCategory.has(l.to)) continue; // they already have one
      // Past the usual window the follow-up is still a new topic to open, only a weaker one.
      const timing = line.daysAgo <= window ? 1 : Math.max(LATE_FOLLOW_UP, window / line.daysAgo);
      ideas.push(
        crossSell(l.to, [], 0.65 * Math.min(1, l.lift / 4) * (0.5 + Math.min(0.5, l.confidence)) * timing,
          (p) => (p ? `Customers who bought ${lower(inp.categoryName(categoryId))} often add ${lower(inp.categoryName(l.to))}, like the ${shortTitle(p.title)}.` : ''),
          `${pct(l.confidence)} of customers who bought ${lower(inp.categoryName(categoryId))} bought ${lower(inp.categoryName(l.to))} within ${window} days (${l.lift.toFixed(1)}× the usual rate); they bought ${shortTitle(line.title)} ${ago(line.daysAgo)}.`,
          [`learned:${categoryId}->${l.to}`]),
      );
    }
  }

  // 3. Replenishment from the customer's own cadence in a category they buy again and again.
  for (const r of repeatPurchases(ctx.history, inp.repeatCategories)) {
    const due = r.daysSinceLast / r.gapDays;
    if (due < 0.85 || due > MAX_OVERDUE) continue; // long overdue: they buy it elsewhere now
    const name = lower(inp.categoryName(r.categoryId));
    ideas.push({
      kind: 'replenishment',
      incentive: null,
      capKey: `replenishment:${r.categoryId}`,
      interest: topLevel(r.categoryId),
      source: { skus: r.skus, categoryId: r.categoryId },
      relevance: 0.95 - 0.2 * Math.min(1, Math.abs(due - 1.1)),
      replenishes: true,
      text: (p) => `Due for more ${name}? ${p ? `The ${shortTitle(p.title)} is on the shelf.` : ''}`.trim(),
      reason: `Buys ${name} about every ${Math.round(r.gapDays)} days (${r.times} times); the last was ${shortTitle(r.lastTitle)}, ${ago(r.daysSinceLast)}.`,
      rules: ['replenishment'],
    });
  }

  // 4. New arrivals in the categories they love most.
  for (const [i, [categoryId, share]] of lovedCategories(ctx.history).slice(0, 3).entries()) {
    if (i === 0 && c.segment === 'vip') continue; // for a VIP, what is new in their favourite category is offered as early access
    ideas.push(
      newArrival(categoryId, 0.35 + 0.35 * share, 'new_arrival', (p) => `Have you seen the new ${shortTitle(p.title)}? Just arrived.`,
        `${pct(share)} of their spend is in ${lower(inp.categoryName(categoryId))}, and there is something new there.`),
    );
  }

  // 5. Check in about a considered recent purchase.
  const recentBig = ctx.history.find((l) => l.daysAgo >= 5 && l.daysAgo <= 21 && l.unitPriceCents >= CHECK_IN_MIN_CENTS);
  if (recentBig) {
    ideas.push({
      kind: 'check_in',
      incentive: null,
      capKey: `check_in:${recentBig.sku}`,
      interest: 'relationship',
      source: null,
      relevance: 0.55,
      text: () => `Ask how the ${shortTitle(recentBig.title)} is working out.`,
      reason: `Bought it ${ago(recentBig.daysAgo)} for ${money(recentBig.unitPriceCents)}; a check-in shows care and surfaces what they need next.`,
      rules: ['check_in'],
    });
  }

  // 6. VIP care and win-back.
  if (c.segment === 'vip') {
    ideas.push({
      kind: 'vip_care',
      incentive: null,
      capKey: 'vip_care',
      interest: 'relationship',
      source: null,
      relevance: 0.7,
      text: () => `Thank ${c.firstName} for being one of our best customers.`,
      reason: `${c.ordersLast365d} orders and ${money(c.monetaryCents)} with us: a top customer.`,
      rules: ['segment:vip'],
    });
  }
  if (c.segment === 'lapsing' && c.lastOrderAt) {
    const days = Math.floor((ctx.now.getTime() - Date.parse(c.lastOrderAt)) / 86_400_000);
    ideas.push({
      kind: 'win_back',
      incentive: null,
      capKey: 'win_back',
      interest: 'relationship',
      source: null,
      relevance: 0.6 + 0.3 * c.churnRisk,
      text: () => `Welcome ${c.firstName} back — it's been a while.`,
      reason: `Used to shop about every ${Math.round(c.usualGapDays ?? 30)} days; last visit ${ago(days)}. A warm welcome matters more than a product today.`,
      rules: ['segment:lapsing'],
    });
  }

  ideas.push(...personalIncentives(inp, lovedCategories(ctx.history)[0]?.[0] ?? null));
  return ideas;
}

/**
 * Ideas from the current cart and the store alone: allowed without personalization consent.
 * `personal`: the customer also gets personal ideas, so the store's picks step back.
 */
export function cartIdeas(inp: IdeaInputs, personal: boolean): Idea[] {
  const { ctx, policy } = inp;
  const ideas: Idea[] = [];
  const cartCategories = new Set(ctx.cart.map((l) => l.categoryId));

  for (const line of ctx.cart) {
    // in-stock alternative: decided later once stock is known (see decide.ts); here the follow-ups
    for (const a of matchingAffinities(policy, line.categoryId, ctx)) {
      if (a.minDelayDays > CART_SOON_DAYS || cartCategories.has(a.toCategoryId)) continue; // what goes with it now or soon
      ideas.push(
        crossSell(a.toCategoryId, a.skus, 0.8 * a.weight,
          (p) => (p ? `Going with the ${shortTitle(line.title)}: the ${shortTitle(p.title)}.` : ''),
          `In the cart: ${shortTitle(line.title)}. Merchandiser rule: ${lower(inp.categoryName(line.categoryId))} → ${lower(inp.categoryName(a.toCategoryId))}.`,
          [`affinity:${a.id}`, 'cart']),
      );
    }
    for (const l of isBlocked(line.categoryId, policy.blockedCategories) ? [] : (inp.links.get(line.categoryId) ?? [])) {
      if (l.medianDelayDays > CART_SOON_DAYS || cartCategories.has(l.to)) continue;
      ideas.push(
        crossSell(l.to, [], 0.55 * Math.min(1, l.lift / 4),
          (p) => (p ? `Most people buying ${lower(inp.categoryName(line.categoryId))} also pick up ${lower(inp.categoryName(l.to))}, like the ${shortTitle(p.title)}.` : ''),
          `In the cart: ${shortTitle(line.title)}. ${pct(l.confidence)} of ${lower(inp.categoryName(line.categoryId))} buyers add ${lower(inp.categoryName(l.to))}.`,
          [`learned:${line.categoryId}->${l.to}`, 'cart']),
      );
    }
  }

  const cartValue = ctx.cart.reduce((s, l) => s + l.priceCents * l.quantity, 0);
  ideas.push(...bigCartIncentives(policy, cartValue));

  // The default experience: what the store is proud of this week. Not for a customer who gets
  // personal ideas: the same best seller for everyone is what a starter must not be.
  // Only as many as a list can show: the rotation already chose which of the favourites.
  for (const [i, categoryId] of (personal ? [] : inp.storeFavourites.slice(0, STORE_PICKS)).entries()) {
    ideas.push({
      kind: 'store_pick',
      incentive: null,
      capKey: `store_pick:${categoryId}`,
      interest: topLevel(categoryId),
      source: { categoryId },
      relevance: 0.3 * (1 - 0.05 * i), // the favourites come in this customer's rotation
      rotate: 9, // each customer sees two of up to eighteen eligible products: the fewer, the more customers see the same one
      widen: true,
      text: (p) => (p ? `One of this store's favourites: the ${shortTitle(p.title)}.` : ''),
      // the interest, not the leaf: a thin leaf's pick may come from next to it (widen)
      reason: `A top seller in ${lower(inp.categoryName(topLevel(categoryId)))}, one of this store's best-selling areas (no personal data used).`,
      rules: ['store_favourite'],
    });
  }
  return ideas;
}

/** The incentives the policy allows for each of this customer's shopper types, each once. */
function personalIncentives(inp: IdeaInputs, lovedCategory: string | null): Idea[] {
  const c = inp.ctx.customer!;
  const out: Idea[] = [];
  const offered = new Set<IncentiveKind>();
  for (const type of personalShopperTypes(c)) {
    for (const kind of inp.policy.incentives[type] ?? []) {
      if (offered.has(kind) || !ALLOWED_INCENTIVES[type].includes(kind)) continue;
      const idea = personalIncentive(inp, kind, type, lovedCategory);
      if (!idea) continue;
      offered.add(kind);
      out.push(idea);
    }
  }
  return out;
}

const WHO: Record<ShopperType, string> = {
  first_timer: 'New customer',
  regular: 'Regular customer',
  vip: 'Top customer',
  lapsing: 'Customer drifting away',
  bargain_hunter: 'Deal-minded customer',
  big_cart: 'Big basket',
};

function personalIncentive(inp: IdeaInputs, kind: IncentiveKind, type: ShopperType, lovedCategory: string | null): Idea | null {
  const c = inp.ctx.customer!;
  const loved = lovedCategory ? lower(inp.categoryName(lovedCategory)) : '';
  switch (kind) {
    case 'free_shipping':
      return incentive('free_shipping', 0.6, () => `Offer free home delivery on anything we don't have on the shelf today.`,
        type !== 'first_timer' ? `${WHO[type]}: free delivery on anything not on the shelf today, without a discount.`
        : c.orderCount === 0 ? 'No purchases yet: free delivery removes the risk of a first order.' : 'First-time customer: free delivery makes the second order easy.');
    case 'early_access':
      if (!lovedCategory) return null;
      return {
        ...incentive('early_access', 0.75, (p) => (p ? `Offer early access: the ${shortTitle(p.title)} before it goes on the floor.` : ''), `${WHO[type]} who loves ${loved}: early access rewards loyalty without a discount.`),
        source: { categoryId: lovedCategory },
        newOnly: true,
      };
    case 'sample':
      // when nothing new passes the guardrails, a sample still says thank you
      return incentive('sample', 0.5, () => 'Offer a sample to take home with today’s purchase.', `${WHO[type]}: a sample rewards loyalty without a discount.`);
    case 'scarcity':
      // Only bargain hunters hear about price, and even then as scarcity, never as a cash discount.
      if (!lovedCategory) return null;
      return {
        ...incentive('scarcity', 0.58, (p) => (p ? `Only a few left of the ${shortTitle(p.title)} at its clearance price.` : ''), `${pct(c.discountShare)} of what they buy is on sale; a last-chance clearance item in ${loved}.`),
        source: { categoryId: lovedCategory },
        clearanceFirst: true,
        stockMinimum: 1,
        stockMaximum: inp.policy.guardrails.stockThreshold + inp.policy.guardrails.safetyBuffer,
      };
    case 'concierge':
      return incentive('concierge', 0.6, () => 'Offer our concierge service: set-up, fitting and a follow-up call.', `${WHO[type]}: concierge service makes the next visit easy.`);
  }
}

/** Incentives for a big basket: known from the cart alone, so allowed without personal data. */
function bigCartIncentives(policy: Policy, cartValue: number): Idea[] {
  const threshold = policy.guardrails.conciergeCartCents;
  if (cartValue < threshold) return [];
  const why = `Cart of ${money(cartValue)} is above ${money(threshold)}.`;
  const out: Idea[] = [];
  for (const kind of policy.incentives.big_cart ?? []) {
    if (!ALLOWED_INCENTIVES.big_cart.includes(kind)) continue;
    if (kind === 'concierge') out.push(incentive('concierge', 0.75, () => 'Offer our concierge service: set-up, fitting and a follow-up call.', why));
    if (kind === 'free_shipping') out.push(incentive('free_shipping', 0.6, () => `Offer free home delivery for today's purchase.`, why));
    if (kind === 'sample') out.push(incentive('sample', 0.5, () => 'Offer a sample to take home with today’s purchase.', why));
  }
  return out;
}

/** Suggest products of `toCategoryId` (or the given SKUs) as what goes with something bought or in the basket. */
function crossSell(toCategoryId: string, skus: string[], relevance: number, text: Idea['text'], reason: string, rules: string[]): Idea {
  return {
    kind: 'cross_sell',
    incentive: null,
    capKey: `cross_sell:${toCategoryId}`,
    interest: topLevel(toCategoryId),
    source: skus.length ? { skus } : { categoryId: toCategoryId },
    relevance,
    text,
    reason,
    // a rule that names only a category ("…also buy socks") says why this product of it
    ...(skus.length ? {} : { reasonFor: (shown: readonly { title: string }[], basis: PickBasis) => [reason, whyThisOne(shown[0]!, basis)].filter(Boolean).join(' ') }),
    rules,
  };
}

function newArrival(categoryId: string, relevance: number, rule: string, say: (p: { title: string }) => string, reason: string): Idea {
  return {
    kind: 'new_arrival',
    incentive: null,
    capKey: `new_arrival:${categoryId}`,
    interest: topLevel(categoryId),
    source: { categoryId },
    newOnly: true,
    rotate: 1,
    relevance,
    text: (p) => (p ? say(p) : ''),
    reason,
    rules: [rule],
  };
}

function incentive(kind: IncentiveKind, relevance: number, text: Idea['text'], reason: string): Idea {
  return { kind: 'incentive', incentive: kind, capKey: `incentive:${kind}`, interest: 'incentive', source: null, relevance, text, reason, rules: [`incentive:${kind}`] };
}

/** Affinities that follow from a purchase in `categoryId` here and today; none from a blocked category (health is nobody's starter). */
function matchingAffinities(policy: Policy, categoryId: string, ctx: DecisionContext): Affinity[] {
  if (isBlocked(categoryId, policy.blockedCategories)) return [];
  return policy.affinities.filter(
    (a) =>
      (categoryId === a.fromCategoryId || categoryId.startsWith(`${a.fromCategoryId}/`)) &&
      inSeason(a, ctx.now) &&
      (a.storeIds.length === 0 || a.storeIds.includes(ctx.storeId)),
  );
}

export function lastPurchaseByCategory(history: readonly HistoryLine[]): Map<string, HistoryLine> {
  const last = new Map<string, HistoryLine>();
  for (const l of history) if (l.categoryId && !last.has(l.categoryId)) last.set(l.categoryId, l); // newest first
  return last;
}

/**
 * A category counts as a refill when at least half its buyers rebuy it within 90 days.
 * (Frequent shoppers rebuy a quarter of any category by chance; consumables stand well above.)
 */
export const MIN_REPEAT_SHARE = 0.5;

/**
 * Repeat categories (by everyone's behaviour) this customer bought on several separate days,
 * with their own usual gap between purchases.
 */
export function repeatPurchases(history: readonly HistoryLine[], repeatCategories: ReadonlyMap<string, number>) {
  const byCategory = new Map<string, HistoryLine[]>();
  for (const l of history) if (l.categoryId) (byCategory.get(l.categoryId) ?? byCategory.set(l.categoryId, []).get(l.categoryId)!).push(l);
  const out: { categoryId: string; skus: string[]; lastTitle: string; gapDays: number; daysSinceLast: number; times: number }[] = [];
  for (const [categoryId, lines] of byCategory) {
    if ((repeatCategories.get(categoryId) ?? 0) < MIN_REPEAT_SHARE) continue; // boots are bought again, but not refilled
    const days = [...new Set(lines.map((l) => l.daysAgo))].sort((a, b) => a - b);
    if (days.length < 2) continue;
    const gapDays = median(days.slice(1).map((d, i) => d - days[i]!));
    if (gapDays < 3 || gapDays > MAX_REFILL_GAP_DAYS) continue;
    out.push({ categoryId, skus: [...new Set(lines.map((l) => l.sku))], lastTitle: lines[0]!.title, gapDays, daysSinceLast: days[0]!, times: days.length });
  }
  return out;
}

/** Categories by share of the customer's spend, biggest first. */
export function lovedCategories(history: readonly HistoryLine[]): [string, number][] {
  const spend = new Map<string, number>();
  let total = 0;
  for (const l of history) {
    if (!l.categoryId) continue;
    const v = l.unitPriceCents * l.quantity;
    spend.set(l.categoryId, (spend.get(l.categoryId) ?? 0) + v);
    total += v;
  }
  return [...spend].map(([k, v]): [string, number] => [k, total ? v / total : 0]).sort((a, b) => b[1] - a[1]);
}

export function topLevel(categoryId: string): string {
  // read for every candidate of every decision: found, not split and joined
  const second = categoryId.indexOf('/', categoryId.indexOf('/') + 1);
  return second < 0 ? categoryId : categoryId.slice(0, second);
}

/** The name people say: the title before its variant details ("Ridgeline 2 Tent, 2-Person, Olive" → "Ridgeline 2 Tent"). */
export function shortTitle(title: string): string {
  const comma = title.indexOf(',');
  return (comma < 0 ? title : title.slice(0, comma)).trim();
}
function lower(s: string): string {
  return s.toLowerCase();
}
function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
function money(cents: number): string {
  return `$${(cents / 100).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
}
export function ago(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  return `${Math.round(days / 30)} months ago`;
}

/**
 * Why this product of the category, in plain words for the starter's reason; nothing for what
 * they bought before (the idea's own reason says so). A drawn best seller never claims a fit.
 */
export function whyThisOne(p: { title: string }, basis: PickBasis): string | null {
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
