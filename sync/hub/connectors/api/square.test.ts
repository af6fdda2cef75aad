import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSquare, type SquareData } from './fakes/fakeSquare.js';
import type { InboundOutcome } from './inbound.js';
import { addConnector, runConnector } from './registry.js';
import { openTestHub, type TestHub } from './testKit.js';
import { hubStoreCases } from '../../postgres/testStore.js';

const FIXTURES = path.join(__dirname, 'fixtures', 'square');
const read = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), 'utf8')) as Record<string, unknown>[];
const fixtures = (): SquareData => ({ locations: read('locations'), objects: read('objects'), counts: read('counts'), customers: read('customers'), orders: read('orders') });

let hub: TestHub;
let fake: FakeSquare;
const row = (table: string, key: Record<string, string>) => hub.store.transact(async (r) => ({ changes: [], result: await r.row(table, key) }));
const lines = (order: string) => hub.store.transact(async (r) => ({ changes: [], result: await r.rowsWhere('order_lines', 'order_id', order) }));

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    fake = new FakeSquare(fixtures());
    await addConnector(hub.deps, { vendor: 'square', id: 'sq', config: { endpoint: await fake.start(), homeStore: 'square-loc-L1DEN', pageSize: '1' }, secret: fake.token });
  });
  afterEach(async () => {
    await fake.close();
    await hub.close();
  });

  describe('Square inbound against the fake REST API', () => {
    it('maps locations, catalog, stock, customers and orders with returns, page by page, through the feeds', async () => {
      fake.faults.push('429', '500');
      const out = (await runConnector(hub.deps, 'sq')) as InboundOutcome;
      expect(out.error).toBeNull();
      expect(await row('locations', { id: 'square-loc-L1DEN' })).toMatchObject({ name: 'Denver Market St', city: 'Denver', region: 'CO', timezone: 'America/Denver' });
      expect(await row('locations', { id: 'square-loc-L2OLD' })).toBeNull();
      expect(await row('products', { sku: 'SQ-OOL-100' })).toMatchObject({ title: 'Oolong - 100 g', price_cents: 1600, category_id: 'square-cat-CATTEA' });
      expect(await row('products', { sku: 'square-var-VAR20' })).toMatchObject({ title: 'Stoneware mug', category_id: 'square-cat-CATMUG' });
      // Stock names variation ids: the SKU comes from the id table the catalog pages filled.
      expect(await row('inventory', { sku: 'SQ-SENCHA', location_id: 'square-loc-L1DEN' })).toMatchObject({ on_hand: 14 });
      expect(await row('inventory', { sku: 'SQ-OOL-50', location_id: 'square-loc-L1DEN' })).toMatchObject({ on_hand: 3 });
      expect(await row('inventory', { sku: 'square-var-VAR20', location_id: 'square-loc-L1DEN' })).toMatchObject({ on_hand: 0 });
      expect(await row('consents', { customer_id: 'square-cust-CUSTB', purpose: 'marketing', channel: 'email' })).toMatchObject({ status: 'withdrawn', source: 'square' });
      expect(await row('consents', { customer_id: 'square-cust-CUSTA', purpose: 'marketing', channel: 'email' })).toBeNull();
      expect(await row('orders', { id: 'square-order-ORDA' })).toMatchObject({ channel: 'store', customer_id: 'square-cust-CUSTA', subtotal_cents: 2 * 1250 + 2200, discount_cents: 100 });
      expect((await lines('square-order-ORDB')).map((l) => [l.sku, l.quantity])).toEqual([['SQ-OOL-100', 1], ['SQ-OOL-100', -1]]);
      expect(await row('orders', { id: 'square-order-ORDB' })).toMatchObject({ channel: 'online' });
      expect(fake.served.filter((s) => s.path === '/v2/catalog/search' && s.body.cursor).length).toBeGreaterThan(0);
      expect(hub.clock.sleeps.length).toBe(2);

      // The next pass asks only for what changed since.
      fake.served.length = 0;
      expect(((await runConnector(hub.deps, 'sq')) as InboundOutcome).error).toBeNull();
      expect(fake.served.find((s) => s.path === '/v2/inventory/counts/batch-retrieve')!.body.updated_after).toBe('2026-11-10T08:03:00.000Z');
      expect((fake.served.find((s) => s.path === '/v2/orders/search')!.body.query as { filter: { date_time_filter: unknown } }).filter.date_time_filter).toEqual({ updated_at: { start_at: '2026-11-07T12:00:00.000Z' } });
    });
  });
});
