// The data protocol of "A Next Basket Recommendation Reality Check" (Li, Jullien, Ariannezhad,
// de Rijke, ACM TOIS 2023), as in its preprocessing and keyset_fold.py:
//  1. a basket is one customer's purchases in one order; customers keep 3–50 baskets;
//  2. the last basket is the target, the others are the history;
//  3. items seen fewer than 3 times in history baskets are removed everywhere (targets too);
//     baskets left empty disappear, and a customer whose target (or whole history) is left
//     empty is dropped — the target is never replaced by an earlier basket;
//  4. customers are split at random 72/8/20 into train/validation/test, one split per seed.
import type { Order } from './load.js';
import { seededRng as mulberry32 } from '../../sync/hub/stats/random.js';

// The one seeded generator (mulberry32), shared with the hub's bootstrap intervals.
export { mulberry32 };

export const DAY_MS = 86_400_000;

/** A basket in the evaluation: item ids index `Dataset.items`. */
export interface NbrBasket {
  time: number; // epoch ms
  day: number; // whole days since the epoch
  items: number[]; // distinct, sorted ascending
}

export interface NbrUser {
  id: string;
  history: NbrBasket[]; // oldest → newest, non-empty
  target: NbrBasket;
}

export interface Dataset {
  items: string[];
  users: NbrUser[]; // sorted by id
  stats: {
    ordersIn: number;
    customersIn: number;
    customersInBasketRange: number;
    itemsKept: number;
    droppedEmptyTarget: number;
    droppedEmptyHistory: number;
    users: number;
    baskets: number;
    meanBasketSize: number;
    meanHistoryBaskets: number;
  };
}

export interface ProtocolOptions {
  minBaskets: number;
  maxBaskets: number;
  minItemCount: number;
}

export const PAPER_PROTOCOL: ProtocolOptions = { minBaskets: 3, maxBaskets: 50, minItemCount: 3 };

export function buildDataset(orders: readonly Order[], opts: ProtocolOptions = PAPER_PROTOCOL): Dataset {
  const byCustomer = new Map<string, Order[]>();
  for (const o of orders) (byCustomer.get(o.customerId) ?? byCustomer.set(o.customerId, []).get(o.customerId)!).push(o);

  const kept: { id: string; orders: Order[] }[] = [];
  for (const [id, os] of byCustomer) {
    if (os.length < opts.minBaskets || os.length > opts.maxBaskets) continue;
    os.sort((a, b) => a.time - b.time || compare(a.orderId, b.orderId));
    kept.push({ id, orders: os });
  }
  kept.sort((a, b) => compare(a.id, b.id));

  // Item occurrences in history baskets only (the target baskets must not decide the vocabulary).
  const count = new Map<string, number>();
  for (const c of kept) for (const o of c.orders.slice(0, -1)) for (const s of o.skus) count.set(s, (count.get(s) ?? 0) + 1);
  const items = [...count].filter(([, n]) => n >= opts.minItemCount).map(([s]) => s).sort(compare);
  const index = new Map(items.map((s, i) => [s, i]));

  const users: NbrUser[] = [];
  let droppedEmptyTarget = 0;
  let droppedEmptyHistory = 0;
  let baskets = 0;
  let basketItems = 0;
  for (const c of kept) {
    const converted = c.orders.map((o) => toBasket(o, index));
    const target = converted[converted.length - 1]!;
    const history = converted.slice(0, -1).filter((b) => b.items.length > 0);
    if (target.items.length === 0) {
      droppedEmptyTarget++;
      continue;
    }
    if (history.length === 0) {
      droppedEmptyHistory++;
      continue;
    }
    users.push({ id: c.id, history, target });
    baskets += history.length + 1;
    basketItems += target.items.length + history.reduce((n, b) => n + b.items.length, 0);
  }

  return {
    items,
    users,
    stats: {
      ordersIn: orders.length,
      customersIn: byCustomer.size,
      customersInBasketRange: kept.length,
      itemsKept: items.length,
      droppedEmptyTarget,
      droppedEmptyHistory,
      users: users.length,
      baskets,
      meanBasketSize: baskets ? basketItems / baskets : 0,
      meanHistoryBaskets: users.length ? (baskets - users.length) / users.length : 0,
    },
  };
}

function toBasket(o: Order, index: Map<string, number>): NbrBasket {
  const items: number[] = [];
  for (const s of o.skus) {
    const i = index.get(s);
    if (i !== undefined) items.push(i);
  }
  items.sort((a, b) => a - b);
  return { time: o.time, day: Math.floor(o.time / DAY_MS), items: [...new Set(items)] };
}

export interface Split {
  seed: number;
  train: NbrUser[];
  val: NbrUser[];
  test: NbrUser[];
}

/** keyset_fold.py: shuffle, then train = first ⌊n·0.72⌋, validation up to ⌊n·0.8⌋, test the rest. */
export function splitUsers(users: readonly NbrUser[], seed: number): Split {
  const order = [...users].sort((a, b) => compare(a.id, b.id));
  const rand = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const n = order.length;
  const a = Math.floor((n * 4 * 0.9) / 5);
  const b = Math.floor((n * 4) / 5);
  return { seed, train: order.slice(0, a), val: order.slice(a, b), test: order.slice(b) };
}

/**
 * What a model may learn global statistics from: every basket of a training user, and the
 * history (never the target) of validation and test users. One sequence per user, oldest first.
 */
export function trainingSequences(split: Split): { userId: string; baskets: NbrBasket[] }[] {
  return [
    ...split.train.map((u) => ({ userId: u.id, baskets: [...u.history, u.target] })),
    ...split.val.map((u) => ({ userId: u.id, baskets: u.history })),
    ...split.test.map((u) => ({ userId: u.id, baskets: u.history })),
  ];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
