// What can happen in a store between two syncs, as plain data that fast-check generates and
// shrinks, and how each step runs against a World: associates working on the device through
// the app API, retail systems changing rows at the hub, and the sync client pulling, pushing
// and crashing through a misbehaving network.
import fc from 'fast-check';
import { enqueue } from '../../core/outbox/outbox.js';
import { CursorMismatchError } from '../client/applyPage.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import type { Row, RowChange } from '../hub/store.js';
import { ProtocolMessageError, STREAMS, type Stream } from '../protocol/index.js';
import { attackArb, type Attack } from './hostile.js';
import { PIN, STORE, approveMerge, must, type World } from './world.js';

export type Op =
  | { t: 'capture'; existing: number | null; merge: number | null; consents: [boolean, boolean, boolean] }
  | { t: 'decline'; customer: number | null }
  | { t: 'withdraw'; customer: number; purpose: 'receipts' | 'marketing' | 'personalization' }
  | { t: 'starters'; customer: number; feedback: 'used' | 'not_relevant' | null }
  | { t: 'order'; product: number; quantity: number }
  | { t: 'foreign' }
  | { t: 'merchPublish'; stockThreshold: number }
  | { t: 'merchRollback'; version: number }
  | { t: 'hubInventory'; edits: { product: number; location: number; onHand: number; remove: boolean }[] }
  | { t: 'hubProduct'; action: 'reprice' | 'add' | 'remove'; product: number; price: number }
  | { t: 'hubCustomer'; action: 'rename' | 'add' | 'remove' | 'order' | 'move'; customer: number; store: 'S1' | 'S2' }
  | { t: 'pull'; stream: Stream; pageSize: number }
  | { t: 'push'; batchSize: number }
  | { t: 'crashPull'; stream: Stream; pageSize: number; atPage: number }
  | { t: 'restart' }
  | { t: 'hostile'; attacks: Attack[] };

const index = fc.nat({ max: 1000 });
const stream = fc.constantFrom(...STREAMS);
const pageSize = fc.integer({ min: 1, max: 40 });

export const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('capture' as const),
      existing: fc.option(index, { nil: null }),
      merge: fc.option(index, { nil: null, freq: 4 }),
      consents: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('decline' as const), customer: fc.option(index, { nil: null }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('withdraw' as const), customer: index, purpose: fc.constantFrom('receipts' as const, 'marketing' as const, 'personalization' as const) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('starters' as const), customer: index, feedback: fc.constantFrom('used' as const, 'not_relevant' as const, null) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('order' as const), product: index, quantity: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.constant({ t: 'foreign' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('merchPublish' as const), stockThreshold: fc.integer({ min: 1, max: 6 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('merchRollback' as const), version: index }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('hubInventory' as const),
      edits: fc.array(fc.record({ product: index, location: index, onHand: fc.nat({ max: 40 }), remove: fc.boolean() }), { minLength: 1, maxLength: 12 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('hubProduct' as const), action: fc.constantFrom('reprice' as const, 'add' as const, 'remove' as const), product: index, price: fc.integer({ min: 100, max: 90_000 }) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('hubCustomer' as const), action: fc.constantFrom('rename' as const, 'add' as const, 'remove' as const, 'order' as const, 'move' as const), customer: index, store: fc.constantFrom('S1' as const, 'S2' as const) }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('pull' as const), stream, pageSize }), weight: 4 },
  { arbitrary: fc.record({ t: fc.constant('push' as const), batchSize: fc.integer({ min: 1, max: 20 }) }), weight: 3 },
  { arbitrary: fc.record({ t: fc.constant('crashPull' as const), stream, pageSize, atPage: fc.nat({ max: 3 }) }), weight: 2 },
  { arbitrary: fc.constant({ t: 'restart' as const }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('hostile' as const), attacks: fc.array(attackArb, { minLength: 1, maxLength: 2 }) }), weight: 1 },
);

/** What this run's hub holds beyond the template, so hub steps stay consistent with each other. */
export class HubModel {
  readonly products: Row[];
  readonly customers: Row[];
  private readonly added = { products: [] as Row[], customers: [] as { row: Row; store: string; email: string; orders: string[] }[] };
  private serial = 0;
  /** Profiles a local merge folded into another in this run (head office does not move those). */
  readonly merged = new Set<string>();

  constructor(private readonly world: World) {
    this.products = world.template.products.map((r) => ({ ...r }));
    this.customers = world.template.customers.map((r) => ({ ...r }));
  }

  async apply(op: Extract<Op, { t: `hub${string}` }>): Promise<void> {
    const at = this.world.now().toISOString();
    const changes: RowChange[] = [];
    const locations = this.world.template.locations;
    const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
    const stock = (sku: unknown, location: string, onHand: number | null): RowChange => ({
      stream: 'inventory',
      table: 'inventory',
      key: { sku: String(sku), location_id: location },
      row: onHand === null ? null : { sku: String(sku), location_id: location, on_hand: onHand, reserved: 0, updated_at: at },
      scopeStoreId: null,
    });
    if (op.t === 'hubInventory') {
      // Only the template's products: a stock row for a product the hub removed would be a hub bug.
      for (const e of op.edits) changes.push(stock(pick(this.world.template.products, e.product).sku, pick(locations, e.location), e.remove ? null : e.onHand));
    } else if (op.t === 'hubProduct') {
      if (op.action === 'reprice') {
        const p = pick(this.products, op.product);
        Object.assign(p, { price_cents: op.price, compare_at_cents: null, updated_at: at });
        changes.push({ stream: 'catalog', table: 'products', key: { sku: p.sku! }, row: { ...p }, scopeStoreId: null });
      } else if (op.action === 'add') {
        const base = pick(this.world.template.products, op.product);
        const sku = `NEW-${++this.serial}`;
        const row: Row = { ...base, id: 900_000 + this.serial, sku, title: `Trail find ${this.serial}`, price_cents: op.price, compare_at_cents: null, updated_at: at };
        this.products.push(row);
        this.added.products.push(row);
        changes.push({ stream: 'catalog', table: 'products', key: { sku }, row, scopeStoreId: null });
        changes.push(stock(sku, STORE, 5), stock(sku, 'DC1', 20));
      } else if (op.action === 'remove' && this.added.products.length) {
        const row = this.added.products.splice(op.product % this.added.products.length, 1)[0]!;
        this.products.splice(this.products.indexOf(row), 1);
        changes.push(stock(row.sku, STORE, null), stock(row.sku, 'DC1', null));
        changes.push({ stream: 'catalog', table: 'products', key: { sku: row.sku! }, row: null, scopeStoreId: null });
      }
    } else {
      this.customerChange(op, at, changes);
    }
    if (changes.length) await this.world.hub.writeChanges(changes);
  }

  private customerChange(op: Extract<Op, { t: 'hubCustomer' }>, at: string, changes: RowChange[]): void {
    const own = this.customers.filter((c) => c.home_store_id === STORE);
    if (op.action === 'rename' && own.length) {
      const c = own[op.customer % own.length]!;
      Object.assign(c, { first_name: `Renamed${++this.serial}`, updated_at: at });
      changes.push({ stream: 'customers', table: 'customers', key: { id: c.id! }, row: { ...c }, scopeStoreId: STORE });
    } else if (op.action === 'move') {
      // The customer's home store changes at head office (to S2, or back to S1): their private rows follow.
      const known = this.customers.filter((r) => !String(r.id).startsWith('HUB-') && !this.merged.has(String(r.id)));
      const c = known[op.customer % known.length];
      if (!c) return;
      Object.assign(c, { home_store_id: op.store, updated_at: at });
      if (op.store !== STORE) this.world.movedAway.add(String(c.id));
      changes.push({ stream: 'customers', table: 'customers', key: { id: c.id! }, row: { ...c }, scopeStoreId: op.store });
    } else if (op.action === 'add') {
      const id = `HUB-C${++this.serial}`;
      const row: Row = { ...this.world.template.customers[0]!, id, first_name: 'Hub', last_name: `Added${this.serial}`, home_store_id: op.store, merged_into: null, status: 'active', created_at: at, updated_at: at };
      const email = `hub${this.serial}@example.com`;
      changes.push({ stream: 'customers', table: 'customers', key: { id }, row, scopeStoreId: op.store });
      changes.push({
        stream: 'customers',
        table: 'customer_identifiers',
        key: { kind: 'email', value: email, customer_id: id },
        row: { kind: 'email', value: email, customer_id: id, raw: email, is_primary: 1, created_at: at },
        scopeStoreId: op.store,
      });
      this.added.customers.push({ row, store: op.store, email, orders: [] });
      if (op.store === STORE) this.customers.push(row);
    } else if (op.action === 'order' && this.added.customers.length) {
      const c = this.added.customers[op.customer % this.added.customers.length]!;
      const id = `HUB-O${++this.serial}`;
      const sku = this.world.template.products[op.customer % this.world.template.products.length]!.sku!;
      c.orders.push(id);
      changes.push(
        { stream: 'orders', table: 'orders', key: { id }, row: { id, customer_id: c.row.id!, channel: 'online', location_id: null, register_id: null, associate_id: null, placed_at: at, subtotal_cents: 4200, discount_cents: 0, status: 'completed' }, scopeStoreId: c.store },
        { stream: 'orders', table: 'order_lines', key: { order_id: id, line_no: 1 }, row: { order_id: id, line_no: 1, sku, quantity: 1, unit_price_cents: 4200, discount_cents: 0 }, scopeStoreId: c.store },
      );
    } else if (op.action === 'remove' && this.added.customers.length) {
      // An erasure: the customer's orders, identifiers and profile all go, children first.
      const [c] = this.added.customers.splice(op.customer % this.added.customers.length, 1);
      const { row, store, email, orders } = c!;
      for (const id of orders) {
        changes.push({ stream: 'orders', table: 'order_lines', key: { order_id: id, line_no: 1 }, row: null, scopeStoreId: store });
        changes.push({ stream: 'orders', table: 'orders', key: { id }, row: null, scopeStoreId: store });
      }
      changes.push({ stream: 'customers', table: 'customer_identifiers', key: { kind: 'email', value: email, customer_id: row.id! }, row: null, scopeStoreId: store });
      changes.push({ stream: 'customers', table: 'customers', key: { id: row.id! }, row: null, scopeStoreId: store });
      const i = this.customers.indexOf(row);
      if (i >= 0) this.customers.splice(i, 1);
    }
  }
}

/** Tallies of what a run went through, for the test's summary line. */
export interface RunStats {
  ops: number;
  /** Sync calls that failed on an injected fault, and on a stale or foreign answer the client refused. */
  injectedFailures: number;
  refusedAnswers: number;
  /** Sync calls that failed for any other reason (they must heal by quiescence), by message. */
  otherFailures: Record<string, number>;
  crashes: number;
  /** Local writes the app refused (no stock left, nothing to withdraw), by step. */
  localRefusals: Record<string, number>;
  /** Local writes that went through, by step: the coverage a run really had. */
  localWrites: Record<string, number>;
}

const ADDRESS = { line: '1 Market St', city: 'Denver', region: 'CO', postalCode: '80202' };
const PURPOSES = ['receipts', 'marketing', 'personalization'] as const;
/** App answers that are part of normal life: no stock left, nothing to withdraw. Anything else fails the run. */
const EXPECTED_REFUSALS = new Set(['conflict', 'not_found']);

export class Runner {
  readonly stats: RunStats = { ops: 0, injectedFailures: 0, refusedAnswers: 0, otherFailures: {}, crashes: 0, localRefusals: {}, localWrites: {} };
  private readonly model: HubModel;
  private emails = 0;

  constructor(private readonly world: World, private readonly onCrash: () => Promise<void>) {
    this.model = new HubModel(world);
  }

  async run(op: Op): Promise<void> {
    this.stats.ops += 1;
    this.world.tick();
    switch (op.t) {
      case 'pull':
        return this.sync(() => pull(this.world.db, this.world.transport, op.stream, { now: () => this.world.now(), pageSize: op.pageSize }));
      case 'push':
        return this.sync(() => push(this.world.db, this.world.transport, { batchSize: op.batchSize, now: () => this.world.now() }));
      case 'crashPull': {
        let pages = 0;
        const crash = () => {
          if (pages++ === op.atPage) throw new Error('power cut (simulated)');
        };
        await this.sync(() => pull(this.world.db, this.world.transport, op.stream, { now: () => this.world.now(), pageSize: op.pageSize, beforeCursor: crash }));
        if (pages > op.atPage) {
          this.stats.crashes += 1;
          this.world.restart();
          await this.onCrash();
        }
        return;
      }
      case 'restart':
        this.world.restart();
        return;
      case 'hostile':
        for (const a of op.attacks) await this.world.hostile.attack(a);
        return;
      case 'hubInventory':
      case 'hubProduct':
      case 'hubCustomer':
        await this.model.apply(op);
        return;
      default:
        this.local(op);
    }
  }

  /** A local write, the kind an associate makes while sync runs or the network is down. */
  local(op: Op): void {
    const customers = this.world.template.customers.filter((c) => c.home_store_id === STORE);
    const customerId = (i: number) => String(customers[i % customers.length]!.id);
    const products = this.world.template.products;
    const result = this.world.local((app) => {
      switch (op.t) {
        case 'capture': {
          const n = ++this.emails;
          const consents = { receipts: op.consents[0], marketing: op.consents[1], personalization: op.consents[2] };
          const mergeIds =
            op.existing !== null && op.merge !== null && op.merge % customers.length !== op.existing % customers.length ? [customerId(op.merge)] : [];
          for (const id of mergeIds) this.model.merged.add(id);
          // The generated merge is rarely one the matcher proposes: a manager approves it at the register.
          const profile =
            op.existing === null
              ? { kind: 'new' as const }
              : {
                  kind: 'existing' as const,
                  customerId: customerId(op.existing),
                  mergeIds,
                  ...(mergeIds.length ? { approvalId: approveMerge(app, this.world.template, customerId(op.existing)) } : {}),
                };
          return app.call('capture.record', {
            outcome: 'captured',
            email: `walk.in.${n}.${this.world.now().getTime()}@example.com`,
            firstName: 'Jo',
            lastName: `Tester`,
            profile,
            consents,
            consentTextVersion: this.world.template.consentTextVersion,
          });
        }
        case 'decline':
          return app.call('capture.record', { outcome: 'declined', reason: 'in_a_hurry', customerId: op.customer === null ? null : customerId(op.customer) });
        case 'withdraw':
          return app.call('consent.withdraw', { customerId: customerId(op.customer), purpose: op.purpose });
        case 'starters': {
          const set = app.call('starters.forCustomer', { customerId: customerId(op.customer) });
          if (!set.ok || !op.feedback || !set.value.starters.length) return set;
          return app.call('starters.feedback', { decisionId: set.value.decisionId, position: 0, feedback: op.feedback });
        }
        case 'order':
          return app.call('orders.place', { sku: String(products[op.product % products.length]!.sku), quantity: op.quantity, customer: { kind: 'existing', customerId: customerId(op.product) }, address: ADDRESS });
        case 'foreign': {
          // An event naming another store: the hub must refuse it, and the device keep it with the reason.
          const id = enqueue(this.world.db, 'consent.changed', { customerId: 'C-elsewhere', purpose: PURPOSES[0], storeId: 'S2' }, this.world.now());
          this.world.expectedRejected.add(id);
          return { ok: true as const, value: null };
        }
        case 'merchPublish':
        case 'merchRollback':
          return this.asMerchandiser(() => this.merch(op));
        default:
          throw new Error(`not a local step: ${op.t}`);
      }
    });
    if (!result.ok) {
      if (!EXPECTED_REFUSALS.has(result.error.code)) throw new Error(`${op.t} failed: ${result.error.code} ${result.error.message}`);
      this.stats.localRefusals[op.t] = (this.stats.localRefusals[op.t] ?? 0) + 1;
    } else {
      this.stats.localWrites[op.t] = (this.stats.localWrites[op.t] ?? 0) + 1;
    }
  }

  /** Publishing and rolling back are a merchandiser's job: sign in as one, then back. */
  private asMerchandiser<T>(work: () => T): T {
    const { app, template } = this.world;
    must(app.call('session.login', { staffId: template.merchandiserId, pin: PIN }));
    try {
      return work();
    } finally {
      must(app.call('session.login', { staffId: template.staffId, pin: PIN }));
    }
  }

  private merch(op: Extract<Op, { t: 'merchPublish' | 'merchRollback' }>) {
    const { app } = this.world;
    if (op.t === 'merchRollback') {
      const list = must(app.call('merch.versions', {}));
      const others = list.versions.filter((v) => !v.active);
      if (!others.length) return { ok: false as const, error: { code: 'not_found', message: 'no earlier version to roll back to' } };
      return app.call('merch.rollback', { version: others[op.version % others.length]!.version, note: 'back to what worked' });
    }
    const draft = must(app.call('merch.draft.get', {}));
    const saved = app.call('merch.draft.save', { baseRevision: draft.revision, policy: { ...draft.policy, guardrails: { ...draft.policy.guardrails, stockThreshold: op.stockThreshold } } });
    if (!saved.ok) return saved;
    return app.call('merch.publish', { note: `stock threshold ${op.stockThreshold}`, baseRevision: saved.value.revision });
  }

  private async sync(task: () => Promise<unknown>): Promise<void> {
    try {
      await task();
    } catch (err) {
      // The scheduler backs off and retries; the run carries on and syncs to quiescence at the end.
      const message = err instanceof Error ? err.message : String(err);
      if (/injected|simulated/.test(message)) this.stats.injectedFailures += 1;
      else if (err instanceof CursorMismatchError || err instanceof ProtocolMessageError) this.stats.refusedAnswers += 1;
      else this.stats.otherFailures[message] = (this.stats.otherFailures[message] ?? 0) + 1;
    }
  }
}

/**
 * Faults off: push until the outbox holds only refused events, then pull every stream in
 * bootstrap order, round after round, until a whole round brings nothing new and fails nowhere.
 * A stream that fails in one round is retried in the next, as the scheduler would (a tombstone
 * can wait on another stream's page, e.g. a customer whose orders are still on the device).
 */
export async function syncToQuiescence(world: World, rounds = 6): Promise<void> {
  let lastError: unknown;
  for (let round = 0; round < rounds; round++) {
    lastError = undefined;
    const pushed = await push(world.db, world.transport, { now: () => world.now() });
    let pulled = 0;
    for (const s of STREAMS) {
      try {
        const r = await pull(world.db, world.transport, s, { now: () => world.now() });
        pulled += r.upserted + r.deleted;
      } catch (err) {
        lastError = err;
      }
    }
    if (!lastError && pushed.batches === 0 && pulled === 0) return;
  }
  throw lastError ?? new Error(`sync did not settle within ${rounds} rounds`);
}
