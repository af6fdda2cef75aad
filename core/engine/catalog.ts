import type Database from 'better-sqlite3';
import type { StarterProduct } from '../contract/types.js';
import { DAY_MS } from './context.js';
import type { ProductFacts, StockHere } from './guardrails.js';
import { statement } from '../db/statements.js';
import { shortTitle } from './ideas.js';
import { isInventoryStale, stockAgeMinutes } from '../device/freshness.js';
import { StockCache } from './stockCache.js';

const PRODUCT_COLUMNS = `sku, title, brand, category_id AS categoryId, price_cents AS priceCents, cost_cents AS costCents,
  status, season, launched_at AS launchedAt, is_partner AS isPartner, size`;

export const CATEGORY_TOP_SQL = `
  SELECT ${PRODUCT_COLUMNS} FROM products
  WHERE category_id = ? AND status != 'discontinued'
  ORDER BY popularity DESC LIMIT ? OFFSET ?`;

export const CATEGORY_NEW_SQL = `
  SELECT ${PRODUCT_COLUMNS} FROM products
  WHERE category_id = ? AND launched_at >= ? AND status != 'discontinued'
  ORDER BY popularity DESC LIMIT ? OFFSET ?`;

/** [offset, size] per page: the 8 best sellers first, then the next 24, then 64 more… */
const PAGES = [
  [0, 8],
  [8, 24],
  [32, 64],
] as const;
/** …then 64 at a time, read only when a pool needs more styles (a boot in 20 sizes fills a page alone). */
const MORE_PAGE = 64;

function* pagesOf(): Generator<readonly [number, number]> {
  yield* PAGES;
  const [offset, size] = PAGES[PAGES.length - 1]!;
  for (let next = offset + size; ; next += MORE_PAGE) yield [next, MORE_PAGE];
}

export const ELSEWHERE_SQL = `
  SELECT i.location_id AS locationId, l.name AS locationName, l.kind, i.on_hand - i.reserved - i.local_reserved AS available,
         l.lead_time_days AS leadTimeDays
  FROM inventory i JOIN locations l ON l.id = i.location_id
  WHERE i.sku = ? AND i.location_id != ? AND i.on_hand - i.reserved - i.local_reserved > 0
  ORDER BY l.lead_time_days, available DESC LIMIT 1`;

/**
 * Read access to products and stock for one decision. Prepared statements and the
 * category tree are built once per engine and reused for every decision.
 */
export class Catalog {
  private readonly topOf: Database.Statement;
  private readonly newOf: Database.Statement;
  private readonly stock: StockCache;
  private readonly elsewhereOf: Database.Statement;
  private readonly productOf: Database.Statement;
  private leavesCache = new Map<string, string[]>();
  private readonly names: Map<string, string>;

  private ageAt: { now: number; minutes: number } | null = null;
  /** Best-seller pages by leaf, launch cut-off and offset; valid until the catalog syncs again. */
  private pages = new Map<string, ProductFacts[]>();
  /** `bestStyles` lists, cached and dropped with the pages: every decision reads the same few. */
  private styleLists = new Map<string, ProductFacts[]>();
  private pagesStamp: string | null | undefined = undefined;
  /** Launch cut-offs whose pages `warm` has read ('' = all products). */
  private warmedSince = new Set<string>();

  /**
   * `standalone`: no hub feeds this replica (the built-in demo), so its counts are the only
   * truth there is and never go stale. With a hub, stock is as old as the last inventory pull.
   */
  constructor(
    private readonly db: Database.Database,
    private readonly options: { standalone: boolean } = { standalone: false },
  ) {
    this.topOf = statement(db, CATEGORY_TOP_SQL);
    this.newOf = statement(db, CATEGORY_NEW_SQL);
    this.stock = new StockCache(db);
    this.elsewhereOf = statement(db, ELSEWHERE_SQL);
    this.productOf = statement(db, `SELECT ${PRODUCT_COLUMNS} FROM products WHERE sku = ?`);
    this.names = new Map(
      (statement(db, `SELECT id, name FROM categories`).all() as { id: string; name: string }[]).map((c) => [c.id, c.name]),
    );
  }

  categoryIds(): string[] {
    return [...this.names.keys()];
  }

  categoryName(id: string | null): string {
    return (id && this.names.get(id)) ?? 'this category';
  }

  /** The category itself when it holds products, else its leaves (affinities may name a parent). */
  leavesOf(categoryId: string): string[] {
    let leaves = this.leavesCache.get(categoryId);
    if (!leaves) {
      const prefix = `${categoryId}/`;
      const under = [...this.names.keys()].filter((id) => id.startsWith(prefix));
      const parents = new Set(under.map((id) => id.slice(0, id.lastIndexOf('/'))));
      leaves = [categoryId, ...under].filter((id) => !parents.has(id) || id === categoryId);
      this.leavesCache.set(categoryId, leaves);
    }
    return leaves;
  }

  /**
   * Best sellers of a category (and its leaves), most popular first; only those launched
   * since `since` if given. Read in small pages: a starter usually needs the first two that pass.
   */
  *topProducts(categoryId: string, since: string | null = null): Generator<ProductFacts> {
    const leaves = this.leavesOf(categoryId);
    for (const [offset, size] of pagesOf()) {
      const lists = leaves.map((leaf) => this.page(leaf, since, offset, size));
      // interleave leaves so one sub-category cannot crowd out the rest
      for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) yield l[i]!;
      if (lists.every((l) => l.length < size)) return; // the category has no more
    }
  }

  /**
   * `topProducts` up to the first `styles` styles (a jacket in ten sizes is one style): the
   * category's best-seller pool that every customer's candidates are ranked from.
   */
  bestStyles(categoryId: string, since: string | null, styles: number): readonly ProductFacts[] {
    const key = `${categoryId}|${since ?? ''}|${styles}`;
    let list = this.styleLists.get(key);
    if (!list) {
      list = [];
      const seen = new Set<string>();
      for (const p of this.topProducts(categoryId, since)) {
        seen.add(styleOf(p));
        if (seen.size > styles) break;
        list.push(p);
      }
      this.styleLists.set(key, list);
    }
    return list;
  }

  /**
   * The product pages only change when the catalog syncs; stock is as the table says at each
   * read (StockCache keeps only figures that have not changed since).
   * Call once per decision: drops cached pages when a catalog pull has landed since.
   */
  checkCatalogVersion(): void {
    const row = statement(this.db, `SELECT last_success_at AS at FROM sync_state WHERE stream = 'catalog'`).get() as { at: string | null } | undefined;
    if (row?.at !== this.pagesStamp) {
      this.pages.clear();
      this.styleLists.clear();
      this.warmedSince.clear();
      this.pagesStamp = row?.at;
      this.warm(null);
    }
  }

  /**
   * Reads every category's best-seller pages at once (for new arrivals: once per launch cut-off,
   * that is once a day), so no decision pays for the first read of a category's pages (that was
   * the latency tail). The same reads `page` makes, so the same rows; bounded by PAGES: at most
   * 96 products a category.
   */
  private warm(since: string | null): void {
    this.warmedSince.add(since ?? '');
    const leaves = statement(this.db, `SELECT DISTINCT category_id AS id FROM products`).all() as { id: string }[];
    for (const { id: leaf } of leaves) {
      for (const [offset, size] of PAGES) this.page(leaf, since, offset, size);
    }
  }

  private page(leaf: string, since: string | null, offset: number, size: number): ProductFacts[] {
    if (!this.warmedSince.has(since ?? '')) this.warm(since);
    const key = `${leaf}|${since ?? ''}|${offset}`;
    let rows = this.pages.get(key);
    if (!rows) {
      rows = ((since ? this.newOf.all(leaf, since, size, offset) : this.topOf.all(leaf, size, offset)) as RawProduct[]).map(toFacts);
      this.pages.set(key, rows);
    }
    return rows;
  }

  categoryPath(id: string): string {
    return (statement(this.db, `SELECT path_name AS p FROM categories WHERE id = ?`).get(id) as { p: string } | undefined)?.p ?? id;
  }

  product(sku: string): ProductFacts | null {
    const r = this.productOf.get(sku) as RawProduct | undefined;
    return r ? toFacts(r) : null;
  }

  stockHere(sku: string, storeId: string, now: Date): StockHere | null {
    return this.stockHereMany([sku], storeId, now).get(sku)!;
  }

  /** `stockHere` of several SKUs in one read; a SKU without a row here maps to null. */
  stockHereMany(skus: readonly string[], storeId: string, now: Date): Map<string, StockHere | null> {
    const out = new Map<string, StockHere | null>();
    if (skus.length === 0) return out;
    const ageMinutes = this.inventoryAgeMinutes(now);
    for (const [sku, available] of this.stock.available(storeId, skus)) out.set(sku, available === null ? null : { available, ageMinutes });
    return out;
  }

  /** How old this store's stock figures are: the older of the last pull and the store system's newest count (Infinity: never pulled). */
  inventoryAgeMinutes(now: Date): number {
    if (this.ageAt?.now !== now.getTime()) {
      this.ageAt = { now: now.getTime(), minutes: stockAgeMinutes(this.db, now, !this.options.standalone) };
    }
    return this.ageAt.minutes;
  }

  describe(p: ProductFacts, storeId: string, stock: StockHere | null, now: Date, newWindowDays: number): StarterProduct {
    const availableHere = Math.max(0, stock?.available ?? 0);
    const elsewhere = availableHere > 0 ? null : ((this.elsewhereOf.get(p.sku, storeId) as StarterProduct['elsewhere'] | undefined) ?? null);
    return {
      sku: p.sku,
      title: p.title,
      brand: p.brand,
      priceCents: p.priceCents,
      availableHere,
      elsewhere,
      isNew: isNewArrival(p, now, newWindowDays),
      isClearance: p.status === 'clearance',
      // A count older than the stale flag says when it was taken ("stock as of 14:05").
      ...(stock && isInventoryStale(stock.ageMinutes) && Number.isFinite(stock.ageMinutes)
        ? { stockAsOf: new Date(now.getTime() - stock.ageMinutes * 60_000).toISOString() }
        : {}),
    };
  }
}

/** Styles of products read lately: the cached best-seller pages are the same objects in every decision. */
const styles = new WeakMap<ProductFacts, string>();

/** A product's style (its short title: a jacket in ten sizes is one style), worked out once per product read. */
export function styleOf(p: ProductFacts): string {
  let style = styles.get(p);
  if (style === undefined) styles.set(p, (style = shortTitle(p.title)));
  return style;
}

export function isNewArrival(p: Pick<ProductFacts, 'launchedAt'>, now: Date, windowDays: number): boolean {
  const age = (now.getTime() - Date.parse(p.launchedAt)) / DAY_MS;
  return age >= 0 && age <= windowDays;
}

type RawProduct = Omit<ProductFacts, 'isPartner'> & { isPartner: number };
function toFacts(r: RawProduct): ProductFacts {
  return { ...r, isPartner: r.isPartner === 1 };
}
