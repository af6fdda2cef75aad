// Lightspeed Retail (X-Series) inbound (API 2.0): outlets, product types, brands, products,
// inventory per outlet, customers, sales. Every 2.0 collection pages by `version`, a number the
// vendor raises each time a record changes: ask `?after=<version>&page_size=N`, store the
// answer's `version.max` as the cursor, and stop at an empty page. The same cursor is where the
// next pass starts, so a pass reads only what changed (deleted records come back with
// `deleted_at`). Calls carry `Authorization: Bearer <personal token>`; a 429 waits its
// `Retry-After`, and once `X-RateLimit-Remaining` reaches 0 the client waits for
// `X-RateLimit-Reset` before its next call. Sales and stock name product ids: each products
// page stores product id → SKU (and brands pages brand id → name) in the connector's id table,
// in the transaction of its rows. Ids map to Endcap ids as sync/README.md's Lightspeed table says.
import { z } from 'zod';
import { callJson, retryAfterMs, VendorError, type Clock, type RetryPolicy } from './http.js';
import { record, type FeedBatch, type InboundResource, type VendorPage } from './inbound.js';
import { toCents } from './money.js';
import type { ConnectorState, VendorId } from './state.js';

export const LIGHTSPEED_API = '2.0';
/** The largest page X-Series documents (page_size). */
export const LIGHTSPEED_MAX_PAGE = 200;

export interface LightspeedConfig {
  /** The account's domain prefix: https://{domainPrefix}.retail.lightspeed.app */
  domainPrefix: string;
  endpoint?: string;
  pageSize?: number;
  homeStore?: string;
}

export const lightspeedId = {
  outlet: (id: string) => `lightspeed-outlet-${id}`,
  type: (id: string | null | undefined) => (id ? `lightspeed-type-${id}` : 'lightspeed-type-none'),
  customer: (id: string) => `lightspeed-cust-${id}`,
  sale: (id: string) => `lightspeed-sale-${id}`,
  productSku: (id: string) => `lightspeed-prod-${id}`,
};

// ---- Response shapes (the fields the connector reads; the rest may be anything) ----

const num = z.union([z.number(), z.string()]);
const deleted = z.string().nullable().optional();
const version = z.number().int().nonnegative();
const outletObj = z.object({ id: z.string(), name: z.string(), time_zone: z.string().nullable().optional(), physical_city: z.string().nullable().optional(), physical_state: z.string().nullable().optional(), physical_country_id: z.string().nullable().optional(), deleted_at: deleted, version });
const namedObj = z.object({ id: z.string(), name: z.string(), deleted_at: deleted, version });
const productObj = z.object({
  id: z.string(), name: z.string(), variant_name: z.string().nullable().optional(), sku: z.string().nullable().optional(), brand_id: z.string().nullable().optional(),
  product_type_id: z.string().nullable().optional(), price_excluding_tax: num.nullable().optional(), supply_price: num.nullable().optional(), is_active: z.boolean().optional(),
  created_at: z.string(), deleted_at: deleted, version,
});
const inventoryObj = z.object({ id: z.string(), outlet_id: z.string(), product_id: z.string(), inventory_level: num.nullable().optional(), current_amount: num.nullable().optional(), deleted_at: deleted, version });
const customerObj = z.object({
  id: z.string(), first_name: z.string().nullable().optional(), last_name: z.string().nullable().optional(), email: z.string().nullable().optional(), phone: z.string().nullable().optional(),
  mobile: z.string().nullable().optional(), do_not_email: z.boolean().optional(), created_at: z.string(), updated_at: z.string(), deleted_at: deleted, version,
});
const lineObj = z.object({ product_id: z.string(), quantity: num, price: num, discount_total: num.nullable().optional() });
const saleObj = z.object({
  id: z.string(), outlet_id: z.string(), customer_id: z.string().nullable().optional(), status: z.string(), sale_date: z.string(), created_at: z.string().optional(),
  line_items: z.array(lineObj), deleted_at: deleted, version,
});
const page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), version: z.object({ min: version, max: version }).nullable().optional() });

/** Sale states that are a finished sale (paid, or an account or layby sale paid off); open, parked and voided sales are not orders yet. */
const CLOSED = new Set(['CLOSED', 'ONACCOUNT_CLOSED', 'LAYBY_CLOSED']);

export class LightspeedClient {
  /** No call before this time (the rate-limit window ran out). */
  private notBefore = 0;

  constructor(
    private readonly config: LightspeedConfig,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly retry?: RetryPolicy,
  ) {}

  get base(): string {
    return this.config.endpoint ?? `https://${this.config.domainPrefix}.retail.lightspeed.app`;
  }

  /** One page of a 2.0 collection after `after`, checked against `shape`. */
  async list<T>(collection: string, after: number, pageSize: number, shape: z.ZodType<T>): Promise<{ data: T[]; max: number | null }> {
    const wait = this.notBefore - this.clock.now().getTime();
    if (wait > 0) await this.clock.sleep(wait);
    const url = `${this.base}/api/${LIGHTSPEED_API}/${collection}?after=${after}&page_size=${pageSize}`;
    const res = await callJson(this.fetchFn, { url, method: 'GET', headers: { Authorization: `Bearer ${this.token}` } }, this.clock, this.retry);
    this.noteRateLimit(res.headers);
    const parsed = page(shape).safeParse(res.body);
    if (!parsed.success) throw new VendorError(`Lightspeed answered ${collection} in a shape the connector does not know: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, res.status, false);
    return { data: parsed.data.data as T[], max: parsed.data.version?.max ?? null };
  }

  /** X-RateLimit-Remaining 0: the next call waits for X-RateLimit-Reset (epoch seconds, or a date). */
  private noteRateLimit(headers: Headers): void {
    if (headers.get('x-ratelimit-remaining')?.trim() !== '0') return;
    const reset = headers.get('x-ratelimit-reset');
    if (!reset) return;
    const now = this.clock.now();
    const epoch = /^\d{9,}$/.test(reset.trim()) ? Number(reset.trim()) * 1000 : null;
    const ms = epoch !== null ? epoch - now.getTime() : retryAfterMs(reset, now);
    if (ms !== null && ms > 0) this.notBefore = now.getTime() + Math.min(ms, 300_000);
  }
}

const STORE_COLUMNS = ['location_id', 'kind', 'name', 'city', 'region', 'country', 'timezone'];
const CATALOG_COLUMNS = ['sku', 'title', 'brand', 'category_id', 'price_cents', 'cost_cents', 'launched_at', 'season', 'status'];
const CUSTOMER_COLUMNS = ['customer_id', 'first_name', 'last_name', 'home_store_id', 'email', 'phone', 'created_at', 'marketing_consent', 'marketing_consent_source', 'marketing_consent_at'];
const ORDER_COLUMNS = ['order_id', 'line_no', 'sku', 'quantity', 'unit_price_cents', 'discount_cents', 'customer_id', 'store_id', 'channel', 'placed_at'];
const batch = (kind: FeedBatch['kind'], columns: string[], rows: Record<string, string>[]): FeedBatch => ({ kind, columns, records: rows.map((v, i) => record(i + 1, v)) });
/** Whole units: X-Series keeps decimal quantities (weighed goods); the hub counts pieces. */
const whole = (v: string | number | null | undefined) => Math.trunc(Number(v ?? 0)) || 0;
const cents = (v: string | number | null | undefined, what: string) => {
  const c = toCents(typeof v === 'number' ? Math.abs(v) : String(v ?? '0').replace(/^-/, ''));
  if (c === null) throw new VendorError(`Lightspeed sent ${what} ${String(v).slice(0, 40)}, which is not an amount`, null, false);
  return String(c);
};

/** A version-paged collection: the page after the stored version, mapped to feed batches. */
function versioned<T>(client: LightspeedClient, name: string, collection: string, shape: z.ZodType<T>, pageSize: number, map: (rows: T[]) => Promise<{ batches: FeedBatch[]; ids?: VendorId[] }>): InboundResource {
  return {
    name,
    async fetchPage(raw): Promise<VendorPage> {
      const after = (raw as { after?: number } | null)?.after ?? 0;
      const { data, max } = await client.list(collection, after, pageSize, shape);
      // An empty page is the end: the cursor stays where it is, and the next pass asks from there.
      if (data.length === 0) return { batches: [], next: { after }, more: false };
      const highest = Math.max(max ?? 0, ...data.map((d) => (d as { version: number }).version));
      if (highest <= after) throw new VendorError(`Lightspeed answered ${collection} after version ${after} with versions no later than it`, null, false);
      return { ...(await map(data)), next: { after: highest }, more: true };
    },
  };
}

/** The resources in the order their rows depend on one another (products need types; stock and sales need products and outlets; sales need customers). */
export function lightspeedResources(client: LightspeedClient, config: LightspeedConfig, state: ConnectorState, connectorId: string): InboundResource[] {
  const size = Math.min(LIGHTSPEED_MAX_PAGE, Math.max(1, config.pageSize ?? LIGHTSPEED_MAX_PAGE));
  const skusOf = (ids: string[]) => state.idsOf(connectorId, 'product', ids);

  const outlets = versioned(client, 'outlets', 'outlets', outletObj, size, async (rows) => ({
    batches: [batch('stores', STORE_COLUMNS, rows.filter((o) => !o.deleted_at).map((o) => ({
      location_id: lightspeedId.outlet(o.id), kind: 'store', name: o.name, city: o.physical_city?.trim() || '-', region: o.physical_state?.trim() || '-',
      country: o.physical_country_id?.trim() ?? '', timezone: o.time_zone?.trim() || 'UTC',
    })))],
  }));

  const types = versioned(client, 'product_types', 'product_types', namedObj, size, async (rows) => ({
    batches: [batch('categories', ['category_id', 'name'], rows.filter((t) => !t.deleted_at).map((t) => ({ category_id: lightspeedId.type(t.id), name: t.name })))],
  }));

  // Brands are names the products point at; they are kept in the id table, not as rows of their own.
  const brands = versioned(client, 'brands', 'brands', namedObj, size, async (rows) => ({ batches: [], ids: rows.map((b) => ({ kind: 'brand', vendorId: b.id, endcapId: b.name })) }));

  const products = versioned(client, 'products', 'products', productObj, size, async (rows) => {
    const brandNames = await state.idsOf(connectorId, 'brand', rows.map((p) => p.brand_id ?? '').filter(Boolean));
    const untyped = rows.some((p) => !p.product_type_id);
    const ids: VendorId[] = [];
    const catalog = rows.map((p) => {
      const sku = p.sku?.trim() || lightspeedId.productSku(p.id);
      ids.push({ kind: 'product', vendorId: p.id, endcapId: sku });
      return {
        sku, title: p.variant_name?.trim() || p.name, brand: brandNames.get(p.brand_id ?? '') ?? '-', category_id: lightspeedId.type(p.product_type_id),
        price_cents: cents(p.price_excluding_tax, 'price'), cost_cents: cents(p.supply_price, 'supply price'), launched_at: p.created_at.slice(0, 10), season: 'all',
        status: p.deleted_at || p.is_active === false ? 'discontinued' : 'active',
      };
    });
    const none = untyped ? [batch('categories', ['category_id', 'name'], [{ category_id: lightspeedId.type(null), name: 'Uncategorized' }])] : [];
    return { batches: [...none, batch('catalog', CATALOG_COLUMNS, catalog)], ids };
  });

  const inventory = versioned(client, 'inventory', 'inventory', inventoryObj, size, async (rows) => {
    const skus = await skusOf(rows.map((r) => r.product_id));
    // A record of a product the catalog did not bring, or one deleted, is nothing the till sells.
    const live = rows.filter((r) => !r.deleted_at && skus.has(r.product_id));
    return {
      batches: [batch('inventory', ['sku', 'location_id', 'on_hand'], live.map((r) => ({
        sku: skus.get(r.product_id)!, location_id: lightspeedId.outlet(r.outlet_id), on_hand: String(Math.max(0, whole(r.inventory_level ?? r.current_amount))),
      })))],
    };
  });

  const customers = versioned(client, 'customers', 'customers', customerObj, size, async (rows) => ({
    batches: [batch('customers', CUSTOMER_COLUMNS, rows.filter((c) => !c.deleted_at).map((c) => {
      // X-Series records an opt-out (do_not_email), not an opt-in: true is a withdrawal, anything else no decision.
      const out = c.do_not_email === true;
      return {
        customer_id: lightspeedId.customer(c.id), first_name: c.first_name?.trim() || (c.email ? c.email.split('@')[0]! : 'Unknown'), last_name: c.last_name?.trim() || '-',
        home_store_id: config.homeStore ?? '', email: c.email?.trim() ?? '', phone: (c.mobile || c.phone)?.trim() ?? '', created_at: c.created_at,
        marketing_consent: out ? 'withdrawn' : '', marketing_consent_source: out ? 'lightspeed' : '', marketing_consent_at: out ? c.updated_at : '',
      };
    }))],
  }));

  const sales = versioned(client, 'sales', 'sales', saleObj, size, async (rows) => {
    const done = rows.filter((s) => !s.deleted_at && CLOSED.has(s.status));
    const skus = await skusOf(done.flatMap((s) => s.line_items.map((l) => l.product_id)));
    const out: Record<string, string>[] = [];
    for (const s of done) {
      const head = { order_id: lightspeedId.sale(s.id), customer_id: s.customer_id ? lightspeedId.customer(s.customer_id) : '', store_id: lightspeedId.outlet(s.outlet_id), channel: 'till', placed_at: s.sale_date };
      let line = 0;
      for (const l of s.line_items) {
        const sku = skus.get(l.product_id);
        const qty = whole(l.quantity);
        if (!sku || qty === 0) continue; // a product the catalog did not bring (a gift card, a discount line)
        line += 1;
        // A return is a sale with negative quantities; its discount is not taken twice.
        out.push({ ...head, line_no: String(line), sku, quantity: String(qty), unit_price_cents: cents(l.price, 'price'), discount_cents: qty > 0 ? cents(l.discount_total ?? 0, 'discount') : '0' });
      }
    }
    return { batches: [batch('orders', ORDER_COLUMNS, out)] };
  });

  return [outlets, types, brands, products, inventory, customers, sales];
}
