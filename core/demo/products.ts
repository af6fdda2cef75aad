// Turns the catalog spec into category, product and inventory rows.
// A product is one SKU: a style (brand + line + noun) in one colour and one size.
import { DAY_MS, MINUTE_MS, isoAt, type Season } from './calendar.js';
import { CATALOG, GENERIC_MODELS, type LeafSpec, type RootSpec } from './catalog.js';
import { DC_ID, STORE_IDS } from './chain.js';
import type { Rng } from './random.js';

export interface CategoryRow {
  id: string;
  parentId: string | null;
  name: string;
  pathName: string;
  depth: number;
  sensitive: 0 | 1;
}

export interface Leaf {
  id: string;
  spec: LeafSpec;
  root: RootSpec;
}

export type ProductStatus = 'active' | 'clearance' | 'discontinued';

export interface ProductRow {
  id: number;
  sku: string;
  title: string;
  brand: string;
  categoryId: string;
  priceCents: number;
  costCents: number;
  compareAtCents: number | null;
  color: string | null;
  size: string | null;
  material: string | null;
  partnerLocationId: string | null;
  launchedDay: number;
  launchedAt: string;
  season: Season;
  status: ProductStatus;
  popularity: number;
  updatedAt: string;
}

export interface InventoryRow {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  updatedAt: string;
}

export function buildCategories(): { categories: CategoryRow[]; leaves: Leaf[] } {
  const categories: CategoryRow[] = [];
  const leaves: Leaf[] = [];
  const add = (id: string, parent: CategoryRow | null, name: string, sensitive = false): CategoryRow => {
    const row: CategoryRow = {
      id,
      parentId: parent?.id ?? null,
      name,
      pathName: parent ? `${parent.pathName} > ${name}` : name,
      depth: parent ? parent.depth + 1 : 0,
      sensitive: sensitive ? 1 : 0,
    };
    categories.push(row);
    return row;
  };
  const addLeaf = (root: RootSpec, parent: CategoryRow, spec: LeafSpec): void => {
    const row = add(`${parent.id}/${spec.slug}`, parent, spec.name, spec.sensitive);
    leaves.push({ id: row.id, spec, root });
  };
  for (const root of CATALOG) {
    const rootRow = add(root.slug, null, root.name);
    for (const branch of root.branches) {
      const branchRow = add(`${root.slug}/${branch.slug}`, rootRow, branch.name);
      for (const spec of branch.leaves) addLeaf(root, branchRow, spec);
    }
    for (const spec of root.leaves ?? []) addLeaf(root, rootRow, spec);
  }
  return { categories, leaves };
}

const FIRST_SKU_NUMBER = 10_001;
const CATALOG_YEARS = 3;
const NEW_ARRIVAL_SHARE = 0.03;
const NEW_ARRIVAL_DAYS = 30;

/** The catalog's size at scale 1. */
export function baseSkuCount(leaves: readonly Leaf[]): number {
  return leaves.reduce((sum, l) => sum + l.spec.skus, 0);
}

/** Every SKU of every leaf, in a stable order; ids are 1..n. `scale` multiplies each leaf's depth. */
export function buildProducts(leaves: readonly Leaf[], rng: Rng, anchorDay: number, scale = 1): ProductRow[] {
  const products: ProductRow[] = [];
  let skuNumber = FIRST_SKU_NUMBER;
  for (const leaf of leaves) {
    const r = rng.fork(`catalog:${leaf.id}`);
    const brands = brandsForLeaf(leaf, r);
    const brandWeights = brands.map((_, i) => 1 / Math.pow(i + 1, 0.8));
    const usedStyles = new Set<string>();
    const target = Math.max(1, Math.round(leaf.spec.skus * scale));
    let made = 0;
    while (made < target) {
      const style = newStyle(leaf, r, brands, brandWeights, usedStyles, anchorDay);
      if (!style) break;
      for (const variant of style.variants) {
        skuNumber += r.int(1, 3);
        products.push({
          id: products.length + 1,
          sku: `SKU-${String(skuNumber).padStart(7, '0')}`,
          title: variant.title,
          brand: style.brand,
          categoryId: leaf.id,
          ...variant.prices,
          color: variant.color,
          size: variant.size,
          material: style.material,
          partnerLocationId: style.partnerLocationId,
          launchedDay: style.launchedDay,
          launchedAt: isoAt(style.launchedDay * DAY_MS + 15 * 3600_000),
          season: leaf.spec.season ?? 'all',
          status: style.status,
          popularity: variant.popularity,
          updatedAt: isoAt(style.updatedDay * DAY_MS + 15 * 3600_000),
        });
        made++;
      }
    }
  }
  return products;
}

// Each leaf is carried by a handful of its root's brands, a few of them dominant.
function brandsForLeaf(leaf: Leaf, rng: Rng): string[] {
  const n = Math.min(leaf.root.brands.length, rng.int(6, 12));
  return rng.sample(leaf.root.brands, n);
}

interface Variant {
  title: string;
  color: string | null;
  size: string | null;
  popularity: number;
  prices: { priceCents: number; costCents: number; compareAtCents: number | null };
}

interface Style {
  brand: string;
  material: string | null;
  partnerLocationId: string | null;
  launchedDay: number;
  updatedDay: number;
  status: ProductStatus;
  variants: Variant[];
}

function newStyle(
  leaf: Leaf,
  rng: Rng,
  brands: readonly string[],
  brandWeights: readonly number[],
  used: Set<string>,
  anchorDay: number,
): Style | null {
  const spec = leaf.spec;
  let name = '';
  let brand = '';
  let gender: string | null = null;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 200) return null;
    brand = rng.weighted(brands, brandWeights);
    const line = rng.pick(spec.lines ?? leaf.root.lines);
    const model = spec.lines ? '' : rng.pick(spec.models ?? GENERIC_MODELS);
    const noun = rng.pick(spec.nouns);
    gender = spec.gendered ? rng.pick(["Men's", "Women's"]) : null;
    name = [brand, line, model, noun].filter(Boolean).join(' ');
    const key = `${name}|${gender}`;
    if (!used.has(key)) {
      used.add(key);
      break;
    }
  }

  const isNew = rng.chance(NEW_ARRIVAL_SHARE);
  const launchedDay = isNew ? anchorDay - rng.int(1, NEW_ARRIVAL_DAYS) : anchorDay - rng.int(NEW_ARRIVAL_DAYS + 1, CATALOG_YEARS * 365);
  const age = anchorDay - launchedDay;
  // Markdowns and discontinuations happen to styles that have been around a while.
  const roll = rng.next();
  const status: ProductStatus = age > 120 && roll < 0.07 ? 'clearance' : age > 365 && roll < 0.115 ? 'discontinued' : 'active';
  const updatedDay = status === 'active' ? launchedDay : Math.max(launchedDay, anchorDay - rng.int(1, 90));
  const partnerLocationId = rng.chance(spec.partnerShare ?? 0.14) ? leaf.root.partnerId : null;
  const material = spec.materials ? rng.pick(spec.materials) : null;

  const basePrice = Math.exp(rng.float(Math.log(spec.price[0]), Math.log(spec.price[1])));
  const costRatio = rng.float(0.35, 0.7);
  const markdown = rng.float(0.5, 0.8);
  const stylePopularity = Math.pow(rng.next(), 2.2) * (status === 'discontinued' ? 0.3 : 1);

  const colors = spec.colors ? rng.sample(spec.colors, colorCount(spec, rng)) : [null];
  const sizeIdx = sizeRun(spec, gender, rng);

  const variants: Variant[] = [];
  for (const color of colors) {
    for (const i of sizeIdx) {
      const size = i === null ? null : spec.sizes![i]!;
      const listCents = retailCents(basePrice * (i === null ? 1 : (spec.sizePrice?.[i] ?? 1)));
      const priceCents = status === 'clearance' ? markdownCents(listCents, markdown) : listCents;
      const costCents = Math.min(Math.round(listCents * costRatio), Math.round(priceCents * 0.95));
      const sizeBell = i === null || !spec.sizes ? 1 : bell(sizeIdx.indexOf(i), sizeIdx.length);
      variants.push({
        title: titleOf(name, gender, color, size),
        color,
        size,
        popularity: round4(stylePopularity * sizeBell * rng.float(0.8, 1)),
        prices: { priceCents, costCents, compareAtCents: status === 'clearance' ? listCents : null },
      });
    }
  }
  return { brand, material, partnerLocationId, launchedDay, updatedDay, status, variants };
}

// 'Northpeak Trailhead 2 Tent, 2-Person, Olive'; 'Fieldhouse Ridge Rain Jacket, Women's, Navy, M'.
function titleOf(name: string, gender: string | null, color: string | null, size: string | null): string {
  const parts = gender ? [gender, color, size] : [size, color];
  return [name, ...parts.filter((p): p is string => !!p)].join(', ');
}

function colorCount(spec: LeafSpec, rng: Rng): number {
  if (spec.gendered) return rng.int(2, 3);
  return rng.int(1, 2);
}

/** Indexes into spec.sizes a style comes in (a contiguous run), or [null] when it has no sizes. */
function sizeRun(spec: LeafSpec, gender: string | null, rng: Rng): Array<number | null> {
  const sizes = spec.sizes;
  if (!sizes) return [null];
  if (sizes.length <= 3) return sizes.map((_, i) => i);
  // Men's shoes start larger than women's.
  const span = Math.min(sizes.length, sizes.length > 8 ? rng.int(7, 9) : rng.int(4, sizes.length));
  const from = gender === "Men's" ? sizes.length - span : gender === "Women's" ? 0 : rng.int(0, sizes.length - span);
  return Array.from({ length: span }, (_, k) => from + k);
}

/** Middle sizes sell best. */
function bell(position: number, count: number): number {
  if (count <= 1) return 1;
  const x = (position / (count - 1)) * 2 - 1;
  return 1 - 0.55 * x * x;
}

/** $129.99 above $100, $24.99 below. */
function retailCents(dollars: number): number {
  if (dollars >= 100) return Math.round(dollars / 5) * 500 - 1;
  return Math.max(99, Math.round(dollars) * 100 - 1);
}

/** Clearance prices end in .97, the way stores mark them. */
function markdownCents(listCents: number, factor: number): number {
  return Math.max(97, Math.min(listCents - 100, Math.round((listCents * factor) / 100) * 100 - 3));
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/**
 * Stock for every SKU at each store and the DC (partner-only items only at their partner).
 * S1 has a realistic share of empty and nearly empty shelves so the engine's stock guardrail
 * has something to do.
 */
export function buildInventory(products: readonly ProductRow[], leaves: readonly Leaf[], rng: Rng, anchorMs: number): InventoryRow[] {
  const depthByLeaf = new Map(leaves.map((l) => [l.id, l.spec.stock ?? 6]));
  const r = rng.fork('inventory');
  const rows: InventoryRow[] = [];
  const stamp = (): string => isoAt(anchorMs - r.int(1, 12) * MINUTE_MS);
  for (const p of products) {
    if (p.partnerLocationId) {
      rows.push({ sku: p.sku, locationId: p.partnerLocationId, onHand: r.int(20, 400), reserved: 0, updatedAt: stamp() });
      continue;
    }
    const depth = depthByLeaf.get(p.categoryId) ?? 6;
    for (const storeId of STORE_IDS) {
      const onHand = storeStock(p, depth, storeId === 'S1' ? 0.09 : 0.11, r);
      rows.push({ sku: p.sku, locationId: storeId, onHand, reserved: reservedOf(onHand, r), updatedAt: stamp() });
    }
    const dcOnHand = p.status === 'discontinued' ? (r.chance(0.6) ? 0 : r.int(1, 10)) : r.chance(0.05) ? 0 : r.int(10, depth * 25);
    rows.push({ sku: p.sku, locationId: DC_ID, onHand: dcOnHand, reserved: reservedOf(dcOnHand, r), updatedAt: stamp() });
  }
  return rows;
}

function storeStock(p: ProductRow, depth: number, zeroShare: number, r: Rng): number {
  if (p.status === 'discontinued') return r.chance(0.75) ? 0 : r.int(1, 3);
  const roll = r.next();
  if (roll < zeroShare) return 0;
  if (roll < zeroShare + 0.22) return r.int(1, 4);
  return 5 + Math.floor(Math.pow(r.next(), 1.5) * depth * 2);
}

function reservedOf(onHand: number, r: Rng): number {
  return onHand > 0 && r.chance(0.04) ? r.int(1, Math.min(2, onHand)) : 0;
}
