import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { StarterSet } from '../contract/types.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { addShopper, openEngineStore, storeItemPopularity } from '../testing/engineStore.js';
import { OfferEngine, explore, selectDiverse } from './decide.js';
import { inHoldout } from './assignment.js';

let db: Database.Database;
let engine: OfferEngine;
beforeEach(() => {
  db = openEngineStore();
  engine = new OfferEngine(db);
});

const DAY = 86_400_000;
function decide(customerId: string | null, opts: { cart?: { sku: string; quantity: number }[]; now?: Date; limit?: number } = {}): StarterSet {
  return db.transaction(() =>
    engine.decide({ customerId, cart: opts.cart ?? [], storeId: 'S1', staffId: 'st-ava', now: opts.now ?? SMALL_NOW, limit: opts.limit ?? 6 }),
  )();
}
/** The item model's best sleeping bags: BAG-LOW and BAG-1 sell alike (BAG-LOW is short on the shelf), BAG-2 far less. */
const bagsSell = () => storeItemPopularity(db, { 'BAG-LOW': 0.06, 'BAG-1': 0.05, 'BAG-2': 0.02 });
const kinds = (s: StarterSet) => s.starters.map((x) => x.incentive ?? x.kind);
const skus = (s: StarterSet) => s.starters.flatMap((x) => x.products.map((p) => p.sku));
// Published versions are immutable in real life; a test edits one in place, so it starts a fresh engine.
const setGuardrail = (column: string, value: number) => {
  db.prepare(`UPDATE merch_guardrails SET ${column} = ? WHERE version = 1`).run(value);
  engine = new OfferEngine(db);
};

describe('cross-sell from a merchandiser affinity', () => {
  it('suggests a sleeping bag three weeks after a tent, with the reason in plain words', () => {
    bagsSell();
    addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
    const s = decide('TENT');
    const bag = s.starters.find((x) => x.kind === 'cross_sell' && x.products[0]?.sku.startsWith('BAG'))!;
    expect(bag).toBeDefined();
    expect(bag.reason).toMatch(/Bought the Ridgeline 2 Tent 3 weeks ago; sleeping bags usually follow 7–45 days later/);
    expect(bag.text).toMatch(/Alpine 15 Sleeping Bag/);
    expect(bag.products[0]).toMatchObject({ sku: 'BAG-1', availableHere: 20 });
  });

  it('waits for the affinity window to open', () => {
    addShopper(db, { id: 'EARLY', purchases: [['TENT-1', 2]] });
    expect(skus(decide('EARLY')).some((s) => s.startsWith('BAG'))).toBe(false);
  });

  it('matches purchases in a sub-category of the affinity’s category', () => {
    db = openEngineStore({ affinityFrom: 'outdoor/camping' });
    engine = new OfferEngine(db);
    addShopper(db, { id: 'SUB', purchases: [['TENT-1', 21]] });
    expect(skus(decide('SUB'))).toContain('BAG-1');
  });
});

describe('guardrails', () => {
  beforeEach(() => {
    bagsSell();
    addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
  });

  it('skips a best seller whose stock is below threshold plus safety buffer', () => {
    // BAG-LOW is the most popular bag but has 6 < 5 + 3 on hand
    expect(skus(decide('TENT'))).not.toContain('BAG-LOW');
    setGuardrail('safety_buffer', 0);
    expect(skus(decide('TENT'))).toContain('BAG-LOW');
  });

  it('counts units held by orders placed on this device as gone', () => {
    expect(skus(decide('TENT'))).toContain('BAG-1'); // 20 on hand
    db.prepare(`UPDATE inventory SET local_reserved = 13 WHERE sku = 'BAG-1' AND location_id = 'S1'`).run(); // 7 left < 5 + 3
    expect(skus(decide('TENT'))).not.toContain('BAG-1');
  });

  it('offline past the limit, keeps products from the last known stock with a larger buffer, each saying how old its count is', () => {
    // the last inventory pull from the hub was three hours ago
    const pulled = new Date(SMALL_NOW.getTime() - 3 * 3600_000);
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(pulled.toISOString());
    const s = decide('TENT');
    const bags = s.starters.flatMap((x) => x.products).filter((p) => p.sku.startsWith('BAG'));
    expect(bags.length).toBeGreaterThan(0);
    for (const p of bags) {
      expect(p.stockAsOf).toBe(pulled.toISOString());
      expect(p.availableHere).toBeGreaterThanOrEqual(5 + 3 + 6); // threshold + buffer + the stale extra
    }
    // A thin count is not trusted when old: BAG-1 with 10 left clears the fresh bar (8), not the stale one (14).
    db.prepare(`UPDATE inventory SET local_reserved = 10 WHERE sku = 'BAG-1' AND location_id = 'S1'`).run();
    expect(skus(decide('TENT'))).not.toContain('BAG-1');
    const audit = db.prepare(`SELECT rules_fired FROM audit_log WHERE action = 'starters.decide' ORDER BY at DESC, id DESC LIMIT 1`).get() as { rules_fired: string };
    expect(JSON.parse(audit.rules_fired).some((r: string) => r.startsWith('guardrail:stock_stale:'))).toBe(true);
  });

  it.each([
    [4, false],
    [6, true],
  ])('with stock pulled %i minutes ago, says "stock as of": %s (stale after the 5 minutes the status bar flags)', (minutes, stamped) => {
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'inventory'`).run(new Date(SMALL_NOW.getTime() - minutes * 60_000).toISOString());
    const bags = decide('TENT').starters.flatMap((x) => x.products).filter((p) => p.sku.startsWith('BAG'));
    expect(bags.length).toBeGreaterThan(0);
    expect(bags.every((p) => (p.stockAsOf !== undefined) === stamped)).toBe(true);
  });

  it('reads best-seller lists again once a catalog pull has landed', () => {
    expect(skus(decide('TENT'))).toContain('BAG-1');
    // the hub discontinues BAG-1 (products are ranked by the item model, the pages are only the
    // candidates); until the catalog pull is recorded the cached list stands
    db.prepare(`UPDATE products SET status = 'discontinued' WHERE sku = 'BAG-1'`).run();
    expect(skus(decide('TENT'))).toContain('BAG-1');
    db.prepare(`UPDATE sync_state SET last_success_at = ? WHERE stream = 'catalog'`).run(new Date(SMALL_NOW.getTime() + 1000).toISOString());
    expect(skus(decide('TENT'))).not.toContain('BAG-1');
  });

  it('treats a standalone replica (no hub to be behind) as current', () => {
    db.prepare(`UPDATE sync_state SET last_success_at = NULL`).run();
    expect(skus(decide('TENT')).some((x) => x.startsWith('BAG'))).toBe(false); // never synced: nothing is promoted
    engine = new OfferEngine(db, { standalone: true });
    expect(skus(decide('TENT'))).toContain('BAG-1');
  });

  it('applies the minimum price gate and the margin floor', () => {
    // pads: the cheapest best seller is under the price gate, the next is under the margin floor
    const s = decide('TENT');
    expect(skus(s)).not.toContain('PAD-CHEAP');
    expect(skus(s)).not.toContain('PAD-THIN');
    expect(skus(s)).toContain('PAD-1');
    setGuardrail('min_price_cents', 0);
    setGuardrail('margin_floor', 0);
    // the item model ranks the pads (PAD-1 has buyers): with the other pads gone, the gates alone decide
    db.prepare(`UPDATE products SET status = 'discontinued' WHERE sku IN ('PAD-1', 'PAD-THIN')`).run();
    engine = new OfferEngine(db);
    expect(skus(decide('TENT'))).toContain('PAD-CHEAP');
  });

  it('never suggests a blocked category', () => {
    db.prepare(`INSERT INTO merch_affinities (version, id, from_category_id, to_category_id, min_delay_days, max_delay_days, weight) VALUES (1, 'x', 'outdoor/camping/tents', 'health/personal-care', 0, 60, 1)`).run();
    engine = new OfferEngine(db);
    expect(skus(decide('TENT'))).not.toContain('PILL-1');
    db.prepare(`DELETE FROM merch_blocked_categories`).run();
    engine = new OfferEngine(db);
    expect(skus(decide('TENT'))).toContain('PILL-1');
  });

  it('does not suggest a category bought within the exclusion window', () => {
    addShopper(db, { id: 'HASBAG', purchases: [['TENT-1', 21], ['BAG-2', 10]] });
    // a sleeping bag bought once is not their usual either: no bag at all
    expect(skus(decide('HASBAG')).some((x) => x.startsWith('BAG'))).toBe(false);
    setGuardrail('exclusion_window_days', 5);
    expect(skus(decide('HASBAG')).some((x) => x.startsWith('BAG') && x !== 'BAG-2')).toBe(true);
  });

  it('caps how often one idea is shown to a customer in a week, counted in days', () => {
    setGuardrail('frequency_cap_per_week', 2);
    const day = (n: number) => {
      const at = new Date(SMALL_NOW.getTime() + n * DAY);
      db.prepare(`UPDATE sync_state SET last_success_at = ?`).run(at.toISOString()); // a sync keeps stock fresh
      return at;
    };
    const has = (s: StarterSet) => s.starters.some((x) => x.kind === 'cross_sell' && x.products[0]?.sku === 'BAG-1');
    expect(has(decide('TENT', { now: day(0) }))).toBe(true);
    expect(has(decide('TENT', { now: day(0) }))).toBe(true); // same visit: still one day
    expect(has(decide('TENT', { now: day(1) }))).toBe(true);
    expect(has(decide('TENT', { now: day(2) }))).toBe(false);
    expect(has(decide('TENT', { now: day(9) }))).toBe(true); // a week later it may come back
  });

  it('drops an idea the associate marked not relevant', () => {
    const first = decide('TENT');
    const bag = first.starters.find((x) => x.products[0]?.sku === 'BAG-1')!;
    db.transaction(() => engine.feedback(first.decisionId, bag.position, 'not_relevant', 'st-ava', SMALL_NOW))();
    expect(skus(decide('TENT'))).not.toContain('BAG-1');
  });
});

describe('skip reasons', () => {
  beforeEach(() => {
    bagsSell();
    addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
  });
  const feedbackOf = (decisionId: string, position: number) =>
    db.prepare(`SELECT feedback, feedback_reason AS reason FROM starter_events WHERE decision_id = ? AND position = ?`).get(decisionId, position);
  const lastOutbox = () => JSON.parse((db.prepare(`SELECT payload FROM outbox WHERE kind = 'starter.feedback' ORDER BY rowid DESC LIMIT 1`).get() as { payload: string }).payload);

  it('keeps the reason on the replica and in the outbox event', () => {
    const s = decide('TENT');
    db.transaction(() => engine.feedback(s.decisionId, 0, 'not_relevant', 'st-ava', SMALL_NOW, 'wrong_fit'))();
    expect(feedbackOf(s.decisionId, 0)).toEqual({ feedback: 'not_relevant', reason: 'wrong_fit' });
    expect(lastOutbox()).toMatchObject({ feedback: 'not_relevant', reason: 'wrong_fit', decisionId: s.decisionId, position: 0 });
  });

  it('drops a reason sent with "used"', () => {
    const s = decide('TENT');
    db.transaction(() => engine.feedback(s.decisionId, 0, 'used', 'st-ava', SMALL_NOW, 'price'))();
    expect(feedbackOf(s.decisionId, 0)).toEqual({ feedback: 'used', reason: null });
  });

  it('never suggests again a product the customer already owns, even after the weekly cap lapses', () => {
    // shown ten days ago (the stock is fresh only around SMALL_NOW, so "later" is today)
    const earlier = new Date(SMALL_NOW.getTime() - 10 * DAY);
    const first = decide('TENT', { now: earlier });
    const bag = first.starters.find((x) => x.products[0]?.sku === 'BAG-1')!;
    db.transaction(() => engine.feedback(first.decisionId, bag.position, 'not_relevant', 'st-ava', earlier, 'already_owns'))();
    expect(skus(decide('TENT'))).not.toContain('BAG-1');
  });

  it('a reason other than "already owns it" lets the product come back a week later', () => {
    const earlier = new Date(SMALL_NOW.getTime() - 10 * DAY);
    const first = decide('TENT', { now: earlier });
    const bag = first.starters.find((x) => x.products[0]?.sku === 'BAG-1')!;
    db.transaction(() => engine.feedback(first.decisionId, bag.position, 'not_relevant', 'st-ava', earlier, 'not_interested'))();
    expect(skus(decide('TENT'))).toContain('BAG-1');
  });
});

describe('scoring', () => {
  it('boosts new arrivals in a category the customer loves', () => {
    addShopper(db, { id: 'RUNNER', purchases: [['SHOE-1', 120], ['SHOE-1', 300]] });
    const s = decide('RUNNER');
    const fresh = s.starters.find((x) => x.kind === 'new_arrival');
    expect(fresh?.products[0]).toMatchObject({ sku: 'SHOE-NEW', isNew: true });
    expect(fresh?.reason).toMatch(/running shoes/);
  });

  it('penalizes clearance items for customers who do not hunt bargains', () => {
    addShopper(db, { id: 'JACKETS', purchases: [['JACKET-1', 200], ['JACKET-1', 380]] });
    setGuardrail('stock_threshold', 0);
    setGuardrail('safety_buffer', 0);
    db.prepare(`UPDATE products SET popularity = 0.99, launched_at = ? WHERE sku = 'JACKET-CLR'`).run(SMALL_NOW.toISOString());
    db.prepare(`UPDATE products SET launched_at = ? WHERE sku = 'JACKET-1'`).run(SMALL_NOW.toISOString());
    const withPenalty = decide('JACKETS').starters.find((x) => x.kind === 'new_arrival')!;
    setGuardrail('clearance_penalty', 0);
    const without = decide('JACKETS').starters.find((x) => x.kind === 'new_arrival')!;
    expect(without.score).toBeGreaterThan(withPenalty.score);
  });
});

describe('replenishment, check-in and segments', () => {
  it('says when beans are due from the customer’s own cadence', () => {
    addShopper(db, { id: 'BEANS', purchases: [['BEANS-1', 22], ['BEANS-1', 43], ['BEANS-1', 64], ['BEANS-1', 85]] });
    const r = decide('BEANS').starters.find((x) => x.kind === 'replenishment')!;
    expect(r.products[0]?.sku).toBe('BEANS-1'); // their usual first
    expect(r.reason).toBe('Buys coffee beans about every 21 days (4 times); the last was Ridge Roast Coffee Beans, 3 weeks ago.');
    expect(r.text).toBe('Due for more coffee beans? The Ridge Roast Coffee Beans is on the shelf.');
  });

  it('only calls a category due when people rebuy it, and not on a single purchase', () => {
    addShopper(db, { id: 'ONCE', purchases: [['BEANS-1', 22]] });
    expect(decide('ONCE').starters.some((x) => x.kind === 'replenishment')).toBe(false);
    // running shoes bought like clockwork every 30 days, but nobody "refills" running shoes
    addShopper(db, { id: 'SHOES', purchases: [['SHOE-1', 31], ['SHOE-1', 61], ['SHOE-1', 91]] });
    expect(decide('SHOES').starters.some((x) => x.kind === 'replenishment')).toBe(false);
    db.prepare(`INSERT INTO repeat_categories VALUES ('footwear/running', 100, 0.5, 30, 'now')`).run();
    db.prepare(`UPDATE copurchase_links SET computed_at = 'later'`).run();
    engine = new OfferEngine(db);
    expect(decide('SHOES').starters.some((x) => x.kind === 'replenishment')).toBe(true);
  });

  it('checks in about a considered purchase from last week', () => {
    addShopper(db, { id: 'CHECK', purchases: [['JACKET-1', 8]] });
    expect(decide('CHECK').starters.find((x) => x.kind === 'check_in')?.text).toBe('Ask how the Storm Shell Jacket Pro is working out.');
  });

  it('recognizes a VIP and offers early access or a sample, never a cash discount', () => {
    addShopper(db, { id: 'VIP', first: 'Vera', segment: 'vip', orderCount: 30, purchases: [['SHOE-1', 40], ['SHOE-1', 100]] });
    const s = decide('VIP');
    expect(kinds(s)).toContain('vip_care');
    // what is new in their favourite category comes as early access, and the shoe shows once
    const early = s.starters.find((x) => x.incentive === 'early_access')!;
    expect(early.text).toBe('Offer early access: the Stride Road Running Shoe 2 before it goes on the floor.');
    expect(skus(s).filter((x) => x === 'SHOE-NEW')).toHaveLength(1);
    expect(kinds(s)).not.toContain('new_arrival');
    expect(s.starters.map((x) => x.text).join(' ')).not.toMatch(/% off|discount|\$\d+ off/i);
  });

  it('welcomes back a drifting high-value customer', () => {
    addShopper(db, { id: 'LAPSE', first: 'Lou', segment: 'lapsing', purchases: [['JACKET-1', 200], ['SHOE-1', 240]] });
    const w = decide('LAPSE').starters.find((x) => x.kind === 'win_back')!;
    expect(w.text).toBe('Welcome Lou back — it\u2019s been a while.'.replace('\u2019', "'"));
    expect(w.reason).toMatch(/last visit 7 months ago\. A warm welcome matters more than a product today\./);
    expect(w.reason).not.toMatch(/churn/);
  });

  it('offers free shipping to a first-timer and concierge to a big cart', () => {
    addShopper(db, { id: 'FIRST', purchases: [['SOCK-1', 5]] });
    expect(kinds(decide('FIRST'))).toContain('free_shipping');
    const big = decide(null, { cart: [{ sku: 'BAG-2', quantity: 2 }] });
    expect(kinds(big)).toContain('concierge');
  });

  it('gives a bargain hunter a scarcity message on a clearance item, not a discount', () => {
    addShopper(db, { id: 'BARGAIN', segment: 'bargain_hunter', purchases: [['JACKET-1', 100, 199, 80], ['JACKET-1', 200, 199, 90]] });
    const sc = decide('BARGAIN').starters.find((x) => x.incentive === 'scarcity')!;
    expect(sc.products[0]).toMatchObject({ sku: 'JACKET-CLR', isClearance: true, availableHere: 3 });
    expect(sc.text).toMatch(/Only a few left/);
  });
});

describe('in-stock alternative', () => {
  it('offers what is on the shelf when the wanted item is out here, and where the wanted one is', () => {
    storeItemPopularity(db, { 'SHOE-1': 0.05, 'SHOE-NEW': 0.01 }); // the Stride outsells the new one: no draw between them
    const s = decide(null, { cart: [{ sku: 'SHOE-OOS', quantity: 1 }] });
    const alt = s.starters.find((x) => x.kind === 'in_stock_alternative')!;
    expect(alt.products[0]?.sku).toBe('SHOE-1');
    expect(alt.text).toBe('Out of the Velocity Trail Shoe here: the Stride Road Running Shoe is on the shelf now, or we ship theirs home from Front Range DC in 2 days.');
    expect(alt.reason).toMatch(/40 available at Front Range DC/);
  });
});

describe('consent at decision time', () => {
  const personalKinds = ['cross_sell', 'replenishment', 'new_arrival', 'check_in', 'vip_care', 'win_back', 'free_shipping', 'early_access'];

  it('uses only the cart and the store without personalization consent', () => {
    addShopper(db, { id: 'NOCONSENT', consent: false, purchases: [['TENT-1', 21], ['JACKET-1', 8]] });
    const s = decide('NOCONSENT', { cart: [{ sku: 'SHOE-1', quantity: 1 }] });
    expect(s.personalization).toBe('cart_only');
    expect(s.starters.every((x) => x.reason.includes('cart') || x.reason.includes('store') || x.kind === 'new_arrival')).toBe(true);
    expect(skus(s)).not.toContain('BAG-1'); // from the tent in their history
    expect(kinds(s)).not.toContain('check_in');
    expect(skus(s)).toContain('SOCK-1'); // running shoes in the cart → socks
  });

  it('gives a suppressed customer nothing personal and refuses an erased one', () => {
    addShopper(db, { id: 'SUPP', status: 'suppressed', purchases: [['TENT-1', 21]] });
    const s = decide('SUPP');
    expect(s.personalization).toBe('cart_only');
    expect(kinds(s).filter((k) => personalKinds.includes(k) && k !== 'new_arrival')).toEqual([]);
    expect(() => decide('C4')).toThrow(/No customer/);
    expect(() => decide('NOPE')).toThrow(/No customer/);
  });
});

describe('holdout and exploration', () => {
  it('serves the baseline to a stable, hashed share of customers', () => {
    setGuardrail('holdout_share', 0.5);
    const ids = Array.from({ length: 40 }, (_, i) => `H${i}`);
    const held = ids.filter((id) => inHoldout(id, 0.5));
    expect(held.length).toBeGreaterThan(10);
    expect(held.length).toBeLessThan(30);
    const id = held[0]!;
    addShopper(db, { id, purchases: [['TENT-1', 21]] });
    const s = decide(id);
    expect(s).toMatchObject({ arm: 'holdout', personalization: 'cart_only' });
    expect(skus(s)).not.toContain('BAG-1');
    expect(inHoldout(id, 0.5)).toBe(true); // stable
    expect(inHoldout(id, 0.1) ? inHoldout(id, 0.5) : true).toBe(true); // growing the share only adds customers
  });

  it('gives holdout customers no exploration trials, and every shown slot a propensity of 1', () => {
    setGuardrail('holdout_share', 0.5);
    setGuardrail('exploration_share', 0.5);
    const ids = Array.from({ length: 60 }, (_, i) => `H${i}`);
    let explored = 0;
    for (const id of ids) {
      addShopper(db, { id, purchases: [['TENT-1', 21]] });
      // two slots: there are always candidates left over to explore
      const s = decide(id, { cart: [{ sku: 'TENT-1', quantity: 1 }], limit: 2 });
      if (s.arm === 'holdout') for (const x of s.starters) expect({ exploration: x.exploration, propensity: x.propensity }).toEqual({ exploration: false, propensity: 1 });
      else if (s.starters.some((x) => x.exploration)) explored++;
    }
    expect(explored).toBeGreaterThan(3); // the personalized arm still explores
  });

  it('logs the exact propensity of an explored slot, unrounded', () => {
    const mk = (key: string, score: number) => ({ idea: { capKey: key, interest: key } as never, products: [], score });
    const all = [mk('a', 0.9), mk('b', 0.8), mk('c', 0.7), mk('d', 0.6), mk('e', 0.5), mk('f', 0.4)];
    const out = Array.from({ length: 200 }, (_, i) => explore(all.slice(0, 3), all, 3, 0.1, `d-${i}`)[2]!);
    const trial = out.find((x) => x.exploration)!;
    expect(trial.propensity).toBe(0.1 / 3);
  });

  it('replaces the last slot with a logged trial at the configured rate, with its propensity', () => {
    const mk = (key: string, score: number) => ({ idea: { capKey: key, interest: key } as never, products: [], score });
    const all = [mk('a', 0.9), mk('b', 0.8), mk('c', 0.7), mk('d', 0.6), mk('e', 0.5)];
    const chosen = all.slice(0, 3);
    let trials = 0;
    for (let i = 0; i < 2000; i++) {
      const out = explore(chosen, all, 3, 0.2, `decision-${i}`);
      expect(out).toHaveLength(3);
      const last = out[2]!;
      if (last.exploration) {
        trials++;
        expect(['d', 'e']).toContain((last.idea as { capKey: string }).capKey);
        expect(last.propensity).toBeCloseTo(0.1);
      } else expect(last.propensity).toBeCloseTo(0.8);
      expect(out[0]!.propensity).toBe(1);
    }
    expect(trials / 2000).toBeGreaterThan(0.16);
    expect(trials / 2000).toBeLessThan(0.24);
  });
});

describe('diversification', () => {
  it('shows one starter per interest before a second of any', () => {
    const mk = (interest: string, score: number) => ({ idea: { interest }, score });
    const out = selectDiverse([mk('camping', 0.9), mk('camping', 0.85), mk('running', 0.5), mk('coffee', 0.4)], 3);
    expect(out.map((o) => o.idea.interest)).toEqual(['camping', 'running', 'coffee']);
  });

  it('never shows two starters about the same idea', () => {
    addShopper(db, { id: 'MIX', purchases: [['TENT-1', 21], ['SHOE-1', 10], ['BEANS-1', 22], ['BEANS-1', 43]] });
    const s = decide('MIX');
    const keys = s.starters.map((x) => `${x.kind}:${x.products[0]?.sku ?? x.text}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('audit trail and outbox', () => {
  it('writes the decision, its impressions and its outbox event together', () => {
    addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
    const s = decide('TENT');
    const audit = db.prepare(`SELECT * FROM audit_log WHERE action = 'starters.decide'`).get() as {
      policy_version: number;
      inputs_summary: string;
      rules_fired: string;
      justification: string;
    };
    expect(audit.policy_version).toBe(1);
    expect(JSON.parse(audit.inputs_summary)).toMatchObject({ decisionId: s.decisionId, arm: 'personalized', personalization: 'full' });
    expect(JSON.parse(audit.rules_fired)).toContain('affinity:tent-bag');
    expect(audit.justification).toContain('sleeping bags usually follow');
    expect(db.prepare(`SELECT count(*) AS n FROM starter_events WHERE decision_id = ?`).get(s.decisionId)).toEqual({ n: s.starters.length });
    const event = db.prepare(`SELECT kind, payload FROM outbox WHERE kind = 'starter.shown'`).get() as { kind: string; payload: string };
    expect(JSON.parse(event.payload)).toMatchObject({ decisionId: s.decisionId, customerId: 'TENT', policyVersion: 1 });
  });

  it('records feedback with its outbox event, and refuses feedback for an unknown starter', () => {
    addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
    const s = decide('TENT');
    db.transaction(() => engine.feedback(s.decisionId, 0, 'used', 'st-ava', SMALL_NOW))();
    expect(db.prepare(`SELECT feedback FROM starter_events WHERE decision_id = ? AND position = 0`).get(s.decisionId)).toEqual({ feedback: 'used' });
    expect(db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'starter.feedback'`).get()).toEqual({ n: 1 });
    expect(() => engine.feedback('nope', 0, 'used', 'st-ava', SMALL_NOW)).toThrow(/not on this device/);
  });
});

describe('bad input and malformed policy', () => {
  it('gives a customer without history and an empty cart a sensible default set', () => {
    addShopper(db, { id: 'NEW', purchases: [] });
    const s = decide('NEW');
    expect(s.personalization).toBe('full');
    expect(kinds(s)).toContain('free_shipping');
  });

  it('survives a stored policy with unknown categories and bad windows, and says what it dropped', () => {
    db.pragma('foreign_keys = OFF'); // as if a broken config arrived from elsewhere
    db.prepare(`INSERT INTO merch_affinities (version, id, from_category_id, to_category_id, min_delay_days, max_delay_days, weight) VALUES (1, 'ghost', 'outdoor/camping/tents', 'no/such', 0, 30, 1)`).run();
    db.prepare(`INSERT INTO merch_affinities (version, id, from_category_id, to_category_id, min_delay_days, max_delay_days, weight) VALUES (1, 'loop', 'outdoor/camping/sleeping-bags', 'outdoor/camping/tents', 0, 30, 1)`).run();
    db.pragma('foreign_keys = ON');
    engine = new OfferEngine(db);
    addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
    const s = decide('TENT');
    expect(skus(s)).toContain('BAG-1');
    const rules = JSON.parse((db.prepare(`SELECT rules_fired FROM audit_log WHERE action = 'starters.decide'`).get() as { rules_fired: string }).rules_fired);
    expect(rules).toContain('policy_invalid:affinity:ghost');
  });
});
