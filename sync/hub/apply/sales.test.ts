// sale.completed at the hub: the register's sale joins the order history of its store, once,
// whether the same sale also arrives through the orders feed before or after it; a device
// speaks for its own store and its own store's customers only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importCsv } from '../connectors/csvImport.js';
import type { DeviceRecord } from '../store.js';
import { customerRow, hubEvent, NOW, smallCatalog, uuid7 } from '../testFixtures.js';
import { applyEvent } from './index.js';
import { applySaleCompleted } from './sales.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('sales applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges([...smallCatalog(), customerRow('c1', 'S1'), customerRow('c2', 'S2')]);
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
  const ORDER = uuid7(900);
  const sale = (n: number, extra: object = {}) =>
    hubEvent(n, 'sale.completed', {
      orderId: ORDER, storeId: 'S1', registerId: 'R1', associateId: 'st-ava', customerId: 'c1', placedAt: '2026-11-23T11:00:00.000Z',
      lines: [{ lineNo: 1, sku: 'TENT-1', quantity: 2, unitPriceCents: 1000, discountCents: 0 }], ...extra,
    });
  const orders = async (store = 'S1') => (await hub.store.changesSince('orders', store, 0, 1000)).changes.filter((c) => c.table === 'orders' && c.row);
  const lines = async (store = 'S1') => (await hub.store.changesSince('orders', store, 0, 1000)).changes.filter((c) => c.table === 'order_lines' && c.row);
  const feed = (rows: string[]) => importCsv(hub.store, { file: 'orders.csv', source: 'cli', now: NOW, text: ['order_id,line_no,sku,quantity,unit_price_cents,customer_id,store_id,channel,placed_at,external_ref', ...rows].join('\n') });

  describe('sale.completed', () => {
    it("joins the store's order history, for every register of the store, once however often it is pushed", async () => {
      const e = sale(1);
      expect(await push(e, e)).toEqual({ acked: [e.id, e.id], rejected: [] });
      expect(await orders()).toHaveLength(1);
      expect((await orders())[0]!.row).toEqual({
        id: ORDER, customer_id: 'c1', channel: 'store', location_id: 'S1', register_id: 'R1', associate_id: 'st-ava', placed_at: '2026-11-23T11:00:00.000Z', subtotal_cents: 2000, discount_cents: 0, status: 'completed',
      });
      expect((await lines()).map((c) => c.row)).toEqual([{ order_id: ORDER, line_no: 1, sku: 'TENT-1', quantity: 2, unit_price_cents: 1000, discount_cents: 0 }]);
      expect(await orders('S2')).toEqual([]);
      // The same sale re-enqueued under a new event id (a device that lost its ack) is still one order.
      const versions = (await hub.store.pageSince('orders', 'S1', 0, 1000)).cursor;
      expect((await push(sale(2))).acked).toHaveLength(1);
      expect((await hub.store.pageSince('orders', 'S1', 0, 1000)).cursor).toBe(versions);
    });

    it('a walk-in sale (no customer) follows its store', async () => {
      await push(sale(1, { customerId: null }));
      expect((await orders())[0]!.row).toMatchObject({ customer_id: null, location_id: 'S1' });
    });

    it('is one order with the same sale from the orders feed, the sale first', async () => {
      await push(sale(1));
      expect((await feed([`POS-77,1,TENT-1,2,950,c1,S1,till,2026-11-23T11:00:00Z,${ORDER}`, `POS-77,2,OLD-1,1,500,c1,S1,till,2026-11-23T11:00:00Z,${ORDER}`])).status).toBe('applied');
      expect(await orders()).toHaveLength(1);
      // The retailer's record of the sale is the system of record; who rang it up stays.
      expect((await orders())[0]!.row).toMatchObject({ id: ORDER, subtotal_cents: 2400, register_id: 'R1', associate_id: 'st-ava' });
      expect(await lines()).toHaveLength(2);
    });

    it('is one order with the same sale from the orders feed, the feed first', async () => {
      expect((await feed([`POS-77,1,TENT-1,2,950,c1,S1,till,2026-11-23T11:00:00Z,${ORDER}`])).status).toBe('applied');
      const cursor = (await hub.store.pageSince('orders', 'S1', 0, 1000)).cursor;
      expect((await push(sale(1))).acked).toHaveLength(1);
      expect(await orders()).toHaveLength(1);
      expect((await orders())[0]!.row).toMatchObject({ subtotal_cents: 1900 });
      expect((await hub.store.pageSince('orders', 'S1', 0, 1000)).cursor).toBe(cursor);
    });

    it('refuses, as an attacker would send them, a sale of another store, of another store\'s customer, of no known customer, or malformed', async () => {
      const other = (await hub.store.addDevice('S2', NOW)).device;
      // Past the push-level store check: the applier checks for itself.
      const direct = await applySaleCompleted(sale(1, { storeId: 'S1' }), other, { row: async () => null, rowsByKey: async (_t, keys) => keys.map(() => null), rowsByKeyPrefix: async () => [], rowsWhere: async () => [], rowsWhereIn: async () => [], maxOf: async () => 0, hasChainRole: async () => false, foundVisiting: async () => false }, NOW);
      expect(direct).toEqual({ ok: false, reason: 'wrong_store: the sale is for store S1, but this device belongs to store S2' });
      const res = await push(
        sale(2, { customerId: 'c2' }),
        sale(3, { customerId: 'ghost' }),
        sale(4, { lines: [] }),
        sale(5, { lines: [{ lineNo: 1, sku: 'TENT-1', quantity: 0, unitPriceCents: 1000, discountCents: 0 }] }),
        sale(6, { lines: [{ lineNo: 1, sku: 'TENT-1', quantity: 1, unitPriceCents: -5, discountCents: 0 }] }),
        sale(7, { lines: [1, 1].map((n) => ({ lineNo: n, sku: 'TENT-1', quantity: 1, unitPriceCents: 1, discountCents: 0 })) }),
        sale(8, { placedAt: 'yesterday' }),
      );
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.reason.split(':')[0])).toEqual([
        'customer_not_of_store', 'unknown_customer', 'sale.completed payload', 'sale.completed payload', 'sale.completed payload', 'duplicate_line', 'sale.completed payload',
      ]);
      expect(await orders()).toEqual([]);
    });
  });
});
