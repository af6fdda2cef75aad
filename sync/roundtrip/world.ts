// One small store world for property runs: a hub seeded from a tiny demo chain and a device
// replica bootstrapped from it, built once as files; each run copies both onto tmpfs and opens
// them, so a run costs milliseconds. The world also remembers what the device produced and
// which replicated rows the device itself changed, so the checks in invariants.ts can tell a
// lost change from a local one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../../core/api/registry.js';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { generateDemoChain } from '../../core/demo/generate.js';
import { pull } from '../client/pull.js';
import type { SyncTransport } from '../client/transport.js';
import { buildHubServer } from '../hub/server.js';
import { seedFromReplica } from '../hub/seedFromReplica.js';
import type { HubStore, Row } from '../hub/store.js';
import { REPLICATED_TABLES, STREAMS } from '../protocol/index.js';
import { HostileRegister, type HostileFacts } from './hostile.js';
import { sqliteHubHome, type HubHome } from './hubHome.js';
import { injectTransport } from './injectTransport.js';
import { hashPin } from '../../core/auth/pin.js';

export const ANCHOR = new Date('2026-11-01T00:00:00.000Z');
export const STORE = 'S1';
export const PIN = '1111';

/** Files and facts shared by every run. */
export interface WorldTemplate {
  dir: string;
  /** Where the seeded hub is kept, and how each run gets its own copy. */
  home: HubHome;
  deviceFile: string;
  token: string;
  staffId: string;
  merchandiserId: string;
  /** Approves, with their PIN on the associate's screen, a merge the matcher did not propose. */
  managerId: string;
  consentTextVersion: string;
  /** The hub's products and customers as seeded, where the generators pick their rows. */
  products: Row[];
  customers: Row[];
  locations: string[];
  /** A second register of the store, turned hostile (hostile.ts). */
  hostile: HostileFacts;
}

/** tmpfs when there is one: a run's files never need to reach a disk. */
export function scratchDir(prefix: string): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, prefix));
}

/** The template's files and hub; its hub is a SQLite file unless `home` says otherwise (e.g. a PostgreSQL database). */
export async function buildTemplate(
  size = { products: 60, customers: 40, orderLines: 240 },
  home: (dir: string) => HubHome = sqliteHubHome,
): Promise<WorldTemplate> {
  const dir = scratchDir('endcap-world-');
  const hubHome = home(dir);
  try {
    return await fillTemplate(dir, size, hubHome);
  } catch (err) {
    await hubHome.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Removes the template's files and its hub. */
export async function disposeTemplate(template: WorldTemplate): Promise<void> {
  await template.home.dispose();
  fs.rmSync(template.dir, { recursive: true, force: true });
}

async function fillTemplate(dir: string, size: { products: number; customers: number; orderLines: number }, home: HubHome): Promise<WorldTemplate> {
  const sourceFile = path.join(dir, 'source.db');
  const source = openDatabase(sourceFile);
  generateDemoChain(source, { anchor: ANCHOR, size });
  // Set before the hub is seeded, so device and hub agree should staff ever travel in a stream.
  const setPin = source.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?');
  // The app refuses any hash weaker than its fixed minimum, so the world uses a real one (one hash for all staff).
  const pinHash = hashPin(PIN);
  for (const id of source.prepare('SELECT id FROM staff').pluck().all() as string[]) setPin.run(pinHash, id);
  const staff = source.prepare('SELECT id, display_name, role, store_id, pin_hash FROM staff WHERE store_id = ?').all(STORE) as Row[];
  const device = source.prepare('SELECT device_id, store_id, register_id, created_at FROM device').get() as Row;
  closeDatabase(source);

  const hub = await home.openTemplate();
  await seedFromReplica(hub, sourceFile);
  // The store's merchandiser publishes chain-wide config, so holds the chain-level role at the hub.
  for (const s of staff) if (s.role === 'merchandiser') await hub.grantChainRole(String(s.id), ANCHOR);
  const { token } = await hub.addDevice(STORE, ANCHOR);
  const { token: hostileToken, device: hostileDevice } = await hub.addDevice(STORE, ANCHOR);
  const foreignCustomers = (await hub.changesSince('customers', 'S2', 0, Number.MAX_SAFE_INTEGER)).changes.filter((c) => c.table === 'customers' && c.row?.home_store_id === 'S2').map((c) => String(c.key.id));
  const server = buildHubServer(hub);

  const deviceFile = path.join(dir, 'device.db');
  const db = openDatabase(deviceFile);
  const transport = injectTransport(server, token);
  for (const stream of STREAMS) await pull(db, transport, stream, { now: () => ANCHOR });
  // Which register this is and who signs in are set up on the device (unless a pull brought them).
  db.prepare('INSERT OR IGNORE INTO device (id, device_id, store_id, register_id, created_at) VALUES (1, @device_id, @store_id, @register_id, @created_at)').run(device);
  const insertStaff = db.prepare('INSERT OR IGNORE INTO staff (id, display_name, role, store_id, pin_hash) VALUES (@id, @display_name, @role, @store_id, @pin_hash)');
  for (const s of staff) insertStaff.run(s);
  const staffWith = (role: string) => db.prepare('SELECT id FROM staff WHERE store_id = ? AND role = ? ORDER BY id LIMIT 1').pluck().get(STORE, role) as string;
  const staffId = staffWith('associate');
  const merchandiserId = staffWith('merchandiser');
  const managerId = staffWith('manager');
  const app = createApp({ db, now: () => ANCHOR });
  must(app.call('session.login', { staffId, pin: PIN }));
  const consentTextVersion = must(app.call('capture.setup', {})).consentTextVersion;
  const products = db.prepare(`SELECT ${columnsOf('products')} FROM products ORDER BY sku`).all() as Row[];
  const customers = db.prepare(`SELECT ${columnsOf('customers')} FROM customers ORDER BY id`).all() as Row[];
  const locations = db.prepare('SELECT id FROM locations ORDER BY id').pluck().all() as string[];
  closeDatabase(db);
  await server.close();
  await hub.close();
  fs.rmSync(sourceFile);
  const hostile: HostileFacts = {
    token: hostileToken, deviceId: hostileDevice.id, store: STORE, foreignCustomers, ownCustomers: customers.map((c) => String(c.id)), associateId: staffId, merchandiserId,
    sku: String(products.find((p) => p.status !== 'discontinued')!.sku),
  };
  return { dir, home, deviceFile, token, staffId, merchandiserId, managerId, consentTextVersion, products, customers, locations, hostile };
}

export function columnsOf(table: string): string {
  return REPLICATED_TABLES.find((t) => t.table === table)!.columns.join(', ');
}

/** A manager's approval, typed at the register, for merging into `customerId` profiles the matcher did not propose. */
export function approveMerge(app: App, template: WorldTemplate, customerId: string): string {
  const granted = must(app.call('approval.grant', { managerId: template.managerId, pin: PIN, action: 'customer.merge', subjectId: customerId }));
  if (granted.status !== 'approved') throw new Error(`manager approval refused: ${granted.status}`);
  return granted.approvalId;
}

export function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

export interface ProducedEvent {
  kind: string;
  payload: unknown;
}

/** One run: its own hub and replica files, the hub's HTTP API, the device's app. */
export class World {
  readonly hub: HubStore;
  readonly server: FastifyInstance;
  readonly transport: SyncTransport;
  readonly hostile: HostileRegister;
  db!: Database.Database;
  app!: App;
  /** Every event the device's outbox ever held, by id. */
  readonly produced = new Map<string, ProducedEvent>();
  /** Events the hub must refuse (and the device keep, with the reason). */
  readonly expectedRejected = new Set<string>();
  /** Customers head office moved away from this store at some point in the run. */
  readonly movedAway = new Set<string>();
  private clockMs = ANCHOR.getTime() + 3_600_000;
  private localWrite = false;
  private readonly dir: string;

  private constructor(
    readonly template: WorldTemplate,
    dir: string,
    private readonly run: { store: HubStore; dispose(): Promise<void> },
    maxPageSize: number,
    wrap: (t: SyncTransport) => SyncTransport,
  ) {
    this.dir = dir;
    fs.copyFileSync(template.deviceFile, path.join(this.dir, 'device.db'));
    this.hub = run.store;
    this.server = buildHubServer(this.hub, { maxPageSize, now: () => this.now() });
    this.transport = wrap(injectTransport(this.server, template.token));
    this.hostile = new HostileRegister(this.server, this.hub, template.hostile, () => this.now());
    this.openDevice();
  }

  static async open(template: WorldTemplate, options: { maxPageSize: number; wrap?: (t: SyncTransport) => SyncTransport }): Promise<World> {
    const dir = fs.mkdtempSync(path.join(template.dir, 'run-'));
    const world = new World(template, dir, await template.home.openRun(dir), options.maxPageSize, options.wrap ?? ((t) => t));
    await world.server.ready();
    return world;
  }

  /** Events another register (the hostile one) got the hub to hold: not this device's. */
  isOtherDevice(event: { deviceId: string }): boolean {
    return event.deviceId === this.template.hostile.deviceId;
  }

  /** An event naming a customer that moved away may be refused (it arrived after the move) or held. */
  mayBeRefused(event: ProducedEvent): boolean {
    const p = (event.payload ?? {}) as Record<string, unknown>;
    return [p.customerId, p.survivorId, p.mergedId].some((id) => typeof id === 'string' && this.movedAway.has(id));
  }

  now(): Date {
    return new Date(this.clockMs);
  }

  tick(ms = 7_000): void {
    this.clockMs += ms;
  }

  /** Runs a local write through the app API and records the outbox rows it added. */
  local<T>(write: (app: App) => T): T {
    this.localWrite = true;
    try {
      return write(this.app);
    } finally {
      this.localWrite = false;
      this.collectOutbox();
    }
  }

  /** Remembers every outbox row not seen yet (ids are never reused, so a pushed-and-deleted row stays known). */
  collectOutbox(): void {
    for (const r of this.db.prepare('SELECT id, kind, payload FROM outbox').iterate() as IterableIterator<{ id: string; kind: string; payload: string }>) {
      if (!this.produced.has(r.id)) this.produced.set(r.id, { kind: r.kind, payload: JSON.parse(r.payload) });
    }
  }

  /** The process died: the connection goes, the file stays; a fresh app signs in again. */
  restart(): void {
    const dirty = this.dirtyKeys();
    closeDatabase(this.db);
    this.openDevice(dirty);
  }

  /** Replicated keys a local write changed and no pull has written since, as "table<TAB>key json". */
  dirtyKeys(): Set<string> {
    return new Set(this.db.prepare(`SELECT tbl || char(9) || key FROM temp.local_dirty`).pluck().all() as string[]);
  }

  async close(): Promise<void> {
    closeDatabase(this.db);
    await this.server.close();
    await this.run.dispose();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  private openDevice(dirty: Set<string> = new Set()): void {
    this.db = openDatabase(path.join(this.dir, 'device.db'));
    this.trackLocalWrites(dirty);
    this.app = createApp({ db: this.db, now: () => this.now() });
    must(this.app.call('session.login', { staffId: this.template.staffId, pin: PIN }));
  }

  /**
   * Temp triggers (this connection only, never in the file) note each replicated row a local
   * write touches, and forget it when a pull writes that row again. A restart carries the
   * marks over: the device's own changes outlive its process.
   */
  private trackLocalWrites(carried: Set<string>): void {
    this.db.function('endcap_local_write', { deterministic: false }, () => (this.localWrite ? 1 : 0));
    this.db.exec('CREATE TEMP TABLE local_dirty (tbl TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (tbl, key))');
    for (const t of REPLICATED_TABLES) {
      const keyOf = (rec: 'NEW' | 'OLD') => `json_array(${t.key.map((k) => `${rec}.${k}`).join(', ')})`;
      const note = (rec: 'NEW' | 'OLD') => `
        INSERT INTO temp.local_dirty SELECT '${t.table}', ${keyOf(rec)} WHERE endcap_local_write()
          AND NOT EXISTS (SELECT 1 FROM temp.local_dirty WHERE tbl = '${t.table}' AND key = ${keyOf(rec)});
        DELETE FROM temp.local_dirty WHERE NOT endcap_local_write() AND tbl = '${t.table}' AND key = ${keyOf(rec)};`;
      this.db.exec(`
        CREATE TEMP TRIGGER ${t.table}_ins_dirty AFTER INSERT ON main.${t.table} BEGIN ${note('NEW')} END;
        CREATE TEMP TRIGGER ${t.table}_upd_dirty AFTER UPDATE OF ${t.columns.join(', ')} ON main.${t.table} BEGIN ${note('OLD')} ${note('NEW')} END;
        CREATE TEMP TRIGGER ${t.table}_del_dirty AFTER DELETE ON main.${t.table} BEGIN ${note('OLD')} END;`);
    }
    const insert = this.db.prepare('INSERT OR IGNORE INTO temp.local_dirty VALUES (?, ?)');
    for (const k of carried) insert.run(...(k.split('\t') as [string, string]));
  }
}
