// Square inbound (REST API, Square-Version SQUARE_VERSION): locations, catalog categories and
// items with their variations, inventory counts per location, customers, completed orders
// with returns. Each list pages with Square's `cursor` and asks only for what changed since the
// last pass (catalog `begin_time`, inventory `updated_after`, customers and orders an
// `updated_at.start_at` filter). A variation's SKU is kept in the connector's id table when its
// item is ingested, so stock and order lines (which name variation ids) find it.
import { z } from 'zod';
import { callJson, type Clock, type RetryPolicy } from './http.js';
import { record, type FeedBatch, type InboundResource, type VendorPage } from './inbound.js';
import type { ConnectorState, VendorId } from './state.js';

export const SQUARE_VERSION = '2025-01-23';

export interface SquareConfig {
  endpoint?: string;
  pageSize?: number;
  homeStore?: string;
}

export const squareId = {
  location: (id: string) => `square-loc-${id}`,
  category: (id: string) => `square-cat-${id}`,
  customer: (id: string) => `square-cust-${id}`,
  order: (id: string) => `square-order-${id}`,
  variationSku: (id: string) => `square-var-${id}`,
};

const money = z.object({ amount: z.number().int() }).nullable().optional();
const locationObj = z.object({ id: z.string(), name: z.string(), status: z.string(), timezone: z.string().nullable().optional(), address: z.object({ locality: z.string().optional(), administrative_district_level_1: z.string().optional(), country: z.string().optional() }).optional() });
const categoryObj = z.object({ type: z.literal('CATEGORY'), id: z.string(), updated_at: z.string(), is_deleted: z.boolean().optional(), category_data: z.object({ name: z.string() }) });
const itemObj = z.object({
  type: z.literal('ITEM'), id: z.string(), updated_at: z.string(), created_at: z.string().optional(), is_deleted: z.boolean().optional(),
  item_data: z.object({
    name: z.string(), categories: z.array(z.object({ id: z.string() })).optional(), category_id: z.string().optional(),
    variations: z.array(z.object({ id: z.string(), item_variation_data: z.object({ name: z.string().optional(), sku: z.string().optional(), price_money: money }) })).optional(),
  }),
});
const countObj = z.object({ catalog_object_id: z.string(), location_id: z.string(), state: z.string(), quantity: z.string(), calculated_at: z.string() });
const customerObj = z.object({
  id: z.string(), given_name: z.string().optional(), family_name: z.string().optional(), email_address: z.string().optional(), phone_number: z.string().optional(),
  created_at: z.string(), updated_at: z.string(), preferences: z.object({ email_unsubscribed: z.boolean().optional() }).optional(),
});
const lineObj = z.object({ catalog_object_id: z.string().optional(), quantity: z.string(), base_price_money: money, total_discount_money: money });
const orderObj = z.object({
  id: z.string(), location_id: z.string(), customer_id: z.string().optional(), created_at: z.string(), updated_at: z.string(), state: z.string(),
  source: z.object({ name: z.string().optional() }).optional(), line_items: z.array(lineObj).optional(),
  returns: z.array(z.object({ return_line_items: z.array(lineObj).optional() })).optional(),
});

interface SquareCursor {
  since: string | null;
  cursor: string | null;
  maxSeen: string | null;
}
const asCursor = (c: unknown): SquareCursor => (c && typeof c === 'object' ? (c as SquareCursor) : { since: null, cursor: null, maxSeen: null });

export class SquareClient {
  constructor(
    private readonly config: SquareConfig,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly retry?: RetryPolicy,
  ) {}

  async call<T>(method: 'GET' | 'POST', path: string, body: unknown, shape: z.ZodType<T>): Promise<T> {
    const res = await callJson(this.fetchFn, { url: `${this.config.endpoint ?? 'https://connect.squareup.com'}${path}`, method, headers: { Authorization: `Bearer ${this.token}`, 'Square-Version': SQUARE_VERSION }, ...(body === undefined ? {} : { body }) }, this.clock, this.retry);
    const parsed = shape.safeParse(res.body);
    if (!parsed.success) throw new Error(`Square answered ${path} in a shape the connector does not know: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data;
  }
}

const STORE_COLUMNS = ['location_id', 'kind', 'name', 'city', 'region', 'country', 'timezone'];
const CATALOG_COLUMNS = ['sku', 'title', 'brand', 'category_id', 'price_cents', 'cost_cents', 'launched_at', 'season', 'status'];
const CUSTOMER_COLUMNS = ['customer_id', 'first_name', 'last_name', 'home_store_id', 'email', 'phone', 'created_at', 'marketing_consent', 'marketing_consent_source', 'marketing_consent_at'];
const ORDER_COLUMNS = ['order_id', 'line_no', 'sku', 'quantity', 'unit_price_cents', 'discount_cents', 'customer_id', 'store_id', 'channel', 'placed_at'];
const batch = (kind: FeedBatch['kind'], columns: string[], rows: Record<string, string>[]): FeedBatch => ({ kind, columns, records: rows.map((v, i) => record(i + 1, v)) });
const wholeQty = (q: string) => Math.trunc(Number(q));

/** One paged list: the body for a cursor, where its rows and next cursor are, what they map to. */
function pagedList<T>(
  name: string,
  fetch: (c: SquareCursor) => Promise<{ rows: T[]; cursor?: string | undefined }>,
  updatedAt: (row: T) => string,
  map: (rows: T[]) => Promise<{ batches: FeedBatch[]; ids?: VendorId[] }> | { batches: FeedBatch[]; ids?: VendorId[] },
): InboundResource {
  return {
    name,
    async fetchPage(raw): Promise<VendorPage> {
      const c = asCursor(raw);
      const page = await fetch(c);
      let maxSeen = c.maxSeen;
      for (const r of page.rows) if (maxSeen === null || updatedAt(r) > maxSeen) maxSeen = updatedAt(r);
      const more = !!page.cursor;
      const mapped = await map(page.rows);
      return { ...mapped, next: more ? { since: c.since, cursor: page.cursor!, maxSeen } : { since: maxSeen ?? c.since, cursor: null, maxSeen: null }, more };
    },
  };
}

export function squareResources(client: SquareClient, config: SquareConfig, state: ConnectorState, connectorId: string): InboundResource[] {
  const limit = (max: number) => Math.min(max, Math.max(1, config.pageSize ?? max));
  const skusOf = (variationIds: string[]) => state.idsOf(connectorId, 'variation', variationIds);
  const locationsShape = z.object({ locations: z.array(locationObj).optional() });

  const locations: InboundResource = {
    name: 'locations',
    async fetchPage(): Promise<VendorPage> {
      const data = await client.call('GET', '/v2/locations', undefined, locationsShape);
      const rows = (data.locations ?? []).filter((l) => l.status === 'ACTIVE').map((l) => ({
        location_id: squareId.location(l.id), kind: 'store', name: l.name, city: l.address?.locality ?? '-', region: l.address?.administrative_district_level_1 ?? '-', country: l.address?.country ?? '', timezone: l.timezone ?? 'UTC',
      }));
      return { batches: [batch('stores', STORE_COLUMNS, rows)], next: null, more: false };
    },
  };

  const catalogSearch = <T>(types: string[], shape: z.ZodType<T>) => async (c: SquareCursor) => {
    const data = await client.call('POST', '/v2/catalog/search', { object_types: types, include_deleted_objects: true, limit: limit(1000), ...(c.cursor ? { cursor: c.cursor } : {}), ...(c.since ? { begin_time: c.since } : {}) }, z.object({ objects: z.array(shape).optional(), cursor: z.string().optional() }));
    return { rows: data.objects ?? [], cursor: data.cursor };
  };

  const categories = pagedList('categories', catalogSearch(['CATEGORY'], categoryObj), (o) => o.updated_at, (objs) => ({
    batches: [batch('categories', ['category_id', 'name'], objs.filter((o) => !o.is_deleted).map((o) => ({ category_id: squareId.category(o.id), name: o.category_data.name })))],
  }));

  const items = pagedList('items', catalogSearch(['ITEM'], itemObj), (o) => o.updated_at, (objs) => {
    const rows: Record<string, string>[] = [];
    const ids: VendorId[] = [];
    const uncategorized = objs.some((o) => !(o.item_data.categories?.[0]?.id ?? o.item_data.category_id));
    for (const o of objs) {
      const category = o.item_data.categories?.[0]?.id ?? o.item_data.category_id;
      for (const v of o.item_data.variations ?? []) {
        const sku = v.item_variation_data.sku?.trim() || squareId.variationSku(v.id);
        ids.push({ kind: 'variation', vendorId: v.id, endcapId: sku });
        const vname = v.item_variation_data.name;
        rows.push({
          sku, title: vname && vname !== 'Regular' ? `${o.item_data.name} - ${vname}` : o.item_data.name, brand: '-', category_id: category ? squareId.category(category) : 'square-cat-none',
          price_cents: String(v.item_variation_data.price_money?.amount ?? 0), cost_cents: '0', launched_at: (o.created_at ?? o.updated_at).slice(0, 10), season: 'all', status: o.is_deleted ? 'discontinued' : 'active',
        });
      }
    }
    const batches = uncategorized ? [batch('categories', ['category_id', 'name'], [{ category_id: 'square-cat-none', name: 'Uncategorized' }])] : [];
    return { batches: [...batches, batch('catalog', CATALOG_COLUMNS, rows)], ids };
  });

  const inventory = pagedList('inventory', async (c) => {
    const data = await client.call('POST', '/v2/inventory/counts/batch-retrieve', { states: ['IN_STOCK'], limit: limit(1000), ...(c.cursor ? { cursor: c.cursor } : {}), ...(c.since ? { updated_after: c.since } : {}) }, z.object({ counts: z.array(countObj).optional(), cursor: z.string().optional() }));
    return { rows: data.counts ?? [], cursor: data.cursor };
  }, (r) => r.calculated_at, async (counts) => {
    const skus = await skusOf(counts.map((c) => c.catalog_object_id));
    // A count for a variation the catalog did not bring (another object type) is nothing the till sells.
    const rows = counts.filter((c) => skus.has(c.catalog_object_id)).map((c) => ({ sku: skus.get(c.catalog_object_id)!, location_id: squareId.location(c.location_id), on_hand: String(Math.max(0, wholeQty(c.quantity))), counted_at: c.calculated_at }));
    return { batches: [batch('inventory', ['sku', 'location_id', 'on_hand', 'counted_at'], rows)] };
  });

  const customers = pagedList('customers', async (c) => {
    const query = { sort: { field: 'CREATED_AT', order: 'ASC' }, ...(c.since ? { filter: { updated_at: { start_at: c.since } } } : {}) };
    const data = await client.call('POST', '/v2/customers/search', { limit: limit(100), query, ...(c.cursor ? { cursor: c.cursor } : {}) }, z.object({ customers: z.array(customerObj).optional(), cursor: z.string().optional() }));
    return { rows: data.customers ?? [], cursor: data.cursor };
  }, (r) => r.updated_at, (list) => ({
    batches: [batch('customers', CUSTOMER_COLUMNS, list.map((c) => {
      // Square records an unsubscribe, not an opt-in: email_unsubscribed is a withdrawal; anything else is no decision.
      const withdrawn = c.preferences?.email_unsubscribed === true;
      return {
        customer_id: squareId.customer(c.id), first_name: c.given_name?.trim() || (c.email_address ? c.email_address.split('@')[0]! : 'Unknown'), last_name: c.family_name?.trim() || '-',
        home_store_id: config.homeStore ?? '', email: c.email_address ?? '', phone: c.phone_number ?? '', created_at: c.created_at,
        marketing_consent: withdrawn ? 'withdrawn' : '', marketing_consent_source: withdrawn ? 'square' : '', marketing_consent_at: withdrawn ? c.updated_at : '',
      };
    }))],
  }));

  const orders = pagedList('orders', async (c) => {
    const ids = ((await client.call('GET', '/v2/locations', undefined, locationsShape)).locations ?? []).map((l) => l.id);
    const query = { filter: { state_filter: { states: ['COMPLETED'] }, ...(c.since ? { date_time_filter: { updated_at: { start_at: c.since } } } : {}) }, sort: { sort_field: 'UPDATED_AT', sort_order: 'ASC' } };
    const data = await client.call('POST', '/v2/orders/search', { location_ids: ids.slice(0, 10), limit: limit(1000), query, ...(c.cursor ? { cursor: c.cursor } : {}) }, z.object({ orders: z.array(orderObj).optional(), cursor: z.string().optional() }));
    return { rows: data.orders ?? [], cursor: data.cursor };
  }, (r) => r.updated_at, async (list) => {
    const skus = await skusOf(list.flatMap((o) => [...(o.line_items ?? []), ...(o.returns ?? []).flatMap((r) => r.return_line_items ?? [])].map((l) => l.catalog_object_id ?? '')));
    const rows: Record<string, string>[] = [];
    for (const o of list) {
      const online = /online/i.test(o.source?.name ?? '');
      const head = { order_id: squareId.order(o.id), customer_id: o.customer_id ? squareId.customer(o.customer_id) : '', store_id: squareId.location(o.location_id), channel: online ? 'online' : 'till', placed_at: o.created_at };
      let line = 0;
      const add = (l: z.infer<typeof lineObj>, sign: 1 | -1) => {
        const sku = skus.get(l.catalog_object_id ?? '');
        const qty = wholeQty(l.quantity);
        if (!sku || qty === 0) return; // a custom amount: nothing the catalog knows
        line += 1;
        rows.push({ ...head, line_no: String(line), sku, quantity: String(sign * qty), unit_price_cents: String(l.base_price_money?.amount ?? 0), discount_cents: sign > 0 ? String(l.total_discount_money?.amount ?? 0) : '0' });
      };
      for (const l of o.line_items ?? []) add(l, 1);
      for (const r of o.returns ?? []) for (const l of r.return_line_items ?? []) add(l, -1);
    }
    return { batches: [batch('orders', ORDER_COLUMNS, rows)] };
  });

  return [locations, categories, items, inventory, customers, orders];
}
