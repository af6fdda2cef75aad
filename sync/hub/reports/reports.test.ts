import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seededRng } from '../stats/random.js';
import type { OutboxEvent, PushResponse, HubReport } from '../../protocol/index.js';
import { buildHubServer } from '../server.js';
import { PgHubStore } from '../postgres/pgStore.js';
import { hubStoreCases } from '../postgres/testStore.js';
import { SqliteHubStore } from '../sqliteStore.js';
import type { HubStore, Row, RowChange } from '../store.js';
import { NOW, smallCatalog, uuid7 } from '../testFixtures.js';
import { HubReports } from './index.js';

let hub: { store: HubStore; dispose(): Promise<void> };
let reports: HubReports;
let app: FastifyInstance;
let tokens: Record<'S1a' | 'S1b' | 'S2', string>;
let n = 0;

const put = (stream: RowChange['stream'], table: string, key: Row, row: Row, scopeStoreId: string | null = null): RowChange => ({ stream, table, key, row, scopeStoreId });
const staff = (id: string, role: string, store: string) => put('catalog', 'staff', { id }, { id, display_name: id, role, store_id: store, pin_hash: 'x', active: 1 }, store);
const product = (sku: string, category: string) =>
  put('catalog', 'products', { sku }, { id: ++n, sku, title: sku, brand: 'B', category_id: category, price_cents: 1000, cost_cents: 500, launched_at: '2026-01-01', season: 'all', status: 'active', popularity: 1 });
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

function sale(id: string, customerId: string | null, store: string, at: string, lines: [string, number][]): RowChange[] {
  return [
    put('orders', 'orders', { id }, { id, customer_id: customerId, channel: 'store', location_id: store, register_id: 'R1', associate_id: null, placed_at: at, subtotal_cents: 0, discount_cents: 0, status: 'completed' }, store),
    ...lines.map(([sku, cents], i) => put('orders', 'order_lines', { order_id: id, line_no: i + 1 }, { order_id: id, line_no: i + 1, sku, quantity: 1, unit_price_cents: cents, discount_cents: 0 }, store)),
  ];
}

interface Shown {
  decisionId: string;
  customerId: string | null;
  storeId: string;
  staffId: string;
  arm?: 'personalized' | 'holdout';
  at: string;
  starters: { kind: string; skus: string[]; exploration?: boolean; propensity?: number }[];
}
const shownEvent = (s: Shown): OutboxEvent => ({
  id: uuid7(++n),
  kind: 'starter.shown',
  createdAt: s.at,
  payload: {
    decisionId: s.decisionId, customerId: s.customerId, storeId: s.storeId, staffId: s.staffId, policyVersion: 1, arm: s.arm ?? 'personalized', at: s.at,
    starters: s.starters.map((x, position) => ({ position, kind: x.kind, skus: x.skus, propensity: x.propensity ?? 1, exploration: x.exploration ?? false })),
  },
});
const feedbackEvent = (decisionId: string, position: number, feedback: string, reason: string | null, at = day(0)): OutboxEvent => ({
  id: uuid7(++n), kind: 'starter.feedback', createdAt: at, payload: { decisionId, position, feedback, reason, staffId: 'x', customerId: null, kind: 'k', at },
});
const checkoutEvent = (store: string, associateId: string, outcome: string, declineReason: string | null = null, at = day(0)): OutboxEvent => ({
  id: uuid7(++n), kind: 'checkout.outcome', createdAt: at,
  payload: { outcomeId: `o-${n}`, outcome, declineReason, customerId: null, storeId: store, registerId: 'R1', associateId, occurredAt: at, optIns: [], typoSuggested: false, typoAccepted: false },
});

async function push(token: string, events: OutboxEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    const r = await app.inject({ method: 'POST', url: '/v1/push', headers: { authorization: `Bearer ${token}` }, payload: { protocol: 1, events: events.slice(i, i + 1000) } });
    const body = r.json() as PushResponse;
    expect(body.rejected).toEqual([]);
  }
}
function ask(token: string | undefined, staffId: string, store?: string, from = day(-30).slice(0, 10), to = day(30).slice(0, 10)) {
  return app.inject({ method: 'POST', url: '/v1/reports', headers: token ? { authorization: `Bearer ${token}` } : {}, payload: { protocol: 1, staffId, from, to, ...(store ? { store } : {}) } });
}
async function report(token: string, staffId: string, store?: string): Promise<HubReport> {
  const r = await ask(token, staffId, store);
  expect(r.statusCode).toBe(200);
  return r.json() as HubReport;
}

/** The store's reports: on SQLite a connection of their own to the store's file, on PostgreSQL the store's pool. */
function reportsOf(store: HubStore): HubReports {
  if (store instanceof PgHubStore) return new HubReports(store.reportDb());
  if (store instanceof SqliteHubStore) return new HubReports(store.file);
  throw new Error('a hub store without reports');
}

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    n = 0;
    hub = await storeCase.open();
    await hub.store.writeChanges([
      ...smallCatalog(),
      staff('m1', 'manager', 'S1'), staff('a1', 'associate', 'S1'), staff('x1', 'merchandiser', 'S1'), staff('m2', 'manager', 'S2'),
      product('BOOT-1', 'shoes'), product('BOOT-2', 'shoes'), product('SOCK-1', 'socks'),
    ]);
    tokens = { S1a: (await hub.store.addDevice('S1', NOW)).token, S1b: (await hub.store.addDevice('S1', NOW)).token, S2: (await hub.store.addDevice('S2', NOW)).token };
    reports = reportsOf(hub.store);
    app = buildHubServer(hub.store, { now: () => NOW, reports });
  });
  afterEach(async () => {
    reports.close();
    await hub.dispose();
  });

  describe('hub reports: numbers equal direct counts of the events', () => {
    it('counts starters by kind, associate and store, feedback with reasons, and checkouts, from two registers and two stores', async () => {
      const rng = seededRng(5);
      const kinds = ['cross_sell', 'replenish', 'new_arrival'];
      const reasons = [null, 'not_interested', 'already_owns', 'wrong_fit', 'price', 'other'];
      const outcomes = ['captured_new', 'captured_updated', 'already_on_file', 'declined', 'invalid'];
      const expected = { shown: 0, used: 0, notRelevant: 0, reasons: {} as Record<string, number>, byKind: {} as Record<string, number>, byStaff: {} as Record<string, number>, byStore: {} as Record<string, number> };
      const checkouts = { total: 0, byOutcome: {} as Record<string, number>, declined: {} as Record<string, number>, S1: 0 };
      const batches: Record<keyof typeof tokens, OutboxEvent[]> = { S1a: [], S1b: [], S2: [] };
      for (let i = 0; i < 300; i++) {
        const device = (['S1a', 'S1b', 'S2'] as const)[i % 3]!;
        const storeId = device === 'S2' ? 'S2' : 'S1';
        const staffId = `${device}-st${Math.floor(rng() * 2)}`;
        const count = 1 + Math.floor(rng() * 3);
        const starters = Array.from({ length: count }, () => ({ kind: kinds[Math.floor(rng() * kinds.length)]!, skus: ['BOOT-1'] }));
        const decisionId = `d${i}`;
        batches[device].push(shownEvent({ decisionId, customerId: null, storeId, staffId, at: day(-1), starters }));
        starters.forEach((s, position) => {
          expected.shown++;
          expected.byKind[s.kind] = (expected.byKind[s.kind] ?? 0) + 1;
          expected.byStaff[staffId] = (expected.byStaff[staffId] ?? 0) + 1;
          expected.byStore[storeId] = (expected.byStore[storeId] ?? 0) + 1;
          const r = rng();
          if (r < 0.3) {
            expected.used++;
            batches[device].push(feedbackEvent(decisionId, position, 'used', null));
          } else if (r < 0.6) {
            const reason = reasons[Math.floor(rng() * reasons.length)]!;
            expected.notRelevant++;
            expected.reasons[reason ?? 'none'] = (expected.reasons[reason ?? 'none'] ?? 0) + 1;
            batches[device].push(feedbackEvent(decisionId, position, 'not_relevant', reason));
          }
        });
        const outcome = outcomes[Math.floor(rng() * outcomes.length)]!;
        const reason = outcome === 'declined' ? ['privacy', 'no_email'][Math.floor(rng() * 2)]! : null;
        batches[device].push(checkoutEvent(storeId, staffId, outcome, reason));
        checkouts.total++;
        if (storeId === 'S1') checkouts.S1++;
        checkouts.byOutcome[outcome] = (checkouts.byOutcome[outcome] ?? 0) + 1;
        if (reason) checkouts.declined[reason] = (checkouts.declined[reason] ?? 0) + 1;
      }
      // half now, half after a first report: folding is incremental
      for (const d of ['S1a', 'S1b', 'S2'] as const) await push(tokens[d], batches[d].slice(0, 150));
      expect((await report(tokens.S1a, 'x1', '*')).starters.total.shown).toBeGreaterThan(0);
      for (const d of ['S1a', 'S1b', 'S2'] as const) await push(tokens[d], batches[d].slice(150));

      const chain = await report(tokens.S1a, 'x1', '*');
      expect(chain.starters.total).toMatchObject({ shown: expected.shown, used: expected.used, notRelevant: expected.notRelevant, reasons: expected.reasons });
      expect(Object.fromEntries(chain.starters.byKind.map((k) => [k.kind, k.shown]))).toEqual(expected.byKind);
      expect(Object.fromEntries(chain.starters.byAssociate.map((k) => [k.staffId, k.shown]))).toEqual(expected.byStaff);
      expect(Object.fromEntries(chain.starters.byStore.map((k) => [k.storeId, k.shown]))).toEqual(expected.byStore);
      expect(chain.checkouts).toMatchObject({ total: checkouts.total, byOutcome: checkouts.byOutcome, declineReasons: checkouts.declined });
      expect(chain.stores).toEqual(['S1', 'S2']);

      // both registers of S1 in one manager report, nothing of S2
      const mine = await report(tokens.S1b, 'm1');
      expect(mine.store).toBe('S1');
      expect(mine.starters.total.shown).toBe(expected.byStore.S1);
      expect(mine.checkouts.total).toBe(checkouts.S1);
      expect(mine.starters.byAssociate.every((a) => a.staffId.startsWith('S1'))).toBe(true);
    });

    it('attributes a purchase of a shown product (or its category) by the same customer within 14 days, whichever reaches the hub first', async () => {
      await hub.store.writeChanges([
        ...sale('late', 'C1', 'S1', day(20), [['BOOT-1', 5000]]), // outside the window
        ...sale('cat', 'C2', 'S1', day(3), [['BOOT-2', 4000]]), // same category, other product
      ]);
      await push(tokens.S1a, [
        shownEvent({ decisionId: 'v1', customerId: 'C1', storeId: 'S1', staffId: 'a1', at: day(0), starters: [{ kind: 'cross_sell', skus: ['BOOT-1'] }, { kind: 'replenish', skus: ['SOCK-1'] }] }),
        shownEvent({ decisionId: 'v2', customerId: 'C2', storeId: 'S1', staffId: 'a1', at: day(0), starters: [{ kind: 'cross_sell', skus: ['BOOT-1'] }] }),
      ]);
      let r = await report(tokens.S1a, 'm1');
      expect(r.starters.total).toMatchObject({ shown: 3, attributedProduct: 0, attributedCategory: 1 });
      // a sale recorded after the report: the product itself, 5 days after it was shown
      await hub.store.writeChanges(sale('hit', 'C1', 'S1', day(5), [['BOOT-1', 5000], ['SOCK-1', 300]]));
      r = await report(tokens.S1a, 'm1');
      expect(r.starters.total).toMatchObject({ shown: 3, attributedProduct: 2, attributedCategory: 3 });
      expect(r.starters.byCategory.find((c) => c.categoryId === 'shoes')).toMatchObject({ shown: 2, attributedProduct: 1, attributedCategory: 2 });
      expect(r.sales).toEqual({ orders: 3, revenueCents: 5000 + 4000 + 5300 });
    });
  });

  describe('hub reports: lift and exploration', () => {
    it('says "not enough data yet" with few customers, and states a lift with its interval with enough', async () => {
      const visit = (i: number, arm: 'personalized' | 'holdout') =>
        shownEvent({ decisionId: `${arm}-${i}`, customerId: `${arm}-C${i}`, storeId: 'S1', staffId: 'a1', arm, at: day(-20), starters: arm === 'holdout' ? [] : [{ kind: 'cross_sell', skus: ['BOOT-1'] }] });
      await push(tokens.S1a, [visit(1, 'personalized'), visit(1, 'holdout')]);
      let r = await report(tokens.S1a, 'm1');
      expect(r.lift.purchaseRate).toMatchObject({ status: 'not_enough_data', visits: 2 });

      const rng = seededRng(9);
      const events: OutboxEvent[] = [];
      const sales: RowChange[] = [];
      for (let i = 2; i < 400; i++) {
        for (const arm of ['personalized', 'holdout'] as const) {
          events.push(visit(i, arm));
          if (rng() < (arm === 'personalized' ? 0.4 : 0.2)) sales.push(...sale(`${arm}-o${i}`, `${arm}-C${i}`, 'S1', day(-15), [['SOCK-1', 1000]]));
        }
      }
      await hub.store.writeChanges(sales);
      await push(tokens.S1a, events);
      r = await report(tokens.S1a, 'm1');
      const lift = r.lift.purchaseRate;
      expect(lift.status).toBe('ok');
      if (lift.status !== 'ok') return;
      expect(lift.ci95[0]).toBeLessThan(0.2);
      expect(lift.ci95[1]).toBeGreaterThan(0.2);
      expect(lift.ci95[0]).toBeGreaterThan(0);
      expect(lift.customers).toBe(2 + 2 * 398);
      expect(r.lift.revenuePerVisitCents.status).toBe('ok');
    });

    it('values the current ranking from logged slots: deterministic, kept and explored', async () => {
      const events: OutboxEvent[] = [];
      for (let i = 0; i < 100; i++) {
        const explored = i % 10 === 0;
        events.push(
          shownEvent({ decisionId: `e${i}`, customerId: null, storeId: 'S1', staffId: 'a1', at: day(-2), starters: [
            { kind: 'cross_sell', skus: ['BOOT-1'] },
            explored ? { kind: 'new_arrival', skus: ['SOCK-1'], exploration: true, propensity: 0.05 } : { kind: 'replenish', skus: ['SOCK-1'], propensity: 0.9 },
          ] }),
        );
        if (i % 2 === 0) events.push(feedbackEvent(`e${i}`, 0, 'used', null));
        if (!explored && i % 3 === 0) events.push(feedbackEvent(`e${i}`, 1, 'used', null));
      }
      await push(tokens.S1a, events);
      const r = await report(tokens.S1a, 'x1');
      expect(r.exploration.logged.slots).toBe(200);
      expect(r.exploration.exploredSlots).toBe(10);
      // logged: used slots / all slots
      const used = 50 + [...Array(100).keys()].filter((i) => i % 10 !== 0 && i % 3 === 0).length;
      expect(r.exploration.logged.value).toBeCloseTo(used / 200, 10);
      // IPS of the ranking: slot 0 counts 1, a kept slot 1 counts 1/0.9, an explored one 0
      const ipsValue = (50 + (used - 50) / 0.9) / 200;
      expect(r.exploration.current?.ips.value).toBeCloseTo(ipsValue, 10);
      expect(r.exploration.current?.snips.ess).toBeGreaterThan(150);
    });
  });

  describe('hub reports: who sees what', () => {
    beforeEach(async () => {
      await push(tokens.S1a, [shownEvent({ decisionId: 'a', customerId: null, storeId: 'S1', staffId: 'a1', at: day(0), starters: [{ kind: 'cross_sell', skus: ['BOOT-1'] }] })]);
      await push(tokens.S2, [shownEvent({ decisionId: 'b', customerId: null, storeId: 'S2', staffId: 'm2', at: day(0), starters: [{ kind: 'cross_sell', skus: ['BOOT-1'] }] })]);
    });

    it('an associate gets forbidden', async () => {
      const r = await ask(tokens.S1a, 'a1');
      expect(r.statusCode).toBe(403);
      expect(r.json()).toMatchObject({ error: { code: 'forbidden' } });
    });

    it('a store manager never sees another store, whatever they ask', async () => {
      for (const store of ['S2', '*']) {
        const r = await ask(tokens.S1a, 'm1', store);
        expect(r.statusCode).toBe(403);
        expect(r.json()).toMatchObject({ error: { code: 'forbidden' } });
      }
      expect((await report(tokens.S2, 'm2')).starters.total.shown).toBe(1);
    });

    it('a register cannot speak for staff of another store, nor for someone unknown', async () => {
      for (const staffId of ['m2', 'nobody']) expect((await ask(tokens.S1a, staffId)).statusCode).toBe(403);
      expect((await ask(tokens.S2, 'x1', '*')).statusCode).toBe(403); // S1's merchandiser through S2's register
    });

    it('a merchandiser sees every store, or one', async () => {
      expect((await report(tokens.S1a, 'x1', '*')).starters.total.shown).toBe(2);
      expect((await report(tokens.S1a, 'x1', 'S2')).starters.byStore).toMatchObject([{ storeId: 'S2', shown: 1 }]);
    });

    it('refuses no token, a bad token and a malformed request', async () => {
      expect((await ask(undefined, 'm1')).statusCode).toBe(401);
      expect((await ask('not-a-token', 'm1')).statusCode).toBe(401);
      const bad = await app.inject({ method: 'POST', url: '/v1/reports', headers: { authorization: `Bearer ${tokens.S1a}` }, payload: { protocol: 1, staffId: 'm1', from: 'yesterday', to: '2026-01-01' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'invalid_message' } });
    });
  });

  describe("hub reports: days are each store's own days", () => {
    const checkoutAt = (store: string, at: string) => checkoutEvent(store, store === 'S1' ? 'a1' : 'm2', 'declined', 'privacy', at);
    const inRange = async (token: string, staffId: string, from: string, to = from, store?: string) => {
      const r = await ask(token, staffId, store, from, to);
      expect(r.statusCode).toBe(200);
      return r.json() as HubReport;
    };

    it('counts a checkout, a starter and a sale at 11:59 pm in the store on that day, and a minute later on the next, in two time zones', async () => {
      // S1 keeps Denver's zone (UTC-7 in November); S2 is in Tokyo (UTC+9)
      await hub.store.writeChanges([put('catalog', 'locations', { id: 'S2' }, { id: 'S2', kind: 'store', name: 'Tokyo', city: 'Tokyo', region: '13', country: 'JP', timezone: 'Asia/Tokyo', lead_time_days: 2 })]);
      await hub.store.writeChanges([...sale('late', 'C1', 'S1', '2026-11-24T06:30:00.000Z', [['BOOT-1', 1000]]), ...sale('next', 'C1', 'S1', '2026-11-24T07:00:00.000Z', [['BOOT-1', 2000]])]);
      await push(tokens.S1a, [
        checkoutAt('S1', '2026-11-24T06:59:00.000Z'), // 11:59 pm on the 23rd in Denver
        checkoutAt('S1', '2026-11-24T07:00:00.000Z'), // midnight, the 24th
        shownEvent({ decisionId: 'late', customerId: null, storeId: 'S1', staffId: 'a1', at: '2026-11-24T06:59:59.000Z', starters: [{ kind: 'cross_sell', skus: ['BOOT-1'] }] }),
      ]);
      await push(tokens.S2, [checkoutAt('S2', '2026-11-23T14:59:00.000Z'), checkoutAt('S2', '2026-11-23T15:00:00.000Z')]); // 11:59 pm on the 23rd and midnight in Tokyo

      const s1 = await inRange(tokens.S1a, 'm1', '2026-11-23');
      expect(s1.checkouts.total).toBe(1);
      expect(s1.capture.byHour).toEqual([{ weekday: 1, hour: 23, eligible: 1, captured: 0 }]); // Monday 11 pm
      expect(s1.capture.byDay.map((d) => [d.day, d.checkouts])).toEqual([['2026-11-23', 1]]);
      expect(s1.starters.total.shown).toBe(1);
      expect(s1.sales).toEqual({ orders: 1, revenueCents: 1000 });
      const s1Next = await inRange(tokens.S1a, 'm1', '2026-11-24');
      expect([s1Next.checkouts.total, s1Next.starters.total.shown, s1Next.sales.orders]).toEqual([1, 0, 1]);

      const chain = await inRange(tokens.S1a, 'x1', '2026-11-23', '2026-11-23', '*');
      expect(chain.capture.byStore.map((s) => [s.storeId, s.checkouts])).toEqual([['S1', 1], ['S2', 1]]);
      expect(chain.capture.stores).toEqual([{ id: 'S1', name: 'S1' }, { id: 'S2', name: 'Tokyo' }]);
    });

    it('keeps the 25-hour day when the clocks go back and the 23-hour day when they go forward (Denver)', async () => {
      await push(tokens.S1a, [
        '2026-11-01T05:59:00.000Z', // Oct 31, 11:59 pm MDT
        '2026-11-01T06:00:00.000Z', // Nov 1, midnight MDT
        '2026-11-01T07:30:00.000Z', // 1:30 am MDT
        '2026-11-01T08:30:00.000Z', // 1:30 am MST, the same hour again
        '2026-11-02T06:59:00.000Z', // Nov 1, 11:59 pm MST (Nov 2 in UTC)
        '2026-11-02T07:00:00.000Z', // Nov 2, midnight MST
        '2026-03-09T05:59:00.000Z', // Mar 8, 11:59 pm MDT (the 23-hour day)
        '2026-03-09T06:00:00.000Z', // Mar 9, midnight MDT
      ].map((at) => checkoutAt('S1', at)));
      const fallBack = await inRange(tokens.S1a, 'm1', '2026-11-01');
      expect(fallBack.checkouts.total).toBe(4);
      expect(fallBack.capture.byHour).toEqual([
        { weekday: 0, hour: 0, eligible: 1, captured: 0 },
        { weekday: 0, hour: 1, eligible: 2, captured: 0 },
        { weekday: 0, hour: 23, eligible: 1, captured: 0 },
      ]);
      expect((await inRange(tokens.S1a, 'm1', '2026-10-31')).checkouts.total).toBe(1);
      expect((await inRange(tokens.S1a, 'm1', '2026-11-02')).checkouts.total).toBe(1);
      expect((await inRange(tokens.S1a, 'm1', '2026-03-08')).capture.byHour).toEqual([{ weekday: 0, hour: 23, eligible: 1, captured: 0 }]);
      expect((await inRange(tokens.S1a, 'm1', '2026-03-09')).capture.byHour).toEqual([{ weekday: 1, hour: 0, eligible: 1, captured: 0 }]);
    });

    it('counts capture like the register does: eligible, captured, typo fixes and opt-ins, per register and associate', async () => {
      const outcome = (outcome: string, registerId: string, extra: Record<string, unknown> = {}): OutboxEvent => ({
        id: uuid7(++n), kind: 'checkout.outcome', createdAt: day(0),
        payload: { outcomeId: `o-${n}`, outcome, declineReason: null, customerId: null, storeId: 'S1', registerId, associateId: 'a1', occurredAt: day(0), optIns: [], typoSuggested: false, typoAccepted: false, ...extra },
      });
      await push(tokens.S1a, [
        outcome('captured_new', 'R1', { optIns: ['receipts', 'marketing'], typoSuggested: true, typoAccepted: true }),
        outcome('captured_updated', 'R1', { optIns: ['personalization'] }),
        outcome('already_on_file', 'R2'),
        outcome('invalid', 'R2', { typoSuggested: true }),
      ]);
      const r = await inRange(tokens.S1a, 'm1', day(0).slice(0, 10));
      expect(r.capture.totals).toEqual({
        checkouts: 4, eligible: 3, captured: 2, capturedNew: 1, capturedUpdated: 1, alreadyOnFile: 1, declined: 0, invalid: 1,
        typoSuggested: 2, typoAccepted: 1, receiptsOptIn: 1, marketingOptIn: 1, personalizationOptIn: 1,
      });
      expect(r.capture.byRegister.map((x) => [x.registerId, x.checkouts, x.captured])).toEqual([['R1', 2, 2], ['R2', 2, 0]]);
      expect(r.capture.byAssociate).toMatchObject([{ associateId: 'a1', name: 'a1', storeId: 'S1', checkouts: 4 }]);
    });
  });
});
