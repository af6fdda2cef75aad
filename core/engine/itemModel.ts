// The item-level model of rank.ts, on the replica: learned from every customer's SKU baskets
// when the links are (learn.ts, in the background), stored in the item_* tables, and read by
// key by decide.ts to choose the products of every product-carrying idea. There is one
// implementation of each signal (rank.ts); this file only feeds it from SQLite and turns a
// customer's history into the baskets it expects.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';
import { DAY_MS, type HistoryLine } from './context.js';
import type { Basket, FollowLink } from './links.js';
import { buildItemModel, DEFAULT_RANK_PARAMS, scoreItems, type ItemModel, type LearnedItemModel, type RankedItem, type RankParams } from './rank.js';

/** Every customer's completed purchases as SKU baskets per day, grouped by customer. */
export function loadSkuBaskets(db: Database.Database): Basket[] {
  const baskets: Basket[] = [];
  let current: { customerId: string; day: number; keys: Set<string> } | null = null;
  const rows = db
    .prepare(
      `SELECT o.customer_id AS customerId, CAST(julianday(o.placed_at) - 2440587.5 AS INTEGER) AS day, ol.sku
       FROM orders o JOIN order_lines ol ON ol.order_id = o.id
       WHERE o.customer_id IS NOT NULL AND o.status = 'completed' AND ol.quantity > 0
       ORDER BY o.customer_id, o.placed_at`,
    )
    .iterate() as IterableIterator<{ customerId: string; day: number; sku: string }>;
  for (const r of rows) {
    const day = r.day;
    if (!current || current.customerId !== r.customerId || current.day !== day) {
      if (current) baskets.push({ customerId: current.customerId, day: current.day, keys: [...current.keys] });
      current = { customerId: r.customerId, day, keys: new Set() };
    }
    current.keys.add(r.sku);
  }
  if (current) baskets.push({ customerId: current.customerId, day: current.day, keys: [...current.keys] });
  return baskets;
}

/**
 * On the device, link learning keeps each customer's 20 most recently adopted SKUs (rank.ts
 * `maxKeysPerCustomer`): pairs of SKUs are what learning costs, and a decision waits for it once a day.
 */
export const DEVICE_ITEM_MODEL_OPTIONS = { maxKeysPerCustomer: 20 };

export function learnItemModel(db: Database.Database): LearnedItemModel {
  return buildItemModel(loadSkuBaskets(db), DEVICE_ITEM_MODEL_OPTIONS);
}

/** Replaces the stored item model with `model`; run it in the caller's transaction. */
export function saveItemModel(db: Database.Database, model: LearnedItemModel, now: Date): void {
  db.prepare(`DELETE FROM item_links`).run();
  db.prepare(`DELETE FROM item_stats`).run();
  const stat = db.prepare(`INSERT INTO item_stats (sku, popularity, repeat_rate) VALUES (?, ?, ?)`);
  for (const [sku, popularity] of model.popularity) stat.run(sku, popularity, model.repeatRate.get(sku) ?? null);
  const link = db.prepare(`INSERT INTO item_links (from_sku, rank, to_sku, support, confidence, lift, median_delay_days) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (const [from, links] of model.links) links.forEach((l, rank) => link.run(from, rank, l.to, l.support, l.confidence, l.lift, l.medianDelayDays));
  db.prepare(
    `INSERT INTO item_model_state (id, learned_at, mean_repeat_rate, popular) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET learned_at = excluded.learned_at, mean_repeat_rate = excluded.mean_repeat_rate, popular = excluded.popular`,
  ).run(now.toISOString(), model.meanRepeatRate, JSON.stringify(model.popular));
}

/** When the stored item model was learned (null: never on this replica). */
export function itemModelStamp(db: Database.Database): string | null {
  return (statement(db, `SELECT learned_at AS t FROM item_model_state WHERE id = 1`).get() as { t: string } | undefined)?.t ?? null;
}

/** SKUs whose links stay cached (a few KB each at most 20 links): the busy part of a catalogue. */
export const LINK_CACHE = 20_000;

/**
 * The stored item model as rank.ts reads it, for one learned version (a relearn makes a new
 * one). Every SKU's popularity and repeat rate are read in one query when it is made: a
 * decision scores a few hundred SKUs, and a lookup each cost more than the decision's own work
 * (the stats are a few numbers per sold SKU, small beside the catalog). Links are read by key,
 * each once, as few customers' histories reach them.
 * Never learned: every lookup is empty, and products go by the catalog's best-seller order.
 */
export class StoredItemModel implements ItemModel {
  readonly popular: string[];
  readonly meanRepeatRate: number;
  private readonly stats = new Map<string, { popularity: number; repeatRate: number | null }>();
  /** Links read lately, least recently used first: bounded, so a long-running register does not grow. */
  private readonly linksOf = new Map<string, FollowLink[]>();

  constructor(private readonly db: Database.Database) {
    const row = statement(db, `SELECT mean_repeat_rate AS mean, popular FROM item_model_state WHERE id = 1`).get() as { mean: number; popular: string } | undefined;
    this.popular = row ? (JSON.parse(row.popular) as string[]) : [];
    this.meanRepeatRate = row?.mean ?? 0;
    const stats = db.prepare(`SELECT sku, popularity, repeat_rate AS repeatRate FROM item_stats`).all() as { sku: string; popularity: number; repeatRate: number | null }[];
    for (const { sku, popularity, repeatRate } of stats) this.stats.set(sku, { popularity, repeatRate });
  }

  readonly popularity = { get: (sku: string) => this.stat(sku)?.popularity };
  readonly repeatRate = { get: (sku: string) => this.stat(sku)?.repeatRate ?? undefined };
  readonly links = {
    get: (from: string): readonly FollowLink[] => {
      let links = this.linksOf.get(from);
      if (links) this.linksOf.delete(from); // re-inserted below as the most recently used
      else {
        links = statement(
          this.db,
          `SELECT from_sku AS "from", to_sku AS "to", support, confidence, lift, median_delay_days AS medianDelayDays
           FROM item_links WHERE from_sku = ? ORDER BY rank`,
        ).all(from) as FollowLink[];
        if (this.linksOf.size >= LINK_CACHE) this.linksOf.delete(this.linksOf.keys().next().value!);
      }
      this.linksOf.set(from, links);
      return links;
    },
  };

  private stat(sku: string) {
    return this.stats.get(sku);
  }
}

/** A decision's history (newest first) as the model's baskets (oldest first, one per day). */
export function historyBaskets(customerId: string, history: readonly HistoryLine[]): Basket[] {
  const byDay = new Map<number, Set<string>>();
  for (const l of history) {
    const day = Math.floor(Date.parse(l.placedAt) / DAY_MS);
    (byDay.get(day) ?? byDay.set(day, new Set()).get(day)!).add(l.sku);
  }
  return [...byDay].sort((a, b) => a[0] - b[0]).map(([day, keys]) => ({ customerId, day, keys: [...keys] }));
}

/**
 * One customer's item scores for a visit today: `score(sku)` for any SKU (a SKU the model has
 * no personal signal for gets its popularity prior), and the SKUs with a personal signal
 * (bought before, or a learned follow-up of something bought lately), best first.
 */
export class PersonalScores {
  readonly personal: RankedItem[];
  /** The best score of a product they never bought: what a place in the list given to a repeat forgoes. */
  readonly bestNewScore: number;
  private readonly rows: Map<string, RankedItem>;

  constructor(
    readonly model: ItemModel,
    history: readonly Basket[],
    today: number,
    private readonly params: RankParams = DEFAULT_RANK_PARAMS,
  ) {
    // without a history every score is the popularity prior, which score() reads directly
    const ranked = history.length ? scoreItems(history, model, Number.MAX_SAFE_INTEGER, { ...params, today }) : [];
    this.rows = new Map(ranked.map((r) => [r.key, r]));
    this.personal = ranked.filter((r) => r.repeat > 0 || r.explore > 0 || r.due > 0);
    const firstNew = ranked.find((r) => r.repeat === 0 && r.due === 0);
    this.bestNewScore = firstNew ? firstNew.score : history.length ? 0 : params.popularityWeight * (model.popularity.get(model.popular[0] ?? '') ?? 0);
  }

  score(sku: string): number {
    return this.personalScore(sku) ?? this.prior(sku);
  }

  /** The score of a SKU the model has a personal signal for (undefined: it gets its prior). */
  personalScore(sku: string): number | undefined {
    return this.rows.get(sku)?.score;
  }

  /** The popularity prior: the score of a SKU for anyone without a personal signal for it. */
  prior(sku: string): number {
    return this.params.popularityWeight * (this.model.popularity.get(sku) ?? 0);
  }

  /** The learned follow-up strength (0 for items bought before). */
  explore(sku: string): number {
    return this.rows.get(sku)?.explore ?? 0;
  }

  /** Why the model likes it: 'repeat' (bought before), 'follow_up' (learned link) or 'popular'. */
  signal(sku: string): 'repeat' | 'follow_up' | 'popular' {
    const r = this.rows.get(sku);
    if (r && (r.repeat > 0 || r.due > 0)) return 'repeat';
    if (r && r.explore > 0) return 'follow_up';
    return 'popular';
  }
}
