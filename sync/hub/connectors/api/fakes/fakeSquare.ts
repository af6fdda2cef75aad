// A local stand-in for Square's REST API (contract tests; never a live call): the list and
// search endpoints the connector uses, paged with `cursor`, filtered by the documented
// updated-since fields, behind Bearer auth and the Square-Version header; on demand a 429 or a 5xx.
import http from 'node:http';
import { serveFake, type FakeServer } from './serve.js';

export interface SquareData {
  locations: Record<string, unknown>[];
  objects: Record<string, unknown>[];
  counts: Record<string, unknown>[];
  customers: Record<string, unknown>[];
  orders: Record<string, unknown>[];
}

export class FakeSquare {
  readonly faults: ('429' | '500')[] = [];
  readonly served: { path: string; body: Record<string, unknown> }[] = [];
  private server: FakeServer | null = null;

  constructor(
    public data: SquareData,
    readonly token = 'EAAAfake_square_token',
  ) {}

  async start(): Promise<string> {
    this.server = await serveFake((req, body) => {
      const out = this.answer(req, body);
      return { status: out.status, text: JSON.stringify(out.body) };
    });
    return this.server.origin;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  private error(category: string, code: string, detail: string) {
    return { errors: [{ category, code, detail }] };
  }

  private answer(req: http.IncomingMessage, text: string): { status: number; body: unknown } {
    if (req.headers.authorization !== `Bearer ${this.token}`) return { status: 401, body: this.error('AUTHENTICATION_ERROR', 'UNAUTHORIZED', 'This request could not be authorized.') };
    if (!req.headers['square-version']) return { status: 400, body: this.error('INVALID_REQUEST_ERROR', 'INVALID_VALUE', 'Square-Version header is required by this fake.') };
    const fault = this.faults.shift();
    if (fault === '429') return { status: 429, body: this.error('RATE_LIMIT_ERROR', 'RATE_LIMITED', 'Rate limited') };
    if (fault === '500') return { status: 500, body: this.error('API_ERROR', 'INTERNAL_SERVER_ERROR', 'Internal error') };
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const path = req.url ?? '';
    this.served.push({ path, body });
    if (req.method === 'GET' && path === '/v2/locations') return { status: 200, body: { locations: this.data.locations } };
    const q = body.query as { filter?: { updated_at?: { start_at?: string }; date_time_filter?: { updated_at?: { start_at?: string } } } } | undefined;
    if (path === '/v2/catalog/search') {
      const types = body.object_types as string[];
      return this.page(this.data.objects.filter((o) => types.includes(String(o.type))), 'updated_at', body.begin_time as string | undefined, body, 'objects');
    }
    if (path === '/v2/inventory/counts/batch-retrieve') return this.page(this.data.counts, 'calculated_at', body.updated_after as string | undefined, body, 'counts');
    if (path === '/v2/customers/search') return this.page(this.data.customers, 'updated_at', q?.filter?.updated_at?.start_at, body, 'customers');
    if (path === '/v2/orders/search') {
      if (!Array.isArray(body.location_ids) || body.location_ids.length === 0) return { status: 400, body: this.error('INVALID_REQUEST_ERROR', 'MISSING_REQUIRED_PARAMETER', 'location_ids is required') };
      return this.page(this.data.orders, 'updated_at', q?.filter?.date_time_filter?.updated_at?.start_at, body, 'orders');
    }
    return { status: 404, body: this.error('INVALID_REQUEST_ERROR', 'NOT_FOUND', `no route ${path}`) };
  }

  private page(rows: Record<string, unknown>[], field: string, since: string | undefined, body: Record<string, unknown>, key: string): { status: number; body: unknown } {
    const sorted = rows.filter((r) => !since || String(r[field]) >= since).sort((a, b) => String(a[field]).localeCompare(String(b[field])));
    const start = body.cursor ? Number(Buffer.from(String(body.cursor), 'base64').toString()) : 0;
    const limit = Number(body.limit ?? 100);
    const slice = sorted.slice(start, start + limit);
    const end = start + slice.length;
    return { status: 200, body: { [key]: slice, ...(end < sorted.length ? { cursor: Buffer.from(String(end)).toString('base64') } : {}) } };
  }
}
