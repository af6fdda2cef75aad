// Fit the person: what a customer's own history says they wear and spend, so a starter never
// offers men's tights to a woman who buys women's running gear, or a size they do not take.
// Everything is read from the product data itself (title and size columns), never hand-labelled.
import type { HistoryLine } from './context.js';
import { topLevel } from './ideas.js';
import { median } from './links.js';

/** Department tokens as products name them in their title ("…, Women's, Navy, M"). */
const DEPARTMENTS = new Set(["men's", "women's", "kids'", "boys'", "girls'"]);
/** One department counts as theirs from this share of their departmental purchases up… */
const DEPARTMENT_SHARE = 0.8;
/** …and only with this many of them: one item is no pattern. */
const DEPARTMENT_MIN = 2;
/** Above this multiple of the most they paid in an interest, a product is out of their band. */
const PRICE_STRETCH = 2;
const PRICE_MIN_LINES = 2;
/**
 * A brand is one they buy when they came back for it: bought on this many days. One purchase of
 * a big brand is chance (on the demo chain one line in 36 is Waypoint, so most customers with a
 * few dozen lines own one), and would put that brand's best seller first for all of them.
 */
const BRAND_DAYS = 2;

export type Misfit = 'department' | 'size' | 'price_band';

export interface PersonProfile {
  /** Their department when the history is clear about it; null when it is not (or they shop for others too). */
  department: string | null;
  /** True when they buy in several departments: a gift or household pattern, said in the reason. */
  buysForOthers: boolean;
  /** Sizes bought, by store department (root category: apparel, footwear), product department and size system. */
  sizes: Map<string, Set<string>>;
  /** Most paid for one unit, by interest. */
  maxPaid: Map<string, { cents: number; lines: number }>;
  /** Share of their purchases by brand, for the brands they bought on BRAND_DAYS days or more. */
  brands: Map<string, number>;
  /** Median unit price they pay, by interest and overall (''). */
  typicalPrice: Map<string, number>;
}

export function departmentOf(title: string): string | null {
  for (const part of title.split(',').slice(1)) {
    const t = part.trim().toLowerCase();
    if (DEPARTMENTS.has(t)) return t;
  }
  return null;
}

/** Letter sizes (S, M/L, XL) and numeric sizes (shoe 9.5) are different systems; capacities are not fit. */
export function sizeSystem(size: string | null | undefined): 'letter' | 'number' | null {
  if (!size) return null;
  if (/^(XXS|XS|S|M|L|XL|XXL|XXXL)(\/(XS|S|M|L|XL|XXL))?$/i.test(size)) return 'letter';
  if (/^\d{1,2}(\.5)?$/.test(size)) return 'number';
  return null;
}

export function personProfile(history: readonly HistoryLine[]): PersonProfile {
  const departments = new Map<string, number>();
  const sizes = new Map<string, Set<string>>();
  const maxPaid = new Map<string, { cents: number; lines: number }>();
  for (const l of history) {
    const d = departmentOf(l.title);
    if (d) departments.set(d, (departments.get(d) ?? 0) + 1);
    if (!l.categoryId) continue;
    const interest = topLevel(l.categoryId);
    const system = sizeSystem(l.size);
    if (system) {
      const key = sizeKey(l.categoryId, d, system);
      (sizes.get(key) ?? sizes.set(key, new Set()).get(key)!).add(l.size!.toUpperCase());
    }
    const m = maxPaid.get(interest) ?? { cents: 0, lines: 0 };
    maxPaid.set(interest, { cents: Math.max(m.cents, l.unitPriceCents), lines: m.lines + 1 });
  }
  const brandDays = new Map<string, Set<string>>();
  for (const l of history) if (l.brand) (brandDays.get(l.brand) ?? brandDays.set(l.brand, new Set()).get(l.brand)!).add(l.placedAt.slice(0, 10));
  const brands = new Map<string, number>();
  for (const l of history) if (l.brand && brandDays.get(l.brand)!.size >= BRAND_DAYS) brands.set(l.brand, (brands.get(l.brand) ?? 0) + 1 / history.length);
  const prices = new Map<string, number[]>();
  for (const l of history) {
    for (const key of ['', l.categoryId ? topLevel(l.categoryId) : null]) if (key !== null) (prices.get(key) ?? prices.set(key, []).get(key)!).push(l.unitPriceCents);
  }
  const typicalPrice = new Map([...prices].map(([k, v]) => [k, median(v)]));
  const total = [...departments.values()].reduce((a, b) => a + b, 0);
  const [top, n] = [...departments].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
  const clear = total >= DEPARTMENT_MIN && n / total >= DEPARTMENT_SHARE;
  return { department: clear ? top : null, buysForOthers: total >= DEPARTMENT_MIN && !clear, sizes, maxPaid, brands, typicalPrice };
}

/** What fit reads from a product: its department, interest and size key. */
interface FitTraits {
  department: string | null;
  interest: string;
  /** `sizes` key of its size system (null: no size system), and its size as bought. */
  sizeKey: string | null;
  size: string;
}

/** Traits of products read lately: the cached best-seller pages are the same objects in every decision. */
const traits = new WeakMap<object, FitTraits>();

function fitTraits(p: { title: string; categoryId: string; size?: string | null }): FitTraits {
  let t = traits.get(p);
  if (!t) {
    const d = departmentOf(p.title);
    const system = sizeSystem(p.size);
    t = { department: d, interest: topLevel(p.categoryId), sizeKey: system ? sizeKey(p.categoryId, d, system) : null, size: (p.size ?? '').toUpperCase() };
    traits.set(p, t);
  }
  return t;
}

/** Why this product contradicts what the person buys, or null when it fits. */
export function misfit(p: { title: string; categoryId: string; priceCents: number; size?: string | null }, person: PersonProfile): Misfit | null {
  const t = fitTraits(p);
  if (t.department && person.department && t.department !== person.department) return 'department';
  if (t.sizeKey) {
    const theirs = person.sizes.get(t.sizeKey);
    if (theirs && !theirs.has(t.size) && !nearSize(t.size, theirs)) return 'size';
  }
  const paid = person.maxPaid.get(t.interest);
  if (paid && paid.lines >= PRICE_MIN_LINES && p.priceCents > PRICE_STRETCH * paid.cents) return 'price_band';
  return null;
}

/**
 * How close a product is to what they buy, for products the item model cannot tell apart
 * (nobody has bought a new arrival yet): a brand they buy, a price near what they pay here.
 * In [0, 2]; 0 for someone without history.
 */
export function closeness(p: { brand: string; categoryId: string; priceCents: number }, person: PersonProfile): number {
  const typical = person.typicalPrice.get(topLevel(p.categoryId)) ?? person.typicalPrice.get('');
  const price = typical && p.priceCents > 0 ? Math.max(0, 1 - Math.abs(Math.log(p.priceCents / typical)) / Math.log(3)) : 0;
  return (person.brands.get(p.brand) ?? 0) + price;
}

/** Where sizes are kept in `PersonProfile.sizes`: by store department, product department and size system. */
function sizeKey(categoryId: string, productDepartment: string | null, system: 'letter' | 'number'): string {
  return `${department(categoryId)}|${productDepartment ?? ''}|${system}`;
}

/** The root of the category tree: one size system runs through all of apparel, all of footwear. */
function department(categoryId: string): string {
  return categoryId.split('/')[0]!;
}

/** Half a shoe size either way still fits (brands run differently). */
function nearSize(size: string, theirs: ReadonlySet<string>): boolean {
  const x = Number(size);
  if (!Number.isFinite(x)) return false;
  for (const s of theirs) if (Math.abs(Number(s) - x) <= 0.5) return true;
  return false;
}
