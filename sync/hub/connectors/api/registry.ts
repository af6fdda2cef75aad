// Connectors by vendor: what each one's settings are (checked with zod when added), how its
// credentials are sealed, and what a run does (an inbound pull or an outbound send).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HubStore } from '../../store.js';
import type { Clock } from './http.js';
import { runInbound, type InboundOutcome } from './inbound.js';
import { REDACTED, type SecretBox } from './secrets.js';
import { ShopifyClient, shopifyResources, type ShopifyConfig } from './shopify.js';
import { scheduleOf } from './schedule.js';
import { OUTBOUND, type ConnectorRecord, type ConnectorState, type Vendor } from './state.js';

export { OUTBOUND };
import { klaviyoSender } from './klaviyo.js';
import { runOutbound, type OutboundOutcome } from './outbound.js';
import { segmentSender } from './segment.js';
import { LightspeedClient, lightspeedResources, type LightspeedConfig } from './lightspeed.js';
import { SquareClient, squareResources, type SquareConfig } from './square.js';

export interface ConnectorDeps {
  store: HubStore;
  state: ConnectorState;
  box: SecretBox;
  fetch: typeof fetch;
  clock: Clock;
}

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const pageSize = z.string().regex(/^\d{1,3}$/, 'must be a whole number').optional();
/** Seconds between scheduled runs (10 s to a day); absent: the scheduler's default. */
const interval = z.string().regex(/^\d{1,5}$/, 'must be a whole number of seconds').refine((v) => Number(v) >= 10 && Number(v) <= 86_400, 'must be from 10 to 86400 seconds').optional();

/** Each vendor's settings as `connector add` takes them (--set key=value); credentials go apart. */
export const CONFIG_SCHEMAS: Record<Vendor, z.ZodType<Record<string, string>>> = {
  shopify: z.strictObject({ shop: z.string().regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'shop must be the shop domain, e.g. example.myshopify.com'), endpoint: httpUrl.optional(), pageSize, homeStore: z.string().min(1).optional(), interval }),
  square: z.strictObject({ endpoint: httpUrl.optional(), pageSize, homeStore: z.string().min(1).optional(), interval }),
  lightspeed: z.strictObject({ domainPrefix: z.string().regex(/^[a-z0-9-]+$/), endpoint: httpUrl.optional(), pageSize, homeStore: z.string().min(1).optional(), interval }),
  klaviyo: z.strictObject({ endpoint: httpUrl.optional(), listId: z.string().min(1).optional(), interval }),
  segment: z.strictObject({ endpoint: httpUrl.optional(), apiEndpoint: httpUrl.optional(), interval }),
};


export async function addConnector(deps: ConnectorDeps, input: { vendor: Vendor; id?: string; config: Record<string, string>; secret: string }): Promise<ConnectorRecord> {
  const config = CONFIG_SCHEMAS[input.vendor].safeParse(input.config);
  if (!config.success) throw new Error(`${input.vendor} settings: ${config.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`);
  if (!input.secret.trim()) throw new Error(`${input.vendor} needs its credential (an access token, API key or write key).`);
  const id = input.id ?? `${input.vendor}-${randomUUID().slice(0, 8)}`;
  if (await deps.state.connector(id)) throw new Error(`There is already a connector ${id}.`);
  const record: ConnectorRecord = { id, vendor: input.vendor, config: config.data, sealedSecret: deps.box.seal(input.secret.trim()), createdAt: deps.clock.now().toISOString() };
  await deps.state.addConnector(record);
  return record;
}

/** Changes some settings of a connector (e.g. its interval); the result is checked as `connector add` checks it. */
export async function configureConnector(deps: ConnectorDeps, id: string, changes: Record<string, string>): Promise<ConnectorRecord> {
  const c = await deps.state.connector(id);
  if (!c) throw new Error(`No connector ${id}.`);
  const merged = Object.fromEntries(Object.entries({ ...c.config, ...changes }).filter(([, v]) => v !== ''));
  const config = CONFIG_SCHEMAS[c.vendor].safeParse(merged);
  if (!config.success) throw new Error(`${c.vendor} settings: ${config.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`);
  await deps.state.updateConfig(id, config.data);
  return { ...c, config: config.data };
}

/** What list and status show: settings, last run, cursors; the credential never. */
export async function describeConnector(state: ConnectorState, c: ConnectorRecord) {
  const runs = await state.runs(c.id, 20);
  return {
    id: c.id, vendor: c.vendor, config: c.config, credential: REDACTED, createdAt: c.createdAt, lastRun: runs[0] ?? null, schedule: scheduleOf(c, runs),
    cursors: await state.cursors(c.id),
    ...(OUTBOUND.has(c.vendor) ? { pending: (await state.outbox(c.id, 'pending', 10_000)).length, sent: (await state.outbox(c.id, 'sent', 1_000_000)).length, deadLetters: await state.outbox(c.id, 'dead', 100) } : {}),
  };
}

export async function runConnector(deps: ConnectorDeps, id: string): Promise<InboundOutcome | OutboundOutcome> {
  const c = await deps.state.connector(id);
  if (!c) throw new Error(`No connector ${id}.`);
  const secret = deps.box.open(c.sealedSecret);
  if (c.vendor === 'shopify') {
    const config: ShopifyConfig = { shop: c.config.shop!, ...(c.config.endpoint ? { endpoint: c.config.endpoint } : {}), ...(c.config.homeStore ? { homeStore: c.config.homeStore } : {}), ...(c.config.pageSize ? { pageSize: Number(c.config.pageSize) } : {}) };
    const client = new ShopifyClient(config, secret, deps.fetch, deps.clock);
    return runInbound(deps.store, deps.state, c.id, shopifyResources(client, config), deps.clock);
  }
  if (c.vendor === 'square') {
    const config: SquareConfig = { ...(c.config.endpoint ? { endpoint: c.config.endpoint } : {}), ...(c.config.homeStore ? { homeStore: c.config.homeStore } : {}), ...(c.config.pageSize ? { pageSize: Number(c.config.pageSize) } : {}) };
    return runInbound(deps.store, deps.state, c.id, squareResources(new SquareClient(config, secret, deps.fetch, deps.clock), config, deps.state, c.id), deps.clock);
  }
  if (c.vendor === 'lightspeed') {
    const config: LightspeedConfig = { domainPrefix: c.config.domainPrefix!, ...(c.config.endpoint ? { endpoint: c.config.endpoint } : {}), ...(c.config.homeStore ? { homeStore: c.config.homeStore } : {}), ...(c.config.pageSize ? { pageSize: Number(c.config.pageSize) } : {}) };
    return runInbound(deps.store, deps.state, c.id, lightspeedResources(new LightspeedClient(config, secret, deps.fetch, deps.clock), config, deps.state, c.id), deps.clock);
  }
  if (c.vendor === 'klaviyo') return runOutbound(deps, c, klaviyoSender(c, secret, deps));
  if (c.vendor === 'segment') return runOutbound(deps, c, segmentSender(c, secret, deps));
  throw new Error(`${String(c.vendor)} is not a vendor this hub knows.`);
}
