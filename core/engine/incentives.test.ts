import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { SMALL_NOW } from '../testing/smallStore.js';
import { addShopper, openEngineStore } from '../testing/engineStore.js';
import { OfferEngine } from './decide.js';
import { personalShopperTypes } from './incentives.js';

let db: Database.Database;
beforeEach(() => {
  db = openEngineStore();
  addShopper(db, { id: 'VIP', segment: 'vip', purchases: [['JACKET-1', 50], ['BAG-1', 80]] });
  addShopper(db, { id: 'REG', segment: 'regular', purchases: [['JACKET-1', 50], ['BAG-1', 80]] });
});

/** Replaces version 1's incentive rules (a test edits a published version, so it starts a fresh engine). */
function rules(pairs: [string, string][]): OfferEngine {
  db.prepare(`DELETE FROM merch_incentive_rules`).run();
  const insert = db.prepare(`INSERT INTO merch_incentive_rules (version, shopper_type, incentive, enabled) VALUES (1, ?, ?, 1)`);
  for (const [type, kind] of pairs) insert.run(type, kind);
  db.prepare(`INSERT OR IGNORE INTO merch_incentive_rules (version, shopper_type, incentive, enabled) VALUES (1, 'lapsing', 'sample', 0)`).run();
  return new OfferEngine(db);
}
const incentives = (engine: OfferEngine, customerId: string | null, cart: { sku: string; quantity: number }[] = []) =>
  db.transaction(() => engine.decide({ customerId, cart, storeId: 'S1', staffId: 'st-ava', now: SMALL_NOW, limit: 8 }))().starters.flatMap((s) => (s.incentive ? [s.incentive] : []));

describe('incentive rules per shopper type', () => {
  it('keep the built-in rules for a version that has none', () => {
    const engine = new OfferEngine(db);
    expect(incentives(engine, 'VIP')).toEqual(['sample']); // early access first, but nothing in their favourite category is new
    expect(incentives(engine, 'REG')).toEqual([]);
  });

  it('follow the policy: a sample for regulars, nothing for VIPs', () => {
    const engine = rules([['regular', 'sample']]);
    expect(incentives(engine, 'REG')).toEqual(['sample']);
    expect(incentives(engine, 'VIP')).toEqual([]);
  });

  it('offer big baskets what the policy says, even without personal data', () => {
    const bigCart = [{ sku: 'BAG-2', quantity: 2 }];
    expect(incentives(rules([['big_cart', 'sample']]), null, bigCart)).toEqual(['sample']);
    // one incentive per decision: the most relevant
    const engine = rules([['big_cart', 'free_shipping'], ['big_cart', 'sample']]);
    expect(incentives(engine, null, bigCart)).toEqual(['free_shipping']);
    expect(incentives(engine, null, [{ sku: 'SOCK-1', quantity: 1 }])).toEqual([]);
  });

  it('never talk price to a full-price buyer, whatever a stored policy says', () => {
    const engine = rules([['vip', 'scarcity'], ['vip', 'sample']]);
    expect(incentives(engine, 'VIP')).toEqual(['sample']);
    const audit = db.prepare(`SELECT rules_fired FROM audit_log ORDER BY rowid DESC LIMIT 1`).get() as { rules_fired: string };
    expect(JSON.parse(audit.rules_fired)).toContain('policy_invalid:incentives:vip');
  });

  it('classify customers by order count and segment', () => {
    expect(personalShopperTypes({ orderCount: 0, segment: 'prospect' })).toEqual(['first_timer']);
    expect(personalShopperTypes({ orderCount: 1, segment: 'bargain_hunter' })).toEqual(['first_timer', 'bargain_hunter']);
    expect(personalShopperTypes({ orderCount: 9, segment: 'vip' })).toEqual(['vip']);
  });
});
