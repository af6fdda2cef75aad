// The offer engine pipeline (DESIGN §4): eligibility & consent → candidates → guardrails →
// scoring → diversification → exploration → holdout, with every decision audited.
import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';
import type { Arm, Personalization, SkipReason, Starter, StarterProduct, StarterSet } from '../contract/types.js';
import { writeAudit } from '../audit/audit.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/outbox.js';
import { Catalog, isNewArrival, styleOf } from './catalog.js';
import { DAY_MS, loadCart, loadCustomerFacts, loadHistory, type CartLine, type CustomerFacts, type DecisionContext, type HistoryLine } from './context.js';
import { exclusionApplies, marginOf, productRefusal, stockRefusal, type ProductFacts, type Refusal } from './guardrails.js';
import { cartIdeas, personalIdeas, shortTitle, topLevel, type Idea } from './ideas.js';
import type { FollowLink } from './links.js';
import { loadActivePolicy, type Policy } from './policy.js';
import { inHoldout, seededRandom } from './assignment.js';
import { sanitizePolicy } from './validate.js';
import { statement } from '../db/statements.js';
import { historyBaskets, itemModelStamp, PersonalScores, StoredItemModel } from './itemModel.js';
import { itemFollowUpIdeas } from './itemIdeas.js';
import { closeness, misfit, personProfile, type PersonProfile } from './person.js';
import { IDEA_WEIGHTS, type IdeaWeights } from './ideaWeights.js';
import { usualIdea } from './usual.js';
import { orderForCustomer, type PickBasis } from './goesWith.js';

export interface DecisionRequest {
  customerId: string | null;
  cart: readonly { sku: string; quantity: number }[];
  storeId: string;
  staffId: string | null;
  now: Date;
  limit?: number;
}

export const DEFAULT_LIMIT = 4;
const PRODUCTS_PER_STARTER = 2;
const FAVOURITES_DAYS = 90;
/** The store's best-selling categories its own picks rotate over. */
const FAVOURITE_CATEGORIES = 10;
/**
 * The categories a store sold most since a time, read from its own orders (orders_location_placed).
 * CROSS JOIN keeps that loop order: with the statistics `PRAGMA optimize` gathers, SQLite started
 * from the products instead and read every order line of the chain (10 s at 250k products).
 */
export const STORE_FAVOURITES_SQL = `
  SELECT p.category_id AS id FROM orders o CROSS JOIN order_lines ol ON ol.order_id = o.id CROSS JOIN products p ON p.sku = ol.sku
  WHERE o.location_id = ? AND o.placed_at >= ? GROUP BY p.category_id ORDER BY sum(ol.quantity * ol.unit_price_cents) DESC LIMIT ?`;
/** Styles of a category's best sellers the item model also ranks (beside the customer's own candidates). */
const CATEGORY_POOL = 24;
/**
 * How many eligible products of a category a rotating idea spreads its customers over (twice
 * what the idea needs at least, and at least this many)… Each costs a stock read.
 */
const ROTATION_PERSONAL = 4;
/** …found among this many best sellers. */
const ROTATION_POOL = 24;
/**
 * Stock rows read at once. Candidates come in sizes and colours, and every size after a style's
 * first is skipped without a stock read, so a few stock rows cover few choices: a read is
 * mostly its fixed cost (32 rows instead of 6 made 8 reads a decision instead of 27 on the demo).
 */
const STOCK_BATCH = 32;
/** The customer's own candidates (bought before, learned follow-ups) looked up per decision. */
const PERSONAL_POOL = 120;

/** One decision before it is recorded: what `decide` writes, and what a preview compares. */
export interface Evaluation {
  result: StarterSet;
  ctx: DecisionContext;
  /** Every rule that fired, guardrail refusals included ('guardrail:<refusal>:<cap key>:<count>'). */
  rules: string[];
  /** Per starter, in order: what the frequency cap counts, its own rules, the category it promotes. */
  starters: { capKey: string; rules: string[]; categoryId: string | null }[];
}

/** The customer and basket of one request, read once however many policies look at them. */
interface Subject {
  customer: CustomerFacts | null;
  cart: CartLine[];
  history: HistoryLine[] | null;
  /** Capped idea keys by cap size. */
  capped: Map<number, Set<string>>;
  /** The item model's view of this customer (or of anyone, without personal data), by personalization. */
  items: Map<Personalization, Items>;
  /** Stock here by SKU, read once however many policies look at it. */
  stock: Map<string, ReturnType<Catalog['stockHere']>>;
}

/** What the item model and the person's fit say about products, for one decision. */
interface Items {
  scores: PersonalScores;
  /** The customer's own candidates with their category, best first (facts are read only when an idea needs them). */
  personal: { sku: string; categoryId: string }[];
  person: PersonProfile | null;
  /** Seeds the rotation of non-personal ideas: the same customer on the same day sees the same. */
  rotation: string;
  /** The subject's stock reads (shared by every policy previewed). */
  stock: Subject['stock'];
}

interface Scored {
  idea: Idea;
  products: StarterProduct[];
  score: number;
}

/**
 * One engine per open replica: it caches prepared statements, the active policy and the
 * learned links, and reloads them when a new version lands.
 */
export class OfferEngine {
  /** Products and stock as the engine sees them; shared with the product handlers. */
  readonly catalog: Catalog;
  private policy: Policy | null = null;
  private policyRules: string[] = [];
  private links = new Map<string, FollowLink[]>();
  private repeatCategories = new Map<string, number>();
  private linksStamp: string | null | undefined = undefined;
  /**
   * The learned item model, and its prior of products read lately: every decision ranks the
   * same best sellers, and a lookup among every SKU's stats costs more than the rest of ranking one.
   */
  private itemModel: { model: StoredItemModel; stamp: string | null; priors: WeakMap<ProductFacts, number> } | null = null;
  private favourites: { key: string; ids: string[] } | null = null;
  private readonly weights: IdeaWeights;

  /** `ideaWeights`: only a tuning run passes its own (bench/starters/tune.ts); the product uses IDEA_WEIGHTS. */
  constructor(
    private readonly db: Database.Database,
    options: { standalone?: boolean; ideaWeights?: IdeaWeights } = {},
  ) {
    this.catalog = new Catalog(db, { standalone: options.standalone ?? false });
    this.weights = options.ideaWeights ?? IDEA_WEIGHTS;
  }

  /** Must run inside the caller's write transaction: it writes the audit log, events and outbox. */
  decide(req: DecisionRequest): StarterSet {
    const policy = this.currentPolicy();
    this.catalog.checkCatalogVersion();
    const subject = this.subject(req);
    const e = this.evaluate(req, subject, policy, this.policyRules, newId());
    this.record(e.result, e.starters.map((s) => s.capKey), req, e.ctx, e.rules);
    return e.result;
  }

  /**
   * What `decide` would show under each of `policies`, writing nothing: no audit entry, no
   * impression, no outbox event, so no frequency cap is used up. The customer is read once
   * and every policy sees the same exploration draw, so the answers compare like for like.
   */
  preview(req: DecisionRequest, policies: readonly { policy: Policy; rules: string[] }[]): Evaluation[] {
    this.currentPolicy(); // learned links
    this.catalog.checkCatalogVersion();
    const subject = this.subject(req);
    const seed = `preview:${req.customerId ?? 'anonymous'}:${req.now.toISOString().slice(0, 10)}`;
    return policies.map(({ policy, rules }) => this.evaluate(req, subject, policy, rules, seed));
  }

  /** A policy as decisions use it: invalid parts dropped (and named as rules), like a stored one. */
  usable(policy: Policy): { policy: Policy; rules: string[] } {
    const { policy: clean, dropped } = sanitizePolicy(policy, new Set(this.catalog.categoryIds()));
    return { policy: clean, rules: dropped.map((d) => `policy_invalid:${d}`) };
  }

  private subject(req: DecisionRequest): Subject {
    const customer = req.customerId ? loadCustomerFacts(this.db, req.customerId) : null;
    if (req.customerId && (!customer || customer.status === 'erased')) {
      throw new ApiError('not_found', 'No customer with that id on this device.');
    }
    return { customer, cart: loadCart(this.db, req.cart), history: null, capped: new Map(), items: new Map(), stock: new Map() };
  }

  private evaluate(req: DecisionRequest, subject: Subject, policy: Policy, policyRules: readonly string[], decisionId: string): Evaluation {
    const { db } = this;
    const g = policy.guardrails;
    const limit = req.limit ?? DEFAULT_LIMIT;
    const { customer } = subject;

    // Consent at decision time: only an active customer who granted personalization gets a personal decision.
    const personal = !!customer && customer.status === 'active' && customer.personalizationConsent;
    const arm: Arm = personal && inHoldout(customer.id, g.holdoutShare) ? 'holdout' : 'personalized';
    const personalization: Personalization = personal && arm === 'personalized' ? 'full' : 'cart_only';

    const ctx: DecisionContext = {
      now: req.now,
      storeId: req.storeId,
      staffId: req.staffId,
      customer: personalization === 'full' ? customer : null,
      history: personalization === 'full' ? (subject.history ??= loadHistory(db, customer!.id, req.now)) : [],
      cart: subject.cart,
    };
    const rules: string[] = [...policyRules, `arm:${arm}`, `personalization:${personalization}`];
    if (customer && !personal) rules.push(customer.status !== 'active' ? `customer:${customer.status}` : 'consent:personalization_missing');

    const inputs = { ctx, policy, links: this.links, repeatCategories: this.repeatCategories, categoryName: (id: string | null) => this.catalog.categoryName(id), storeFavourites: rotated(this.storeFavourites(req), `${rotationSeed(req.customerId, req.now)}:favourites`) };
    const items = this.itemsFor(subject, ctx, personalization);
    const budget = limit * PRODUCTS_PER_STARTER;
    const usual = personalization === 'full' ? usualIdea(items.scores, ctx.history, this.weights, budget) : null;
    const ideas = [
      ...(personalization === 'full' ? [...(usual ? [usual] : []), ...personalIdeas(inputs), ...itemFollowUpIdeas(items.scores, items.personal, ctx.history, (sku) => this.catalog.product(sku))] : []),
      ...cartIdeas(inputs, personalization === 'full'),
      ...this.outOfStockIdeas(ctx),
    ];

    const boughtDays = daysSinceByCategory(ctx);
    // Only a refill offers what they already own; every other starter opens something new to them.
    const boughtSkus = new Set(ctx.history.map((l) => l.sku));
    const inCart = new Set(ctx.cart.map((l) => l.sku));
    // What the customer told an associate they already own is left out like what is in the cart.
    if (customer) for (const sku of this.ownedSkus(customer.id)) inCart.add(sku);
    const capped = customer ? this.cappedFor(subject, customer.id, req.now, g.frequencyCapPerWeek) : new Set<string>();

    const scored: Scored[] = [];
    for (const idea of ideas) {
      if (capped.has(idea.capKey)) {
        rules.push(`frequency_cap:${idea.capKey}`);
        continue;
      }
      const picked = this.pickProducts(idea, ctx, policy, items, boughtDays, boughtSkus, inCart, rules);
      if (picked === null) continue;
      const reason = idea.reasonFor && picked.basis ? idea.reasonFor(picked.products, picked.basis) : idea.reason;
      const said = reason === idea.reason ? idea : { ...idea, reason };
      scored.push({ idea: said, products: picked.products, score: round(idea.relevance * picked.factor) });
    }

    const chosen = withinProductBudget(selectDiverse(withoutRepeatedProducts(dedupeByCapKey(scored)), limit), budget, (p: StarterProduct) => items.scores.score(p.sku)).sort((a, b) => b.score - a.score);
    // The holdout is the comparison arm: it gets no exploration trials either.
    const starters = explore(chosen, scored, limit, arm === 'holdout' ? 0 : g.explorationShare, decisionId);
    for (const s of starters) rules.push(...s.idea.rules);

    const result: StarterSet = {
      decisionId,
      policyVersion: policy.version,
      arm,
      personalization,
      customerId: customer?.id ?? null,
      starters: starters.map((s, position) => ({
        position,
        kind: s.idea.kind,
        incentive: s.idea.incentive,
        text: s.idea.text(s.products[0] ?? null),
        reason: s.idea.reason,
        products: s.products,
        score: s.score,
        exploration: s.exploration,
        propensity: s.propensity,
      })),
    };
    return {
      result,
      ctx,
      rules,
      starters: starters.map((s) => ({ capKey: s.idea.capKey, rules: s.idea.rules, categoryId: s.idea.source?.categoryId ?? null })),
    };
  }

  /** Records what the associate did with a starter, with its outbox event, in the caller's transaction. */
  feedback(decisionId: string, position: number, feedback: 'used' | 'not_relevant', staffId: string, now: Date, reason: SkipReason | null = null): void {
    const row = statement(this.db, `SELECT customer_id AS customerId, kind, cap_key AS capKey FROM starter_events WHERE decision_id = ? AND position = ?`).get(decisionId, position) as
      | { customerId: string | null; kind: string; capKey: string }
      | undefined;
    if (!row) throw new ApiError('not_found', 'That starter is not on this device.');
    const why = feedback === 'not_relevant' ? reason : null;
    statement(this.db, `UPDATE starter_events SET feedback = ?, feedback_reason = ?, feedback_at = ? WHERE decision_id = ? AND position = ?`).run(feedback, why, now.toISOString(), decisionId, position);
    enqueue(this.db, 'starter.feedback', { decisionId, position, feedback, reason: why, staffId, customerId: row.customerId, kind: row.kind, at: now.toISOString() }, now);
  }

  /** The policy in force now, and the learned links: reloaded when a new version lands. */
  currentPolicy(): Policy {
    const active = statement(this.db, `SELECT version FROM merch_config WHERE is_active = 1`).get() as { version: number } | undefined;
    if (!this.policy || this.policy.version !== (active?.version ?? 0)) {
      // A malformed policy (from a bad sync or an old app) must not crash decisions: drop what is invalid, say so.
      const { policy, dropped } = sanitizePolicy(loadActivePolicy(this.db), new Set(this.catalog.categoryIds()));
      this.policy = policy;
      this.policyRules = dropped.map((d) => `policy_invalid:${d}`);
    }
    const stamp = (statement(this.db, `SELECT max(computed_at) AS t FROM copurchase_links`).get() as { t: string | null }).t;
    if (stamp !== this.linksStamp) {
      this.links = loadLinks(this.db);
      this.repeatCategories = new Map(
        (statement(this.db, `SELECT category_id AS id, repeat_share AS share FROM repeat_categories`).all() as { id: string; share: number }[]).map((r) => [r.id, r.share]),
      );
      this.linksStamp = stamp;
    }
    return this.policy;
  }

  /**
   * The item model (rank.ts) the last relearn stored (learn.ts): read by key as decisions need
   * it, so no decision learns it; a new one is picked up when a relearn lands.
   */
  private model(): StoredItemModel {
    const stamp = itemModelStamp(this.db);
    if (!this.itemModel || this.itemModel.stamp !== stamp) this.itemModel = { model: new StoredItemModel(this.db), stamp, priors: new WeakMap() };
    return this.itemModel.model;
  }

  /** `scores.score(p.sku)`, with the prior cached per product read (see `itemModel`). */
  private scoreOf(p: ProductFacts, scores: PersonalScores): number {
    const personal = scores.personalScore(p.sku);
    if (personal !== undefined) return personal;
    if (this.itemModel?.model !== scores.model) return scores.prior(p.sku);
    const { priors } = this.itemModel;
    let prior = priors.get(p);
    if (prior === undefined) priors.set(p, (prior = scores.prior(p.sku)));
    return prior;
  }

  /**
   * Stock here of `candidates[i]`; on a miss, the next few candidates not read yet are read
   * with it in one query (most of them are looked at next).
   */
  private stockOf(items: Items, candidates: readonly ProductFacts[], i: number, ctx: DecisionContext): ReturnType<Catalog['stockHere']> {
    const sku = candidates[i]!.sku;
    if (!items.stock.has(sku)) {
      const batch: string[] = [];
      for (let j = i; j < candidates.length && batch.length < STOCK_BATCH; j++) if (!items.stock.has(candidates[j]!.sku)) batch.push(candidates[j]!.sku);
      for (const [s, stock] of this.catalog.stockHereMany(batch, ctx.storeId, ctx.now)) items.stock.set(s, stock);
    }
    return items.stock.get(sku)!;
  }

  private itemsFor(subject: Subject, ctx: DecisionContext, personalization: Personalization): Items {
    let items = subject.items.get(personalization);
    if (!items) {
      const today = Math.floor(ctx.now.getTime() / DAY_MS);
      const history = ctx.customer ? historyBaskets(ctx.customer.id, ctx.history) : [];
      const scores = new PersonalScores(this.model(), history, today);
      const categoryOf = new Map(ctx.history.map((l) => [l.sku, l.categoryId]));
      const personal: Items['personal'] = [];
      for (const r of scores.personal.slice(0, PERSONAL_POOL)) {
        // bought before: the history knows its category; a learned follow-up (few) is looked up
        const categoryId = categoryOf.has(r.key) ? categoryOf.get(r.key) : this.catalog.product(r.key)?.categoryId;
        if (categoryId) personal.push({ sku: r.key, categoryId });
      }
      items = { scores, personal, person: ctx.customer ? personProfile(ctx.history) : null, rotation: rotationSeed(subject.customer?.id ?? null, ctx.now), stock: subject.stock };
      subject.items.set(personalization, items);
    }
    return items;
  }

  private pickProducts(
    idea: Idea,
    ctx: DecisionContext,
    policy: Policy,
    items: Items,
    boughtDays: Map<string, number>,
    boughtSkus: Set<string>,
    inCart: Set<string>,
    rules: string[],
  ): { products: StarterProduct[]; factor: number; basis: PickBasis | null } | null {
    if (!idea.source) return { products: [], factor: 1, basis: null };
    const g = policy.guardrails;
    if (idea.source.categoryId && !idea.replenishes) {
      const days = boughtDays.get(idea.source.categoryId) ?? null;
      if (exclusionApplies(days, g)) {
        rules.push(`exclusion_window:${idea.source.categoryId}`);
        return null;
      }
    }

    // whole days, so the cached best-seller pages serve every decision of the day
    const since = idea.newOnly ? new Date(Math.floor(ctx.now.getTime() / DAY_MS - g.newArrivalWindowDays) * DAY_MS).toISOString() : null;
    // a rotating idea gathers several eligible products, then shows each customer their own two
    const shows = idea.products ?? PRODUCTS_PER_STARTER;
    const wanted = idea.rotate ? Math.max(ROTATION_PERSONAL, idea.rotate * 2) : shows;
    const styles = new Set<string>();
    const seen = new Set<string>();
    const refusals = new Map<Refusal | `fit_${string}`, number>();
    const picked: { p: ProductFacts; stock: ReturnType<Catalog['stockHere']>; basis: PickBasis }[] = [];
    const clearanceLater: typeof picked = [];

    // A widening idea whose category is too thin to spread over goes on in its parent, up to the interest.
    // What it finds there comes in this customer's own order, so thin categories do not all fill
    // up with their parent's one best seller.
    for (const [level, scope] of (idea.widen && idea.source.categoryId ? widening(idea.source.categoryId) : [idea.source]).entries()) {
      if (picked.length >= wanted) break;
      const found = this.candidateProducts(scope, since, items, idea.rotate ? ROTATION_POOL : CATEGORY_POOL).filter((c) => !seen.has(c.p.sku));
      const ordered = level === 0 ? found : rotated(found, `${items.rotation}:${idea.capKey}:${scope.categoryId}`);
      const candidates = ordered.map((c) => c.p);
      for (const [i, p] of candidates.entries()) {
        seen.add(p.sku);
        if (inCart.has(p.sku) || (!idea.replenishes && boughtSkus.has(p.sku))) continue;
        // two products of one starter are two choices, not two sizes of one style
        // (their usual is what they buy, each product as it is: two colours of one mug are two habits)
        const style = idea.kind === 'usual' ? p.sku : styleOf(p);
        if (styles.has(style)) continue;
        if (idea.newOnly && !isNewArrival(p, ctx.now, g.newArrivalWindowDays)) continue;
        // a sibling category they bought lately is as excluded as the idea's own
        if (idea.widen && !idea.replenishes && exclusionApplies(boughtDays.get(p.categoryId) ?? null, g)) continue;
        const contradicts = items.person && misfit(p, items.person);
        if (contradicts) {
          refusals.set(`fit_${contradicts}`, (refusals.get(`fit_${contradicts}`) ?? 0) + 1);
          continue;
        }
        const productProblem = productRefusal(p, g, policy.blockedCategories);
        const stock = productProblem ? null : this.stockOf(items, candidates, i, ctx);
        const refusal = productProblem ?? stockRefusal(stock, g, idea.stockMinimum);
        if (refusal) {
          refusals.set(refusal, (refusals.get(refusal) ?? 0) + 1);
          continue;
        }
        if (idea.stockMaximum !== undefined && (stock?.available ?? 0) > idea.stockMaximum) continue;
        styles.add(style);
        const entry = { p, stock, basis: ordered[i]!.basis };
        if (idea.clearanceFirst && p.status !== 'clearance') clearanceLater.push(entry);
        else picked.push(entry);
        if (picked.length >= wanted) break;
      }
    }
    if (idea.rotate) {
      if (picked.length < idea.rotate) {
        rules.push(`too_few_to_rotate:${idea.capKey}`);
        return null;
      }
      picked.splice(0, picked.length, ...rotated(picked, `${items.rotation}:${idea.capKey}`));
    }
    if (idea.clearanceFirst) {
      if (picked.length === 0) {
        rules.push(`no_clearance:${idea.capKey}`);
        return null;
      }
    } else picked.push(...clearanceLater);

    for (const [r, n] of refusals) rules.push(`guardrail:${r}:${idea.capKey}:${n}`);
    if (picked.length === 0) {
      rules.push(`no_product:${idea.capKey}`);
      return null;
    }
    const best = picked[0]!.p;
    const products = picked.slice(0, shows).map(({ p, stock }) => this.catalog.describe(p, ctx.storeId, stock, ctx.now, g.newArrivalWindowDays));
    // why the first product is this customer's, for a reason made from what is shown (Idea.reasonFor)
    return { products, factor: valueFactor(best, ctx, policy, idea), basis: picked[0]!.basis };
  }

  /**
   * The idea's products in the order this customer is offered them (goesWith.ts), each with why:
   * the given SKUs, else (or also) the category's best sellers (in `poolSize` styles) and the
   * customer's own candidates in it.
   */
  private candidateProducts(source: NonNullable<Idea['source']>, newSince: string | null, items: Items, poolSize: number): { p: ProductFacts; basis: PickBasis }[] {
    const pool = new Map<string, ProductFacts>();
    for (const sku of source.skus ?? []) {
      const p = this.catalog.product(sku);
      if (p) pool.set(sku, p);
    }
    if (source.categoryId) {
      const leaves = new Set(this.catalog.leavesOf(source.categoryId));
      for (const { sku, categoryId } of items.personal) {
        if (!leaves.has(categoryId) || pool.has(sku)) continue;
        const p = this.catalog.product(sku);
        if (p) pool.set(sku, p);
      }
      // counted in styles: a jacket in ten sizes and colours is one choice, not ten
      for (const p of this.catalog.bestStyles(source.categoryId, newSince, poolSize)) if (!pool.has(p.sku)) pool.set(p.sku, p);
    }
    const { person } = items;
    const ranked = [...pool.values()].map((p) => ({ p, score: this.scoreOf(p, items.scores), signal: items.scores.signal(p.sku), close: person ? closeness(p, person) : 0, brand: person?.brands.get(p.brand) ?? 0 }));
    return orderForCustomer(ranked, `${items.rotation}:${source.categoryId ?? ''}`, (p) => !person || !misfit(p, person));
  }

  /** An item in the cart that is not on the shelf here: offer what is, and say where the wanted one is. */
  private outOfStockIdeas(ctx: DecisionContext): Idea[] {
    const ideas: Idea[] = [];
    for (const line of ctx.cart) {
      const stock = this.catalog.stockHere(line.sku, ctx.storeId, ctx.now);
      if (stock && stock.available > 0) continue;
      const product = this.catalog.product(line.sku);
      const where = product ? this.catalog.describe(product, ctx.storeId, stock, ctx.now, 0).elsewhere : null;
      const ship = where ? `, or we ship theirs home from ${where.locationName} in ${where.leadTimeDays} days` : '';
      ideas.push({
        kind: 'in_stock_alternative',
        incentive: null,
        capKey: `in_stock_alternative:${line.sku}`,
        interest: topLevel(line.categoryId),
        source: { categoryId: line.categoryId },
        relevance: 1,
        replenishes: true, // they want this category today: the exclusion window does not apply
        text: (p) => (p ? `Out of the ${shortTitle(line.title)} here: the ${shortTitle(p.title)} is on the shelf now${ship}.` : ''),
        reason: `Wanted item is out of stock at this store${where ? `; ${where.available} available at ${where.locationName}` : ''}.`,
        rules: [`out_of_stock_here:${line.sku}`],
      });
    }
    return ideas;
  }

  /** Products in starters the customer marked "already owns it". */
  private ownedSkus(customerId: string): string[] {
    const rows = statement(this.db, `SELECT skus FROM starter_events WHERE customer_id = ? AND feedback_reason = 'already_owns'`).all(customerId) as { skus: string }[];
    return rows.flatMap((r) => JSON.parse(r.skus) as string[]);
  }

  private cappedFor(subject: Subject, customerId: string, now: Date, capPerWeek: number): Set<string> {
    let keys = subject.capped.get(capPerWeek);
    if (!keys) subject.capped.set(capPerWeek, (keys = this.cappedKeys(customerId, now, capPerWeek)));
    return keys;
  }

  private cappedKeys(customerId: string, now: Date, capPerWeek: number): Set<string> {
    const since = new Date(now.getTime() - 7 * DAY_MS).toISOString();
    // Days, not impressions: reopening the card during one visit does not use up the cap.
    const rows = statement(this.db, 
        `SELECT cap_key AS key, count(DISTINCT substr(shown_at, 1, 10)) AS days, max(feedback = 'not_relevant') AS dismissed
         FROM starter_events WHERE customer_id = ? AND shown_at >= ? GROUP BY cap_key`,
      )
      .all(customerId, since) as { key: string; days: number; dismissed: number | null }[];
    return new Set(rows.filter((r) => r.days >= capPerWeek || r.dismissed === 1).map((r) => r.key));
  }

  private storeFavourites(req: DecisionRequest): string[] {
    const key = `${req.storeId}:${req.now.toISOString().slice(0, 10)}`;
    if (this.favourites?.key !== key) {
      const since = new Date(req.now.getTime() - FAVOURITES_DAYS * DAY_MS).toISOString();
      const ids = (statement(this.db, STORE_FAVOURITES_SQL).all(req.storeId, since, FAVOURITE_CATEGORIES) as { id: string }[]).map((r) => r.id);
      this.favourites = { key, ids };
    }
    return this.favourites.ids;
  }

  private record(result: StarterSet, capKeys: string[], req: DecisionRequest, ctx: DecisionContext, rules: string[]): void {
    const at = req.now.toISOString();
    const insert = statement(this.db, 
      `INSERT INTO starter_events (decision_id, position, customer_id, store_id, staff_id, kind, cap_key, skus, policy_version, arm,
                                   exploration, propensity, score, shown_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    result.starters.forEach((s, i) => {
      insert.run(result.decisionId, i, result.customerId, req.storeId, req.staffId, s.kind, capKeys[i], JSON.stringify(s.products.map((p) => p.sku)), result.policyVersion, result.arm, s.exploration ? 1 : 0, s.propensity, s.score, at);
    });
    writeAudit(this.db, {
      at: req.now,
      actorId: req.staffId,
      storeId: req.storeId,
      action: 'starters.decide',
      subjectType: 'customer',
      subjectId: result.customerId ?? 'anonymous',
      policyVersion: result.policyVersion,
      inputsSummary: {
        decisionId: result.decisionId,
        segment: ctx.customer?.segment ?? null,
        historyLines: ctx.history.length,
        cart: ctx.cart.map((l) => l.sku),
        arm: result.arm,
        personalization: result.personalization,
      },
      rulesFired: rules,
      justification: result.starters.map((s) => `${s.kind}: ${s.reason}`).join('\n') || 'No starter passed the guardrails.',
    });
    enqueue(
      this.db,
      'starter.shown',
      {
        decisionId: result.decisionId,
        customerId: result.customerId,
        storeId: req.storeId,
        staffId: req.staffId,
        policyVersion: result.policyVersion,
        arm: result.arm,
        starters: result.starters.map((s) => ({ position: s.position, kind: s.kind, skus: s.products.map((p) => p.sku), propensity: s.propensity, exploration: s.exploration })),
        at,
      },
      req.now,
    );
  }
}

/** Relevance × value: margin dollars, season, novelty and clearance adjust how hard to push a product. */
export function valueFactor(p: ProductFacts, ctx: DecisionContext, policy: Policy, idea: Idea): number {
  const g = policy.guardrails;
  const marginCents = p.priceCents * marginOf(p);
  let f = 0.75 + 0.25 * Math.min(1, marginCents / 5000);
  const season = seasonOf(ctx.now);
  if (p.season !== 'all') f *= p.season === season ? 1.15 : p.season === opposite(season) ? 0.6 : 0.9;
  if (isNewArrival(p, ctx.now, g.newArrivalWindowDays)) f *= 1 + g.newArrivalBoost;
  if (p.status === 'clearance' && !idea.clearanceFirst) f *= 1 - g.clearancePenalty;
  return f;
}

type Season = ProductFacts['season'];
export function seasonOf(d: Date): Season {
  const m = d.getUTCMonth();
  return m <= 1 || m === 11 ? 'winter' : m <= 4 ? 'spring' : m <= 7 ? 'summer' : 'fall';
}
function opposite(s: Season): Season {
  return ({ winter: 'summer', summer: 'winter', spring: 'fall', fall: 'spring', all: 'all' } as const)[s];
}

function daysSinceByCategory(ctx: DecisionContext): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of ctx.history) {
    if (!l.categoryId) continue;
    // a purchase in a leaf also counts for its parents: an affinity may name a parent category
    const parts = l.categoryId.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const id = parts.slice(0, i).join('/');
      if (!m.has(id) || m.get(id)! > l.daysAgo) m.set(id, l.daysAgo);
    }
  }
  return m;
}

function dedupeByCapKey(scored: readonly Scored[]): Scored[] {
  const best = new Map<string, Scored>();
  for (const s of scored) if (!best.has(s.idea.capKey) || best.get(s.idea.capKey)!.score < s.score) best.set(s.idea.capKey, s);
  return [...best.values()].sort((a, b) => b.score - a.score || a.idea.capKey.localeCompare(b.idea.capKey));
}

/** A product shows once: a lower starter loses products already used above; with none left it goes. */
function withoutRepeatedProducts(sorted: readonly Scored[]): Scored[] {
  const shown = new Set<string>();
  const out: Scored[] = [];
  for (const s of sorted) {
    const products = s.products.filter((p) => !shown.has(p.sku));
    if (s.idea.source && products.length === 0) continue;
    for (const p of products) shown.add(p.sku);
    out.push({ ...s, products });
  }
  return out;
}

/**
 * A starter should mostly open a new topic: at most this many per list offer what the customer
 * already buys (refills); the other slots are kept for things new to them.
 */
const REPEAT_SLOTS = 1;

/**
 * The list shows at most `budget` products (starters × two): their usual keeps the share the
 * blend gave it (usual.ts); the other starters share what is left by the item model's score of
 * their next product (each starter's own products stay in its order), so the places go to the
 * products most likely bought, whichever starter brings them; ties go to the starter shown
 * first. A product starter left with none goes; a conversation starter (no products) costs nothing.
 */
export function withinProductBudget<P, T extends { idea: Pick<Idea, 'kind' | 'source'>; products: readonly P[] }>(starters: readonly T[], budget: number, worth: (p: P) => number): T[] {
  let left = budget - starters.reduce((n, s) => n + (s.idea.kind === 'usual' ? s.products.length : 0), 0);
  const competing = starters.map((s) => s.idea.kind !== 'usual' && !!s.idea.source);
  const taken = starters.map(() => 0);
  while (left > 0) {
    let best = -1;
    for (let i = 0; i < starters.length; i++) {
      const next = starters[i]!.products[taken[i]!];
      if (competing[i] && next !== undefined && (best < 0 || worth(next) > worth(starters[best]!.products[taken[best]!]!))) best = i;
    }
    if (best < 0) break;
    taken[best]!++;
    left--;
  }
  const out: T[] = [];
  starters.forEach((s, i) => {
    if (!competing[i]) out.push(s);
    else if (taken[i]! > 0) out.push(taken[i] === s.products.length ? s : { ...s, products: s.products.slice(0, taken[i]) });
  });
  return out;
}

/**
 * Greedy by score, one starter per interest first; a second per interest only to fill the list.
 * At most half the list (rounded up) is of one kind, so no kind crowds out the other topics.
 */
export function selectDiverse<T extends { idea: Pick<Idea, 'interest'> & Partial<Pick<Idea, 'kind'>> }>(sorted: readonly T[], limit: number): T[] {
  const chosen: T[] = [];
  const seen = new Set<string>();
  const perKind = new Map<string, number>();
  const kindFull = (s: T) => s.idea.kind !== undefined && (perKind.get(s.idea.kind) ?? 0) >= (s.idea.kind === 'replenishment' ? REPEAT_SLOTS : Math.ceil(limit / 2));
  const take = (s: T) => {
    chosen.push(s);
    seen.add(s.idea.interest);
    if (s.idea.kind) perKind.set(s.idea.kind, (perKind.get(s.idea.kind) ?? 0) + 1);
  };
  for (const s of sorted) {
    if (chosen.length >= limit) break;
    if (!seen.has(s.idea.interest) && !kindFull(s)) take(s);
  }
  for (const s of sorted) {
    if (chosen.length >= limit) break;
    if (!chosen.includes(s) && !kindFull(s) && s.idea.interest !== 'incentive' && s.idea.interest !== 'relationship') take(s);
  }
  return chosen;
}

interface Shown extends Scored {
  exploration: boolean;
  propensity: number;
}

/**
 * With probability `share`, the last slot shows a uniformly chosen other candidate instead,
 * and every slot records the probability it had, so off-policy evaluation is possible later.
 */
export function explore(chosen: readonly Scored[], all: readonly Scored[], limit: number, share: number, decisionId: string): Shown[] {
  const rest = dedupeByCapKey(all).filter((s) => !chosen.some((c) => c.idea.capKey === s.idea.capKey));
  const out: Shown[] = chosen.map((s) => ({ ...s, exploration: false, propensity: 1 }));
  if (share <= 0 || rest.length === 0) return out;
  const slot = Math.min(chosen.length, limit - 1);
  const rng = seededRandom(decisionId);
  if (rng() < share) {
    const pick = rest[Math.floor(rng() * rest.length)]!;
    // Unrounded: off-policy estimates divide by it.
    out.splice(slot, 1, { ...pick, exploration: true, propensity: share / rest.length });
  } else if (out[slot]) {
    out[slot] = { ...out[slot]!, propensity: 1 - share };
  }
  return out;
}

function loadLinks(db: Database.Database): Map<string, FollowLink[]> {
  const rows = statement(db, 
      `SELECT from_category_id AS "from", to_category_id AS "to", support, confidence, lift, median_delay_days AS medianDelayDays
       FROM copurchase_links ORDER BY from_category_id, lift * confidence DESC`,
    )
    .all() as FollowLink[];
  const m = new Map<string, FollowLink[]>();
  for (const r of rows) (m.get(r.from) ?? m.set(r.from, []).get(r.from)!).push(r);
  return m;
}

/** The category, then each parent up to its interest (topLevel): 'a/b/c/d' → a/b/c/d, a/b/c, a/b. */
export function widening(categoryId: string): { categoryId: string }[] {
  const parts = categoryId.split('/');
  const out = [{ categoryId }];
  for (let n = parts.length - 1; n >= Math.min(2, parts.length); n--) out.push({ categoryId: parts.slice(0, n).join('/') });
  return out;
}

/** The same customer on the same day sees the same rotation (decide and preview agree). */
function rotationSeed(customerId: string | null, now: Date): string {
  return `${customerId ?? 'anonymous'}:${now.toISOString().slice(0, 10)}`;
}

/** A seeded shuffle (Fisher–Yates). */
function rotated<T>(xs: readonly T[], seed: string): T[] {
  const out = [...xs];
  const rng = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
