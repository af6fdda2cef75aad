// Item ranking for one customer's next visit from the engine's candidate signals (DESIGN §4):
// own repeat cadence, learned follow-up links (links.ts, shared with the device pipeline) and
// popularity. Pure and SQLite-free, so it runs offline on any order history (bench/nbr).
// The device pipeline (decide.ts) chooses the products of its ideas with this ranker, learned
// when the links are (learn.ts) and stored on the replica (itemModel.ts).
//
// score(item) = repeat   — the customer's own basket frequency with a per-basket recency decay,
//                          scaled by how often the item comes back in a next basket for everyone
//                          (some products are bought every visit, others once), plus a cadence
//                          "dueness" bonus for items bought at a regular gap that is now due (the
//                          idea behind ideas.ts `repeatPurchases`);
//             + explore  — learned time-lagged follow-up links (links.ts) from the items of the
//                          latest baskets to items the customer has never bought: a noisy-or of
//                          confidence × capped lift, discounted by how many baskets ago `from` was bought;
//             + prior    — a small share-of-baskets popularity prior (also fills short lists).
// The blend weights are chosen offline on validation customers (bench/nbr, `npm run eval:nbr`).
import { learnFollowLinks, median, type Basket, type FollowLink, type LinkOptions } from './links.js';

/** Read access by key: a Map, or the replica's stored model read as needed (itemModel.ts). */
export interface KeyLookup<V> {
  get(key: string): V | undefined;
}

export interface ItemModel {
  /** Share of all baskets that contain the key. */
  popularity: KeyLookup<number>;
  /** Keys by popularity, most popular first (at most `ItemModelOptions.popularKept`). */
  popular: string[];
  /** Learned follow-up links by `from` key, best lift × confidence first. */
  links: KeyLookup<readonly FollowLink[]>;
  /**
   * How often a key bought in one basket is bought again in the customer's next basket
   * (smoothed towards `meanRepeatRate`): some products come back every time, others are one-offs.
   */
  repeatRate: KeyLookup<number>;
  meanRepeatRate: number;
}

export interface ItemModelOptions extends LinkOptions {
  /**
   * learnFollowLinks is O(K²) in a customer's distinct keys, and SKU-level histories of
   * wholesale customers reach a thousand keys. Customers with more keys than this contribute
   * only their `maxKeysPerCustomer` most recently adopted keys (latest first purchase) to link
   * learning: recent adoptions are what "bought X, then started buying Y" is about.
   * Popularity still counts every key.
   */
  maxKeysPerCustomer: number;
  popularKept: number;
  /** Pseudo-observations pulling a key's repeat rate towards the mean. */
  repeatRateShrink: number;
}

export const DEFAULT_ITEM_MODEL_OPTIONS: ItemModelOptions = {
  windowDays: 60,
  minSupport: 5,
  minLift: 1.5,
  maxPerFrom: 20,
  maxKeysPerCustomer: 150,
  popularKept: 200,
  repeatRateShrink: 5,
};

/** A freshly learned model, whole in memory (what the replica stores). */
export interface LearnedItemModel extends ItemModel {
  popularity: Map<string, number>;
  links: Map<string, FollowLink[]>;
  repeatRate: Map<string, number>;
}

/** Baskets must be grouped by customer (as for learnFollowLinks). */
export function buildItemModel(baskets: readonly Basket[], options: Partial<ItemModelOptions> = {}): LearnedItemModel {
  const opts = { ...DEFAULT_ITEM_MODEL_OPTIONS, ...options };
  const counts = new Map<string, number>();
  for (const b of baskets) for (const k of new Set(b.keys)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const total = Math.max(1, baskets.length);
  const popularity = new Map([...counts].map(([k, n]) => [k, n / total]));
  const popular = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, opts.popularKept)
    .map(([k]) => k);

  const links = new Map<string, FollowLink[]>();
  for (const l of learnFollowLinks(boundKeysPerCustomer(baskets, opts.maxKeysPerCustomer), opts)) {
    (links.get(l.from) ?? links.set(l.from, []).get(l.from)!).push(l);
  }
  return { popularity, popular, links, ...repeatRates(baskets, opts.repeatRateShrink) };
}

/** Per key: (times bought in the next basket + shrink × mean) / (times bought with a next basket + shrink). */
export function repeatRates(baskets: readonly Basket[], shrink: number): { repeatRate: Map<string, number>; meanRepeatRate: number } {
  const exposed = new Map<string, number>();
  const carried = new Map<string, number>();
  let allExposed = 0;
  let allCarried = 0;
  for (const group of customerGroups(baskets)) {
    const seq = [...group].sort((a, b) => a.day - b.day);
    for (let t = 0; t + 1 < seq.length; t++) {
      const next = new Set(seq[t + 1]!.keys);
      for (const k of new Set(seq[t]!.keys)) {
        exposed.set(k, (exposed.get(k) ?? 0) + 1);
        allExposed++;
        if (next.has(k)) {
          carried.set(k, (carried.get(k) ?? 0) + 1);
          allCarried++;
        }
      }
    }
  }
  const meanRepeatRate = allExposed ? allCarried / allExposed : 0;
  const repeatRate = new Map<string, number>();
  for (const [k, e] of exposed) repeatRate.set(k, ((carried.get(k) ?? 0) + shrink * meanRepeatRate) / (e + shrink));
  return { repeatRate, meanRepeatRate };
}

/** Consecutive runs of the same customer (baskets must be grouped by customer). */
function* customerGroups(baskets: readonly Basket[]): Generator<Basket[]> {
  let start = 0;
  for (let i = 1; i <= baskets.length; i++) {
    if (i < baskets.length && baskets[i]!.customerId === baskets[start]!.customerId) continue;
    yield baskets.slice(start, i);
    start = i;
  }
}

/** Drops, per customer over `max` distinct keys, all but the `max` keys first bought most recently. */
export function boundKeysPerCustomer(baskets: readonly Basket[], max: number): Basket[] {
  const out: Basket[] = [];
  for (const group of customerGroups(baskets)) {
    const first = new Map<string, number>();
    for (const b of group) for (const k of b.keys) if (!first.has(k) || first.get(k)! > b.day) first.set(k, b.day);
    if (first.size <= max) {
      out.push(...group);
      continue;
    }
    const keep = new Set(
      [...first]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, max)
        .map(([k]) => k),
    );
    for (const b of group) {
      const keys = b.keys.filter((k) => keep.has(k));
      if (keys.length) out.push({ ...b, keys });
    }
  }
  return out;
}

export interface RankParams {
  /** Per-basket decay of the customer's own item frequency: 1 counts every basket alike. */
  recencyDecay: number;
  /**
   * Shrinks the repeat share of short histories: repeat = decayed count / (decayed baskets +
   * this many pseudo-baskets). Two baskets are weak evidence that an item comes back; with it,
   * follow-ups and popular items can outrank the one-off items of a new customer.
   */
  repeatShrink: number;
  /**
   * Exponent of the key's relative repeat rate (its repeatRate / the mean) multiplying the
   * repeat share: 0 ignores it, 1 trusts it fully.
   */
  repeatRateWeight: number;
  /** Weight of the cadence bonus for items bought at a regular gap that is due now; 0 turns it off. */
  dueWeight: number;
  /** Weight of the explore component (follow-ups to items never bought). */
  exploreWeight: number;
  /** Weight of the popularity prior (share of baskets). */
  popularityWeight: number;
  /** How many of the latest baskets seed the follow-up links. */
  seedBaskets: number;
  /** Lift is capped here before it multiplies confidence (rare targets have huge, noisy lifts). */
  liftCap: number;
  /**
   * Day of the visit being served (whole days since the epoch). On the device this is today;
   * when unknown (offline evaluation) it defaults to the last basket's day plus the customer's
   * median gap between baskets.
   */
  today?: number;
}

/** Defaults: the values chosen on validation users of online_retail (bench/nbr/README.md). */
export const DEFAULT_RANK_PARAMS: RankParams = {
  recencyDecay: 0.85,
  repeatShrink: 1,
  repeatRateWeight: 1,
  dueWeight: 0.3,
  exploreWeight: 0.1,
  popularityWeight: 0.5,
  seedBaskets: 3,
  liftCap: 3,
};

/** The item's cadence window, as in ideas.ts: due from 0.85 to 2.5 gaps, best at 1.1 gaps. */
const DUE_MIN = 0.85;
const DUE_MAX = 2.5;
const MIN_GAP_DAYS = 3;

export interface RankedItem {
  key: string;
  score: number;
  repeat: number;
  due: number;
  explore: number;
  prior: number;
}

/** The top k keys for one customer's next basket. `history` is that customer's baskets, oldest first. */
export function rankItems(history: readonly Basket[], model: ItemModel, k: number, params: RankParams = DEFAULT_RANK_PARAMS): string[] {
  return scoreItems(history, model, k, params).map((r) => r.key);
}

/** rankItems with each component of the score, for explanations and tests. */
export function scoreItems(history: readonly Basket[], model: ItemModel, k: number, params: RankParams = DEFAULT_RANK_PARAMS): RankedItem[] {
  const n = history.length;
  const rows = new Map<string, RankedItem>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, score: 0, repeat: 0, due: 0, explore: 0, prior: 0 };
      rows.set(key, r);
    }
    return r;
  };

  // Repeat: recency-decayed share of the customer's baskets that held the key.
  const days = new Map<string, number[]>();
  const lastIndex = new Map<string, number>();
  let norm = 0;
  for (let t = 0; t < n; t++) {
    const w = Math.pow(params.recencyDecay, n - 1 - t);
    norm += w;
    for (const key of new Set(history[t]!.keys)) {
      row(key).repeat += w;
      (days.get(key) ?? days.set(key, []).get(key)!).push(history[t]!.day);
      lastIndex.set(key, t);
    }
  }
  for (const r of rows.values()) {
    r.repeat /= norm + params.repeatShrink || 1; // (norm + shrink), or 1 for an empty history
    if (params.repeatRateWeight && model.meanRepeatRate > 0) {
      r.repeat *= Math.pow((model.repeatRate.get(r.key) ?? model.meanRepeatRate) / model.meanRepeatRate, params.repeatRateWeight);
    }
  }

  // Dueness: the customer's own cadence for keys bought on several days.
  if (n > 0 && params.dueWeight > 0) {
    const visitDays = [...new Set(history.map((b) => b.day))].sort((a, b) => a - b);
    const today = params.today ?? visitDays[visitDays.length - 1]! + median(visitDays.slice(1).map((d, i) => d - visitDays[i]!));
    for (const [key, ds] of days) {
      const distinct = [...new Set(ds)].sort((a, b) => a - b);
      if (distinct.length < 2) continue;
      const gap = median(distinct.slice(1).map((d, i) => d - distinct[i]!));
      if (gap < MIN_GAP_DAYS) continue;
      const due = (today - distinct[distinct.length - 1]!) / gap;
      if (due < DUE_MIN || due > DUE_MAX) continue;
      // Regular buyers (many purchases) get the full bonus, a two-timer a third of it.
      const regularity = Math.min(1, (distinct.length - 1) / 3);
      row(key).due = (1 - 0.2 * Math.min(1, Math.abs(due - 1.1))) * regularity;
    }
  }

  // Explore: follow-ups of recently bought keys to keys never bought, noisy-or of their strengths.
  if (params.exploreWeight > 0 && n > 0) {
    const miss = new Map<string, number>();
    for (const [from, t] of lastIndex) {
      const age = n - 1 - t;
      if (age >= params.seedBaskets) continue;
      const w = Math.pow(params.recencyDecay, age);
      for (const l of model.links.get(from) ?? []) {
        if (lastIndex.has(l.to)) continue;
        const strength = Math.min(1, w * l.confidence * (Math.min(l.lift, params.liftCap) / params.liftCap));
        miss.set(l.to, (miss.get(l.to) ?? 1) * (1 - strength));
      }
    }
    for (const [key, m] of miss) row(key).explore = 1 - m;
  }

  // Prior: popularity of every candidate, and the most popular keys as candidates of last resort
  // (with a zero weight they still fill a list the customer's own items cannot, like GP-TopFreq).
  for (const key of model.popular) row(key);
  for (const r of rows.values()) {
    r.prior = model.popularity.get(r.key) ?? 0;
    r.score = r.repeat + params.dueWeight * r.due + params.exploreWeight * r.explore + params.popularityWeight * r.prior;
  }

  return [...rows.values()]
    .filter((r) => r.score > 0 || r.prior > 0) // popular keys fill a short list
    .sort((a, b) => b.score - a.score || b.repeat - a.repeat || b.prior - a.prior || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, k);
}
