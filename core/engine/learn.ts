import type Database from 'better-sqlite3';
import { DAY_MS } from './context.js';
import { DEFAULT_LINK_OPTIONS, learnFollowLinks, learnRepeatKeys, type Basket, type LinkOptions } from './links.js';
import { learnItemModel, saveItemModel } from './itemModel.js';
import type { LearnedItemModel } from './rank.js';

/** A refill is within this many days of the previous purchase. */
const REPEAT_WINDOW_DAYS = 90;

/** A learned model held in memory: built from the history before it replaces the stored one. */
export interface LearnedModel {
  links: ReturnType<typeof learnFollowLinks>;
  repeats: ReturnType<typeof learnRepeatKeys>;
  /** The item-level model (rank.ts) that chooses products: learned here so no decision waits for it. */
  items: LearnedItemModel;
  /** Completed orders in the history it was learned on. */
  orders: number;
}

/** Learns links, repeat categories and the item model from the whole order history; reads only. */
export function buildLearnedModel(db: Database.Database, options: LinkOptions = DEFAULT_LINK_OPTIONS): LearnedModel {
  const baskets = loadCategoryBaskets(db);
  return {
    links: learnFollowLinks(baskets, options),
    // Whether a walk-in shopper came back is unknown, so only named customers say what is rebought.
    repeats: learnRepeatKeys(baskets.filter((b) => !b.walkIn), REPEAT_WINDOW_DAYS, options.minSupport),
    items: learnItemModel(db),
    orders: db.prepare(`SELECT count(*) FROM orders WHERE status = 'completed'`).pluck().get() as number,
  };
}

/** Replaces the stored links, repeat categories and item model with `model`; run it in the caller's transaction. */
export function swapLearnedModel(db: Database.Database, model: LearnedModel, now: Date): void {
  const at = now.toISOString();
  db.prepare(`DELETE FROM copurchase_links`).run();
  const insert = db.prepare(
    `INSERT INTO copurchase_links (from_category_id, to_category_id, support, confidence, lift, median_delay_days, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const l of model.links) insert.run(l.from, l.to, l.support, Math.min(1, l.confidence), l.lift, l.medianDelayDays, at);
  db.prepare(`DELETE FROM repeat_categories`).run();
  const repeat = db.prepare(`INSERT INTO repeat_categories (category_id, buyers, repeat_share, median_gap_days, computed_at) VALUES (?, ?, ?, ?, ?)`);
  for (const r of model.repeats) repeat.run(r.key, r.buyers, r.repeatShare, r.medianGapDays, at);
  saveItemModel(db, model.items, now);
}

/**
 * Relearns category follow-up links and repeat categories from the whole order history on
 * the replica and replaces the stored sets in the caller's transaction. Returns the number of links kept.
 */
export function rebuildCopurchaseLinks(db: Database.Database, now: Date, options: LinkOptions = DEFAULT_LINK_OPTIONS): number {
  const model = buildLearnedModel(db, options);
  swapLearnedModel(db, model, now);
  db.prepare(`UPDATE learn_state SET learned_at = ?, orders_learned = ?, links_learned = ?, new_orders = 0 WHERE id = 1`).run(now.toISOString(), model.orders, model.links.length);
  return model.links.length;
}

/**
 * Completed purchases as category baskets per day, grouped by shopper: each customer's days,
 * then each walk-in sale (no customer: a sale at the register or a feed order) as a shopper of
 * its own, so what is bought together still counts toward the links.
 */
export function loadCategoryBaskets(db: Database.Database): Basket[] {
  const baskets: Basket[] = [];
  let current: { shopper: string; day: number; keys: Set<string>; walkIn: boolean } | null = null;
  const close = () => {
    if (current) baskets.push({ customerId: current.shopper, day: current.day, keys: [...current.keys], ...(current.walkIn ? { walkIn: true } : {}) });
  };
  const rows = db
    .prepare(
      `SELECT o.customer_id AS customerId, o.id AS orderId, o.placed_at AS placedAt, p.category_id AS categoryId
       FROM orders o JOIN order_lines ol ON ol.order_id = o.id JOIN products p ON p.sku = ol.sku
       WHERE o.status = 'completed' AND ol.quantity > 0
       ORDER BY o.customer_id IS NULL, o.customer_id, o.placed_at, o.id`,
    )
    .iterate() as IterableIterator<{ customerId: string | null; orderId: string; placedAt: string; categoryId: string }>;
  for (const r of rows) {
    const day = Math.floor(Date.parse(r.placedAt) / DAY_MS);
    const shopper = r.customerId ?? `walk-in ${r.orderId}`;
    if (!current || current.shopper !== shopper || current.day !== day) {
      close();
      current = { shopper, day, keys: new Set(), walkIn: r.customerId === null };
    }
    current.keys.add(r.categoryId);
  }
  close();
  return baskets;
}
