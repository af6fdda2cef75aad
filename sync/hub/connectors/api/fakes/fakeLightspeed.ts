// A local stand-in for Lightspeed Retail (X-Series) API 2.0 (contract tests; never a live call):
// GET /api/2.0/<collection>?after=&page_size= answers `{ data, version: { min, max } }` with the
// records whose version is above `after`, in version order, at most page_size (≤ 200) of them,
// behind `Authorization: Bearer <token>`. On demand: a 429 with Retry-After and the
// X-RateLimit-* headers, a 5xx, a body that is not JSON, one of the wrong shape, or a normal page
// saying the rate-limit window is used up (X-RateLimit-Remaining 0 until X-RateLimit-Reset), or
// a page whose versions do not move past `after`.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { serveFake, type FakeServer } from './serve.js';

export const LIGHTSPEED_COLLECTIONS = ['outlets', 'product_types', 'brands', 'products', 'inventory', 'customers', 'sales'] as const;
export type LightspeedCollection = (typeof LIGHTSPEED_COLLECTIONS)[number];
export type LightspeedData = Record<LightspeedCollection, Record<string, unknown>[]>;
export type LightspeedFault = '429' | '500' | 'not-json' | 'wrong-shape' | 'exhausted' | 'stale-version';

/** The fixtures beside this folder (written from the X-Series 2.0 documented shapes; see their README). */
export function lightspeedFixtures(): LightspeedData {
  const dir = path.join(__dirname, '..', 'fixtures', 'lightspeed');
  return Object.fromEntries(LIGHTSPEED_COLLECTIONS.map((c) => [c, JSON.parse(fs.readFileSync(path.join(dir, `${c}.json`), 'utf8'))])) as LightspeedData;
}

export class FakeLightspeed {
  readonly faults: LightspeedFault[] = [];
  /** Every request that reached the data: collection, after and page size. */
  readonly served: { collection: string; after: number; pageSize: number }[] = [];
  /** When an 'exhausted' answer says the window resets (epoch seconds). */
  resetAt = 0;
  /** Answer every request for this collection page with this fault (until cleared). */
  failOn: { collection: LightspeedCollection; after: number; fault: LightspeedFault } | null = null;
  private server: FakeServer | null = null;

  constructor(
    public data: LightspeedData,
    readonly token = 'lsxs_pt_fake_personal_token',
  ) {}

  async start(): Promise<string> {
    this.server = await serveFake((req) => this.answer(req));
    return this.server.origin;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  private answer(req: http.IncomingMessage): { status: number; text: string; headers?: Record<string, string> } {
    const json = (status: number, body: unknown, headers?: Record<string, string>) => ({ status, text: JSON.stringify(body), ...(headers ? { headers } : {}) });
    if (req.headers.authorization !== `Bearer ${this.token}`) return json(401, { error: 'Unauthorized', error_description: 'The access token is missing or invalid.' });
    const url = new URL(req.url ?? '/', 'http://fake');
    const m = /^\/api\/2\.0\/([a-z_]+)$/.exec(url.pathname);
    const collection = m?.[1] as LightspeedCollection | undefined;
    if (req.method !== 'GET' || !collection || !LIGHTSPEED_COLLECTIONS.includes(collection)) return json(404, { error: 'Not Found' });
    const after = Number(url.searchParams.get('after') ?? '0');
    const pageSize = Number(url.searchParams.get('page_size') ?? '100');
    if (!Number.isInteger(after) || after < 0 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) return json(400, { error: 'Bad Request', details: 'after and page_size (1 to 200) must be whole numbers' });
    const fault = this.failOn && this.failOn.collection === collection && this.failOn.after === after ? this.failOn.fault : this.faults.shift();
    if (fault === '429') return json(429, { error: 'Too Many Requests' }, { 'retry-after': '2', 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(this.resetAt) });
    if (fault === '500') return json(503, { error: 'Service Unavailable' });
    if (fault === 'not-json') return { status: 200, text: '<html><body>Bad gateway</body></html>' };
    if (fault === 'wrong-shape') return json(200, { data: [{ id: 42, name: null }], version: { min: 1, max: 2 } });
    // A page that does not move past `after` (a vendor bug, or a replayed answer): records at or below it.
    if (fault === 'stale-version') return json(200, { data: this.data[collection].filter((r) => Number(r.version) <= after).slice(0, pageSize), version: { min: 1, max: after } });
    this.served.push({ collection, after, pageSize });
    const rows = this.data[collection].filter((r) => Number(r.version) > after).sort((a, b) => Number(a.version) - Number(b.version)).slice(0, pageSize);
    const version = rows.length ? { min: Number(rows[0]!.version), max: Number(rows.at(-1)!.version) } : null;
    const limits: Record<string, string> = fault === 'exhausted' ? { 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(this.resetAt) } : { 'x-ratelimit-limit': '350', 'x-ratelimit-remaining': '200' };
    return json(200, { data: rows, version }, limits);
  }
}
