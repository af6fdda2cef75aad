// Preview before publish: the real engine decides for real customers under the published
// policy and under the draft, side by side, writing nothing (see OfferEngine.preview).
import type Database from 'better-sqlite3';
import type { MerchPolicy, MerchPreview, PreviewAggregate, PreviewCustomer, PreviewDecision, PreviewSide } from '../contract/areas/merchTypes.js';
import type { StarterKind } from '../contract/types.js';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';
import { hash32 } from '../engine/assignment.js';
import type { Evaluation, OfferEngine } from '../engine/decide.js';
import { loadActivePolicy } from '../engine/policy.js';
import { toEnginePolicy } from './policy.js';

export type PreviewSampleChoice = { kind: 'random'; seed: string; size: number } | { kind: 'customer'; customerId: string };

export interface PreviewRequest {
  sample: PreviewSampleChoice;
  aggregateCustomers: number;
  storeId: string;
  now: Date;
}

interface Side {
  published: Evaluation;
  draft: Evaluation;
}

/**
 * A preview decides for thousands of customers, seconds of work: it gives way to other calls
 * (a sale at the till, a lookup) this often instead of holding the host until it is done.
 */
const GIVE_WAY_EVERY_MS = 25;

export async function previewDraft(db: Database.Database, engine: OfferEngine, draft: MerchPolicy, req: PreviewRequest): Promise<MerchPreview> {
  const published = engine.usable(loadActivePolicy(db));
  const nextVersion = ((statement(db, `SELECT max(version) AS v FROM merch_config`).get() as { v: number | null }).v ?? 0) + 1;
  const proposed = engine.usable(toEnginePolicy(draft, nextVersion));
  const run = (customerId: string): Side => {
    const [p, d] = engine.preview({ customerId, cart: [], storeId: req.storeId, staffId: null, now: req.now }, [published, proposed]);
    return { published: p!, draft: d! };
  };

  const sampleIds = req.sample.kind === 'customer' ? [req.sample.customerId] : seededCustomers(db, req.sample.seed, req.sample.size, true);
  const samples = sampleIds.map((id) => {
    const customer = describeCustomer(db, id);
    const side = run(id);
    const publishedDecision = decision(side.published, side.draft);
    const draftDecision = decision(side.draft, side.published);
    return { customer, published: publishedDecision, draft: draftDecision, changed: draftDecision.starters.some((s) => s.onlyHere) || publishedDecision.starters.some((s) => s.onlyHere) };
  });

  let aggregate: PreviewAggregate | null = null;
  if (req.aggregateCustomers > 0) {
    const seed = req.sample.kind === 'random' ? req.sample.seed : 'aggregate';
    aggregate = await aggregateOver(seededCustomers(db, seed, req.aggregateCustomers, false), run, (id) => engine.catalog.categoryPath(id), () => db.open);
  }
  return { storeId: req.storeId, at: req.now.toISOString(), publishedVersion: published.policy.version, samples, aggregate };
}

/**
 * Runs both policies over `customerIds` and sums up what changes. `stillOpen` is asked each time
 * it gave way: the register may have closed its database meanwhile (it is shutting down).
 */
export async function aggregateOver(
  customerIds: readonly string[],
  run: (customerId: string) => Side,
  pathName: (categoryId: string) => string,
  stillOpen: () => boolean = () => true,
): Promise<PreviewAggregate> {
  const started = performance.now();
  let gaveWay = started;
  const published = new Tally(pathName);
  const draft = new Tally(pathName);
  let both = 0;
  let changedCustomers = 0;
  for (const id of customerIds) {
    const side = run(id);
    published.add(side.published);
    draft.add(side.draft);
    const before = new Set(side.published.starters.map((s) => s.capKey));
    const after = side.draft.starters.map((s) => s.capKey);
    const shared = after.filter((k) => before.has(k)).length;
    both += shared;
    if (shared !== after.length || shared !== before.size) changedCustomers++;
    if (performance.now() - gaveWay > GIVE_WAY_EVERY_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      if (!stillOpen()) throw new ApiError('transport', 'This register closed while the preview was running.');
      gaveWay = performance.now();
    }
  }
  return {
    customers: customerIds.length,
    published: published.side(customerIds.length),
    draft: draft.side(customerIds.length),
    overlap: draft.starters ? round(both / draft.starters) : 1,
    changedCustomers,
    seconds: round((performance.now() - started) / 1000),
  };
}

class Tally {
  starters = 0;
  private withStarter = 0;
  private kinds: Partial<Record<StarterKind, number>> = {};
  private categories = new Map<string, number>();
  private blocked = { stock: 0, margin: 0, price: 0, blockedCategory: 0 };
  /** Customers who see each product (once per customer however many starters show it). */
  private products = new Map<string, { title: string; customers: number }>();

  constructor(private readonly pathName: (categoryId: string) => string) {}

  add(e: Evaluation): void {
    const n = e.result.starters.length;
    this.starters += n;
    if (n > 0) this.withStarter++;
    for (const p of new Map(e.result.starters.flatMap((s) => s.products.map((p) => [p.sku, p.title] as const)))) {
      const seen = this.products.get(p[0]) ?? this.products.set(p[0], { title: p[1], customers: 0 }).get(p[0])!;
      seen.customers++;
    }
    e.result.starters.forEach((s, i) => {
      this.kinds[s.kind] = (this.kinds[s.kind] ?? 0) + 1;
      const category = e.starters[i]?.categoryId;
      if (category && s.products.length) this.categories.set(category, (this.categories.get(category) ?? 0) + 1);
    });
    for (const r of e.rules) {
      if (!r.startsWith('guardrail:')) continue;
      const [, refusal, ...rest] = r.split(':');
      const count = Number(rest.pop()) || 0;
      if (refusal === 'not_stocked_here' || refusal === 'stock_below_threshold' || refusal === 'stock_stale') this.blocked.stock += count;
      else if (refusal === 'margin_floor') this.blocked.margin += count;
      else if (refusal === 'price_gate') this.blocked.price += count;
      else if (refusal === 'blocked_category') this.blocked.blockedCategory += count;
    }
  }

  side(customers: number): PreviewSide {
    return {
      shareWithStarter: customers ? round(this.withStarter / customers) : 0,
      startersPerCustomer: customers ? round(this.starters / customers) : 0,
      startersPerKind: this.kinds,
      categoriesPromoted: [...this.categories]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, 15)
        .map(([categoryId, starters]) => ({ categoryId, pathName: this.pathName(categoryId), starters })),
      itemsBlocked: { ...this.blocked },
      topProduct: top([...this.products].map(([sku, p]) => ({ sku, title: p.title, customerShare: customers ? round(p.customers / customers) : 0 })), (p) => p.customerShare),
      topKind: top(
        (Object.entries(this.kinds) as [StarterKind, number][]).map(([kind, n]) => ({ kind, share: this.starters ? round(n / this.starters) : 0 })),
        (k) => k.share,
      ),
    };
  }
}

/** The entry with the largest `by`, ties to the first; null for none. */
function top<T>(xs: readonly T[], by: (x: T) => number): T | null {
  let best: T | null = null;
  for (const x of xs) if (best === null || by(x) > by(best)) best = x;
  return best;
}

/** One side of a sample, each starter marked when the other side does not have it. */
function decision(mine: Evaluation, other: Evaluation): PreviewDecision {
  const theirs = new Set(other.starters.map((s) => s.capKey));
  const refusals: Record<string, number> = {};
  for (const r of mine.rules) {
    if (!r.startsWith('guardrail:')) continue;
    const [, refusal, ...rest] = r.split(':');
    refusals[refusal!] = (refusals[refusal!] ?? 0) + (Number(rest.pop()) || 0);
  }
  return {
    policyVersion: mine.result.policyVersion,
    arm: mine.result.arm,
    personalization: mine.result.personalization,
    starters: mine.result.starters.map((s, i) => {
      const d = mine.starters[i]!;
      return { ...s, key: d.capKey, rules: d.rules, onlyHere: !theirs.has(d.capKey) };
    }),
    refusals,
  };
}

/**
 * The same seed always picks the same customers (ordered by a hash of seed and id).
 * `informative`: only customers the draft can change, those with personalization consent and orders.
 */
export function seededCustomers(db: Database.Database, seed: string, size: number, informative: boolean): string[] {
  const ids = (
    statement(
      db,
      informative
        ? `SELECT c.id FROM customers c JOIN customer_features f ON f.customer_id = c.id
           WHERE c.status = 'active' AND c.merged_into IS NULL AND f.order_count > 0
             AND EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.purpose = 'personalization' AND k.status = 'granted')`
        : `SELECT id FROM customers WHERE status != 'erased' AND merged_into IS NULL`,
    ).all() as { id: string }[]
  ).map((r) => r.id);
  return ids
    .map((id) => ({ id, rank: hash32(`${seed}:${id}`) }))
    .sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : 1))
    .slice(0, size)
    .map((r) => r.id);
}

function describeCustomer(db: Database.Database, id: string): PreviewCustomer {
  const row = statement(
    db,
    `SELECT c.id, c.first_name || ' ' || c.last_name AS name, coalesce(f.segment, 'prospect') AS segment, l.name AS homeStoreName, f.last_order_at AS lastOrderAt
     FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id LEFT JOIN locations l ON l.id = c.home_store_id
     WHERE c.id = ? AND c.status != 'erased' AND c.merged_into IS NULL`,
  ).get(id) as PreviewCustomer | undefined;
  if (!row) throw new ApiError('not_found', 'No customer with that id on this device.');
  return row;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
