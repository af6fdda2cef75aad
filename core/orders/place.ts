// Placing a ship-to-home order: the order row, the stock it holds (local_reserved) and the
// outbox event for the hub, written together. The caller runs this inside the API call's one
// transaction, so either all three are there or none is.
import type Database from 'better-sqlite3';
import type { AisleOrder, DeliveryAddress } from '../contract/areas/search.types.js';
import type { Session } from '../contract/types.js';
import { ApiError } from '../contract/errors.js';
import { statement } from '../db/statements.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/outbox.js';
import { productBySku } from '../search/products.js';
import { deliveryDetails } from './delivery.js';
import { orderById } from './list.js';
import { shipSources } from './sources.js';

export type OrderCustomer =
  | { kind: 'existing'; customerId: string }
  | { kind: 'new'; name: string; email: string | null; phone: string | null };

export interface PlaceOrderInput {
  sku: string;
  quantity: number;
  /** Where it ships from; omitted = the fastest location with enough stock. */
  sourceLocationId: string | null;
  customer: OrderCustomer;
  address: DeliveryAddress;
}

const HOLD_SQL = `UPDATE inventory SET local_reserved = local_reserved + :q
  WHERE sku = :sku AND location_id = :loc AND on_hand - reserved - local_reserved >= :q`;

const INSERT_SQL = `INSERT INTO aisle_orders (id, status, sku, title, quantity, unit_price_cents, source_location_id, lead_time_days,
    customer_id, customer_name, customer_email, customer_phone, address_line, city, region, postal_code,
    store_id, register_id, associate_id, placed_at, outbox_id)
  VALUES (:id, 'pending', :sku, :title, :quantity, :price, :source, :lead, :customerId, :name, :email, :phone,
    :line, :city, :region, :postalCode, :store, :register, :associate, :at, :outboxId)`;

export function placeOrder(db: Database.Database, input: PlaceOrderInput, session: Session, now: Date): AisleOrder {
  const product = productBySku(db, input.sku);
  if (!product) throw new ApiError('not_found', `No product with SKU ${input.sku} in the catalog.`);
  if (product.status === 'discontinued') throw new ApiError('conflict', 'This item is discontinued and can no longer be ordered.');

  const sources = shipSources(db, product.sku, session.storeId, input.quantity);
  const source = input.sourceLocationId ? sources.find((s) => s.locationId === input.sourceLocationId) : sources[0];
  if (!source) {
    throw new ApiError('conflict', input.sourceLocationId ? `That location no longer has ${input.quantity} to spare.` : `No location has ${input.quantity} to spare.`, {
      sources: sources.map((s) => s.locationId),
    });
  }

  const customer =
    input.customer.kind === 'existing'
      ? (({ customerId, name, email, phone }) => ({ customerId, name, email, phone }))(deliveryDetails(db, input.customer.customerId))
      : { customerId: null, name: input.customer.name, email: input.customer.email, phone: input.customer.phone };

  const held = statement(db, HOLD_SQL).run({ q: input.quantity, sku: product.sku, loc: source.locationId });
  if (held.changes !== 1) throw new ApiError('conflict', `${source.locationName} no longer has ${input.quantity} to spare.`);

  const id = newId();
  const at = now.toISOString();
  const event = {
    orderId: id,
    sku: product.sku,
    quantity: input.quantity,
    unitPriceCents: product.priceCents,
    sourceLocationId: source.locationId,
    customerId: customer.customerId,
    customer: { name: customer.name, email: customer.email, phone: customer.phone },
    address: input.address,
    storeId: session.storeId,
    registerId: session.registerId,
    associateId: session.staffId,
    placedAt: at,
  };
  const outboxId = enqueue(db, 'aisle_order.placed', event, now);
  statement(db, INSERT_SQL).run({
    id,
    sku: product.sku,
    title: product.title,
    quantity: input.quantity,
    price: product.priceCents,
    source: source.locationId,
    lead: source.leadTimeDays,
    customerId: customer.customerId,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    ...input.address,
    store: session.storeId,
    register: session.registerId,
    associate: session.staffId,
    at,
    outboxId,
  });
  return orderById(db, id)!;
}
