// A hostile register in the property world (issue 13): a device of the same store, enrolled and
// then turned, that pushes what the hub must never believe — events naming another store's
// customers, another store's id, replays and re-used ids of the honest register's events,
// out-of-range merch config and orders — and pulls to see what it can learn. After each attack:
// nothing outside its store changed at the hub, nothing of its store changed in content, and it
// was refused every time (an order at a price of its choosing is accepted at the hub's price).
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { HubStore, Row } from '../hub/store.js';
import { MAX_PAGE_SIZE, type PushResponse, type Stream } from '../protocol/index.js';

export const ATTACKS = [
  'mergeForeign',
  'mergeIntoForeign',
  'updateForeign',
  'createForeign',
  'consentForeign',
  'outcomeForeign',
  'orderForeign',
  'orderHuge',
  'orderCheap',
  'wrongStore',
  'merchOutOfRange',
  'merchNoRole',
  'replayHonest',
  'conflictHonest',
] as const;
export type Attack = { kind: (typeof ATTACKS)[number]; pick: number };

/** Replays need an honest event already at the hub (skipped until there is one), so they are drawn twice as often. */
export const attackArb: fc.Arbitrary<Attack> = fc.record({ kind: fc.constantFrom(...ATTACKS, 'replayHonest', 'conflictHonest'), pick: fc.nat({ max: 1000 }) });

/** What the hostile register knows: its token, its store, the ids it can find out or guess. */
export interface HostileFacts {
  token: string;
  deviceId: string;
  store: string;
  /** Customers of another store (ids are sequential: the whole chain can be walked). */
  foreignCustomers: string[];
  ownCustomers: string[];
  associateId: string;
  merchandiserId: string;
  sku: string;
}

export interface HostileStats {
  attacks: Record<string, number>;
  pulls: number;
}

/** Every row of one stream a store sees, as "table key → row" (the latest of each; versions left out, so a row written again unchanged is no change). */
async function view(hub: HubStore, stream: Stream, store: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const c of (await hub.changesSince(stream, store, 0, Number.MAX_SAFE_INTEGER)).changes) out.set(`${c.table} ${JSON.stringify(c.key)}`, JSON.stringify(c.row));
  return out;
}

const sameMap = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

export class HostileRegister {
  private serial = 0;
  readonly stats: HostileStats = { attacks: {}, pulls: 0 };

  constructor(
    private readonly server: FastifyInstance,
    private readonly hub: HubStore,
    private readonly facts: HostileFacts,
    private readonly now: () => Date,
  ) {}

  /** Sends one attack and checks what it did; throws with what went wrong. */
  async attack(a: Attack): Promise<void> {
    const before = await this.snapshot();
    const events = await this.events(a);
    if (!events.length) return;
    const res = await this.server.inject({
      method: 'POST',
      url: '/v1/push',
      payload: { protocol: 1, events },
      headers: { authorization: `Bearer ${this.facts.token}`, 'content-type': 'application/json' },
    });
    if (res.statusCode !== 200) throw new Error(`hostile ${a.kind}: push answered ${res.statusCode} ${res.body}`);
    const body = res.json() as PushResponse;
    this.stats.attacks[a.kind] = (this.stats.attacks[a.kind] ?? 0) + 1;
    const after = await this.snapshot();
    const problems: string[] = [];
    if (a.kind === 'orderCheap') {
      // Accepted, but at the hub's price: the register's 0 is only kept beside it.
      const order = (await this.hub.listAisleOrders()).find((o) => o.eventId === events[0]!.id);
      const price = await this.catalogPrice(this.facts.sku);
      if (body.acked.length && (!order || order.unitPriceCents !== price || order.deviceUnitPriceCents !== 0)) problems.push(`an order priced 0 was recorded as ${JSON.stringify(order)}`);
    } else {
      if (body.acked.length) problems.push(`the hub acked ${body.acked.join(', ')}`);
      for (const r of body.rejected) if (!r.code) problems.push(`refusal without a code: ${r.reason}`);
      if ((await this.hub.listAisleOrders()).length !== before.orders) problems.push('an aisle order was recorded');
    }
    for (const [name, b] of Object.entries(before.views)) if (!sameMap(b, after.views[name]!)) problems.push(`${name} changed`);
    if (!sameMap(before.own, after.own)) problems.push(`the content of its own store's customers changed`);
    if (problems.length) throw new Error(`hostile ${a.kind} (${JSON.stringify(events).slice(0, 400)}): ${problems.join('; ')}`);
  }

  /** Pulls what its token may see; another store's customers or staff must never be in it. */
  async spy(): Promise<string[]> {
    const problems: string[] = [];
    for (const stream of ['customers', 'catalog'] as const) {
      let since = '0';
      for (;;) {
        const res = await this.server.inject({
          method: 'POST',
          url: '/v1/pull',
          payload: { protocol: 1, stream, since, limit: MAX_PAGE_SIZE },
          headers: { authorization: `Bearer ${this.facts.token}`, 'content-type': 'application/json' },
        });
        this.stats.pulls += 1;
        const page = res.json() as { changes: { table: string; row: Row | null }[]; cursor: string; hasMore: boolean };
        for (const c of page.changes) {
          if (c.table === 'staff' && c.row && c.row.store_id !== this.facts.store) problems.push(`received staff ${String(c.row.id)} of ${String(c.row.store_id)}`);
          if (c.table === 'customers' && c.row && this.facts.foreignCustomers.includes(String(c.row.id))) problems.push(`received customer ${String(c.row.id)} of another store`);
        }
        since = page.cursor;
        if (!page.hasMore) break;
      }
    }
    return problems;
  }

  private async snapshot(): Promise<{ views: Record<string, Map<string, string>>; own: Map<string, string>; orders: number }> {
    return {
      views: {
        'S2 customers': await view(this.hub, 'customers', 'S2'),
        'S2 orders': await view(this.hub, 'orders', 'S2'),
        'S2 catalog': await view(this.hub, 'catalog', 'S2'),
        'merch config': await view(this.hub, 'merch_config', this.facts.store),
      },
      own: await view(this.hub, 'customers', this.facts.store),
      orders: (await this.hub.listAisleOrders()).length,
    };
  }

  private async catalogPrice(sku: string): Promise<number> {
    return this.hub.transact(async (reader) => ({ changes: [], result: Number((await reader.row('products', { sku }))?.price_cents) }));
  }

  private id(): string {
    // A UUIDv7 of its own, far from the honest register's (whose ids come from the device clock).
    return `01970000-0000-7000-8000-${(++this.serial).toString(16).padStart(12, '0')}`;
  }

  private async events(a: Attack): Promise<{ id: string; kind: string; payload: Record<string, unknown>; createdAt: string }[]> {
    const f = this.facts;
    const at = this.now().toISOString();
    const pick = <T>(list: readonly T[]) => list[a.pick % list.length]!;
    const foreign = pick(f.foreignCustomers);
    const own = pick(f.ownCustomers);
    const event = (kind: string, payload: Record<string, unknown>) => ({ id: this.id(), kind, payload, createdAt: at });
    const profile = (customerId: string) => ({ customerId, email: `owned.${this.serial}@attacker.example`, phone: null, firstName: 'Mal', lastName: 'Lory', storeId: f.store, at });
    const order = (extra: object) =>
      event('aisle_order.placed', {
        orderId: `evil-${this.id()}`, sku: f.sku, quantity: 1, unitPriceCents: 0, sourceLocationId: f.store, customerId: null,
        customer: { name: 'Mal', email: null, phone: null }, address: { line: '1 Evil St', city: 'Denver', region: 'CO', postalCode: '80202' },
        storeId: f.store, registerId: 'R-evil', associateId: f.associateId, placedAt: at, ...extra,
      });
    const merch = (staffId: string, marginFloor: number, weight: number) => {
      const version = 9000 + this.serial;
      return event('merch.published', {
        version, staffId,
        rows: {
          merch_config: [{ version, status: 'published', is_active: 1, author: 'mal', note: 'pwned', published_at: at }],
          merch_affinities: [{ version, id: 'evil', from_category_id: 'a', to_category_id: 'b', min_delay_days: 0, max_delay_days: 30, weight, season_start: null, season_end: null, active: 1, note: '' }],
          merch_affinity_skus: [], merch_affinity_stores: [],
          merch_guardrails: [{
            version, exclusion_window_days: 30, stock_threshold: 2, safety_buffer: 1, inventory_max_age_minutes: 5, min_price_cents: 500, margin_floor: marginFloor,
            new_arrival_boost: 1, new_arrival_window_days: 30, clearance_penalty: 0.5, frequency_cap_per_week: 3, concierge_cart_cents: 50000, exploration_share: 0.1, holdout_share: 0.1,
          }],
          merch_blocked_categories: [],
        },
      });
    };
    const honest = async () => {
      const held = (await this.hub.listEvents()).filter((e) => !e.id.startsWith('01970000-'));
      return held.length ? held[a.pick % held.length]! : null;
    };
    switch (a.kind) {
      case 'mergeForeign':
        return [event('customer.merged', { survivorId: own, mergedId: foreign, mergedBy: f.associateId, storeId: f.store, at })];
      case 'mergeIntoForeign':
        return [event('customer.merged', { survivorId: foreign, mergedId: own, mergedBy: f.associateId, storeId: f.store, at })];
      case 'updateForeign':
        return [event('customer.updated', profile(foreign))];
      case 'createForeign':
        return [event('customer.created', profile(foreign))];
      case 'consentForeign':
        return [event('consent.changed', { customerId: foreign, purpose: 'marketing', status: 'granted', channel: 'email', textVersion: 'v1', source: 'checkout', recordedBy: f.associateId, storeId: f.store, registerId: 'R-evil', recordedAt: at })];
      case 'outcomeForeign':
        return [event('checkout.outcome', { outcomeId: this.id(), outcome: 'declined', customerId: foreign, storeId: f.store })];
      case 'orderForeign':
        return [order({ customerId: foreign })];
      case 'orderHuge':
        return [order({ quantity: 1000 })];
      case 'orderCheap':
        return [order({})];
      case 'wrongStore':
        return [event('consent.changed', { customerId: own, purpose: 'marketing', status: 'granted', channel: 'email', textVersion: 'v1', source: 'checkout', recordedBy: f.associateId, storeId: 'S2', registerId: 'R-evil', recordedAt: at })];
      case 'merchOutOfRange':
        return [a.pick % 2 ? merch(f.merchandiserId, -5, 0.5) : merch(f.merchandiserId, 0.2, 1e9)];
      case 'merchNoRole':
        return [merch(f.associateId, 0.2, 0.5)];
      case 'replayHonest': {
        // The honest register's own event, word for word, from another device: not the same event.
        const e = await honest();
        return e ? [{ id: e.id, kind: e.kind, payload: JSON.parse(e.payload) as Record<string, unknown>, createdAt: at }] : [];
      }
      case 'conflictHonest': {
        const e = await honest();
        return e ? [{ id: e.id, kind: e.kind, payload: { ...(JSON.parse(e.payload) as Record<string, unknown>), tampered: true }, createdAt: at }] : [];
      }
    }
  }
}
