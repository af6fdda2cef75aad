import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { enqueue } from '../../core/outbox/outbox.js';
import { PROTOCOL_VERSION, REPLICATED_TABLES, type Change, type PullRequest, type PushRequest, type Stream } from '../protocol/index.js';
import { bootstrapReplica } from './bootstrap.js';
import { DeviceSync } from './deviceSync.js';
import { push } from './push.js';
import { SyncHttpError, type SyncTransport } from './transport.js';

const AT = new Date('2026-11-23T10:00:00.000Z');
const now = () => AT;

type Row = Record<string, string | number | null>;
const DEFAULTS: Row = {
  kind: 'store', name: 'x', city: 'Denver', region: 'CO', country: 'US', timezone: 'America/Denver', lead_time_days: 2,
  parent_id: null, path_name: 'Tents', depth: 0, sensitive: 0,
  title: 'Tent', brand: 'B', category_id: 'tents', price_cents: 100, cost_cents: 50, compare_at_cents: null, color: null, size: null,
  material: null, is_partner: 0, partner_location_id: null, launched_at: '2025-01-01', season: 'all', status: 'active', popularity: 0,
  updated_at: '2026-01-01', on_hand: 5, reserved: 0,
};

function row(table: string, values: Row): Row {
  const t = REPLICATED_TABLES.find((r) => r.table === table)!;
  return Object.fromEntries(t.columns.map((c) => [c, c in values ? values[c]! : (DEFAULTS[c] ?? null)]));
}

/** A hub in memory: every change of a stream in version order, paged like the real one (with `remaining`). */
class FakeHub implements SyncTransport {
  readonly changes = new Map<Stream, Change[]>();
  pulls: PullRequest[] = [];
  received: PushRequest['events'] = [];
  failPullAfter = Infinity;
  down = false;
  reject = new Map<string, string>();
  private version = 0;

  add(table: string, values: Row): void {
    const t = REPLICATED_TABLES.find((r) => r.table === table)!;
    const list = this.changes.get(t.stream) ?? [];
    list.push({ version: ++this.version, table, key: Object.fromEntries(t.key.map((k) => [k, values[k]!])), row: row(table, values) });
    this.changes.set(t.stream, list);
  }

  async pull(request: PullRequest): Promise<unknown> {
    if (this.down) throw new TypeError('fetch failed');
    if (this.pulls.length >= this.failPullAfter) throw new TypeError('fetch failed');
    this.pulls.push(request);
    const after = (this.changes.get(request.stream) ?? []).filter((c) => c.version > Number(request.since));
    const page = after.slice(0, request.limit ?? 2);
    const cursor = page.length ? String(page.at(-1)!.version) : request.since;
    return { protocol: PROTOCOL_VERSION, stream: request.stream, since: request.since, changes: page, cursor, hasMore: after.length > page.length, remaining: after.length - page.length };
  }

  async push(request: PushRequest): Promise<unknown> {
    if (this.down) throw new TypeError('fetch failed');
    const rejected = request.events.filter((e) => this.reject.has(e.id)).map((e) => ({ id: e.id, reason: this.reject.get(e.id)! }));
    const acked = request.events.filter((e) => !this.reject.has(e.id)).map((e) => e.id);
    this.received.push(...request.events.filter((e) => !this.reject.has(e.id)));
    return { protocol: PROTOCOL_VERSION, acked, rejected };
  }

  async ping(): Promise<void> {
    if (this.down) throw new TypeError('fetch failed');
  }
}

function storeHub(): FakeHub {
  const hub = new FakeHub();
  hub.add('locations', { id: 'S1', name: 'Denver' });
  hub.add('locations', { id: 'DC1', kind: 'dc', name: 'DC' });
  hub.add('categories', { id: 'tents', name: 'Tents' });
  for (const sku of ['T-1', 'T-2', 'T-3']) {
    hub.add('products', { id: Number(sku.slice(2)), sku, title: `Tent ${sku}` });
    hub.add('inventory', { sku, location_id: 'S1' });
    hub.add('inventory', { sku, location_id: 'DC1', on_hand: 9 });
  }
  return hub;
}

let dbs: Database.Database[] = [];
function replica(file = ':memory:'): Database.Database {
  const db = openDatabase(file);
  dbs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dbs) closeDatabase(db);
  dbs = [];
  vi.useRealTimers();
});

const DEVICE = { deviceId: 'dev_1', storeId: 'S1', registerId: 'R2' };

describe('bootstrap of a new device', () => {
  it('fills an empty replica stream by stream, reports progress against the hub’s total, and writes the device row last', async () => {
    const db = replica();
    const hub = storeHub();
    const steps: { stream: string | null; rowsApplied: number; rowsRemaining: number | null }[] = [];
    await bootstrapReplica(db, hub, DEVICE, { now, onProgress: (p) => steps.push(p) });

    expect(db.prepare(`SELECT count(*) FROM inventory`).pluck().get()).toBe(6);
    expect(db.prepare(`SELECT device_id, store_id, register_id FROM device`).get()).toEqual({ device_id: 'dev_1', store_id: 'S1', register_id: 'R2' });
    expect(steps[0]).toEqual({ stream: 'catalog', rowsApplied: 0, rowsRemaining: 12 });
    expect(steps.at(-1)).toEqual({ stream: null, rowsApplied: 12, rowsRemaining: 0 });
    // the total only shrinks as rows land
    const totals = steps.map((s) => s.rowsApplied + s.rowsRemaining!);
    expect(new Set(totals)).toEqual(new Set([12]));
  });

  it('carries on from the committed cursors after a failure (or a crash), never from the start', async () => {
    const file = `${process.env.TMPDIR ?? '/tmp'}/endcap-bootstrap-${process.pid}-${Date.now()}.db`;
    const hub = storeHub();
    hub.failPullAfter = 5 + 2; // the 5 probes, then two pages of two
    const first = replica(file);
    await expect(bootstrapReplica(first, hub, DEVICE, { now })).rejects.toThrow(/fetch failed/);
    const cursor = first.prepare(`SELECT cursor FROM sync_state WHERE stream = 'catalog'`).pluck().get();
    expect(cursor).toBe('4');
    expect(first.prepare(`SELECT count(*) FROM device`).pluck().get()).toBe(0); // still a new device
    closeDatabase(first);

    hub.failPullAfter = Infinity;
    hub.pulls = [];
    const again = replica(file);
    await bootstrapReplica(again, hub, DEVICE, { now });
    const catalogPages = hub.pulls.filter((p) => p.stream === 'catalog' && p.limit !== 1);
    expect(catalogPages[0]!.since).toBe('4');
    expect(again.prepare(`SELECT count(*) FROM products`).pluck().get()).toBe(3);
    expect(again.prepare(`SELECT count(*) FROM device`).pluck().get()).toBe(1);
  });

  it('refuses to finish when the hub does not know the configured store', async () => {
    const db = replica();
    await expect(bootstrapReplica(db, storeHub(), { ...DEVICE, storeId: 'S9' }, { now })).rejects.toThrow(/no store S9/);
    expect(db.prepare(`SELECT count(*) FROM device`).pluck().get()).toBe(0);
  });
});

describe('push settles endless-aisle orders', () => {
  function withOrder(db: Database.Database, id: string): string {
    const outboxId = enqueue(db, 'aisle_order.placed', { orderId: id, storeId: 'S1' }, AT);
    db.prepare(`UPDATE inventory SET local_reserved = local_reserved + 2 WHERE sku = 'T-1' AND location_id = 'DC1'`).run();
    db.prepare(
      `INSERT INTO aisle_orders (id, sku, title, quantity, unit_price_cents, source_location_id, lead_time_days, customer_name, address_line, city,
         region, postal_code, store_id, register_id, associate_id, placed_at, outbox_id)
       VALUES (?, 'T-1', 'Tent', 2, 100, 'DC1', 2, 'Jo', '1 Main St', 'Denver', 'CO', '80202', 'S1', 'R1', 'E1', ?, ?)`,
    ).run(id, AT.toISOString(), outboxId);
    return outboxId;
  }

  it('confirms an acked order and rejects a refused one with the hub’s reason, ending both holds', async () => {
    const db = replica();
    const hub = storeHub();
    await bootstrapReplica(db, hub, DEVICE, { now });
    withOrder(db, 'order-a');
    const refused = withOrder(db, 'order-b');
    hub.reject.set(refused, 'SKU T-1 is no longer sold');

    expect(await push(db, hub, { now })).toEqual({ batches: 1, acked: 1, rejected: 1 });
    expect(db.prepare(`SELECT id, status, confirmed_at, rejected_reason FROM aisle_orders ORDER BY id`).all()).toEqual([
      { id: 'order-a', status: 'confirmed', confirmed_at: AT.toISOString(), rejected_reason: null },
      { id: 'order-b', status: 'rejected', confirmed_at: null, rejected_reason: 'SKU T-1 is no longer sold' },
    ]);
    expect(db.prepare(`SELECT local_reserved FROM inventory WHERE sku = 'T-1' AND location_id = 'DC1'`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT rejected_reason FROM outbox`).pluck().all()).toEqual(['SKU T-1 is no longer sold']);
  });
});

describe('DeviceSync', () => {
  it('bootstraps a new device, then tells online from offline by the last contact with the hub', async () => {
    const db = replica();
    const hub = storeHub();
    const sync = new DeviceSync(db, {
      config: { url: 'http://hub.invalid', token: 'x'.repeat(32), store: 'S1' },
      transport: hub,
      now,
      scheduler: { pushEveryMs: 1000, backoff: { baseMs: 100, maxMs: 100 } },
      log: () => {},
    });
    const changes = vi.fn();
    sync.onChange(changes);
    sync.start();
    expect(sync.connection()).toBe('bootstrapping');
    await vi.waitFor(() => expect(sync.connection()).toBe('online'));
    expect(sync.bootstrapProgress()).toBeNull();
    expect(db.prepare(`SELECT register_id FROM device`).pluck().get()).toBe('R1');

    hub.down = true;
    await vi.waitFor(() => expect(sync.connection()).toBe('offline'), { timeout: 3000 });
    hub.down = false;
    enqueue(db, 'checkout.outcome', { storeId: 'S1' }, AT);
    sync.nudge();
    await vi.waitFor(() => expect(hub.received.map((e) => e.kind)).toEqual(['checkout.outcome']), { timeout: 3000 });
    expect(sync.connection()).toBe('online');
    expect(changes).toHaveBeenCalled();
    sync.stop();
  });

  it('a register set up by token with no name in its hub config takes the name the hub gave it', async () => {
    const db = replica();
    const hub = Object.assign(storeHub(), {
      device: async () => ({ protocol: PROTOCOL_VERSION, deviceId: 'dev_3', storeId: 'S1', registerId: 'R3' }),
    });
    const sync = new DeviceSync(db, {
      config: { url: 'http://hub.invalid', token: 'x'.repeat(32), store: 'S1' },
      transport: hub,
      now,
      scheduler: { pushEveryMs: 1000, backoff: { baseMs: 100, maxMs: 100 } },
      log: () => {},
    });
    sync.start();
    await vi.waitFor(() => expect(sync.connection()).toBe('online'));
    expect(db.prepare(`SELECT register_id FROM device`).pluck().get()).toBe('R3');
    expect(sync.identity()?.registerId).toBe('R3');
    sync.stop();
  });

  it('counts a refusal from the hub (a revoked token) as reachable, and keeps the reason', async () => {
    const db = replica();
    const hub = storeHub();
    await bootstrapReplica(db, hub, DEVICE, { now });
    const revoked: SyncTransport = {
      pull: async () => {
        throw new SyncHttpError(401, 'token_revoked', 'This device token was revoked.');
      },
      push: async () => ({ protocol: PROTOCOL_VERSION, acked: [], rejected: [] }),
      ping: async () => {},
    };
    const sync = new DeviceSync(db, { config: { url: 'http://hub.invalid', token: 'x'.repeat(32) }, transport: revoked, now, log: () => {} });
    sync.start();
    await vi.waitFor(() => expect(db.prepare(`SELECT last_error FROM sync_state WHERE stream = 'catalog'`).pluck().get()).toMatch(/token_revoked/));
    expect(sync.connection()).toBe('online');
    sync.stop();
  });

  it('pauses while unused in the background and catches up the moment someone uses it', async () => {
    vi.useFakeTimers({ now: 0 });
    const db = replica();
    const hub = storeHub();
    await bootstrapReplica(db, hub, DEVICE, { now });
    const sync = new DeviceSync(db, {
      config: { url: 'http://hub.invalid', token: 'x'.repeat(32) },
      transport: hub,
      now,
      activity: { idleAfterMs: 10 * 60_000, checkEveryMs: 30_000 },
      log: () => {},
    });
    sync.start();
    sync.setForeground(false);
    await vi.advanceTimersByTimeAsync(11 * 60_000);
    hub.pulls = [];
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(hub.pulls).toEqual([]); // paused: not even inventory

    sync.noteActivity();
    await vi.advanceTimersByTimeAsync(10);
    expect(hub.pulls.map((p) => p.stream)).toContain('inventory');
    sync.stop();
  });
});
