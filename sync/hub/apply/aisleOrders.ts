// aisle_order.placed: the hub records the endless-aisle order for fulfilment. Acking it means
// the hub accepted it (the device then shows it confirmed); an order the hub cannot fulfil is
// rejected with the reason the associate will see.
import { z } from 'zod';
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, HubReader } from '../store.js';
import { applied, isoTime, parsePayload, refused, refusedBy } from './payload.js';

const text = (max: number) => z.string().min(1).max(max);

const placedSchema = z.object({
  orderId: text(100),
  sku: text(100),
  quantity: z.number().int().positive().max(1000),
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

export function applyAislePlaced(event: OutboxEvent, reader: HubReader, receivedAt: Date): Applied {
  const parsed = parsePayload(placedSchema, event);
  if (!parsed.ok) return refusedBy(parsed);
  const o = parsed.data;
  const product = reader.row('products', { sku: o.sku });
  if (!product) return refused(`SKU ${o.sku} is not in the hub's catalog, so the order cannot be fulfilled`);
  if (product.status === 'discontinued') return refused(`SKU ${o.sku} is discontinued, so the order cannot be fulfilled`);
  if (!reader.row('locations', { id: o.sourceLocationId })) return refused(`location ${o.sourceLocationId} is not known at the hub`);
  return applied(
    [],
    [
      {
        orderId: o.orderId, eventId: event.id, storeId: o.storeId, registerId: o.registerId, associateId: o.associateId, sku: o.sku,
        quantity: o.quantity, unitPriceCents: o.unitPriceCents, sourceLocationId: o.sourceLocationId, customerId: o.customerId,
        customer: JSON.stringify(o.customer), address: JSON.stringify(o.address), placedAt: o.placedAt, receivedAt: receivedAt.toISOString(),
      },
    ],
  );
}
