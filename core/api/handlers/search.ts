import { deliveryDetails } from '../../orders/delivery.js';
import { ordersOf } from '../../orders/list.js';
import { placeOrder } from '../../orders/place.js';
import { productSearch } from '../../search/search.js';
import { recordChoice, recordSearch } from '../../search/searchLog.js';
import { productSheet } from '../../search/sheet.js';
import { ApiError } from '../../contract/errors.js';
import type { HandlerContext, HandlerSet } from '../context.js';
import type { Session } from '../../contract/types.js';

type SearchCalls = 'search.products' | 'search.product' | 'orders.place' | 'orders.mine' | 'orders.delivery';

export const searchHandlers: HandlerSet<SearchCalls> = {
  'search.products'(ctx, { query, filters, limit }) {
    const s = signedIn(ctx);
    const result = productSearch(ctx.db).search({ query, filters, limit }, { storeId: s.storeId, inventoryAgeMinutes: ageOf(ctx) });
    // The words and what they found, so the search learns how this store asks (searchLog.ts).
    recordSearch(ctx.db, query, result.total, ctx.now());
    return result;
  },
  'search.product'(ctx, { sku }) {
    const sheet = productSheet(ctx.db, sku, signedIn(ctx).storeId, ageOf(ctx));
    recordChoice(ctx.db, sku, ctx.now());
    return sheet;
  },
  'orders.place'(ctx, input) {
    const customer =
      input.customer.kind === 'existing'
        ? input.customer
        : { kind: 'new' as const, name: input.customer.name, email: input.customer.email || null, phone: input.customer.phone || null };
    return placeOrder(ctx.db, { ...input, customer }, signedIn(ctx), ctx.now());
  },
  'orders.mine'(ctx) {
    return { orders: ordersOf(ctx.db, signedIn(ctx).staffId), connection: connectionOf(ctx) };
  },
  'orders.delivery'(ctx, { customerId }) {
    signedIn(ctx);
    return deliveryDetails(ctx.db, customerId);
  },
};

/** Whether placed orders can reach the hub now. A device filling its replica is talking to the hub. */
function connectionOf(ctx: HandlerContext): 'online' | 'offline' | 'standalone' {
  if (!ctx.sync) return 'standalone';
  return ctx.sync.connection() === 'offline' ? 'offline' : 'online';
}

function ageOf(ctx: HandlerContext): number {
  return ctx.engine.catalog.inventoryAgeMinutes(ctx.now());
}

function signedIn(ctx: HandlerContext): Session {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
  return ctx.session;
}
