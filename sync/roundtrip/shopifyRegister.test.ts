// End to end with connectors: a hub whose only source is a (fake) Shopify fills a new register
// through the real sync client, and the register's engine learns from the Shopify orders; a
// checkout capture with marketing consent reaches (fake) Klaviyo once, a withdrawal
// unsubscribes, and an admin's erasure at the hub (the hub's own erasure flow) blanks the
// register's copy and becomes a deletion request.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/auth/pin.js';
import { openDatabase, closeDatabase, type Database } from '../../core/db/open.js';
import { replicaLearner } from '../../core/host/deviceHost.js';
import { createApp, type App } from '../../core/testing/app.js';
import { bootstrapReplica } from '../client/bootstrap.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import { FakeKlaviyo } from '../hub/connectors/api/fakes/fakeMarketing.js';
import { FakeShopify } from '../hub/connectors/api/fakes/fakeShopify.js';
import { generateShopifyData } from '../hub/connectors/api/fakes/shopifyData.js';
import type { InboundOutcome } from '../hub/connectors/api/inbound.js';
import { addConnector, runConnector, type ConnectorDeps } from '../hub/connectors/api/registry.js';
import { keyBox } from '../hub/connectors/api/secrets.js';
import { buildHubServer } from '../hub/server.js';
import { SqliteHubStore } from '../hub/sqliteStore.js';
import { injectTransport } from './injectTransport.js';

const NOW = new Date('2026-11-25T12:00:00.000Z');
const now = () => NOW;
const STORE = 'shopify-loc-1';
const PIN = '4826';

let dir: string;
let hub: SqliteHubStore;
let server: FastifyInstance;
let shopify: FakeShopify;
let klaviyo: FakeKlaviyo;
let deps: ConnectorDeps;
let db: Database.Database;
let app: App;
let transport: ReturnType<typeof injectTransport>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-shopify-register-'));
  hub = new SqliteHubStore(path.join(dir, 'hub.db'));
  deps = { store: hub, state: hub.connectorState(), box: keyBox(crypto.randomBytes(32)), fetch, clock: { now, sleep: async () => undefined } };
  shopify = new FakeShopify(generateShopifyData({ products: 80, locations: 2, customers: 240, orders: 960, types: 8 }));
  klaviyo = new FakeKlaviyo();
  await addConnector(deps, { vendor: 'shopify', id: 'shop', config: { shop: 'endcap-e2e.myshopify.com', endpoint: await shopify.start(), homeStore: STORE, pageSize: '50' }, secret: shopify.token });
  await addConnector(deps, { vendor: 'klaviyo', id: 'klaviyo', config: { endpoint: await klaviyo.start() }, secret: klaviyo.apiKey });
  server = buildHubServer(hub, { now, connectors: deps.state });
  await server.ready();

  // A new register of the Shopify location: bootstrapped by the real sync client, learning as orders arrive.
  const { token } = await hub.addDevice(STORE, NOW);
  transport = injectTransport(server, token);
  const pulled = (await runConnector(deps, 'shop')) as InboundOutcome;
  expect(pulled.error).toBeNull();
  db = openDatabase(path.join(dir, 'register.db'));
  const learner = replicaLearner(db, now);
  await bootstrapReplica(db, transport, { deviceId: 'dev-register-1', storeId: STORE, registerId: 'R1' }, { now, learner });
  await learner.settled();
  // Staff come from the staff feed or the register's own setup, not from Shopify.
  db.prepare('INSERT INTO staff (id, display_name, role, store_id, pin_hash) VALUES (?, ?, ?, ?, ?)').run('E-1', 'Sam Rivera', 'associate', STORE, hashPin(PIN));
  app = createApp({ db, now });
  const login = app.call('session.login', { staffId: 'E-1', pin: PIN });
  if (!login.ok) throw new Error(login.error.message);
});

afterAll(async () => {
  if (db) closeDatabase(db);
  await server?.close();
  await shopify?.close();
  await klaviyo?.close();
  await hub?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('a hub fed only by Shopify', () => {
  it('fills a new register whose engine learned follow-ups from the Shopify orders and suggests them', () => {
    expect(db.prepare('SELECT count(*) FROM products').pluck().get()).toBe(80);
    expect(db.prepare(`SELECT count(*) FROM orders WHERE id LIKE 'shopify-order-%'`).pluck().get()).toBe(960);
    // Shopify's product types became categories; each type's buyers come back for the next one.
    const links = db.prepare('SELECT from_category_id AS f, to_category_id AS t FROM copurchase_links ORDER BY f, t').all() as { f: string; t: string }[];
    expect(links).toContainEqual({ f: 'shopify-type-type-0', t: 'shopify-type-type-1' });
    // A Shopify customer (types 0 and 1) allows personal suggestions at the till: their Shopify
    // history and what other Shopify buyers did next give the starters.
    const setup = must(app.call('capture.setup', {}));
    must(app.call('capture.record', {
      outcome: 'captured', email: 'shopper0@example.com', firstName: 'Alex', lastName: 'Shopper', profile: { kind: 'existing', customerId: 'shopify-cust-1' },
      consents: { receipts: true, marketing: false, personalization: true }, consentTextVersion: setup.consentTextVersion,
    }));
    const set = must(app.call('starters.forCustomer', { customerId: 'shopify-cust-1', cart: [] }));
    const personal = set.starters.filter((s) => s.kind !== 'store_pick');
    expect(personal.length).toBeGreaterThan(0);
    const categories = personal.flatMap((s) => s.products.map((p) => db.prepare('SELECT category_id FROM products WHERE sku = ?').pluck().get(p.sku) as string));
    const learnedNext = new Set(links.filter((l) => l.f === 'shopify-type-type-0' || l.f === 'shopify-type-type-1').map((l) => l.t));
    expect(categories.some((c) => learnedNext.has(c))).toBe(true);
  });

  it('a capture with marketing consent reaches Klaviyo once; a withdrawal unsubscribes; an erasure deletes', async () => {
    const setup = must(app.call('capture.setup', {}));
    const receipt = must(app.call('capture.record', {
      outcome: 'captured', email: 'new.shopper@example.com', firstName: 'Noor', lastName: 'Haddad', profile: { kind: 'new' },
      consents: { receipts: true, marketing: true, personalization: false }, consentTextVersion: setup.consentTextVersion,
    })) as { customerId: string };
    await push(db, transport, { now });
    await runConnector(deps, 'klaviyo');
    await runConnector(deps, 'klaviyo');
    expect(klaviyo.calls.filter((c) => c.who === 'new.shopper@example.com').map((c) => c.path)).toEqual(['/api/profile-import', '/api/profile-subscription-bulk-create-jobs']);
    expect(klaviyo.subscribed.has('new.shopper@example.com')).toBe(true);

    must(app.call('consent.withdraw', { customerId: receipt.customerId, purpose: 'marketing' }));
    await push(db, transport, { now });
    await runConnector(deps, 'klaviyo');
    expect(klaviyo.subscribed.has('new.shopper@example.com')).toBe(false);
    expect(klaviyo.calls.at(-1)).toEqual({ path: '/api/profile-subscription-bulk-delete-jobs', who: 'new.shopper@example.com' });

    // The customer asks to be forgotten: an admin erases them at the hub, by the address they gave.
    const admin = (await hub.addAdmin('privacy desk', NOW)).token;
    const erased = await server.inject({ method: 'POST', url: '/v1/admin/customers/erase', headers: { authorization: `Bearer ${admin}` }, payload: { customer: 'New.Shopper@example.com' } });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ customerId: receipt.customerId, deletionsQueued: [{ connectorId: 'klaviyo', vendor: 'klaviyo' }] });
    // The register's copy loses the person's data on its next pull.
    await pull(db, transport, 'customers', { now });
    expect(db.prepare('SELECT status, first_name FROM customers WHERE id = ?').get(receipt.customerId)).toEqual({ status: 'erased', first_name: '' });
    expect(db.prepare('SELECT count(*) FROM customer_identifiers WHERE customer_id = ?').pluck().get(receipt.customerId)).toBe(0);
    await runConnector(deps, 'klaviyo');
    expect(klaviyo.deleted.has('new.shopper@example.com')).toBe(true);
    expect(klaviyo.refused).toEqual([]);
    // Shopify's subscribed customers were never captured at a register: Klaviyo heard only of the one who consented here,
    // plus the Shopify customers who had subscribed there (their consent came with them).
    const subscribedFromShopify = klaviyo.calls.filter((c) => c.path === '/api/profile-subscription-bulk-create-jobs' && c.who.startsWith('shopper'));
    expect(subscribedFromShopify.every((c) => Number(/shopper(\d+)@/.exec(c.who)![1]) % 2 === 0)).toBe(true);
  });
});
