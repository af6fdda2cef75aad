// Conflicts and coverage of a policy: rules that can never fire, rules that lose to another
// rule for the same customers, cycles, and categories no rule touches.
import type Database from 'better-sqlite3';
import type { AffinityCycle, MerchAffinity, MerchCheck, MerchPolicy, NeverFires, Shadowing, UncoveredCategory } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { DAY_MS, HISTORY_MONTHS } from '../engine/context.js';
import { isBlocked, productRefusal, type ProductFacts } from '../engine/guardrails.js';
import { inSeason } from '../engine/policy.js';
import { affinityCycles } from '../engine/validate.js';
import { loadReferences, validateDraft } from './validate.js';

/** The engine reads this much history: a window starting later can never be reached. */
const HISTORY_DAYS = Math.floor(HISTORY_MONTHS * 30.5);

/**
 * Sales by category since a time. CROSS JOIN keeps SQLite's loops in this order (orders by time,
 * then their lines): with the statistics `PRAGMA optimize` gathers, it otherwise started from the
 * products and read every order line of the chain (10 s instead of 3.5 s for a year of 1M lines).
 */
export const CATEGORY_SALES_SQL = `
  SELECT p.category_id AS id, sum(ol.quantity * ol.unit_price_cents) AS cents
  FROM orders o CROSS JOIN order_lines ol ON ol.order_id = o.id CROSS JOIN products p ON p.sku = ol.sku
  WHERE o.placed_at >= ? AND o.status = 'completed' GROUP BY p.category_id`;

export function checkPolicy(db: Database.Database, p: MerchPolicy, now: Date): MerchCheck {
  const active = p.affinities.filter((a) => a.active);
  const products = new ProductIndex(db);
  const neverFires: NeverFires[] = [];
  for (const a of p.affinities) {
    const found = whyNeverFires(a, p, products, now);
    if (found) neverFires.push({ affinityId: a.id, ...found });
  }
  const silent = new Set(neverFires.map((n) => n.affinityId));
  return {
    at: now.toISOString(),
    problems: validateDraft(p, loadReferences(db)),
    neverFires,
    shadowed: shadowing(active.filter((a) => !silent.has(a.id))),
    cycles: cycles(active),
    uncovered: uncovered(db, p, now),
  };
}

function whyNeverFires(a: MerchAffinity, p: MerchPolicy, products: ProductIndex, now: Date): Omit<NeverFires, 'affinityId'> | null {
  if (!a.active) return { reason: 'inactive', message: 'Switched off: it is kept but never used.' };
  if (isBlocked(a.fromCategoryId, p.blockedCategories)) return { reason: 'blocked_category', message: `Starts from a blocked category (${a.fromCategoryId}): such purchases lead nowhere.` };
  if (a.skus.length === 0 && isBlocked(a.toCategoryId, p.blockedCategories)) return { reason: 'blocked_category', message: `Leads to a blocked category (${a.toCategoryId}).` };
  if (a.minDelayDays > HISTORY_DAYS) return { reason: 'window_beyond_history', message: `Starts ${a.minDelayDays} days after the purchase; the engine looks back ${HISTORY_DAYS} days.` };
  if (!inSeason(a, now)) return { reason: 'out_of_season_today', message: `Out of season today (${a.seasonStart} to ${a.seasonEnd}).` };

  const candidates = a.skus.length ? a.skus.map((s) => products.bySku(s)).filter((x): x is IndexedProduct => !!x) : products.inCategory(a.toCategoryId);
  const live = candidates.filter((c) => c.facts.status !== 'discontinued');
  if (live.length === 0) return { reason: 'no_products', message: a.skus.length ? 'None of its SKUs is for sale.' : `No product for sale in ${a.toCategoryId}.` };
  const passing = live.filter((c) => productRefusal(c.facts, p.guardrails, p.blockedCategories) === null);
  if (passing.length === 0) {
    return { reason: 'nothing_passes_guardrails', message: `All ${live.length} products are refused by the price gate, margin floor or blocked categories.` };
  }
  const needed = p.guardrails.stockThreshold + p.guardrails.safetyBuffer;
  const stores = a.storeIds.length ? a.storeIds : null;
  if (!passing.some((c) => products.bestStock(c.facts.sku, stores) >= needed)) {
    return { reason: 'no_stock_anywhere', message: `No store${stores ? ' it applies to' : ''} has ${needed} or more of any product it could suggest.` };
  }
  return null;
}

/** Two rules lead to the same category for the same purchase: only the stronger one shows. */
function shadowing(active: MerchAffinity[]): Shadowing[] {
  const out: Shadowing[] = [];
  for (const b of active) {
    for (const a of active) {
      if (a === b || a.toCategoryId !== b.toCategoryId) continue;
      if (!(covers(a.fromCategoryId, b.fromCategoryId) || covers(b.fromCategoryId, a.fromCategoryId))) continue;
      if (!windowsOverlap(a, b) || !seasonsOverlap(a, b) || !storesOverlap(a, b)) continue;
      if (a.weight < b.weight || (a.weight === b.weight && a.id > b.id)) continue; // a is the weaker one: reported from the other side
      const full =
        covers(a.fromCategoryId, b.fromCategoryId) &&
        a.minDelayDays === b.minDelayDays && a.maxDelayDays === b.maxDelayDays &&
        seasonContains(a, b) && storesContain(a, b);
      out.push({
        affinityId: b.id,
        byAffinityId: a.id,
        full,
        message: full
          ? `Never shows: ${a.id} leads to the same category for the same purchases, with at least its weight.`
          : `Shows only where ${a.id} does not apply: both lead to ${b.toCategoryId} for overlapping purchases and days.`,
      });
    }
  }
  return out;
}

function cycles(active: MerchAffinity[]): AffinityCycle[] {
  return affinityCycles(active).map((path) => {
    const ids: string[] = [];
    for (let i = 0; i + 1 < path.length; i++) {
      ids.push(...active.filter((a) => a.fromCategoryId === path[i] && a.toCategoryId === path[i + 1]).map((a) => a.id));
    }
    return { categoryIds: path, affinityIds: ids, message: `Affinities lead in a circle: ${path.join(' → ')}.` };
  });
}

/** Leaf categories with products for sale that no active rule leads from or to, biggest sellers first. */
function uncovered(db: Database.Database, p: MerchPolicy, now: Date): UncoveredCategory[] {
  const since = new Date(now.getTime() - 365 * DAY_MS).toISOString();
  const leaves = statement(db, `SELECT c.id, c.path_name AS pathName FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = c.id)`).all() as {
    id: string;
    pathName: string;
  }[];
  const counts = new Map(
    (statement(db, `SELECT category_id AS id, count(*) AS n FROM products WHERE status != 'discontinued' GROUP BY category_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
  );
  const sales = new Map(
    (
      statement(db, CATEGORY_SALES_SQL).all(since) as { id: string; cents: number }[]
    ).map((r) => [r.id, r.cents]),
  );
  const rows = leaves.map((c) => ({ ...c, products: counts.get(c.id) ?? 0, sales: sales.get(c.id) ?? 0 }));
  const total = rows.reduce((s, r) => s + r.sales, 0) || 1;
  const active = p.affinities.filter((a) => a.active);
  return rows
    .filter((r) => r.products > 0 && !isBlocked(r.id, p.blockedCategories))
    .filter((r) => !active.some((a) => covers(a.fromCategoryId, r.id) || covers(a.toCategoryId, r.id)))
    .map((r) => ({ categoryId: r.id, pathName: r.pathName, products: r.products, salesShare: Math.round((r.sales / total) * 10000) / 10000 }))
    .sort((a, b) => b.salesShare - a.salesShare || a.categoryId.localeCompare(b.categoryId));
}

/** `outer` is `inner` or one of its parents. */
function covers(outer: string, inner: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

function windowsOverlap(a: MerchAffinity, b: MerchAffinity): boolean {
  return a.minDelayDays <= b.maxDelayDays && b.minDelayDays <= a.maxDelayDays;
}

function storesOverlap(a: MerchAffinity, b: MerchAffinity): boolean {
  return a.storeIds.length === 0 || b.storeIds.length === 0 || a.storeIds.some((s) => b.storeIds.includes(s));
}
function storesContain(outer: MerchAffinity, inner: MerchAffinity): boolean {
  return outer.storeIds.length === 0 || (inner.storeIds.length > 0 && inner.storeIds.every((s) => outer.storeIds.includes(s)));
}

/** Days of a (leap) year a season covers; all of them when it has none. */
function seasonDays(a: Pick<MerchAffinity, 'seasonStart' | 'seasonEnd'>): Set<string> {
  const days = new Set<string>();
  for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += DAY_MS) {
    const d = new Date(t);
    if (inSeason(a, d)) days.add(d.toISOString().slice(5, 10));
  }
  return days;
}
function seasonsOverlap(a: MerchAffinity, b: MerchAffinity): boolean {
  if (!a.seasonStart || !b.seasonStart) return true;
  const da = seasonDays(a);
  return [...seasonDays(b)].some((d) => da.has(d));
}
function seasonContains(outer: MerchAffinity, inner: MerchAffinity): boolean {
  if (!outer.seasonStart) return true;
  const d = seasonDays(outer);
  return [...seasonDays(inner)].every((x) => d.has(x));
}

interface IndexedProduct {
  facts: ProductFacts;
}

/** Products and their best stock per store, read once per check. */
class ProductIndex {
  private readonly products: IndexedProduct[];
  private readonly sku = new Map<string, IndexedProduct>();
  private readonly stock = new Map<string, Map<string, number>>();

  constructor(db: Database.Database) {
    this.products = (
      statement(
        db,
        `SELECT sku, title, brand, category_id AS categoryId, price_cents AS priceCents, cost_cents AS costCents, status, season,
                launched_at AS launchedAt, is_partner AS isPartner FROM products`,
      ).all() as (Omit<ProductFacts, 'isPartner'> & { isPartner: number })[]
    ).map((r) => ({ facts: { ...r, isPartner: r.isPartner === 1 } }));
    for (const p of this.products) this.sku.set(p.facts.sku, p);
    for (const r of statement(
      db,
      `SELECT i.sku, i.location_id AS storeId, i.on_hand - i.reserved - i.local_reserved AS available
       FROM inventory i JOIN locations l ON l.id = i.location_id WHERE l.kind = 'store'`,
    ).all() as { sku: string; storeId: string; available: number }[]) {
      (this.stock.get(r.sku) ?? this.stock.set(r.sku, new Map()).get(r.sku)!).set(r.storeId, r.available);
    }
  }

  bySku(sku: string): IndexedProduct | undefined {
    return this.sku.get(sku);
  }

  inCategory(categoryId: string): IndexedProduct[] {
    return this.products.filter((p) => covers(categoryId, p.facts.categoryId));
  }

  /** The most available at any of `stores` (null: any store). */
  bestStock(sku: string, stores: readonly string[] | null): number {
    let best = 0;
    for (const [store, n] of this.stock.get(sku) ?? []) if ((!stores || stores.includes(store)) && n > best) best = n;
    return best;
  }
}
