// Candidate affinities mined from the replica's order history: "bought X, then Y" with
// support, confidence, lift and the spread of the delay, each as a row ready to adopt.
import type Database from 'better-sqlite3';
import type { AffinitySuggestion, MerchPolicy, SuggestionList } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { isBlocked } from '../engine/guardrails.js';
import { loadCategoryBaskets } from '../engine/learn.js';
import { learnState } from '../engine/relearn.js';
import { learnSpreadLinks, type SpreadLink } from '../engine/links.js';

/** Longer than the engine's learned links (60): merchandisers plan follow-ups up to a season ahead. */
const WINDOW_DAYS = 90;

export interface SuggestionOptions {
  minSupport: number;
  minLift: number;
  fromCategoryId: string | null;
  limit: number;
}

interface Mined {
  stamp: string;
  minSupport: number;
  links: SpreadLink[];
  orders: number;
  customers: number;
}
// Mining reads the whole history: keep the last answer until orders change.
const cache = new WeakMap<Database.Database, Mined>();

export function suggestAffinities(db: Database.Database, draft: MerchPolicy, opts: SuggestionOptions): SuggestionList {
  const mined = mine(db, opts.minSupport);
  const names = new Map((statement(db, `SELECT id, name FROM categories`).all() as { id: string; name: string }[]).map((r) => [r.id, r.name]));
  const taken = new Set(draft.affinities.map((a) => a.id));
  const items: AffinitySuggestion[] = [];
  const ranked = [...mined.links].sort((a, b) => b.lift * b.confidence - a.lift * a.confidence || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  for (const l of ranked) {
    if (items.length >= opts.limit) break;
    if (l.lift < opts.minLift) continue;
    if (opts.fromCategoryId && l.from !== opts.fromCategoryId && !l.from.startsWith(`${opts.fromCategoryId}/`)) continue;
    if (isBlocked(l.from, draft.blockedCategories) || isBlocked(l.to, draft.blockedCategories)) continue; // never propose what is never shown
    const coveredBy = draft.affinities
      .filter((a) => a.toCategoryId === l.to && (a.fromCategoryId === l.from || l.from.startsWith(`${a.fromCategoryId}/`)))
      .map((a) => a.id);
    const id = uniqueId(`${leaf(l.from)}-${leaf(l.to)}`, taken);
    items.push({
      fromCategoryId: l.from,
      fromName: names.get(l.from) ?? l.from,
      toCategoryId: l.to,
      toName: names.get(l.to) ?? l.to,
      support: l.support,
      confidence: round(l.confidence, 3),
      lift: round(l.lift, 2),
      delayDays: { median: round(l.medianDelayDays, 1), p25: round(l.p25DelayDays, 1), p75: round(l.p75DelayDays, 1) },
      proposal: {
        id,
        fromCategoryId: l.from,
        toCategoryId: l.to,
        skus: [],
        minDelayDays: Math.floor(l.p25DelayDays),
        maxDelayDays: Math.max(Math.ceil(l.p75DelayDays), Math.floor(l.p25DelayDays) + 7),
        // the same strength the engine gives a learned link
        weight: Math.max(0.3, round(Math.min(1, l.lift / 4) * (0.5 + Math.min(0.5, l.confidence)), 1)),
        seasonStart: null,
        seasonEnd: null,
        storeIds: [],
        active: true,
        note: `Suggested from order history: ${Math.round(l.confidence * 100)}% of buyers, ${l.lift.toFixed(1)}× the usual rate`,
      },
      coveredBy,
    });
  }
  return { ordersScanned: mined.orders, customersScanned: mined.customers, items, model: learnState(db) };
}

function mine(db: Database.Database, minSupport: number): Mined {
  const s = statement(db, `SELECT count(*) AS n, max(placed_at) AS last, count(DISTINCT customer_id) AS customers FROM orders WHERE status = 'completed' AND customer_id IS NOT NULL`).get() as {
    n: number;
    last: string | null;
    customers: number;
  };
  const stamp = `${s.n}|${s.last}`;
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp && hit.minSupport === minSupport) return hit;
  const links = learnSpreadLinks(loadCategoryBaskets(db), { windowDays: WINDOW_DAYS, minSupport, minLift: 1, maxPerFrom: 25 });
  const mined = { stamp, minSupport, links, orders: s.n, customers: s.customers };
  cache.set(db, mined);
  return mined;
}

function leaf(categoryId: string): string {
  return categoryId.split('/').pop() ?? categoryId;
}

function uniqueId(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 60);
  let id = clean;
  for (let n = 2; taken.has(id); n++) id = `${clean}-${n}`;
  taken.add(id);
  return id;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
