import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './index.js';
import type { DeviceRecord } from '../store.js';
import { customerRow, hubEvent, NOW, smallCatalog, staffRow } from '../testFixtures.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('aisleOrders applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges([...smallCatalog(), staffRow('ava', 'S1'), staffRow('omar', 'S2', 'manager'), staffRow('gone', 'S1', 'associate', 0), customerRow('C-1', 'S1'), customerRow('C-2', 'S2')]);
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);

  const placed = (n: number, extra: object = {}) =>
    hubEvent(n, 'aisle_order.placed', {
      orderId: `order-${n}`, sku: 'TENT-1', quantity: 2, unitPriceCents: 1000, sourceLocationId: 'DC', customerId: null,
      customer: { name: 'Zoe Smith', email: 'zoe@example.com', phone: null }, address: { line: '1 Main St', city: 'Denver', region: 'CO', postalCode: '80202' },
      storeId: 'S1', registerId: 'R1', associateId: 'ava', placedAt: NOW.toISOString(), ...extra,
    });

  describe('aisle_order.placed', () => {
    it('is recorded for fulfilment once, however often it is pushed', async () => {
      const e = placed(1);
      expect(await push(e, e)).toEqual({ acked: [e.id, e.id], rejected: [] });
      expect((await push(e)).acked).toEqual([e.id]);
      // The same order under a new event id (a device that lost its ack and re-enqueued) is still one order.
      await push(placed(2, { orderId: 'order-1' }));
      const orders = await hub.store.listAisleOrders();
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ orderId: 'order-1', eventId: e.id, storeId: 'S1', sku: 'TENT-1', quantity: 2, sourceLocationId: 'DC' });
      expect(JSON.parse(orders[0]!.address)).toEqual({ line: '1 Main St', city: 'Denver', region: 'CO', postalCode: '80202' });
    });

    it('refuses an order the hub cannot fulfil, with the reason the associate will see', async () => {
      const res = await push(placed(1, { sku: 'NOPE' }), placed(2, { sku: 'OLD-1' }), placed(3, { sourceLocationId: 'MOON' }), placed(4, { quantity: 0 }));
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.reason)).toEqual([
        "SKU NOPE is not in the hub's catalog, so the order cannot be fulfilled",
        'SKU OLD-1 is discontinued, so the order cannot be fulfilled',
        'location MOON is not known at the hub',
        expect.stringMatching(/^aisle_order.placed payload: quantity/),
      ]);
      expect(res.rejected.map((r) => r.code)).toEqual(['unknown_reference', 'not_sellable', 'unknown_reference', 'invalid_event']);
      expect(await hub.store.listAisleOrders()).toEqual([]);
      expect(await hub.store.listEvents()).toEqual([]);
    });

    it('finding 4: is priced by the hub and bounded; another store\'s customer, a stranger as associate and 1,000 units are refused', async () => {
      const free = placed(1, { unitPriceCents: 0 });
      expect((await push(free)).acked).toEqual([free.id]);
      // The hub's catalog says 1000 cents: that is the order's price; the register's 0 stays beside it.
      expect((await hub.store.listAisleOrders())[0]).toMatchObject({ orderId: 'order-1', unitPriceCents: 1000, deviceUnitPriceCents: 0 });

      const res = await push(
        placed(2, { quantity: 1000 }),
        placed(3, { customerId: 'C-2' }),
        placed(4, { associateId: 'omar' }),
        placed(5, { associateId: 'gone' }),
        placed(6, { customerId: 'C-404' }),
        placed(7, { quantity: 100 }),
      );
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.code)).toEqual(['out_of_range', 'customer_not_in_store', 'not_staff_of_store', 'not_staff_of_store', 'unknown_reference', 'out_of_range']);
      expect(res.rejected[0]!.reason).toBe('quantity 1000 is out of range: an endless-aisle order holds 1 to 99 units');
      expect((await hub.store.listAisleOrders()).map((o) => o.orderId)).toEqual(['order-1']);
      // The store's own customer and 99 units are fine.
      expect((await push(placed(8, { customerId: 'C-1', quantity: 99 }))).acked).toHaveLength(1);
    });
  });
});
