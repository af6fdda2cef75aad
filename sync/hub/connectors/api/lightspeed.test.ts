import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLightspeed, lightspeedFixtures } from './fakes/fakeLightspeed.js';
import type { InboundOutcome } from './inbound.js';
import { addConnector, runConnector } from './registry.js';
import { openTestHub, type TestHub } from './testKit.js';
import { hubStoreCases } from '../../postgres/testStore.js';

const PORTLAND = 'lightspeed-outlet-06e35f89-3783-11e6-ec7e-13193f7bd2ed';
const SEATTLE = 'lightspeed-outlet-0adfd74a-153e-11e9-fa42-67b5781ba1fb';
const RILEY = 'lightspeed-cust-b1cabb53-f019-11e3-a0f5-b8ca3a64f8f4';
const SAM = 'lightspeed-cust-b1cabb53-f019-11e3-a0f5-b8ca3a64f8f5';
const CREW = 'lightspeed-prod-5d4fcfa8-0ac1-4a6a-adc2-da1d66f4b8f9';

let hub: TestHub;
let fake: FakeLightspeed;
let endpoint: string;
const row = (table: string, key: Record<string, string>) => hub.store.transact(async (r) => ({ changes: [], result: await r.row(table, key) }));
const lines = (order: string) => hub.store.transact(async (r) => ({ changes: [], result: await r.rowsWhere('order_lines', 'order_id', order) }));
const run = async (id = 'ls') => (await runConnector(hub.deps, id)) as InboundOutcome;
const cursorOf = async (resource: string) => (await hub.deps.state.cursor('ls', resource)) as { after: number } | null;

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    fake = new FakeLightspeed(lightspeedFixtures());
    endpoint = await fake.start();
    await addConnector(hub.deps, { vendor: 'lightspeed', id: 'ls', config: { domainPrefix: 'cascade', endpoint, homeStore: PORTLAND, pageSize: '2' }, secret: fake.token });
  });
  afterEach(async () => {
    await fake.close();
    await hub.close();
  });

  describe('Lightspeed X-Series inbound against the fake API 2.0', () => {
    it('maps outlets, types, products, stock per outlet, customers and closed sales, paging by version, through the feeds', async () => {
      fake.faults.push('429', '500', 'not-json');
      const out = await run();
      expect(out.error).toBeNull();
      expect(await row('locations', { id: PORTLAND })).toMatchObject({ name: 'Portland Pearl', city: 'Portland', region: 'OR', country: 'US', timezone: 'America/Los_Angeles', kind: 'store' });
      expect(await row('locations', { id: 'lightspeed-outlet-0adfd74a-153e-11e9-fa42-67b5781b0000' })).toBeNull();
      expect(await row('categories', { id: 'lightspeed-type-0adaafb3-6583-11e5-fb60-be9d5d1f0c41' })).toMatchObject({ name: 'Rain jackets' });
      expect(await row('products', { sku: 'LS-STORM-M' })).toMatchObject({ title: 'Storm shell jacket / M', brand: 'Cascade Outfitters', price_cents: 14900, cost_cents: 6150, status: 'active' });
      expect(await row('products', { sku: CREW })).toMatchObject({ title: 'Merino crew', brand: '-', price_cents: 6950, cost_cents: 2400 });
      expect(await row('products', { sku: 'LS-GIFT' })).toMatchObject({ status: 'discontinued', category_id: 'lightspeed-type-none' });
      // Stock per outlet; oversold counts as none; a record for a product the catalog never brought is skipped.
      expect(await row('inventory', { sku: 'LS-STORM-M', location_id: PORTLAND })).toMatchObject({ on_hand: 7 });
      expect(await row('inventory', { sku: 'LS-STORM-M', location_id: SEATTLE })).toMatchObject({ on_hand: 3 });
      expect(await row('inventory', { sku: 'LS-STORM-L', location_id: PORTLAND })).toMatchObject({ on_hand: 0 });
      expect(await row('inventory', { sku: CREW, location_id: PORTLAND })).toMatchObject({ on_hand: 12 });
      expect(await row('customers', { id: RILEY })).toMatchObject({ first_name: 'Riley', home_store_id: PORTLAND });
      expect(await row('customers', { id: 'lightspeed-cust-b1cabb53-f019-11e3-a0f5-b8ca3a64f8f6' })).toBeNull();
      expect(await row('consents', { customer_id: SAM, purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'withdrawn', source: 'lightspeed' });
      expect(await row('consents', { customer_id: RILEY, purpose: 'marketing', channel: 'email' })).toBeNull();
      // Closed sales become till orders at their outlet; parked and voided ones do not; a return is negative.
      const sale1 = 'lightspeed-sale-a1b2c3d4-0000-11e6-ec7e-000000000001';
      expect(await row('orders', { id: sale1 })).toMatchObject({ channel: 'store', location_id: PORTLAND, customer_id: RILEY, subtotal_cents: 14900 + 6950 + 2500, discount_cents: 1000 });
      expect((await lines(sale1)).map((l) => l.sku)).toEqual(['LS-STORM-M', CREW, 'LS-GIFT']);
      expect((await lines('lightspeed-sale-a1b2c3d4-0000-11e6-ec7e-000000000003')).map((l) => [l.sku, l.quantity])).toEqual([[CREW, -1]]);
      expect(await row('orders', { id: 'lightspeed-sale-a1b2c3d4-0000-11e6-ec7e-000000000004' })).toBeNull();
      expect(await row('orders', { id: 'lightspeed-sale-a1b2c3d4-0000-11e6-ec7e-000000000005' })).toBeNull();
      // Pages of 2 follow version.max; the 429 waited its Retry-After.
      expect(fake.served.filter((s) => s.collection === 'sales').map((s) => s.after)).toEqual([0, 7002, 7004, 7005]);
      expect(fake.served.every((s) => s.pageSize === 2)).toBe(true);
      expect(hub.clock.sleeps).toContain(2000);
      expect(await cursorOf('sales')).toEqual({ after: 7005 });

      // The next pass asks from the stored versions and reads only what changed since.
      fake.served.length = 0;
      fake.data.products.push({ ...fake.data.products[0]!, price_excluding_tax: 139, version: 9001 });
      const again = await run();
      expect(again.error).toBeNull();
      expect(fake.served.find((s) => s.collection === 'products')!.after).toBe(4004);
      expect(await row('products', { sku: 'LS-STORM-M' })).toMatchObject({ price_cents: 13900 });
      expect(again.rows).toBe(1);
    });

    it('a malformed page stops the run with nothing of it written; the next run resumes from the stored cursor', async () => {
      // Products page 1 goes in; page 2 (after version 4002) comes back malformed.
      fake.failOn = { collection: 'products', after: 4002, fault: 'wrong-shape' };
      const broken = await run();
      expect(broken.error).toMatch(/products in a shape the connector does not know/);
      expect(await row('products', { sku: 'LS-STORM-L' })).not.toBeNull();
      expect(await row('products', { sku: 'LS-GIFT' })).toBeNull();
      expect(await cursorOf('products')).toEqual({ after: 4002 });
      expect((await hub.deps.state.runs('ls', 1))[0]).toMatchObject({ status: 'failed' });
      // The vendor is fixed (or the hub restarted after a crash): the run picks up at the stored cursor.
      fake.failOn = null;
      fake.served.length = 0;
      const resumed = await run();
      expect(resumed.error).toBeNull();
      expect(fake.served.find((s) => s.collection === 'products')!.after).toBe(4002);
      expect(fake.served.find((s) => s.collection === 'outlets')!.after).toBe(1003);
      expect(await row('products', { sku: 'LS-GIFT' })).toMatchObject({ status: 'discontinued' });
      expect(await row('orders', { id: 'lightspeed-sale-a1b2c3d4-0000-11e6-ec7e-000000000002' })).toMatchObject({ location_id: SEATTLE });
    });

    it('waits for X-RateLimit-Reset once the window is used up', async () => {
      fake.resetAt = Math.floor(hub.clock.now().getTime() / 1000) + 30;
      fake.faults.push('exhausted');
      expect((await run()).error).toBeNull();
      expect(hub.clock.sleeps[0]).toBe(30_000);
    });

    it('refuses what an attacker or a broken vendor sends: a bad token, an amount that is not one, versions that do not move, settings that point elsewhere', async () => {
      await addConnector(hub.deps, { vendor: 'lightspeed', id: 'bad', config: { domainPrefix: 'cascade', endpoint }, secret: 'stolen-or-wrong' });
      const denied = await run('bad');
      expect(denied.error).toMatch(/401/);
      expect(fake.served).toHaveLength(0);
      expect(await row('locations', { id: PORTLAND })).toBeNull();

      fake.data.products[2] = { ...fake.data.products[2]!, price_excluding_tax: '12,50' };
      const refused = await run();
      expect(refused.error).toMatch(/not an amount/);
      expect(await row('products', { sku: 'LS-STORM-M' })).not.toBeNull();
      expect(await row('products', { sku: CREW })).toBeNull();
      expect(await cursorOf('products')).toEqual({ after: 4002 });

      fake.data.products[2] = { ...fake.data.products[2]!, price_excluding_tax: 12.5, version: 1 };
      fake.data.products[3] = { ...fake.data.products[3]!, version: 2 };
      expect((await run()).error).toBeNull(); // records at or below the stored version are not asked for again
      expect(await row('products', { sku: CREW })).toBeNull();
      // A page that does not move past the cursor would loop forever: it is refused and nothing moves.
      fake.failOn = { collection: 'outlets', after: 1003, fault: 'stale-version' };
      expect((await run()).error).toMatch(/versions no later than it/);
      expect(await cursorOf('outlets')).toEqual({ after: 1003 });
      fake.failOn = null;
      await expect(addConnector(hub.deps, { vendor: 'lightspeed', id: 'x', config: { domainPrefix: 'evil.com/', endpoint: 'file:///etc/passwd' }, secret: 't' })).rejects.toThrow(/settings/);
    });
  });
});
