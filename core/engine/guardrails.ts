// The merchandiser's guardrails as plain predicates. Each returns why a product may not be
// promoted, or null. Every refusal is named so the audit log can say which rule fired.
import type { Guardrails } from './policy.js';

export interface ProductFacts {
  sku: string;
  title: string;
  brand: string;
  categoryId: string;
  priceCents: number;
  costCents: number;
  status: 'active' | 'clearance' | 'discontinued';
  season: 'all' | 'spring' | 'summer' | 'fall' | 'winter';
  launchedAt: string;
  isPartner: boolean;
  /** Variant size (fit the person, person.ts). */
  size?: string | null;
}

export interface StockHere {
  available: number;
  ageMinutes: number;
}

export type Refusal =
  | 'discontinued'
  | 'blocked_category'
  | 'price_gate'
  | 'margin_floor'
  | 'not_stocked_here'
  | 'stock_below_threshold'
  | 'stock_stale';

export function isBlocked(categoryId: string, blocked: readonly string[]): boolean {
  return blocked.some((b) => categoryId === b || categoryId.startsWith(`${b}/`));
}

export function marginOf(p: Pick<ProductFacts, 'priceCents' | 'costCents'>): number {
  return p.priceCents > 0 ? (p.priceCents - p.costCents) / p.priceCents : 0;
}

/** Rules about the product itself, whatever the stock. */
export function productRefusal(p: ProductFacts, g: Guardrails, blocked: readonly string[]): Refusal | null {
  if (p.status === 'discontinued') return 'discontinued';
  if (isBlocked(p.categoryId, blocked)) return 'blocked_category';
  if (p.priceCents < g.minPriceCents) return 'price_gate';
  if (marginOf(p) < g.marginFloor) return 'margin_floor';
  return null;
}

/**
 * Stock at this store must cover the threshold plus a safety buffer, and the count must be
 * fresh: promoting an item the shelf may no longer hold disappoints the customer.
 * `minimum` lowers the bar for messages that are about scarcity itself.
 */
export function stockRefusal(stock: StockHere | null, g: Guardrails, minimum = g.stockThreshold + g.safetyBuffer): Refusal | null {
  if (!stock) return 'not_stocked_here';
  if (stock.ageMinutes > g.inventoryMaxAgeMinutes) {
    // Offline past the limit: the last known count still says what is likely on the shelf, so
    // an item is kept when it clears a larger buffer (and says how old its count is). A replica
    // that never heard from the hub has no count to go on.
    if (!Number.isFinite(stock.ageMinutes)) return 'stock_stale';
    return stock.available < minimum + staleExtraBuffer(g) ? 'stock_stale' : null;
  }
  if (stock.available < minimum) return 'stock_below_threshold';
  return null;
}

/** Extra units required of a count older than the staleness limit: twice the safety buffer, at least 3. */
export function staleExtraBuffer(g: Guardrails): number {
  return Math.max(3, 2 * g.safetyBuffer);
}

export function exclusionApplies(daysSinceBoughtInCategory: number | null, g: Guardrails): boolean {
  return daysSinceBoughtInCategory !== null && daysSinceBoughtInCategory < g.exclusionWindowDays;
}
