// Learned "people who bought X then bought Y" links (DESIGN §4 candidates).
// Time-lagged on purpose: a starter is about what comes *after* a past purchase.

/** One customer's basket: the keys (categories or SKUs) bought on one day. */
export interface Basket {
  customerId: string;
  day: number; // whole days since the epoch
  keys: readonly string[];
  /** A sale without a known customer: a shopper of its own, whose basket's co-occurrence counts but who is never seen again. */
  walkIn?: boolean;
}

export interface FollowLink {
  from: string;
  to: string;
  /** Customers who bought `to` within the window after first buying `from`. */
  support: number;
  /** support / customers who bought `from`. */
  confidence: number;
  /** confidence / share of all customers who ever bought `to`. */
  lift: number;
  medianDelayDays: number;
}

export interface LinkOptions {
  windowDays: number;
  minSupport: number;
  minLift: number;
  /** Keep at most this many links per `from`, best lift × confidence first. */
  maxPerFrom: number;
}

export const DEFAULT_LINK_OPTIONS: LinkOptions = { windowDays: 60, minSupport: 20, minLift: 1.5, maxPerFrom: 8 };

/** A link with the spread of its delays: what the merchandiser console proposes as a window. */
export interface SpreadLink extends FollowLink {
  p25DelayDays: number;
  p75DelayDays: number;
}

/**
 * Baskets must be grouped by customer (any order inside). For each customer we take the
 * first day each key was bought; Y follows X when Y is bought on a day in
 * [first(X), first(X) + window], in the same basket or later, and Y was not bought before X.
 */
export function learnFollowLinks(baskets: readonly Basket[], options: LinkOptions = DEFAULT_LINK_OPTIONS): FollowLink[] {
  return learnSpreadLinks(baskets, options).map(({ p25DelayDays: _p25, p75DelayDays: _p75, ...link }) => link);
}

/** `learnFollowLinks` with the quartiles of the delays too. */
export function learnSpreadLinks(baskets: readonly Basket[], options: LinkOptions = DEFAULT_LINK_OPTIONS): SpreadLink[] {
  const buyersOf = new Map<string, number>();
  const pairs = new Map<string, { support: number; delays: number[] }>();
  let customers = 0;

  // A pair's support is at most either key's buyers: keys with fewer than minSupport buyers
  // cannot be in a kept link, so pairs are only counted between the others (same result,
  // and SKU-level histories stop paying for pairs of items almost nobody bought).
  for (const group of groupByCustomer(baskets)) {
    customers++;
    for (const k of new Set(group.flatMap((b) => b.keys))) buyersOf.set(k, (buyersOf.get(k) ?? 0) + 1);
  }
  const frequent = (k: string) => buyersOf.get(k)! >= options.minSupport;

  for (const group of groupByCustomer(baskets)) {
    const firstDay = new Map<string, number>();
    const dayOf = new Map<string, number[]>();
    for (const b of group) {
      for (const k of b.keys) {
        if (!frequent(k)) continue;
        if (!firstDay.has(k) || firstDay.get(k)! > b.day) firstDay.set(k, b.day);
        (dayOf.get(k) ?? dayOf.set(k, []).get(k)!).push(b.day);
      }
    }

    for (const [x, tx] of firstDay) {
      for (const [y, ty] of firstDay) {
        if (x === y || ty < tx) continue; // Y came first: not a follow-up of X
        const delay = (dayOf.get(y) ?? []).map((d) => d - tx).filter((d) => d >= 0 && d <= options.windowDays);
        if (delay.length === 0) continue;
        const key = `${x}\u0000${y}`;
        const p = pairs.get(key) ?? pairs.set(key, { support: 0, delays: [] }).get(key)!;
        p.support++;
        p.delays.push(Math.min(...delay));
      }
    }
  }

  const links: SpreadLink[] = [];
  for (const [key, p] of pairs) {
    if (p.support < options.minSupport) continue;
    const [from, to] = key.split('\u0000') as [string, string];
    const confidence = p.support / buyersOf.get(from)!;
    const lift = confidence / (buyersOf.get(to)! / customers);
    if (lift < options.minLift) continue;
    links.push({ from, to, support: p.support, confidence, lift, medianDelayDays: median(p.delays), p25DelayDays: quantile(p.delays, 0.25), p75DelayDays: quantile(p.delays, 0.75) });
  }
  links.sort((a, b) => a.from.localeCompare(b.from) || b.lift * b.confidence - a.lift * a.confidence);
  const kept: SpreadLink[] = [];
  let lastFrom = '';
  let n = 0;
  for (const l of links) {
    n = l.from === lastFrom ? n + 1 : 1;
    lastFrom = l.from;
    if (n <= options.maxPerFrom) kept.push(l);
  }
  return kept;
}

function* groupByCustomer(baskets: readonly Basket[]): Generator<Basket[]> {
  let current: Basket[] = [];
  for (const b of baskets) {
    if (current.length && current[0]!.customerId !== b.customerId) {
      yield current;
      current = [];
    }
    current.push(b);
  }
  if (current.length) yield current;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Linear interpolation between the closest ranks (q = 0.5 is the median). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (at - lo);
}

export interface RepeatKey {
  key: string;
  buyers: number;
  /** Share of buyers who bought it again within the window of an earlier purchase. */
  repeatShare: number;
  medianGapDays: number;
}

/**
 * Which keys people buy again and again (beans, fuel), as opposed to once in a while (boots).
 * Same grouping rule as `learnFollowLinks`: baskets grouped by customer.
 */
export function learnRepeatKeys(baskets: readonly Basket[], windowDays: number, minBuyers: number): RepeatKey[] {
  const stats = new Map<string, { buyers: number; repeaters: number; gaps: number[] }>();
  for (const group of groupByCustomer(baskets)) {
    const days = new Map<string, number[]>();
    for (const b of group) for (const k of b.keys) (days.get(k) ?? days.set(k, []).get(k)!).push(b.day);
    for (const [k, ds] of days) {
      const s = stats.get(k) ?? stats.set(k, { buyers: 0, repeaters: 0, gaps: [] }).get(k)!;
      s.buyers++;
      const sorted = [...new Set(ds)].sort((a, b) => a - b);
      const gaps = sorted.slice(1).map((d, i) => d - sorted[i]!).filter((g) => g <= windowDays);
      if (gaps.length) {
        s.repeaters++;
        s.gaps.push(median(gaps));
      }
    }
  }
  const out: RepeatKey[] = [];
  for (const [key, s] of stats) {
    if (s.buyers < minBuyers) continue;
    out.push({ key, buyers: s.buyers, repeatShare: s.repeaters / s.buyers, medianGapDays: median(s.gaps) });
  }
  return out.sort((a, b) => b.repeatShare - a.repeatShare || a.key.localeCompare(b.key));
}
