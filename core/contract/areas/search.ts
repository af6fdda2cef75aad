import { z } from 'zod';
import { define } from '../define.js';
import { empty, id, text } from '../schemas.js';
import { deliveryAddress, emailAddress, optional, personName, phoneNumber } from '../fields.js';
import type { AisleOrder, AisleOrderList, DeliveryDetails, ProductSheet, SearchResult } from './search.types.js';

export const priceBands = ['under_25', '25_50', '50_100', '100_250', 'over_250'] as const;
export const availabilityFacets = ['here', 'store', 'dc', 'partner'] as const;

const filters = z
  .object({
    category: z.string().min(1).max(120).regex(/^[a-z0-9/_-]+$/, { message: 'not a category id' }).optional(),
    brand: text(80, 1).optional(),
    price: z.enum(priceBands).optional(),
    availability: z.enum(availabilityFacets).optional(),
  })
  .strict();

// The address and a new customer's details follow the shared field rules (fields.ts): the order
// form shows these same messages next to its fields, and nothing else reaches the outbox.
const address = deliveryAddress;

const customer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('existing'), customerId: id }).strict(),
  z
    .object({
      kind: z.literal('new'),
      name: personName,
      email: optional(emailAddress),
      phone: optional(phoneNumber),
    })
    .strict(),
]);

export const searchContract = {
  // Endless aisle (DESIGN §5): the whole assortment, with where each item can come from.
  'search.products': define<SearchResult>()({
    input: z
      .object({
        query: text(200),
        filters: filters.default({}),
        limit: z.number().int().min(1).max(200).default(60),
      })
      .strict(),
    access: 'staff',
    write: false,
  }),
  'search.product': define<ProductSheet>()({
    input: z.object({ sku: text(40, 1) }).strict(),
    access: 'staff',
    write: false,
  }),
  // Ship-to-home: the order, its stock hold and its outbox event in one transaction.
  'orders.place': define<AisleOrder>()({
    input: z
      .object({
        sku: text(40, 1),
        quantity: z.number().int().min(1).max(99),
        sourceLocationId: id.nullable().default(null),
        customer,
        address,
      })
      .strict(),
    access: 'staff',
    write: true,
  }),
  'orders.mine': define<AisleOrderList>()({ input: empty, access: 'staff', write: false }),
  'orders.delivery': define<DeliveryDetails>()({
    input: z.object({ customerId: id }).strict(),
    access: 'staff',
    write: false,
  }),
} as const;
