// Shopify inbound (GraphQL Admin API, version SHOPIFY_API_VERSION): locations, products and
// variants, inventory levels per location, customers with their marketing consent, orders with
// lines and refunds. Each resource pages with `first`/`after` and `pageInfo { hasNextPage
// endCursor }`, asks only for what changed since the last pass (`query: "updated_at:>='…'"`,
// sorted by UPDATED_AT), and is paced by the cost bucket Shopify reports in
// `extensions.cost.throttleStatus`. Ids map to Endcap ids as sync/README.md's Shopify table says.
import { z } from 'zod';
import { callJson, VendorError, type Clock, type RetryPolicy, type ThrottleCheck } from './http.js';
import { record, type FeedBatch, type InboundResource, type VendorPage } from './inbound.js';
import { toCents } from './money.js';

export const SHOPIFY_API_VERSION = '2025-01';
/** The most nodes a connection returns per page (Shopify's documented maximum is 250). */
export const SHOPIFY_MAX_PAGE = 250;

export interface ShopifyConfig {
  /** The shop's domain, e.g. example.myshopify.com. */
  shop: string;
  /** Where to send requests; defaults to https://{shop}/admin/api/{version}/graphql.json (tests point it at a fake). */
  endpoint?: string;
  pageSize?: number;
  /** Endcap store customers from Shopify belong to (their devices see them); none = hub only. */
  homeStore?: string;
}

/** Endcap ids for Shopify's global ids (gid://shopify/Type/123 → prefix-123). */
export const shopifyId = {
  location: (gid: string) => `shopify-loc-${numericId(gid)}`,
  customer: (gid: string) => `shopify-cust-${numericId(gid)}`,
  order: (gid: string) => `shopify-order-${numericId(gid)}`,
  variantSku: (gid: string) => `shopify-var-${numericId(gid)}`,
  productType: (type: string | null) => {
    const slug = (type ?? '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return slug ? `shopify-type-${slug}` : 'shopify-type-none';
  },
};

function numericId(gid: string): string {
  const m = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(gid);
  if (!m) throw new VendorError(`Shopify sent an id that is not a global id: ${gid.slice(0, 80)}`, null, false);
  return m[1]!;
}

// ---- Response shapes (only the fields asked for) ----

const money = z.object({ shopMoney: z.object({ amount: z.string() }) });
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
const connection = <T extends z.ZodType>(node: T) => z.object({ pageInfo, nodes: z.array(node) });

const locationNode = z.object({
  id: z.string(),
  name: z.string(),
  isActive: z.boolean(),
  address: z.object({ city: z.string().nullable(), provinceCode: z.string().nullable(), countryCode: z.string().nullable() }),
});
const productNode = z.object({
  id: z.string(),
  title: z.string(),
  vendor: z.string(),
  productType: z.string(),
  status: z.enum(['ACTIVE', 'ARCHIVED', 'DRAFT']),
  createdAt: z.string(),
  updatedAt: z.string(),
  variants: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        sku: z.string().nullable(),
        title: z.string(),
        price: z.string(),
        compareAtPrice: z.string().nullable(),
        inventoryItem: z.object({ unitCost: z.object({ amount: z.string() }).nullable() }).nullable(),
      }),
    ),
  }),
});
const inventoryItemNode = z.object({
  id: z.string(),
  sku: z.string().nullable(),
  updatedAt: z.string(),
  variant: z.object({ id: z.string() }).nullable(),
  inventoryLevels: z.object({
    nodes: z.array(z.object({ location: z.object({ id: z.string() }), updatedAt: z.string(), quantities: z.array(z.object({ name: z.string(), quantity: z.number().int() })) })),
  }),
});
const consentState = z.object({ marketingState: z.string(), marketingOptInLevel: z.string().nullable(), consentUpdatedAt: z.string().nullable() }).nullable();
const customerNode = z.object({
  id: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  defaultAddress: z.object({ address1: z.string().nullable(), city: z.string().nullable(), provinceCode: z.string().nullable(), zip: z.string().nullable() }).nullable(),
  emailMarketingConsent: consentState,
  smsMarketingConsent: consentState,
  /** Where the customer last bought at a till (a POS order's location), for their home store. */
  lastOrder: z.object({ retailLocation: z.object({ id: z.string() }).nullable().optional() }).nullable().optional(),
});
const orderNode = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sourceName: z.string().nullable(),
  customer: z.object({ id: z.string() }).nullable(),
  retailLocation: z.object({ id: z.string() }).nullable(),
  lineItems: z.object({ nodes: z.array(z.object({ id: z.string(), sku: z.string().nullable(), quantity: z.number().int(), originalUnitPriceSet: money, totalDiscountSet: money })) }),
  refunds: z.array(z.object({ createdAt: z.string(), refundLineItems: z.object({ nodes: z.array(z.object({ quantity: z.number().int(), lineItem: z.object({ id: z.string(), sku: z.string().nullable() }), priceSet: money })) }) })),
});

const throttleStatus = z.object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number() });
const costShape = z.object({ requestedQueryCost: z.number(), actualQueryCost: z.number().nullable(), throttleStatus });

// ---- Queries ----

const PAGE_ARGS = 'first: $first, after: $after';
const VARS = '$first: Int!, $after: String';
export const SHOPIFY_QUERIES = {
  locations: `query EndcapLocations(${VARS}) { shop { ianaTimezone } locations(${PAGE_ARGS}) { pageInfo { hasNextPage endCursor } nodes { id name isActive address { city provinceCode countryCode } } } }`,
  products: `query EndcapProducts(${VARS}, $query: String) { products(${PAGE_ARGS}, query: $query, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { id title vendor productType status createdAt updatedAt variants(first: 100) { nodes { id sku title price compareAtPrice inventoryItem { unitCost { amount } } } } } } }`,
  inventory: `query EndcapInventory(${VARS}, $query: String) { inventoryItems(${PAGE_ARGS}, query: $query) { pageInfo { hasNextPage endCursor } nodes { id sku updatedAt variant { id } inventoryLevels(first: 50) { nodes { location { id } updatedAt quantities(names: ["available"]) { name quantity } } } } } }`,
  customers: `query EndcapCustomers(${VARS}, $query: String) { customers(${PAGE_ARGS}, query: $query, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { id firstName lastName email phone createdAt updatedAt defaultAddress { address1 city provinceCode zip } emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt } smsMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt } lastOrder { retailLocation { id } } } } }`,
  orders: `query EndcapOrders(${VARS}, $query: String) { orders(${PAGE_ARGS}, query: $query, sortKey: UPDATED_AT) { pageInfo { hasNextPage endCursor } nodes { id name createdAt updatedAt sourceName customer { id } retailLocation { id } lineItems(first: 100) { nodes { id sku quantity originalUnitPriceSet { shopMoney { amount } } totalDiscountSet { shopMoney { amount } } } } refunds(first: 20) { createdAt refundLineItems(first: 100) { nodes { quantity lineItem { id sku } priceSet { shopMoney { amount } } } } } } } }`,
} as const;

type Resource = keyof typeof SHOPIFY_QUERIES;
const ROOT: Record<Resource, string> = { locations: 'locations', products: 'products', inventory: 'inventoryItems', customers: 'customers', orders: 'orders' };

/** Where a resource is: the page after `after` of rows updated at or after `since`; `maxSeen` becomes the next pass's `since`. */
export interface ShopifyCursor {
  since: string | null;
  after: string | null;
  maxSeen: string | null;
}

/** Shopify's THROTTLED answer (HTTP 200, or 429) says how much the bucket lacks; wait until it has refilled that much. */
export const shopifyThrottle: ThrottleCheck = ({ body }) => {
  const b = body as { errors?: { message?: string; extensions?: { code?: string } }[]; extensions?: { cost?: unknown } } | null;
  const throttled = Array.isArray(b?.errors) && b.errors.some((e) => e.extensions?.code === 'THROTTLED' || e.message === 'Throttled');
  if (!throttled) return null;
  const cost = costShape.safeParse(b?.extensions?.cost);
  if (!cost.success) return { waitMs: 1000, reason: 'THROTTLED (no cost given)' };
  const { currentlyAvailable, restoreRate } = cost.data.throttleStatus;
  const lacking = Math.max(0, cost.data.requestedQueryCost - currentlyAvailable);
  return { waitMs: Math.ceil((lacking / Math.max(restoreRate, 1)) * 1000), reason: `THROTTLED: query costs ${cost.data.requestedQueryCost}, ${currentlyAvailable} available` };
};

export class ShopifyClient {
  private bucket: z.infer<typeof throttleStatus> | null = null;
  private lastCost = 0;
  private bucketAt = 0;

  constructor(
    private readonly config: ShopifyConfig,
    private readonly token: string,
    private readonly fetchFn: typeof fetch,
    private readonly clock: Clock,
    private readonly retry?: RetryPolicy,
  ) {}

  get endpoint(): string {
    return this.config.endpoint ?? `https://${this.config.shop}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
  }

  /** One GraphQL call: paced by the cost bucket, retried as http.ts says, its `data` checked against `shape`. */
  async query<T>(text: string, variables: Record<string, unknown>, shape: z.ZodType<T>): Promise<T> {
    await this.pace();
    // A body of the wrong shape is retried twice (a truncated answer), then reported.
    let problem = '';
    for (let i = 0; i < 3; i++) {
      const res = await callJson(this.fetchFn, { url: this.endpoint, method: 'POST', headers: { 'X-Shopify-Access-Token': this.token }, body: { query: text, variables } }, this.clock, this.retry, shopifyThrottle);
      const body = res.body as { data?: unknown; errors?: { message?: string }[]; extensions?: { cost?: unknown } } | null;
      const cost = costShape.safeParse(body?.extensions?.cost);
      if (cost.success) {
        this.bucket = cost.data.throttleStatus;
        this.bucketAt = this.clock.now().getTime();
        this.lastCost = cost.data.requestedQueryCost;
      }
      if (Array.isArray(body?.errors) && body.errors.length) throw new VendorError(`Shopify refused the query: ${body.errors.map((e) => e.message ?? '?').join('; ').slice(0, 300)}`, res.status, false);
      const data = shape.safeParse(body?.data);
      if (data.success) return data.data;
      problem = data.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    }
    throw new VendorError(`Shopify answered in a shape the connector does not know: ${problem}`, null, true);
  }

  /** Waits until the bucket, refilled at its restore rate since the last answer, holds the last query's cost. */
  private async pace(): Promise<void> {
    if (!this.bucket) return;
    const elapsed = (this.clock.now().getTime() - this.bucketAt) / 1000;
    const available = Math.min(this.bucket.maximumAvailable, this.bucket.currentlyAvailable + elapsed * this.bucket.restoreRate);
    if (available >= this.lastCost) return;
    await this.clock.sleep(Math.ceil(((this.lastCost - available) / Math.max(this.bucket.restoreRate, 1)) * 1000));
  }
}

// ---- Mapping to the feeds (columns as the CSV feeds name them) ----

const STORE_COLUMNS = ['location_id', 'kind', 'name', 'city', 'region', 'country', 'timezone'];
const CATEGORY_COLUMNS = ['category_id', 'name'];
const CATALOG_COLUMNS = ['sku', 'title', 'brand', 'category_id', 'price_cents', 'cost_cents', 'launched_at', 'season', 'status', 'compare_at_cents'];
const INVENTORY_COLUMNS = ['sku', 'location_id', 'on_hand', 'counted_at'];
const CUSTOMER_COLUMNS = [
  'customer_id', 'first_name', 'last_name', 'home_store_id', 'email', 'phone', 'address_line', 'city', 'region', 'postal_code', 'created_at',
  'marketing_consent', 'marketing_consent_source', 'marketing_consent_at', 'marketing_consent_text_version',
  'marketing_sms_consent', 'marketing_sms_consent_source', 'marketing_sms_consent_at', 'marketing_sms_consent_text_version',
];
const ORDER_COLUMNS = ['order_id', 'line_no', 'sku', 'quantity', 'unit_price_cents', 'discount_cents', 'customer_id', 'store_id', 'channel', 'placed_at'];

const STATUS = { ACTIVE: 'active', ARCHIVED: 'discontinued', DRAFT: 'discontinued' } as const;
const centsText = (amount: string | null | undefined) => (amount == null ? '' : String(toCents(amount) ?? amount));
const skuOf = (sku: string | null, variantId: string) => (sku && sku.trim() ? sku.trim() : shopifyId.variantSku(variantId));

export function mapLocations(nodes: z.infer<typeof locationNode>[], timezone: string): FeedBatch[] {
  const records = nodes
    .filter((n) => n.isActive)
    .map((n, i) =>
      record(i + 1, {
        location_id: shopifyId.location(n.id), kind: 'store', name: n.name, city: n.address.city ?? '-', region: n.address.provinceCode ?? '-',
        country: n.address.countryCode ?? '', timezone,
      }),
    );
  return [{ kind: 'stores', columns: STORE_COLUMNS, records }];
}

export function mapProducts(nodes: z.infer<typeof productNode>[]): FeedBatch[] {
  const types = new Map<string, string>();
  const catalog = [];
  for (const p of nodes) {
    const category = shopifyId.productType(p.productType);
    types.set(category, p.productType.trim() || 'Uncategorized');
    for (const v of p.variants.nodes) {
      const price = centsText(v.price);
      const compare = v.compareAtPrice !== null && Number(centsText(v.compareAtPrice)) >= Number(price) ? centsText(v.compareAtPrice) : '';
      catalog.push({
        sku: skuOf(v.sku, v.id), title: v.title === 'Default Title' ? p.title : `${p.title} - ${v.title}`, brand: p.vendor.trim() || '-', category_id: category,
        price_cents: price, cost_cents: centsText(v.inventoryItem?.unitCost?.amount ?? '0'), launched_at: p.createdAt.slice(0, 10), season: 'all', status: STATUS[p.status],
        compare_at_cents: compare,
      });
    }
  }
  return [
    { kind: 'categories', columns: CATEGORY_COLUMNS, records: [...types].map(([id, name], i) => record(i + 1, { category_id: id, name })) },
    { kind: 'catalog', columns: CATALOG_COLUMNS, records: catalog.map((v, i) => record(i + 1, v)) },
  ];
}

export function mapInventory(nodes: z.infer<typeof inventoryItemNode>[]): FeedBatch[] {
  const records = [];
  for (const item of nodes) {
    if (!item.variant) continue; // an item no variant sells (deleted product): nothing at the till counts it
    for (const level of item.inventoryLevels.nodes) {
      const available = level.quantities.find((q) => q.name === 'available')?.quantity ?? 0;
      // Shopify's available may go negative (oversold); the hub counts what is on the shelf.
      records.push({ sku: skuOf(item.sku, item.variant.id), location_id: shopifyId.location(level.location.id), on_hand: String(Math.max(0, available)), counted_at: level.updatedAt });
    }
  }
  return [{ kind: 'inventory', columns: INVENTORY_COLUMNS, records: records.map((v, i) => record(i + 1, v)) }];
}

/** SUBSCRIBED is a grant, UNSUBSCRIBED a withdrawal; NOT_SUBSCRIBED, PENDING (double opt-in not confirmed), INVALID and REDACTED are no decision. */
export function consentOf(state: z.infer<typeof consentState>, fallbackAt: string): { status: string; at: string } {
  if (state?.marketingState === 'SUBSCRIBED') return { status: 'granted', at: state.consentUpdatedAt ?? fallbackAt };
  if (state?.marketingState === 'UNSUBSCRIBED') return { status: 'withdrawn', at: state.consentUpdatedAt ?? fallbackAt };
  return { status: '', at: '' };
}

/**
 * A customer's home store: the location of their last till sale when Shopify reports one that is
 * an active location of the shop (`activeLocations`, the Endcap ids this run's locations page
 * brought), else the connector's `homeStore` setting, else none (the customer stays at the hub).
 */
export function homeStoreOf(c: Pick<z.infer<typeof customerNode>, 'lastOrder'>, activeLocations: ReadonlySet<string>, fallback: string | undefined): string {
  const at = c.lastOrder?.retailLocation?.id;
  const store = at ? shopifyId.location(at) : null;
  return store && activeLocations.has(store) ? store : (fallback ?? '');
}

export function mapCustomers(nodes: z.infer<typeof customerNode>[], homeStore: string | undefined, activeLocations: ReadonlySet<string> = new Set()): FeedBatch[] {
  const records = nodes.map((c, i) => {
    const email = consentOf(c.emailMarketingConsent, c.updatedAt);
    // SMS consent is a number's: without a phone at Shopify it is no decision the hub can keep.
    const sms = c.phone ? consentOf(c.smsMarketingConsent, c.updatedAt) : { status: '', at: '' };
    return record(i + 1, {
      customer_id: shopifyId.customer(c.id),
      // The customers feed needs both names; Shopify allows a customer with an email only.
      first_name: c.firstName?.trim() || (c.email ? c.email.split('@')[0]! : 'Unknown'),
      last_name: c.lastName?.trim() || '-',
      home_store_id: homeStoreOf(c, activeLocations, homeStore), email: c.email ?? '', phone: c.phone ?? '',
      address_line: c.defaultAddress?.address1 ?? '', city: c.defaultAddress?.city ?? '', region: c.defaultAddress?.provinceCode ?? '', postal_code: c.defaultAddress?.zip ?? '',
      created_at: c.createdAt,
      marketing_consent: email.status, marketing_consent_source: email.status ? 'shopify' : '', marketing_consent_at: email.at,
      marketing_consent_text_version: email.status ? `shopify:${c.emailMarketingConsent?.marketingOptInLevel ?? 'unknown'}` : '',
      marketing_sms_consent: sms.status, marketing_sms_consent_source: sms.status ? 'shopify' : '', marketing_sms_consent_at: sms.at,
      marketing_sms_consent_text_version: sms.status ? `shopify:${c.smsMarketingConsent?.marketingOptInLevel ?? 'unknown'}` : '',
    });
  });
  return [{ kind: 'customers', columns: CUSTOMER_COLUMNS, records }];
}

export function mapOrders(nodes: z.infer<typeof orderNode>[]): FeedBatch[] {
  const records: Record<string, string>[] = [];
  for (const o of nodes) {
    const store = o.retailLocation ? shopifyId.location(o.retailLocation.id) : '';
    // A POS sale rang up at a location is a till sale; anything else (web, draft, apps) is online.
    const head = { order_id: shopifyId.order(o.id), customer_id: o.customer ? shopifyId.customer(o.customer.id) : '', store_id: store, channel: o.sourceName === 'pos' && store ? 'till' : 'online', placed_at: o.createdAt };
    let line = 0;
    for (const l of o.lineItems.nodes) {
      if (!l.sku || l.quantity === 0) continue; // a custom line (no SKU) is nothing the catalog knows
      line += 1;
      records.push({ ...head, line_no: String(line), sku: l.sku, quantity: String(l.quantity), unit_price_cents: centsText(l.originalUnitPriceSet.shopMoney.amount), discount_cents: centsText(l.totalDiscountSet.shopMoney.amount) });
    }
    // A refunded line comes back as a return: a negative quantity at the price refunded per unit.
    for (const r of o.refunds) {
      for (const rl of r.refundLineItems.nodes) {
        if (!rl.lineItem.sku || rl.quantity === 0) continue;
        line += 1;
        records.push({ ...head, line_no: String(line), sku: rl.lineItem.sku, quantity: String(-rl.quantity), unit_price_cents: centsText(rl.priceSet.shopMoney.amount), discount_cents: '0' });
      }
    }
  }
  return [{ kind: 'orders', columns: ORDER_COLUMNS, records: records.map((v, i) => record(i + 1, v)) }];
}

// ---- Resources ----

function searchQuery(since: string | null): string | undefined {
  return since ? `updated_at:>='${since}'` : undefined;
}

const asCursor = (c: unknown): ShopifyCursor => (c && typeof c === 'object' ? (c as ShopifyCursor) : { since: null, after: null, maxSeen: null });

function pagedResource<N>(
  client: ShopifyClient,
  name: Resource,
  node: z.ZodType<N>,
  pageSize: number,
  map: (nodes: N[], extra: Record<string, unknown>) => FeedBatch[],
  extraShape: z.ZodRawShape = {},
): InboundResource {
  const shape = z.object({ [ROOT[name]]: connection(node), ...extraShape });
  return {
    name,
    async fetchPage(raw): Promise<VendorPage> {
      const c = asCursor(raw);
      const variables: Record<string, unknown> = { first: pageSize, after: c.after };
      const q = name === 'locations' ? undefined : searchQuery(c.since);
      if (q !== undefined) variables.query = q;
      const data = (await client.query(SHOPIFY_QUERIES[name], variables, shape)) as Record<string, unknown>;
      const conn = data[ROOT[name]] as { pageInfo: z.infer<typeof pageInfo>; nodes: N[] };
      let maxSeen = c.maxSeen;
      for (const n of conn.nodes) {
        const at = (n as { updatedAt?: string }).updatedAt;
        if (at && (maxSeen === null || at > maxSeen)) maxSeen = at;
      }
      const more = conn.pageInfo.hasNextPage && conn.pageInfo.endCursor !== null;
      // At the end of a pass the next one starts from the newest change seen (>=: a row changed in the same second is read again, and changes nothing).
      const next: ShopifyCursor = more ? { since: c.since, after: conn.pageInfo.endCursor, maxSeen } : { since: maxSeen ?? c.since, after: null, maxSeen: null };
      return { batches: map(conn.nodes, data), next, more };
    },
  };
}

/** The resources in the order their rows depend on one another (stock needs products and locations; orders need customers). */
export function shopifyResources(client: ShopifyClient, config: ShopifyConfig): InboundResource[] {
  const size = Math.min(SHOPIFY_MAX_PAGE, Math.max(1, config.pageSize ?? 100));
  // Every pass reads all locations first (they have no updated-at filter): the active ones are the stores a customer's home may be.
  const active = new Set<string>();
  const locations = (n: z.infer<typeof locationNode>[], d: Record<string, unknown>) => {
    for (const l of n) if (l.isActive) active.add(shopifyId.location(l.id));
    return mapLocations(n, (d.shop as { ianaTimezone: string }).ianaTimezone);
  };
  return [
    pagedResource(client, 'locations', locationNode, size, locations, { shop: z.object({ ianaTimezone: z.string() }) }),
    pagedResource(client, 'products', productNode, size, (n) => mapProducts(n)),
    pagedResource(client, 'inventory', inventoryItemNode, size, (n) => mapInventory(n)),
    pagedResource(client, 'customers', customerNode, size, (n) => mapCustomers(n, config.homeStore, active)),
    pagedResource(client, 'orders', orderNode, size, (n) => mapOrders(n)),
  ];
}
