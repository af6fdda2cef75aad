// sale.completed: a register recorded the sale it finished; the hub adds it to the order history,
// so every register of the store pulls it. The same sale may already be here through the
// retailer's orders feed (its external_ref is the register's order id, and the feed keeps such an
// order under that id): then the sale changes nothing, and it is one order either way.
// The hub checks the sale against its own state: a device records sales of its own store only,
// and a named customer must be that store's, or a visiting customer one of its registers found
// through the hub (ownership.ts): that sale follows them to their home store's history.
import { z } from 'zod';
import type { OutboxEvent } from '../../protocol/index.js';
import type { Applied, DeviceRecord, HubReader, Row, RowChange } from '../store.js';
import { mayServeCustomer } from './ownership.js';
import { applied, isoTime, parsePayload, refused } from './payload.js';

const line = z.object({
  lineNo: z.number().int().min(1),
  sku: z.string().min(1).max(200),
  quantity: z.number().int().refine((n) => n !== 0, 'quantity must not be 0'),
  unitPriceCents: z.number().int().min(0),
  discountCents: z.number().int().min(0),
});

export const saleCompletedSchema = z.object({
  orderId: z.string().min(1).max(64),
  storeId: z.string().min(1),
  registerId: z.string().min(1).max(64),
  associateId: z.string().min(1).max(200),
  customerId: z.string().min(1).nullable(),
  placedAt: isoTime,
  lines: z.array(line).min(1).max(200),
});

/** Why the hub refuses a sale, as a code a device can act on and words a person can read. */
export type SaleRefusal = 'wrong_store' | 'unknown_customer' | 'customer_not_of_store' | 'duplicate_line';

const refuse = (code: SaleRefusal, message: string): Applied => refused(`${code}: ${message}`);

export async function applySaleCompleted(event: OutboxEvent, device: DeviceRecord, reader: HubReader, receivedAt: Date): Promise<Applied> {
  const parsed = parsePayload(saleCompletedSchema, event);
  if (!parsed.ok) return refused(parsed.reason, parsed.code);
  const sale = parsed.data;
  if (sale.storeId !== device.storeId) return refuse('wrong_store', `the sale is for store ${sale.storeId}, but this device belongs to store ${device.storeId}`);
  if (new Set(sale.lines.map((l) => l.lineNo)).size !== sale.lines.length) return refuse('duplicate_line', 'two lines of the sale have the same line number');
  let customerId = sale.customerId;
  /** A visiting customer's home store: their sale goes into the history their store keeps. */
  let home: string | null = null;
  if (customerId !== null) {
    let customer = await reader.row('customers', { id: customerId });
    if (customer?.merged_into) customer = await reader.row('customers', { id: (customerId = customer.merged_into as string) });
    if (!customer) return refuse('unknown_customer', `customer ${sale.customerId} is not known at the hub`);
    if (customer.home_store_id !== device.storeId) {
      if (!(await mayServeCustomer(reader, device.storeId, customerId, receivedAt)).ok) return refuse('customer_not_of_store', `customer ${sale.customerId} belongs to another store`);
      home = customer.home_store_id as string | null;
    }
  }
  // Already here through the orders feed (or an earlier copy of this sale): one order.
  if (await reader.row('orders', { id: sale.orderId })) return applied();
  const scope = home ?? device.storeId;
  const order: Row = {
    id: sale.orderId,
    customer_id: customerId,
    channel: 'store',
    location_id: sale.storeId,
    register_id: sale.registerId,
    associate_id: sale.associateId,
    placed_at: sale.placedAt,
    subtotal_cents: sale.lines.reduce((s, l) => s + l.quantity * l.unitPriceCents, 0),
    discount_cents: sale.lines.reduce((s, l) => s + l.discountCents, 0),
    status: 'completed',
  };
  const changes: RowChange[] = [{ stream: 'orders', table: 'orders', key: { id: order.id! }, row: order, scopeStoreId: scope }];
  for (const l of sale.lines) {
    const row: Row = { order_id: sale.orderId, line_no: l.lineNo, sku: l.sku, quantity: l.quantity, unit_price_cents: l.unitPriceCents, discount_cents: l.discountCents };
    changes.push({ stream: 'orders', table: 'order_lines', key: { order_id: sale.orderId, line_no: l.lineNo }, row, scopeStoreId: scope });
  }
  return applied(changes);
}
