import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { SMALL_NOW } from '../testing/smallStore.js';
import { addShopper, openEngineStore } from '../testing/engineStore.js';
import { OfferEngine, type DecisionRequest } from './decide.js';
import { loadActivePolicy } from './policy.js';

let db: Database.Database;
let engine: OfferEngine;
beforeEach(() => {
  db = openEngineStore();
  engine = new OfferEngine(db);
  addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
  addShopper(db, { id: 'RUN', purchases: [['SHOE-1', 3], ['BEANS-1', 45], ['BEANS-1', 24]] });
  addShopper(db, { id: 'VIP', segment: 'vip', purchases: [['JACKET-1', 50]] });
});

const req = (customerId: string | null, cart: DecisionRequest['cart'] = []): DecisionRequest => ({ customerId, cart, storeId: 'S1', staffId: 'st-ava', now: SMALL_NOW });
const written = () => db.prepare(`SELECT total_changes() AS n`).get();

describe('OfferEngine.preview', () => {
  it('decides exactly as decide() does, without writing', () => {
    const active = engine.usable(loadActivePolicy(db));
    for (const [id, cart] of [['TENT', []], ['RUN', []], ['VIP', []], [null, [{ sku: 'SHOE-1', quantity: 1 }]]] as const) {
      const before = written();
      const [preview] = engine.preview(req(id, cart), [active]);
      expect(written()).toEqual(before);
      const decided = db.transaction(() => engine.decide(req(id, cart)))();
      expect(preview!.result.starters).toEqual(decided.starters);
      expect(preview!.result.policyVersion).toBe(decided.policyVersion);
    }
  });

  it('runs several policies over one customer, each with its own guardrails', () => {
    const active = loadActivePolicy(db);
    const strict = { ...active, version: 2, guardrails: { ...active.guardrails, minPriceCents: 25_000 } };
    const [a, b] = engine.preview(req('TENT'), [engine.usable(active), engine.usable(strict)]);
    expect(a!.result.starters.some((s) => s.products.length > 0)).toBe(true);
    expect(b!.result.starters.every((s) => s.products.every((p) => p.priceCents >= 25_000))).toBe(true);
    expect(b!.rules.some((r) => r.startsWith('guardrail:price_gate:'))).toBe(true);
    expect(b!.result.policyVersion).toBe(2);
  });

  it('leads nowhere from a purchase in a blocked category', () => {
    const active = loadActivePolicy(db);
    const fromHealth = { ...active, affinities: [...active.affinities, { ...active.affinities[0]!, id: 'pill-socks', fromCategoryId: 'health/personal-care', toCategoryId: 'footwear/socks', minDelayDays: 0 }] };
    addShopper(db, { id: 'PILLS', purchases: [['PILL-1', 10]] });
    const [e] = engine.preview(req('PILLS'), [engine.usable(fromHealth)]);
    expect(e!.rules).not.toContain('affinity:pill-socks');
    expect(e!.result.starters.some((s) => s.kind === 'cross_sell')).toBe(false);
  });
});
