// Local stand-ins for Klaviyo's and Segment's APIs (contract tests and the benchmark; never a
// live call). Each checks what the real one documents it needs — Klaviyo: the private-key
// Authorization header, the `revision` header, JSON:API bodies of the right type per endpoint;
// Segment: Basic auth with the write key, a batch of messages each with a messageId — keeps
// what it was told (who is subscribed, suppressed, deleted; which messages arrived), and on
// demand answers with a fault.
import http from 'node:http';
import { z } from 'zod';
import { serveFake, type FakeServer } from './serve.js';

export type MarketingFault = '429' | '500' | '400';

abstract class FakeVendor {
  readonly faults: MarketingFault[] = [];
  /** Requests refused for their shape or headers, with why (a test expects none). */
  readonly refused: string[] = [];
  requests = 0;
  private server: FakeServer | null = null;

  async start(): Promise<string> {
    this.server = await serveFake((req, text) => {
      this.requests += 1;
      const fault = this.faults.shift();
      let out: { status: number; body: unknown; headers?: Record<string, string> };
      if (fault === '429') out = { status: 429, body: this.error('throttled', 'Request was throttled.'), headers: { 'retry-after': '1' } };
      else if (fault === '500') out = { status: 500, body: this.error('error', 'A server error occurred.') };
      else if (fault === '400') out = { status: 400, body: this.error('invalid', 'Invalid input.') };
      else {
        out = this.handle(req, text);
        if (out.status >= 400 && out.status !== 401) this.refused.push(JSON.stringify(out.body).slice(0, 300));
      }
      return { status: out.status, text: out.body === null ? '' : JSON.stringify(out.body), ...(out.headers ? { headers: out.headers } : {}) };
    });
    return this.server.origin;
  }

  origin(): string {
    if (!this.server) throw new Error('the fake is not started');
    return this.server.origin;
  }

  async close(): Promise<void> {
    await this.server?.close();
  }

  protected abstract error(code: string, detail: string): unknown;
  protected abstract handle(req: http.IncomingMessage, body: string): { status: number; body: unknown };
}

const profileRef = z.object({ type: z.literal('profile'), attributes: z.object({ email: z.string().email().optional(), phone_number: z.string().optional() }).passthrough() });
const channelConsent = (consent: string) => z.object({ marketing: z.object({ consent: z.literal(consent), consented_at: z.string().optional() }) });
const subscriptions = (consent: string) => z.object({ email: channelConsent(consent).optional(), sms: channelConsent(consent).optional() }).refine((s) => s.email || s.sms, 'a channel');
const job = (type: string, profile: z.ZodType) => z.object({ data: z.object({ type: z.literal(type), attributes: z.object({ profiles: z.object({ data: z.array(profile).min(1).max(1000) }) }).passthrough(), relationships: z.unknown().optional() }) });

const KLAVIYO_BODIES: Record<string, z.ZodType> = {
  '/api/profile-import': z.object({ data: z.object({ type: z.literal('profile'), attributes: z.object({ email: z.string().email().optional(), phone_number: z.string().optional(), external_id: z.string() }).passthrough() }) }),
  '/api/profile-subscription-bulk-create-jobs': job('profile-subscription-bulk-create-job', profileRef.extend({ attributes: profileRef.shape.attributes.extend({ subscriptions: subscriptions('SUBSCRIBED') }) })),
  '/api/profile-subscription-bulk-delete-jobs': job('profile-subscription-bulk-delete-job', profileRef.extend({ attributes: profileRef.shape.attributes.extend({ subscriptions: subscriptions('UNSUBSCRIBED') }) })),
  '/api/profile-suppression-bulk-create-jobs': job('profile-suppression-bulk-create-job', profileRef),
  '/api/data-privacy-deletion-jobs': z.object({ data: z.object({ type: z.literal('data-privacy-deletion-job'), attributes: z.object({ profile: z.object({ data: profileRef }) }) }) }),
};

export class FakeKlaviyo extends FakeVendor {
  static readonly REVISION = '2025-01-15';
  /** Accepted calls in order: the endpoint and who it was about. */
  readonly calls: { path: string; who: string }[] = [];
  readonly profiles = new Map<string, Record<string, unknown>>();
  readonly subscribed = new Set<string>();
  readonly suppressed = new Set<string>();
  readonly deleted = new Set<string>();

  constructor(readonly apiKey = 'pk_fake_private_key') {
    super();
  }

  protected error(code: string, detail: string): unknown {
    return { errors: [{ id: 'e1', status: code === 'throttled' ? 429 : code === 'invalid' ? 400 : 500, code, title: code, detail, source: { pointer: '/data' } }] };
  }

  protected handle(req: http.IncomingMessage, text: string): { status: number; body: unknown } {
    if (req.headers.authorization !== `Klaviyo-API-Key ${this.apiKey}`) return { status: 401, body: this.error('not_authenticated', 'Incorrect authentication credentials.') };
    if (req.headers.revision !== FakeKlaviyo.REVISION) return { status: 400, body: this.error('invalid', `revision header must be ${FakeKlaviyo.REVISION}`) };
    if (!String(req.headers['content-type']).startsWith('application/vnd.api+json')) return { status: 415, body: this.error('unsupported_media_type', 'content-type must be application/vnd.api+json') };
    const path = (req.url ?? '').split('?')[0]!;
    const schema = KLAVIYO_BODIES[path];
    if (req.method !== 'POST' || !schema) return { status: 404, body: this.error('not_found', `no route ${req.method} ${path}`) };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: 400, body: this.error('invalid', 'body is not JSON') };
    }
    const checked = schema.safeParse(body);
    if (!checked.success) return { status: 400, body: this.error('invalid', checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) };
    const b = body as { data: { attributes: Record<string, unknown> } };
    const whoOf = (a: Record<string, unknown>) => String(a.email ?? a.phone_number);
    const profiles = (b.data.attributes.profiles as { data: { attributes: Record<string, unknown> }[] } | undefined)?.data.map((p) => whoOf(p.attributes)) ?? [];
    if (path === '/api/profile-import') {
      const who = whoOf(b.data.attributes);
      this.profiles.set(who, { ...this.profiles.get(who), ...b.data.attributes });
      this.calls.push({ path, who });
      return { status: 200, body: { data: { type: 'profile', id: `01K${who.length}`, attributes: b.data.attributes } } };
    }
    if (path === '/api/data-privacy-deletion-jobs') {
      const who = whoOf((b.data.attributes.profile as { data: { attributes: Record<string, unknown> } }).data.attributes);
      this.deleted.add(who);
      this.profiles.delete(who);
      this.subscribed.delete(who);
      this.calls.push({ path, who });
      return { status: 202, body: null };
    }
    for (const who of profiles) {
      this.calls.push({ path, who });
      if (path.includes('subscription-bulk-create')) this.subscribed.add(who);
      if (path.includes('subscription-bulk-delete')) this.subscribed.delete(who);
      if (path.includes('suppression-bulk-create')) (this.suppressed.add(who), this.subscribed.delete(who));
    }
    return { status: 202, body: null };
  }
}

const segmentMessage = z.object({
  type: z.enum(['identify', 'track']),
  messageId: z.string().min(1).max(100),
  userId: z.string().min(1),
  timestamp: z.string(),
  event: z.string().optional(),
  traits: z.record(z.string(), z.unknown()).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  context: z.object({ consent: z.object({ categoryPreferences: z.record(z.string(), z.boolean()) }) }).partial().optional(),
}).refine((m) => m.type !== 'track' || !!m.event, 'a track needs its event');

/** Segment Public API `POST /regulations` (Create Workspace Regulation, v1). */
const regulationInput = z.strictObject({
  regulationType: z.enum(['SUPPRESS_ONLY', 'UNSUPPRESS', 'SUPPRESS_WITH_DELETE', 'DELETE_INTERNAL', 'DELETE_ONLY', 'SUPPRESS_WITH_DELETE_INTERNAL', 'DELETE_ARCHIVE_ONLY']),
  subjectType: z.enum(['USER_ID', 'OBJECT_ID']),
  subjectIds: z.array(z.string().min(1)).min(1).max(5000),
});

export class FakeSegment extends FakeVendor {
  /** Messages kept, first of each messageId only (Segment drops a repeated messageId). */
  readonly messages: z.infer<typeof segmentMessage>[] = [];
  /** Regulations created on the Public API (deletions). */
  readonly regulations: (z.infer<typeof regulationInput> & { regulateId: string })[] = [];
  duplicates = 0;
  private readonly seen = new Set<string>();

  constructor(
    readonly writeKey = 'segment_fake_write_key',
    readonly apiToken = 'sgp_fake_public_api_token',
  ) {
    super();
  }

  /** The Public API: Bearer token, a versioned or plain JSON body of the documented shape; answers {data: {regulateId}}. */
  private regulation(req: http.IncomingMessage, text: string): { status: number; body: unknown } {
    if (req.headers.authorization !== `Bearer ${this.apiToken}`) return { status: 401, body: { errors: [{ type: 'unauthorized', message: 'Unauthorized' }] } };
    if (!/^application\/(vnd\.segment\.v1\+)?json/.test(String(req.headers['content-type']))) return { status: 415, body: { errors: [{ type: 'unsupported-media-type', message: 'Unsupported media type' }] } };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: 400, body: { errors: [{ type: 'bad-request', message: 'body is not JSON' }] } };
    }
    const checked = regulationInput.safeParse(body);
    if (!checked.success) return { status: 422, body: { errors: [{ type: 'validation', message: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }] } };
    const regulateId = `reg_${this.regulations.length + 1}`;
    this.regulations.push({ ...checked.data, regulateId });
    return { status: 200, body: { data: { regulateId } } };
  }

  protected error(code: string, detail: string): unknown {
    return { success: false, code, message: detail };
  }

  protected handle(req: http.IncomingMessage, text: string): { status: number; body: unknown } {
    if (req.method === 'POST' && req.url === '/regulations') return this.regulation(req, text);
    if (req.headers.authorization !== `Basic ${Buffer.from(`${this.writeKey}:`).toString('base64')}`) return { status: 401, body: this.error('unauthorized', 'invalid write key') };
    if (req.method !== 'POST' || req.url !== '/v1/batch') return { status: 404, body: this.error('not_found', 'no route') };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: 400, body: this.error('invalid', 'body is not JSON') };
    }
    const checked = z.object({ batch: z.array(segmentMessage).min(1).max(2500) }).safeParse(body);
    if (!checked.success) return { status: 400, body: this.error('invalid', checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')) };
    for (const m of checked.data.batch) {
      if (this.seen.has(m.messageId)) {
        this.duplicates += 1;
        continue;
      }
      this.seen.add(m.messageId);
      this.messages.push(m);
    }
    return { status: 200, body: { success: true } };
  }
}
