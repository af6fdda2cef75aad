// A synthetic shop in Shopify's response shapes, for the benchmark and the end-to-end test:
// products of a few product types with stock at each location, customers (half subscribed to
// email marketing), and orders in which a customer's next order is of the product type after
// their previous one's (and back), so the register's engine has follow-up links to learn.
import type { ShopifyData } from './fakeShopify.js';

export interface ShopSize {
  products: number;
  locations: number;
  customers: number;
  orders: number;
  /** Product types (categories); orders step from one to the next. */
  types: number;
}

const DAY = 86_400_000;
const gid = (type: string, n: number) => `gid://shopify/${type}/${n}`;
const money = (cents: number) => ({ shopMoney: { amount: (cents / 100).toFixed(2) } });

export function generateShopifyData(size: ShopSize, anchor = Date.parse('2026-11-20T00:00:00Z')): ShopifyData {
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  const locations = Array.from({ length: size.locations }, (_, i) => ({
    id: gid('Location', i + 1), name: `Store ${i + 1}`, isActive: true, address: { city: 'Denver', provinceCode: 'CO', countryCode: 'US' },
  }));
  const sku = (p: number) => `SYN-${String(p).padStart(6, '0')}`;
  const typeOf = (p: number) => p % size.types;
  const priceOf = (p: number) => 1000 + (p % 90) * 100;
  const products = [];
  const inventoryItems = [];
  for (let p = 0; p < size.products; p++) {
    const updated = iso(anchor - 30 * DAY + (p % 1000) * 1000);
    products.push({
      id: gid('Product', p + 1), title: `Synthetic product ${p}`, vendor: `Vendor ${p % 37}`, productType: `Type ${typeOf(p)}`, status: 'ACTIVE', createdAt: '2025-06-01T00:00:00Z', updatedAt: updated,
      variants: { nodes: [{ id: gid('ProductVariant', p + 1), sku: sku(p), title: 'Default Title', price: (priceOf(p) / 100).toFixed(2), compareAtPrice: null, inventoryItem: { unitCost: { amount: (priceOf(p) / 250).toFixed(2) } } }] },
    });
    inventoryItems.push({
      id: gid('InventoryItem', p + 1), sku: sku(p), updatedAt: updated, variant: { id: gid('ProductVariant', p + 1) },
      inventoryLevels: { nodes: locations.map((l, i) => ({ location: { id: l.id }, updatedAt: updated, quantities: [{ name: 'available', quantity: (p * 7 + i * 3) % 40 }] })) },
    });
  }
  const customers = Array.from({ length: size.customers }, (_, c) => ({
    id: gid('Customer', c + 1), firstName: `First${c}`, lastName: `Last${c}`, email: `shopper${c}@example.com`, phone: null,
    createdAt: '2025-01-01T00:00:00Z', updatedAt: iso(anchor - 60 * DAY + c * 1000), defaultAddress: null,
    emailMarketingConsent: c % 2 === 0 ? { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN', consentUpdatedAt: '2026-01-01T00:00:00Z' } : { marketingState: 'NOT_SUBSCRIBED', marketingOptInLevel: null, consentUpdatedAt: null },
    smsMarketingConsent: null,
  }));
  // Products of each type, so an order can pick one of the type it needs.
  const byType: number[][] = Array.from({ length: size.types }, () => []);
  for (let p = 0; p < size.products; p++) byType[typeOf(p)]!.push(p);
  const orders = [];
  const perCustomer = Math.max(1, Math.ceil(size.orders / Math.max(1, size.customers)));
  for (let o = 0; o < size.orders; o++) {
    const c = size.customers ? o % size.customers : -1;
    const nth = Math.floor(o / Math.max(1, size.customers));
    // A customer's orders alternate between their type and the next: a type-t buyer comes back for t + 1.
    const type = ((c >= 0 ? c : o) + (nth % 2)) % size.types;
    const pool = byType[type]!;
    const placed = anchor - (perCustomer - nth) * 12 * DAY - (o % 500) * 60_000;
    const lines = 1 + (o % 3);
    const store = locations[o % locations.length]!;
    orders.push({
      id: gid('Order', o + 1), name: `#${1000 + o}`, createdAt: iso(placed), updatedAt: iso(placed + 60_000), sourceName: o % 4 === 0 ? 'web' : 'pos',
      customer: c >= 0 ? { id: gid('Customer', c + 1) } : null, retailLocation: o % 4 === 0 ? null : { id: store.id },
      lineItems: { nodes: Array.from({ length: lines }, (_, l) => { const p = pool[(o * 7 + l * 13) % pool.length]!; return { id: gid('LineItem', o * 4 + l), sku: sku(p), quantity: 1 + (l % 2), originalUnitPriceSet: money(priceOf(p)), totalDiscountSet: money(0) }; }) },
      refunds: [],
    });
  }
  return { shop: { ianaTimezone: 'America/Denver' }, locations, products, inventoryItems, customers, orders };
}
