// A local stand-in for Shopify's GraphQL Admin API, for contract tests and the benchmark (never
// a live call): it serves node lists in the documented response shape, pages them with
// `pageInfo { hasNextPage endCursor }`, filters by the `updated_at:>='…'` search query, checks the
// access token and the page size, reports a cost bucket in `extensions.cost`, and on demand
// answers with a 429, a THROTTLED error, a 5xx, a body that is not JSON or one of the wrong shape.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { serveFake, type FakeServer } from './serve.js';

export interface ShopifyData {
  shop: { ianaTimezone: string };
  locations: Record<string, unknown>[];
  products: Record<string, unknown>[];
  inventoryItems: Record<string, unknown>[];
  customers: Record<string, unknown>[];
  orders: Record<string, unknown>[];
}

export type ShopifyFault = '429' | 'throttled' | '500' | 'not-json' | 'wrong-shape';

const ROOTS = ['locations', 'products', 'inventoryItems', 'customers', 'orders'] as const;
type Root = (typeof ROOTS)[number];

/** The fixtures beside this folder (written from Shopify's documented shapes; see their README). */
export function shopifyFixtures(): ShopifyData {
  const dir = fixturesDir();
  const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as never;
  return { shop: read('shop'), locations: read('locations'), products: read('products'), inventoryItems: read('inventoryItems'), customers: read('customers'), orders: read('orders') };
}

/** The source folder holds the JSON; a build under dist/ finds it by walking up to the repo. */
function fixturesDir(): string {
  const rel = path.join('sync', 'hub', 'connectors', 'api', 'fixtures', 'shopify');
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, rel);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.join(__dirname, '..', 'fixtures', 'shopify');
}

export class FakeShopify {
  /** Faults to answer with, one per request, before serving normally again. */
  readonly faults: ShopifyFault[] = [];
  /** Every request that reached the data: its root field and variables. */
  readonly served: { root: Root; variables: Record<string, unknown> }[] = [];
  requests = 0;
  private server: FakeServer | null = null;

  constructor(
    public data: ShopifyData,
    readonly token = 'shpat_fake_token',
  ) {}

  async start(): Promise<string> {
    this.server = await serveFake((req, body) => {
      const out = this.answer(req, body);
      return { status: out.status, text: out.body, ...(out.headers ? { headers: out.headers } : {}) };
    });
    return `${this.server.origin}/admin/api/2025-01/graphql.json`;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  private answer(req: http.IncomingMessage, text: string): { status: number; body: string; headers?: Record<string, string> } {
    this.requests += 1;
    if (req.method !== 'POST' || !req.url?.endsWith('/graphql.json')) return { status: 404, body: JSON.stringify({ errors: 'Not Found' }) };
    if (req.headers['x-shopify-access-token'] !== this.token) return { status: 401, body: JSON.stringify({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' }) };
    const fault = this.faults.shift();
    const cost = (requested: number, available: number) => ({ requestedQueryCost: requested, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 } });
    if (fault === '429') return { status: 429, body: JSON.stringify({ errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }), headers: { 'retry-after': '2.0' } };
    if (fault === 'throttled') return { status: 200, body: JSON.stringify({ errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: cost(302, 102) } }) };
    if (fault === '500') return { status: 503, body: JSON.stringify({ errors: 'Service Unavailable' }) };
    if (fault === 'not-json') return { status: 200, body: '<html><body>upstream reset</body></html>' };
    let parsed: { query?: unknown; variables?: Record<string, unknown> };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      return { status: 400, body: JSON.stringify({ errors: [{ message: 'Invalid JSON in request body' }] }) };
    }
    const query = typeof parsed.query === 'string' ? parsed.query : '';
    const root = ROOTS.find((r) => new RegExp(`\\b${r}\\(`).test(query));
    if (!root) return { status: 200, body: JSON.stringify({ errors: [{ message: 'Field does not exist on QueryRoot', extensions: { code: 'undefinedField' } }] }) };
    const variables = parsed.variables ?? {};
    const first = Number(variables.first);
    if (!Number.isInteger(first) || first < 1 || first > 250) return { status: 200, body: JSON.stringify({ errors: [{ message: 'The first argument must be between 1 and 250', extensions: { code: 'BAD_REQUEST' } }] }) };
    this.served.push({ root, variables });
    const page = this.page(root, first, variables.after as string | null | undefined, variables.query as string | undefined);
    if (fault === 'wrong-shape') return { status: 200, body: JSON.stringify({ data: { [root]: { nodes: page.nodes } }, extensions: { cost: cost(first + 2, 1900) } }) };
    const data: Record<string, unknown> = { [root]: page };
    if (root === 'locations') data.shop = this.data.shop;
    return { status: 200, body: JSON.stringify({ data, extensions: { cost: cost(first + 2, 1900) } }) };
  }

  /** Each list sorted once by updatedAt then id (the bench serves 200,000 orders page by page). */
  private readonly sorted = new WeakMap<object, Record<string, unknown>[]>();

  private page(root: Root, first: number, after: string | null | undefined, search: string | undefined) {
    const all = this.data[root];
    let nodes = this.sorted.get(all);
    if (!nodes) {
      nodes = root === 'locations' ? all : [...all].sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)) || String(a.id).localeCompare(String(b.id)));
      this.sorted.set(all, nodes);
    }
    const since = search ? /updated_at:>=?'([^']+)'/.exec(search)?.[1] : undefined;
    // The search filter as Shopify applies it (the cursor then counts within the filtered list).
    const from = since ? lowerBound(nodes, since) : 0;
    const start = from + (after ? Number(Buffer.from(after, 'base64').toString('utf8').replace('offset:', '')) : 0);
    const slice = nodes.slice(start, start + first);
    const end = start + slice.length;
    return { pageInfo: { hasNextPage: end < nodes.length, endCursor: slice.length ? Buffer.from(`offset:${end - from}`).toString('base64') : null }, nodes: slice };
  }
}

/** The first node updated at or after `since` (nodes sorted by updatedAt). */
function lowerBound(nodes: Record<string, unknown>[], since: string): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (String(nodes[mid]!.updatedAt) < since) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
