// Eighteen months of store and online orders, simulated customer by customer so the history has
// the structure the offer engine looks for: follow-up purchases (tent → sleeping bag a few weeks
// later), per-customer replenishment cadences (beans every ~3 weeks), seasonality, and shoppers
// who behave like VIPs, lapsing regulars, bargain hunters and first-timers.
import { DAY_MS, monthOfDay, seasonalWeight, utcOffsetHours } from './calendar.js';
import { LEAF, type LeafSpec } from './catalog.js';
import { DC_ID, REGISTERS, STORE_IDS, locationById, sellingStaff, type StoreId } from './chain.js';
import type { ScriptedOrder } from './fixtures.js';
import type { CustomerPlan, Persona } from './people.js';
import type { Leaf, ProductRow } from './products.js';
import type { Rng } from './random.js';

export const HISTORY_DAYS = 548; // 18 months

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
}

export type Channel = 'store' | 'online' | 'endless_aisle';

export interface DemoOrder {
  id: string;
  customerId: string | null;
  channel: Channel;
  locationId: string;
  registerId: string | null;
  associateId: string | null;
  placedMs: number;
  status: 'completed' | 'returned';
  lines: OrderLine[];
}

// --- what people like ----------------------------------------------------------------------------

type Interest = 'camper' | 'hiker' | 'runner' | 'climber' | 'cyclist' | 'coffee' | 'homebody' | 'casual' | 'winter';

const INTERESTS: Record<Interest, { share: number; leaves: Partial<Record<string, number>> }> = {
  camper: {
    share: 0.22,
    leaves: {
      [LEAF.tents]: 3, [LEAF.sleepingBags]: 1.6, [LEAF.sleepingPads]: 1.4, [LEAF.campStoves]: 1.6, [LEAF.campFurniture]: 1.2,
      [LEAF.coolers]: 1, [LEAF.lanterns]: 1, [LEAF.campKitchen]: 1.2, [LEAF.headlamps]: 0.8, [LEAF.waterFilters]: 0.6,
      [LEAF.firstAid]: 0.4, [LEAF.personalCare]: 0.3,
    },
  },
  hiker: {
    share: 0.2,
    leaves: {
      [LEAF.backpacks]: 2, [LEAF.daypacks]: 2, [LEAF.hikingBoots]: 2.5, [LEAF.hikingShoes]: 1.2, [LEAF.trekkingPoles]: 1,
      [LEAF.headlamps]: 1, [LEAF.waterFilters]: 1, [LEAF.waterBottles]: 1.2, [LEAF.hikingPants]: 1.5, [LEAF.baseLayers]: 1.2,
      [LEAF.rainJackets]: 1.5, [LEAF.socks]: 0.8, [LEAF.softshells]: 0.8, [LEAF.hats]: 0.8, [LEAF.firstAid]: 0.5,
    },
  },
  runner: {
    share: 0.16,
    leaves: {
      [LEAF.runningShoes]: 3, [LEAF.trailRunningShoes]: 2, [LEAF.socks]: 1, [LEAF.tShirts]: 1.5, [LEAF.shorts]: 1.5,
      [LEAF.leggings]: 1.5, [LEAF.hats]: 0.6, [LEAF.waterBottles]: 0.8, [LEAF.insoles]: 0.4, [LEAF.personalCare]: 0.3,
    },
  },
  climber: {
    share: 0.05,
    leaves: {
      [LEAF.harnesses]: 1.5, [LEAF.ropes]: 1, [LEAF.carabiners]: 2, [LEAF.chalk]: 2, [LEAF.hikingShoes]: 1, [LEAF.tShirts]: 1,
      [LEAF.hikingPants]: 1, [LEAF.daypacks]: 0.8,
    },
  },
  cyclist: {
    share: 0.06,
    leaves: {
      [LEAF.bikeHelmets]: 2, [LEAF.bikeLights]: 2, [LEAF.baseLayers]: 1, [LEAF.gloves]: 1, [LEAF.waterBottles]: 1.5,
      [LEAF.softshells]: 0.8, [LEAF.sneakers]: 0.6,
    },
  },
  coffee: {
    share: 0.16,
    leaves: {
      [LEAF.coffeeMakers]: 1.2, [LEAF.espressoMachines]: 0.9, [LEAF.grinders]: 1, [LEAF.coffeeBeans]: 2.5, [LEAF.tea]: 1, [LEAF.mugs]: 2,
    },
  },
  homebody: {
    share: 0.12,
    leaves: {
      [LEAF.candles]: 3, [LEAF.throwBlankets]: 2, [LEAF.mugs]: 1.2, [LEAF.planters]: 1.5, [LEAF.slippers]: 1.5, [LEAF.hoodies]: 1,
      [LEAF.tea]: 1, [LEAF.castIron]: 1,
    },
  },
  casual: {
    share: 0.18,
    leaves: {
      [LEAF.tShirts]: 3, [LEAF.hoodies]: 2, [LEAF.flannel]: 1.5, [LEAF.sneakers]: 2, [LEAF.hats]: 1, [LEAF.shorts]: 1.2,
      [LEAF.sandals]: 1.2, [LEAF.leggings]: 1, [LEAF.fleece]: 1,
    },
  },
  winter: {
    share: 0.12,
    leaves: {
      [LEAF.insulatedJackets]: 2.5, [LEAF.fleece]: 2, [LEAF.beanies]: 2, [LEAF.gloves]: 2, [LEAF.baseLayers]: 2, [LEAF.socks]: 1,
      [LEAF.slippers]: 0.8, [LEAF.vests]: 1,
    },
  },
};
const INTEREST_NAMES = Object.keys(INTERESTS) as Interest[];
const INTEREST_SHARES = INTEREST_NAMES.map((i) => INTERESTS[i].share);

/**
 * What people buy after buying something: `delay` in days, 0 meaning in the same basket.
 * These mirror the merchandiser affinities of the demo policy, so the engine finds them in the data.
 */
interface FollowUp {
  to: string;
  probability: number;
  delay: readonly [number, number];
}

const FOLLOW_UPS: Partial<Record<string, readonly FollowUp[]>> = {
  [LEAF.tents]: [
    { to: LEAF.sleepingBags, probability: 0.55, delay: [7, 28] },
    { to: LEAF.sleepingPads, probability: 0.45, delay: [5, 30] },
    { to: LEAF.headlamps, probability: 0.2, delay: [0, 30] },
  ],
  [LEAF.campStoves]: [{ to: LEAF.fuel, probability: 0.65, delay: [0, 12] }],
  [LEAF.runningShoes]: [{ to: LEAF.socks, probability: 0.6, delay: [0, 14] }],
  [LEAF.trailRunningShoes]: [{ to: LEAF.socks, probability: 0.6, delay: [0, 14] }],
  [LEAF.hikingBoots]: [
    { to: LEAF.socks, probability: 0.6, delay: [0, 21] },
    { to: LEAF.insoles, probability: 0.35, delay: [0, 30] },
  ],
  [LEAF.backpacks]: [
    { to: LEAF.headlamps, probability: 0.25, delay: [0, 30] },
    { to: LEAF.waterFilters, probability: 0.25, delay: [0, 45] },
  ],
  [LEAF.espressoMachines]: [{ to: LEAF.coffeeBeans, probability: 0.9, delay: [0, 7] }],
  [LEAF.coffeeMakers]: [{ to: LEAF.coffeeBeans, probability: 0.75, delay: [0, 7] }],
  [LEAF.grinders]: [{ to: LEAF.coffeeBeans, probability: 0.6, delay: [0, 10] }],
  [LEAF.insulatedJackets]: [
    { to: LEAF.beanies, probability: 0.3, delay: [0, 21] },
    { to: LEAF.gloves, probability: 0.3, delay: [0, 21] },
  ],
  [LEAF.harnesses]: [
    { to: LEAF.chalk, probability: 0.5, delay: [0, 14] },
    { to: LEAF.carabiners, probability: 0.5, delay: [0, 14] },
  ],
};

/** Consumables a customer keeps buying at their own pace once they have started. */
const REPLENISH: Partial<Record<string, { cadence: readonly [number, number]; keep: number; months?: readonly number[] }>> = {
  [LEAF.coffeeBeans]: { cadence: [17, 28], keep: 0.85 },
  [LEAF.fuel]: { cadence: [30, 60], keep: 0.55, months: [3, 4, 5, 6, 7, 8] },
  [LEAF.socks]: { cadence: [75, 130], keep: 0.45 },
  [LEAF.candles]: { cadence: [40, 75], keep: 0.5 },
  [LEAF.tea]: { cadence: [30, 50], keep: 0.6 },
  [LEAF.chalk]: { cadence: [45, 90], keep: 0.5 },
};

interface PersonaSpec {
  /** Median days between visits, drawn once per customer from this range. */
  gap: readonly [number, number];
  sigma: number;
  basket: readonly [number, number];
  /** Share of full-price lines bought with a coupon. */
  promo: number;
  /** Share of lines picked from the clearance rack. */
  clearance: number;
}

const PERSONAS: Record<Exclude<Persona, 'prospect'>, PersonaSpec> = {
  vip: { gap: [9, 16], sigma: 0.45, basket: [2, 5], promo: 0.04, clearance: 0.02 },
  regular: { gap: [28, 80], sigma: 0.6, basket: [1, 3], promo: 0.06, clearance: 0.04 },
  occasional: { gap: [0, 0], sigma: 0, basket: [1, 3], promo: 0.08, clearance: 0.05 },
  lapsing: { gap: [12, 30], sigma: 0.45, basket: [1, 3], promo: 0.06, clearance: 0.04 },
  bargain: { gap: [18, 40], sigma: 0.5, basket: [2, 4], promo: 0.7, clearance: 0.55 },
  first_timer: { gap: [0, 0], sigma: 0, basket: [1, 3], promo: 0.1, clearance: 0.05 },
};

// --- products to pick from -----------------------------------------------------------------------

/** Products of one leaf ordered by launch, so "what existed on that day" is a prefix. */
class Pool {
  private readonly launch: Int32Array;
  private readonly cumulative: Float64Array;

  constructor(private readonly products: ProductRow[]) {
    products.sort((a, b) => a.launchedDay - b.launchedDay || a.id - b.id);
    this.launch = Int32Array.from(products, (p) => p.launchedDay);
    this.cumulative = new Float64Array(products.length);
    let sum = 0;
    products.forEach((p, i) => (this.cumulative[i] = sum += 0.03 + p.popularity));
  }

  /** A product launched before `day`, popular ones more often. */
  pick(day: number, r: Rng): ProductRow | null {
    const available = upperBound(this.launch, day - 1);
    if (available === 0) return null;
    const u = r.next() * this.cumulative[available - 1]!;
    let lo = 0;
    let hi = available - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.products[lo]!;
  }
}

function upperBound(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface LeafPools {
  spec: LeafSpec;
  /** Regular-price items on the shelves (not partner-only). */
  store: Pool;
  /** Everything sellable online, partner items included. */
  online: Pool;
  clearanceStore: Pool;
  clearanceOnline: Pool;
}

function buildPools(leaves: readonly Leaf[], products: readonly ProductRow[]): Map<string, LeafPools> {
  const byLeaf = new Map<string, ProductRow[]>();
  for (const p of products) {
    const list = byLeaf.get(p.categoryId) ?? [];
    list.push(p);
    byLeaf.set(p.categoryId, list);
  }
  const pools = new Map<string, LeafPools>();
  for (const leaf of leaves) {
    const all = byLeaf.get(leaf.id) ?? [];
    const regular = all.filter((p) => p.status !== 'clearance');
    const clearance = all.filter((p) => p.status === 'clearance');
    pools.set(leaf.id, {
      spec: leaf.spec,
      store: new Pool(regular.filter((p) => !p.partnerLocationId)),
      online: new Pool(regular.slice()),
      clearanceStore: new Pool(clearance.filter((p) => !p.partnerLocationId)),
      clearanceOnline: new Pool(clearance.slice()),
    });
  }
  return pools;
}

// --- the simulation ------------------------------------------------------------------------------

interface Item {
  leaf: string;
  product?: ProductRow;
  /** A planned refill; void if the customer restocked some other way in the meantime. */
  refill?: number;
}

interface Visit {
  day: number;
  /** A visit the customer planned (browse and pick a basket), not just a follow-up purchase. */
  base: boolean;
  items: Item[];
}

interface Sim {
  pools: Map<string, LeafPools>;
  anchorDay: number;
  anchorMs: number;
  firstDay: number;
  /** Multiplies how often people shop (1 = the demo's natural pace). */
  frequency: number;
  /** Leaves weighted by catalog breadth, for walk-ins and off-interest picks. */
  globalLeaves: string[];
  globalWeights: number[];
  orders: Omit<DemoOrder, 'id'>[];
}

export function buildOrders(
  customers: readonly CustomerPlan[],
  leaves: readonly Leaf[],
  products: readonly ProductRow[],
  rng: Rng,
  anchorDay: number,
  onCustomer?: (done: number) => void,
  frequency = 1,
): DemoOrder[] {
  const sim: Sim = {
    frequency,
    pools: buildPools(leaves, products),
    anchorDay,
    anchorMs: anchorDay * DAY_MS,
    firstDay: anchorDay - HISTORY_DAYS,
    globalLeaves: leaves.map((l) => l.id),
    globalWeights: leaves.map((l) => Math.sqrt(l.spec.skus) * (l.spec.repeat === 1 ? 2 : 1)),
    orders: [],
  };
  customers.forEach((c, i) => {
    const r = rng.fork(`orders:${c.id}`);
    if (c.script) scripted(sim, c, c.script, r);
    else if (c.persona !== 'prospect') simulate(sim, c, r);
    if (onCustomer && (i + 1) % 250 === 0) onCustomer(i + 1);
  });
  walkIns(sim, rng.fork('walk-ins'));

  // Ids follow time, the way a POS numbers receipts.
  const indexed = sim.orders.map((o, seq) => ({ o, seq }));
  indexed.sort((a, b) => a.o.placedMs - b.o.placedMs || a.seq - b.seq);
  return indexed.map(({ o }, i) => ({ id: `O-${String(10_001 + i).padStart(8, '0')}`, ...o }));
}

interface Shopper {
  plan: CustomerPlan;
  spec: PersonaSpec;
  r: Rng;
  /** Current wish to buy from each leaf; buying a durable item damps it. */
  appetite: Map<string, number>;
  onlineShare: number;
  /** Days between refills, per consumable leaf, fixed per customer. */
  cadence: Map<string, number>;
  /** The one pending refill per consumable leaf (its token), and when each leaf was last bought. */
  refills: Map<string, number>;
  lastBought: Map<string, number>;
  nextToken: number;
}

function newShopper(plan: CustomerPlan, spec: PersonaSpec, r: Rng, appetite: Map<string, number>, onlineShare: number): Shopper {
  return { plan, spec, r, appetite, onlineShare, cadence: new Map(), refills: new Map(), lastBought: new Map(), nextToken: 0 };
}

function simulate(sim: Sim, plan: CustomerPlan, r: Rng): void {
  const spec = PERSONAS[plan.persona as Exclude<Persona, 'prospect'>];
  const shopper = newShopper(plan, spec, r, interestsOf(r), r.float(0.05, 0.6));
  const start = Math.max(plan.createdDay, sim.firstDay);
  let end = sim.anchorDay;
  if (plan.persona === 'lapsing') end = sim.anchorDay - r.int(120, 240);
  else if (plan.persona === 'regular' && r.chance(0.08)) end = sim.anchorDay - r.int(60, 400); // drifted away on their own
  if (end <= start) return;

  const visits: Visit[] = visitDays(plan.persona, spec, start, end, plan.createdDay >= sim.firstDay, sim.frequency, r).map((day) => ({ day, base: true, items: [] }));
  const followUps = plan.persona !== 'first_timer';
  for (let i = 0; i < visits.length; i++) {
    const visit = visits[i]!;
    if (visit.day >= end) break;
    const planned = visit.items.filter((item) => item.refill === undefined || shopper.refills.get(item.leaf) === item.refill);
    const items = visit.base ? basket(sim, shopper, visit.day).concat(planned) : planned;
    const bought = placeOrder(sim, shopper, visit.day, items, false);
    if (!followUps) continue;
    const schedule = (day: number, item: Item): void => {
      if (day < end) addToVisit(visits, i, day, item);
    };
    for (const line of bought) afterPurchase(sim, shopper, visit.day, line, schedule);
  }
}

/** Days a customer comes in (or orders online), before follow-ups are added. */
function visitDays(persona: Persona, spec: PersonaSpec, start: number, end: number, joinedInWindow: boolean, frequency: number, r: Rng): number[] {
  if (persona === 'first_timer') return [Math.min(end - 1, start + r.int(0, 3))];
  if (persona === 'occasional') {
    const n = r.int(2, 3);
    return Array.from({ length: n }, () => r.int(start, end - 1)).sort((a, b) => a - b);
  }
  const gap = r.float(spec.gap[0], spec.gap[1]) / frequency;
  const days: number[] = [];
  // Someone who signed up in the window did so at their first purchase.
  let day = joinedInWindow ? start : start + Math.floor(r.next() * gap);
  while (day < end) {
    days.push(day);
    day += Math.max(1, Math.round(r.logNormal(gap, spec.sigma)));
  }
  return days;
}

function interestsOf(r: Rng): Map<string, number> {
  const appetite = new Map<string, number>();
  const count = r.weighted([1, 2, 3], [0.45, 0.4, 0.15]);
  const chosen = new Set<Interest>();
  while (chosen.size < count) chosen.add(r.weighted(INTEREST_NAMES, INTEREST_SHARES));
  for (const interest of chosen) {
    const strength = r.float(0.6, 1.4);
    for (const [leaf, weight] of Object.entries(INTERESTS[interest].leaves)) {
      appetite.set(leaf, (appetite.get(leaf) ?? 0) + weight! * strength);
    }
  }
  return appetite;
}

/** What a planned visit's basket holds: distinct leaves by appetite and season, sometimes an impulse buy. */
function basket(sim: Sim, shopper: Shopper, day: number): Item[] {
  const { r, spec } = shopper;
  const size = spec.basket[0] + Math.floor(Math.pow(r.next(), 1.6) * (spec.basket[1] - spec.basket[0] + 1));
  const month = monthOfDay(day);
  // Consumables are bought when they run out (see afterPurchase), not on every visit.
  const leaves = [...shopper.appetite.keys()].filter((l) => !REPLENISH[l] || !stockedUp(shopper, l, day));
  const weights = leaves.map((l) => shopper.appetite.get(l)! * seasonalWeight(sim.pools.get(l)!.spec.season ?? 'all', month));
  const items: Item[] = [];
  const taken = new Set<string>();
  for (let k = 0; k < size; k++) {
    const leaf = r.chance(0.07) ? r.weighted(sim.globalLeaves, sim.globalWeights) : r.weighted(leaves, weights);
    if (taken.has(leaf)) continue;
    taken.add(leaf);
    items.push({ leaf });
  }
  return items;
}

function stockedUp(shopper: Shopper, leaf: string, day: number): boolean {
  if (shopper.refills.has(leaf)) return true;
  const last = shopper.lastBought.get(leaf);
  const cadence = shopper.cadence.get(leaf);
  return last !== undefined && cadence !== undefined && day - last < cadence * 0.7;
}

/** Follow-ups and refills triggered by one purchased line. */
function afterPurchase(sim: Sim, shopper: Shopper, day: number, line: { leaf: string; product: ProductRow }, schedule: (day: number, item: Item) => void): void {
  const { r } = shopper;
  const pools = sim.pools.get(line.leaf)!;
  const current = shopper.appetite.get(line.leaf);
  if (current !== undefined) shopper.appetite.set(line.leaf, current * (pools.spec.repeat ?? 0.3));

  for (const f of FOLLOW_UPS[line.leaf] ?? []) {
    if (!r.chance(f.probability)) continue;
    // Delay 0 items were put in the same basket by placeOrder; here only the later ones.
    const delay = r.int(f.delay[0], f.delay[1]);
    if (delay > 0) schedule(day + delay, { leaf: f.to });
  }

  const refill = REPLENISH[line.leaf];
  if (!refill) return;
  shopper.lastBought.set(line.leaf, day);
  shopper.refills.delete(line.leaf); // restocked: any planned refill is void
  let cadence = shopper.cadence.get(line.leaf);
  if (cadence === undefined) {
    cadence = r.int(refill.cadence[0], refill.cadence[1]);
    shopper.cadence.set(line.leaf, cadence);
  }
  if (!r.chance(refill.keep)) return;
  const next = day + Math.max(1, Math.round(cadence * r.float(0.85, 1.15)));
  if (refill.months && !refill.months.includes(monthOfDay(next))) return;
  const token = ++shopper.nextToken;
  shopper.refills.set(line.leaf, token);
  // Most people buy the same beans again.
  schedule(next, { leaf: line.leaf, refill: token, ...(r.chance(0.75) ? { product: line.product } : {}) });
}

/** Adds a follow-up to a visit within two days of `day`, or makes a new visit for it. */
function addToVisit(visits: Visit[], current: number, day: number, item: Item): void {
  let insertAt = visits.length;
  for (let j = current + 1; j < visits.length; j++) {
    const v = visits[j]!;
    if (Math.abs(v.day - day) <= 2) {
      // The newer intent for a leaf replaces an older one (a refill supersedes a voided refill).
      const same = v.items.findIndex((x) => x.leaf === item.leaf);
      if (same >= 0) v.items[same] = item;
      else v.items.push(item);
      return;
    }
    if (v.day > day) {
      insertAt = j;
      break;
    }
  }
  visits.splice(insertAt, 0, { day, base: false, items: [item] });
}

function scripted(sim: Sim, plan: CustomerPlan, script: readonly ScriptedOrder[], r: Rng): void {
  const shopper = newShopper(plan, PERSONAS.regular, r, new Map(), 0);
  for (const s of script) {
    const day = sim.anchorDay - s.daysAgo;
    placeOrder(sim, shopper, day, s.leaves.map((leaf) => ({ leaf })), s.discounted ?? false, s.channel ?? 'store');
  }
}

/**
 * Turns items into an order on `day` and returns what was bought.
 * `allDiscounted` forces every line onto markdown or coupon (the scripted bargain hunter);
 * otherwise scripted orders are full price and generated ones follow the persona.
 */
function placeOrder(
  sim: Sim,
  shopper: Shopper,
  day: number,
  items: readonly Item[],
  allDiscounted: boolean,
  forcedChannel?: 'store' | 'online',
): Array<{ leaf: string; product: ProductRow }> {
  const { r, plan, spec } = shopper;
  const isScripted = !!plan.script;
  const place = channelFor(shopper, forcedChannel);
  const online = place.channel === 'online' || place.channel === 'endless_aisle';

  const wanted: Item[] = [...items];
  // Same-basket follow-ups: socks with the running shoes, fuel with the stove.
  if (!isScripted) {
    for (const item of items) {
      for (const f of FOLLOW_UPS[item.leaf] ?? []) {
        if (f.delay[0] === 0 && r.chance(f.probability * 0.5) && !wanted.some((w) => w.leaf === f.to)) wanted.push({ leaf: f.to });
      }
    }
  }

  const bought: Array<{ leaf: string; product: ProductRow }> = [];
  const lines: OrderLine[] = [];
  const promoRate = Math.min(0.95, spec.promo + saleBoost(day));
  for (const item of wanted) {
    const pools = sim.pools.get(item.leaf)!;
    const wantsClearance = allDiscounted || (!isScripted && r.chance(spec.clearance));
    let product = item.product && item.product.launchedDay < day && (online || !item.product.partnerLocationId) ? item.product : null;
    if (!product && wantsClearance) product = (online ? pools.clearanceOnline : pools.clearanceStore).pick(day, r);
    if (!product) product = (online ? pools.online : pools.store).pick(day, r);
    if (!product || lines.some((l) => l.sku === product!.sku)) continue;

    const q = pools.spec.quantity;
    const quantity = q ? q[0] + Math.floor(Math.pow(r.next(), 2) * (q[1] - q[0] + 1)) : 1;
    lines.push(priceLine(product, quantity, allDiscounted || (!isScripted && r.chance(promoRate)), r));
    bought.push({ leaf: item.leaf, product });
  }
  if (lines.length === 0) return [];
  sim.orders.push({
    customerId: plan.id || null, // walk-ins have no customer
    ...place,
    placedMs: placedAt(sim, day, place, r),
    status: !isScripted && r.chance(0.015) ? 'returned' : 'completed',
    lines,
  });
  return bought;
}

/**
 * Lines carry the list price; markdowns and coupons go in discount_cents, so subtotal − discount
 * is what the customer paid and discount_share can see clearance buys.
 */
function priceLine(product: ProductRow, quantity: number, coupon: boolean, r: Rng): OrderLine {
  if (product.compareAtCents !== null) {
    return {
      sku: product.sku,
      quantity,
      unitPriceCents: product.compareAtCents,
      discountCents: (product.compareAtCents - product.priceCents) * quantity,
    };
  }
  const discountCents = coupon ? Math.round(product.priceCents * quantity * r.pick([0.1, 0.15, 0.2, 0.25, 0.3])) : 0;
  return { sku: product.sku, quantity, unitPriceCents: product.priceCents, discountCents };
}

/** Chain-wide sales: Black Friday week, January clearance, the Fourth of July. */
function saleBoost(day: number): number {
  const d = new Date(day * DAY_MS);
  const m = d.getUTCMonth();
  const dom = d.getUTCDate();
  if ((m === 10 && dom >= 22) || (m === 11 && dom <= 2)) return 0.25;
  if ((m === 11 && dom >= 26) || (m === 0 && dom <= 10)) return 0.12;
  if (m === 6 && dom <= 7) return 0.1;
  return 0;
}

type Place = Pick<DemoOrder, 'channel' | 'locationId' | 'registerId' | 'associateId'>;

function channelFor(shopper: Shopper, forced?: 'store' | 'online'): Place {
  const { r, plan } = shopper;
  const online = forced ? forced === 'online' : r.chance(shopper.onlineShare);
  if (online) return { channel: 'online', locationId: DC_ID, registerId: null, associateId: null };
  const storeId: StoreId = forced || r.chance(0.85) ? plan.homeStoreId : r.pick(STORE_IDS);
  return {
    // Now and then the item is ordered at the register for home delivery.
    channel: !forced && r.chance(0.03) ? 'endless_aisle' : 'store',
    locationId: storeId,
    registerId: r.pick(REGISTERS[storeId]),
    associateId: r.pick(sellingStaff(storeId)),
  };
}

// Store hours in the store's own time zone, busiest late afternoon; online around the clock, evenings first.
const STORE_HOURS = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const STORE_HOUR_WEIGHTS = [4, 6, 8, 8, 7, 8, 9, 10, 9, 6, 3];
const ONLINE_HOURS = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
const ONLINE_HOUR_WEIGHTS = [2, 3, 4, 4, 5, 6, 5, 5, 5, 5, 6, 7, 9, 10, 10, 8, 4];

function placedAt(sim: Sim, day: number, place: Place, r: Rng): number {
  const storeLike = place.channel !== 'online';
  const tz = storeLike ? locationById(place.locationId).timezone : 'America/Denver';
  const hour = storeLike ? r.weighted(STORE_HOURS, STORE_HOUR_WEIGHTS) : r.weighted(ONLINE_HOURS, ONLINE_HOUR_WEIGHTS);
  const ms = day * DAY_MS + (hour + utcOffsetHours(tz, monthOfDay(day))) * 3600_000 + r.int(0, 3599) * 1000;
  // An evening sale on the last day before the anchor would land after it in UTC.
  return ms < sim.anchorMs ? ms : ms - DAY_MS;
}

// --- anonymous walk-ins --------------------------------------------------------------------------

const WALK_INS_PER_DAY: Record<StoreId, number> = { S1: 12, S2: 9, S3: 9 };

/** Cash and card sales with no customer attached: most store traffic, and co-purchase signal. */
function walkIns(sim: Sim, r: Rng): void {
  // Stand-ins for the unknown shopper at each store: an empty id gives the order no customer.
  const shoppers = Object.fromEntries(
    STORE_IDS.map((storeId) => {
      const plan = { id: '', homeStoreId: storeId, persona: 'regular' } as CustomerPlan;
      return [storeId, newShopper(plan, { ...PERSONAS.regular, promo: 0.05 }, r, new Map(), 0)];
    }),
  ) as Record<StoreId, Shopper>;
  for (let day = sim.firstDay; day < sim.anchorDay; day++) {
    const date = new Date(day * DAY_MS);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6 ? 1.4 : 1;
    const month = date.getUTCMonth();
    const holiday = month === 11 ? 1.5 : month === 10 ? 1.2 : month === 5 || month === 6 ? 1.15 : 1;
    const seasonal = sim.globalLeaves.map((l, i) => sim.globalWeights[i]! * seasonalWeight(sim.pools.get(l)!.spec.season ?? 'all', month));
    for (const storeId of STORE_IDS) {
      const count = poisson(WALK_INS_PER_DAY[storeId] * weekend * holiday * sim.frequency, r);
      for (let k = 0; k < count; k++) {
        const size = r.weighted([1, 2, 3], [0.6, 0.28, 0.12]);
        const items: Item[] = [];
        for (let j = 0; j < size; j++) items.push({ leaf: r.weighted(sim.globalLeaves, seasonal) });
        placeOrder(sim, shoppers[storeId], day, dedupe(items), false, 'store');
      }
    }
  }
}

function dedupe(items: Item[]): Item[] {
  return items.filter((item, i) => items.findIndex((x) => x.leaf === item.leaf) === i);
}

function poisson(lambda: number, r: Rng): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = r.next();
  while (p > limit) {
    k++;
    p *= r.next();
  }
  return k;
}
