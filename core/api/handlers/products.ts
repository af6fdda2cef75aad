import { ApiError } from '../../contract/errors.js';
import type { HandlerSet } from '../context.js';

export const productHandlers: HandlerSet<'products.get'> = {
  'products.get'(ctx, { sku }) {
    if (!ctx.session) throw new ApiError('unauthenticated', 'Please log in first.');
    const catalog = ctx.engine.catalog;
    // Scanners and people type SKUs in any case.
    const product = catalog.product(sku) ?? catalog.product(sku.toUpperCase());
    if (!product) throw new ApiError('not_found', `No product with SKU ${sku} in the catalog.`);
    const now = ctx.now();
    const stock = catalog.stockHere(product.sku, ctx.session.storeId, now);
    const policy = ctx.engine.currentPolicy();
    return {
      ...catalog.describe(product, ctx.session.storeId, stock, now, policy.guardrails.newArrivalWindowDays),
      categoryPath: catalog.categoryPath(product.categoryId),
    };
  },
};
