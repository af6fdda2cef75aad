import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './index.js';
import type { DeviceRecord } from '../store.js';
import { hubEvent, NOW, smallCatalog, tempStore } from '../testFixtures.js';

let hub: ReturnType<typeof tempStore>;
let device: DeviceRecord;

beforeEach(() => {
  hub = tempStore();
  hub.store.writeChanges(smallCatalog());
  device = hub.store.addDevice('S1', NOW).device;
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
  it('is recorded for fulfilment once, however often it is pushed', () => {
    const e = placed(1);
    expect(push(e, e)).toEqual({ acked: [e.id, e.id], rejected: [] });
    expect(push(e).acked).toEqual([e.id]);
    // The same order under a new event id (a device that lost its ack and re-enqueued) is still one order.
    push(placed(2, { orderId: 'order-1' }));
    const orders = hub.store.listAisleOrders();
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ orderId: 'order-1', eventId: e.id, storeId: 'S1', sku: 'TENT-1', quantity: 2, sourceLocationId: 'DC' });
    expect(JSON.parse(orders[0]!.address)).toEqual({ line: '1 Main St', city: 'Denver', region: 'CO', postalCode: '80202' });
  });

  it('refuses an order the hub cannot fulfil, with the reason the associate will see', () => {
    const res = push(placed(1, { sku: 'NOPE' }), placed(2, { sku: 'OLD-1' }), placed(3, { sourceLocationId: 'MOON' }), placed(4, { quantity: 0 }));
    expect(res.acked).toEqual([]);
    expect(res.rejected.map((r) => r.reason)).toEqual([
      "SKU NOPE is not in the hub's catalog, so the order cannot be fulfilled",
      'SKU OLD-1 is discontinued, so the order cannot be fulfilled',
      'location MOON is not known at the hub',
      expect.stringMatching(/^aisle_order.placed payload: quantity/),
    ]);
    expect(hub.store.listAisleOrders()).toEqual([]);
    expect(hub.store.listEvents()).toEqual([]);
  });
});
