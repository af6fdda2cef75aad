// aisle_order.placed: the hub records the endless-aisle order for fulfilment. Acking it means
// the hub accepted it (the device then shows it confirmed); an order the hub cannot fulfil is
// rejected with the reason the associate will see. The hub trusts no register: it prices the
// order from its own catalog (the device's price is kept beside it, advisory), bounds the
// quantity, and checks the SKU, the associate and the customer against its own rows.
import { z } from 'zod';
import { AISLE_ORDER_MAX_QUANTITY, type OutboxEvent } from '../../protocol/index.js';
import type { Applied, HubReader } from '../store.js';
import { maySeeCustomer } from './ownership.js';
import { applied, isoTime, parsePayload, refused, refusedBy } from './payload.js';
import { staffOfStore } from './staff.js';

const text = (max: number) => z.string().min(1).max(max);

const placedSchema = z.object({
  orderId: text(100),
  sku: text(100),
  quantity: z.number().int().positive(),
  unitPriceCents: z.number().int().nonnegative(),
  sourceLocationId: text(100),
  customerId: text(200).nullable(),
  customer: z.object({ name: z.string().max(200), email: z.string().max(320).nullable(), phone: z.string().max(40).nullable() }),
  address: z.object({ line: text(300), city: text(200), region: text(100), postalCode: text(20) }),
  storeId: text(100),
  registerId: text(100),
  associateId: text(100),
  placedAt: isoTime,
});

export async function applyAislePlaced(event: OutboxEvent, reader: HubReader, receivedAt: Date, deviceStoreId: string): Promise<Applied> {
  const parsed = parsePayload(placedSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const o = parsed.data;
  if (o.quantity > AISLE_ORDER_MAX_QUANTITY) {
    return refused(`quantity ${o.quantity} is out of range: an endless-aisle order holds 1 to ${AISLE_ORDER_MAX_QUANTITY} units`, 'out_of_range');
  }
  const product = await reader.row('products', { sku: o.sku });
  if (!product) return refused(`SKU ${o.sku} is not in the hub's catalog, so the order cannot be fulfilled`, 'unknown_reference');
  if (product.status === 'discontinued') return refused(`SKU ${o.sku} is discontinued, so the order cannot be fulfilled`, 'not_sellable');
  const price = product.price_cents;
  if (typeof price !== 'number' || !Number.isInteger(price) || price <= 0) return refused(`SKU ${o.sku} has no price at the hub, so it cannot be sold`, 'not_sellable');
  if (!await reader.row('locations', { id: o.sourceLocationId })) return refused(`location ${o.sourceLocationId} is not known at the hub`, 'unknown_reference');
  const associate = await staffOfStore(reader, o.associateId, deviceStoreId);
  if (!associate.ok) return refusedBy(associate);
  if (o.customerId !== null) {
    const customer = await maySeeCustomer(reader, deviceStoreId, o.customerId);
    if (!customer.ok) return refusedBy(customer);
  }
  return applied(
    [],
    [
      {
        orderId: o.orderId, eventId: event.id, storeId: o.storeId, registerId: o.registerId, associateId: o.associateId, sku: o.sku,
        quantity: o.quantity, unitPriceCents: price, deviceUnitPriceCents: o.unitPriceCents, sourceLocationId: o.sourceLocationId, customerId: o.customerId,
        customer: JSON.stringify(o.customer), address: JSON.stringify(o.address), placedAt: o.placedAt, receivedAt: receivedAt.toISOString(),
      },
    ],
  );
}
