import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeShopify, shopifyFixtures } from './fakes/fakeShopify.js';
import type { InboundOutcome } from './inbound.js';
import { addConnector, describeConnector, runConnector } from './registry.js';
import { openTestHub, type TestHub } from './testKit.js';
import { hubStoreCases } from '../../postgres/testStore.js';

let hub: TestHub;
let fake: FakeShopify;
let endpoint: string;

const row = (table: string, key: Record<string, string | number>) => hub.store.transact(async (r) => ({ changes: [], result: await r.row(table, key) }));
const where = (table: string, column: string, value: string) => hub.store.transact(async (r) => ({ changes: [], result: await r.rowsWhere(table, column, value) }));

async function add(extra: Record<string, string> = {}, token = fake.token): Promise<string> {
  return (await addConnector(hub.deps, { vendor: 'shopify', id: 'shop1', config: { shop: 'endcap-test.myshopify.com', endpoint, homeStore: 'shopify-loc-101', ...extra }, secret: token })).id;
}
const run = async (id = 'shop1') => (await runConnector(hub.deps, id)) as InboundOutcome;

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    fake = new FakeShopify(shopifyFixtures());
    endpoint = await fake.start();
  });
  afterEach(async () => {
    await fake.close();
    await hub.close();
  });

  describe('Shopify inbound against the fake GraphQL Admin API', () => {
    it('maps locations, products, stock, customers with consent and orders with refunds through the feeds', async () => {
      await add();
      const out = await run();
      expect(out.error).toBeNull();
      // Inactive locations are not stores at the till.
      expect(await row('locations', { id: 'shopify-loc-101' })).toMatchObject({ kind: 'store', name: 'Denver Flagship', city: 'Denver', region: 'CO', country: 'US', timezone: 'America/Denver' });
      expect(await row('locations', { id: 'shopify-loc-103' })).toBeNull();
      expect(await row('categories', { id: 'shopify-type-base-layers' })).toMatchObject({ name: 'Base Layers', depth: 0 });
      expect(await row('products', { sku: 'SHP-001' })).toMatchObject({ price_cents: 2350, cost_cents: 925, brand: 'Alder & Co', category_id: 'shopify-type-base-layers', status: 'active' });
      expect(await row('products', { sku: 'SHP-004-S' })).toMatchObject({ title: 'Alpine Base Layer 4 - S' });
      expect(await row('products', { sku: 'SHP-011' })).toMatchObject({ status: 'discontinued' });
      expect(await row('products', { sku: 'SHP-007' })).toMatchObject({ cost_cents: 0 });
      expect(await row('products', { sku: 'SHP-005' })).toMatchObject({ compare_at_cents: 4500 });
      expect(await row('inventory', { sku: 'SHP-002', location_id: 'shopify-loc-102' })).toMatchObject({ on_hand: 10, updated_at: '2026-11-03T11:00:00.000Z' });
      // Consent with Shopify's own timestamps; NOT_SUBSCRIBED is no decision.
      expect(await row('consents', { customer_id: 'shopify-cust-301', purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'granted', recorded_at: '2026-03-01T15:20:00.000Z', source: 'shopify' });
      expect(await row('consents', { customer_id: 'shopify-cust-302', purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'withdrawn' });
      expect(await row('consents', { customer_id: 'shopify-cust-303', purpose: 'marketing', channel: 'email' })).toBeNull();
      expect(await row('customers', { id: 'shopify-cust-303' })).toMatchObject({ first_name: 'cleo', home_store_id: 'shopify-loc-101' });
      // SMS consent is kept apart, with its own time and opt-in level; a customer without a phone has none.
      expect(await row('consents', { customer_id: 'shopify-cust-301', purpose: 'marketing', channel: 'sms' })).toMatchObject({ status: 'granted', recorded_at: '2026-03-01T15:21:00.000Z', source: 'shopify', text_version: 'shopify:SINGLE_OPT_IN' });
      expect(await row('consents', { customer_id: 'shopify-cust-301', purpose: 'marketing', channel: 'email' })).toMatchObject({ text_version: 'shopify:CONFIRMED_OPT_IN' });
      expect(await row('consents', { customer_id: 'shopify-cust-303', purpose: 'marketing', channel: 'sms' })).toBeNull();
      // Home store: where the customer last bought at a till (an active location), else the homeStore setting.
      expect(await row('customers', { id: 'shopify-cust-301' })).toMatchObject({ home_store_id: 'shopify-loc-102' });
      expect(await row('customers', { id: 'shopify-cust-302' })).toMatchObject({ home_store_id: 'shopify-loc-101' });
      // A POS sale at a location is a till sale there; a custom line without SKU is left out.
      expect(await row('orders', { id: 'shopify-order-8001' })).toMatchObject({ channel: 'store', location_id: 'shopify-loc-101', customer_id: 'shopify-cust-301', subtotal_cents: 2350 + 5200, discount_cents: 200 });
      expect(await where('order_lines', 'order_id', 'shopify-order-8001')).toHaveLength(2);
      // A refund is a return line.
      const refunded = await where('order_lines', 'order_id', 'shopify-order-8002');
      expect(refunded.map((l) => [l.sku, l.quantity])).toEqual([['SHP-004-S', 1], ['SHP-005', 1], ['SHP-005', -1]]);
      expect(await row('orders', { id: 'shopify-order-8003' })).toMatchObject({ customer_id: null, channel: 'store', location_id: 'shopify-loc-102' });
      expect(out.reports.every((r) => r.source === 'connector' && r.status === 'applied')).toBe(true);
    });

    it('asks only for what changed since the last pass, and a second pass changes nothing', async () => {
      await add();
      await run();
      const before = (await hub.store.changesSince('catalog', 'shopify-loc-101', 0, 1_000_000)).changes.length;
      fake.served.length = 0;
      const again = await run();
      expect(again.error).toBeNull();
      const products = fake.served.find((s) => s.root === 'products')!;
      expect(products.variables.query).toBe("updated_at:>='2026-11-22T08:00:00Z'");
      expect(fake.served.find((s) => s.root === 'orders')!.variables.query).toBe("updated_at:>='2026-11-08T14:30:00Z'");
      expect((await hub.store.changesSince('catalog', 'shopify-loc-101', 0, 1_000_000)).changes.length).toBe(before);
    });

    it('follows pageInfo pages and stores a cursor per resource', async () => {
      await add({ pageSize: '2' });
      const out = await run();
      expect(out.error).toBeNull();
      const productPages = fake.served.filter((s) => s.root === 'products');
      expect(productPages).toHaveLength(6);
      expect(productPages[0]!.variables.after).toBeNull();
      expect(productPages[1]!.variables.after).toBeTypeOf('string');
      expect(await row('products', { sku: 'SHP-012-M' })).not.toBeNull();
      const cursors = (await hub.deps.state.cursors('shop1')).map((c) => c.resource);
      expect(cursors).toEqual(['customers', 'inventory', 'locations', 'orders', 'products']);
    });

    it('waits out 429 Retry-After and THROTTLED by the cost it reports, backs off on 5xx and bodies that are not JSON or of the wrong shape', async () => {
      await add();
      fake.faults.push('429', 'throttled', '500', 'not-json', 'wrong-shape');
      const out = await run();
      expect(out.error).toBeNull();
      // 429 said Retry-After 2.0 s; THROTTLED lacked 200 points at 100/s = 2 s.
      expect(hub.clock.sleeps.slice(0, 2)).toEqual([2000, 2000]);
      expect(hub.clock.sleeps.length).toBeGreaterThanOrEqual(4);
      expect(await row('locations', { id: 'shopify-loc-101' })).not.toBeNull();
    });

    it('resumes after a failure at the page after the last one applied', async () => {
      await add({ pageSize: '2' });
      // Locations (2 pages of 2), then two product pages, then Shopify fails past the retries.
      const original = fake.data;
      let calls = 0;
      const failing = hub.deps.fetch;
      hub.deps.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
        calls += 1;
        if (calls > 4) return new Response('{"errors":"Internal error"}', { status: 500 });
        return failing(input, init);
      }) as typeof fetch;
      const first = await run();
      expect(first.error).toMatch(/gave up after 6 attempts; last: 500/);
      expect(await row('products', { sku: 'SHP-002' })).not.toBeNull();
      expect(await row('products', { sku: 'SHP-006' })).toBeNull();
      expect((await hub.deps.state.runs('shop1', 1))[0]).toMatchObject({ status: 'failed' });
      hub.deps.fetch = failing;
      fake.served.length = 0;
      fake.data = original;
      const second = await run();
      expect(second.error).toBeNull();
      const resumed = fake.served.filter((s) => s.root === 'products')[0]!;
      expect(Buffer.from(String(resumed.variables.after), 'base64').toString()).toBe('offset:4');
      expect(await row('products', { sku: 'SHP-012-M' })).not.toBeNull();
    });

    it('a page a feed refuses writes nothing and keeps the cursor; the run says why', async () => {
      await add();
      const orders = fake.data.orders as { lineItems: { nodes: { sku: string | null }[] } }[];
      orders[1]!.lineItems.nodes[0]!.sku = 'NOT-IN-SHOPIFY-CATALOG';
      const out = await run();
      expect(out.error).toMatch(/orders: the orders feed refused a page .*unknown SKU NOT-IN-SHOPIFY-CATALOG/);
      expect(await row('orders', { id: 'shopify-order-8001' })).toBeNull();
      expect(await hub.deps.state.cursor('shop1', 'orders')).toBeNull();
    });

    it('keeps the token sealed and out of status, and a refused token is not retried', async () => {
      await add({}, 'shpat_wrong');
      const status = JSON.stringify(await describeConnector(hub.deps.state, (await hub.deps.state.connector('shop1'))!));
      expect(status).not.toContain('shpat_wrong');
      expect(status).toContain('[redacted]');
      expect((await hub.deps.state.connector('shop1'))!.sealedSecret).not.toContain('shpat_wrong');
      const out = await run();
      expect(out.error).toMatch(/^locations: 401 from the vendor|401 from the vendor/);
      expect(out.error).not.toContain('shpat_wrong');
      expect(fake.requests).toBe(1);
    });

    it('refuses settings it does not know', async () => {
      await expect(addConnector(hub.deps, { vendor: 'shopify', config: { shop: 'https://evil.example' }, secret: 'x' })).rejects.toThrow(/shop must be the shop domain/);
      await expect(addConnector(hub.deps, { vendor: 'shopify', config: { shop: 'a.myshopify.com', color: 'red' }, secret: 'x' })).rejects.toThrow(/Unrecognized key/);
      await expect(addConnector(hub.deps, { vendor: 'shopify', config: { shop: 'a.myshopify.com' }, secret: ' ' })).rejects.toThrow(/credential/);
    });
  });
});
