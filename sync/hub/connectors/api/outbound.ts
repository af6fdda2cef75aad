// Outbound connectors (Klaviyo, Segment): the hub's customer rows become an outbox of sends,
// and the outbox is drained with retries. Only what a customer consented to leaves: a send is
// planned from a marketing grant, a withdrawal becomes an unsubscribe, a suppression a
// suppression, an erasure a deletion request (for the address the vendor was sent, and then
// the hub forgets that address too). A suppressed or erased customer's pending sends are
// dropped, and every send re-checks the customer's state at the hub just before it leaves.
// Each send has a stable id (the same change always makes the same id; vendors dedupe on it),
// and a send that keeps failing is parked as a dead letter with the vendor's error.
import { createHash } from 'node:crypto';
import { isSuppressing, LIFTED_SOURCE } from '../../apply/resubscribe.js';
import type { HubReader, Row } from '../../store.js';
import { backoffMs, VendorError, type RetryPolicy } from './http.js';
import type { ConnectorDeps } from './registry.js';
import type { ChangedRow, ConnectorRecord, ConnectorState, Identity, OutboxItem } from './state.js';
import type { OutboundKind, OutboundPayload, Sender, SendResult } from './sender.js';

/** Attempts before a send is parked as a dead letter. */
export const MAX_ATTEMPTS = 6;
const OUTBOX_RETRY: RetryPolicy = { attempts: MAX_ATTEMPTS, baseMs: 30_000, maxMs: 3_600_000 };
/** Kinds that carry a customer's data out; they never leave for a customer not active and consenting. */
const CARRIES_DATA: ReadonlySet<string> = new Set(['subscribe', 'sale']);
const PLAN_PAGE = 2_000;

export interface OutboundOutcome {
  planned: number;
  sent: number;
  retried: number;
  dead: number;
  dropped: number;
  error: string | null;
}

const stableId = (...parts: string[]) => `ob_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32)}`;

export async function runOutbound(deps: ConnectorDeps, connector: ConnectorRecord, sender: Sender): Promise<OutboundOutcome> {
  const outcome: OutboundOutcome = { planned: 0, sent: 0, retried: 0, dead: 0, dropped: 0, error: null };
  const runId = await deps.state.startRun(connector.id, deps.clock.now());
  try {
    outcome.planned = await plan(deps, connector.id, sender.kinds);
    await drain(deps, connector.id, sender, outcome);
  } catch (err) {
    outcome.error = err instanceof Error ? err.message : String(err);
  }
  await deps.state.finishRun(runId, deps.clock.now(), { status: outcome.error ? 'failed' : 'ok', rows: outcome.sent, error: outcome.error });
  return outcome;
}

/** Reads the customer rows changed since this connector's cursor and queues the sends they call for, cursor and queue in one transaction. */
export async function plan(deps: ConnectorDeps, connectorId: string, kinds: ReadonlySet<OutboundKind>): Promise<number> {
  let planned = 0;
  for (;;) {
    const since = ((await deps.state.cursor(connectorId, 'outbox')) as { version: number } | null)?.version ?? 0;
    const rows = await deps.state.customerRowsSince(since, PLAN_PAGE);
    if (rows.length === 0) return planned;
    const now = deps.clock.now();
    await deps.state.atomically(async () => {
      const all = await deps.store.transact(async (reader) => {
        const items: OutboxItem[] = [];
        for (const r of rows) items.push(...(await itemsFor(r, reader, connectorId, now)));
        return { changes: [], result: items };
      });
      for (const i of all) if (!CARRIES_DATA.has(i.kind)) await dropPending(deps.state, i.customerId, now, `customer ${i.kind === 'erase' ? 'erased' : i.kind === 'suppress' ? 'suppressed' : 'withdrew consent'}`);
      const items = all.filter((i) => kinds.has(i.kind as OutboundKind));
      await deps.state.enqueue(items);
      await deps.state.putCursor(connectorId, 'outbox', { version: rows[rows.length - 1]!.version }, now);
      planned += items.length;
    });
  }
}

/** Drops a customer's pending sends that carry data (the withdrawal, suppression and erasure sends stay). */
export async function dropPending(state: ConnectorState, customerId: string, now: Date, why: string): Promise<number> {
  let dropped = 0;
  for (const p of await state.pendingFor(customerId)) {
    if (!CARRIES_DATA.has(p.kind)) continue;
    await state.settle(p.id, { status: 'dropped', attempts: p.attempts, nextAt: p.nextAt, lastError: why, doneAt: now.toISOString() });
    dropped++;
  }
  return dropped;
}

function outboxItem(connectorId: string, kind: OutboundKind, customerId: string, key: string, payload: OutboundPayload, now: Date): OutboxItem {
  return {
    id: stableId(connectorId, kind, customerId, key), connectorId, kind, customerId, payload, status: 'pending', attempts: 0, nextAt: now.toISOString(), lastError: null,
    createdAt: now.toISOString(), doneAt: null,
  };
}

/**
 * The suppression or erasure send for a customer whose row now says so (`at` = the row's
 * updated_at). No names or current identifiers: the send uses the address the vendor was sent
 * (connector_identities). The hub's erasure queues it at once; the planner, seeing the row later,
 * makes the same id and so queues nothing more.
 */
export function statusItem(connectorId: string, status: 'suppressed' | 'erased', customerId: string, at: string, now: Date): OutboxItem {
  const payload: OutboundPayload = { customerId, channel: 'email', email: null, phone: null, firstName: null, lastName: null, at, source: null };
  return outboxItem(connectorId, status === 'erased' ? 'erase' : 'suppress', customerId, status, payload, now);
}

async function identityOf(reader: HubReader, customerId: string): Promise<Identity> {
  const ids = await reader.rowsWhere('customer_identifiers', 'customer_id', customerId);
  const email = ids.find((i) => i.kind === 'email' && i.is_primary === 1) ?? ids.find((i) => i.kind === 'email');
  const phone = ids.find((i) => i.kind === 'phone');
  return { email: (email?.raw as string | undefined) ?? null, phone: (phone?.raw as string | undefined) ?? null };
}

/** The customer's marketing grant (on `channel`, or on any channel when none is named). */
async function marketingGranted(reader: HubReader, customerId: string, channel?: string): Promise<Row | null> {
  return (await reader.rowsWhere('consents', 'customer_id', customerId)).find((c) => c.purpose === 'marketing' && c.status === 'granted' && (channel === undefined || c.channel === channel)) ?? null;
}

async function itemsFor(changed: ChangedRow, reader: HubReader, connectorId: string, now: Date): Promise<OutboxItem[]> {
  const r = changed.row;
  if (!r) return [];
  const item = (kind: OutboundKind, customerId: string, key: string, payload: OutboundPayload) => outboxItem(connectorId, kind, customerId, key, payload, now);
  const base = async (customerId: string, at: string, channel = 'email', source: string | null = null): Promise<OutboundPayload> => {
    const c = await reader.row('customers', { id: customerId });
    const who = await identityOf(reader, customerId);
    return { customerId, channel, email: who.email, phone: who.phone, firstName: (c?.first_name as string | null) ?? null, lastName: (c?.last_name as string | null) ?? null, at, source };
  };
  if (changed.table === 'consents' && r.purpose === 'marketing') {
    // A suppression lifted by an approved re-subscribe is no one's withdrawal: the vendor already has the address held back.
    if (r.status === 'withdrawn' && r.source === LIFTED_SOURCE) return [];
    const customerId = r.customer_id as string;
    const key = `${r.channel}|${r.status}|${r.recorded_at}`;
    const payload = await base(customerId, r.recorded_at as string, r.channel as string, r.source as string);
    return [item(r.status === 'granted' ? 'subscribe' : 'unsubscribe', customerId, key, payload)];
  }
  if (changed.table === 'customers' && (r.status === 'suppressed' || r.status === 'erased')) return [statusItem(connectorId, r.status, r.id as string, r.updated_at as string, now)];
  if (changed.table === 'orders' && r.status === 'completed' && r.customer_id) {
    const customerId = r.customer_id as string;
    if (!(await marketingGranted(reader, customerId))) return [];
    const order = { id: r.id as string, storeId: (r.location_id as string | null) ?? null, subtotalCents: r.subtotal_cents as number, discountCents: r.discount_cents as number, channel: r.channel as string };
    return [item('sale', customerId, order.id, { ...(await base(customerId, r.placed_at as string)), order })];
  }
  return [];
}

/** Whether a send may still leave now: the customer is active and (for data) still consents. */
async function mayLeave(deps: ConnectorDeps, item: OutboxItem): Promise<string | null> {
  if (!CARRIES_DATA.has(item.kind)) return null;
  return deps.store.transact(async (reader) => {
    const c = await reader.row('customers', { id: item.customerId });
    if (!c || c.status !== 'active' || c.merged_into) return { changes: [], result: `customer is ${c ? (c.merged_into ? 'merged' : c.status) : 'unknown'} at the hub` };
    // A subscription is for the channel consented on (an SMS subscription needs the SMS grant); a sale for any grant.
    const channel = item.kind === 'subscribe' ? String(item.payload.channel) : undefined;
    if (!(await marketingGranted(reader, item.customerId, channel))) return { changes: [], result: `marketing consent${channel ? ` by ${channel}` : ''} no longer granted` };
    // An address another profile holds suppressed is never subscribed, whoever asks, until a manager-approved re-subscribe lifts it.
    if (channel && (await addressSuppressed(reader, item.customerId, channel))) return { changes: [], result: `the ${channel === 'sms' ? 'number' : 'address'} is suppressed at the hub` };
    return { changes: [], result: null };
  });
}

/** Whether a profile holding this customer's address (email) or number (SMS) asked never to be marketed to there. */
async function addressSuppressed(reader: HubReader, customerId: string, channel: string): Promise<boolean> {
  const kind = channel === 'sms' ? 'phone' : 'email';
  for (const own of await reader.rowsWhere('customer_identifiers', 'customer_id', customerId)) {
    if (own.kind !== kind) continue;
    for (const held of await reader.rowsByKeyPrefix('customer_identifiers', [kind, own.value as string])) {
      const holder = await reader.row('customers', { id: String(held.customer_id) });
      if (holder && holder.status !== 'erased' && isSuppressing(holder, await reader.rowsWhere('consents', 'customer_id', String(holder.id)), channel)) return true;
    }
  }
  return false;
}

/** Sends in flight at once (one per customer: `due` gives each customer's oldest send only). */
const CONCURRENCY = 8;

type Settled = { item: OutboxItem; status: 'sent' | 'dropped' | 'dead' | 'pending'; attempts: number; nextAt: string; error: string | null; result: SendResult };

async function attempt(deps: ConnectorDeps, sender: Sender, item: OutboxItem): Promise<Settled> {
  const blocked = await mayLeave(deps, item);
  if (blocked) return { item, status: 'dropped', attempts: item.attempts, nextAt: item.nextAt, error: blocked, result: undefined };
  try {
    const result = await sender.send(item as OutboxItem & { payload: OutboundPayload });
    const nothing = result && 'nothing' in result ? result.nothing : null;
    return { item, status: nothing ? 'dropped' : 'sent', attempts: item.attempts + 1, nextAt: item.nextAt, error: nothing, result };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    const attempts = item.attempts + 1;
    const retryable = !(err instanceof VendorError) || err.retryable;
    if (!retryable || attempts >= MAX_ATTEMPTS) return { item, status: 'dead', attempts, nextAt: item.nextAt, error, result: undefined };
    return { item, status: 'pending', attempts, nextAt: new Date(deps.clock.now().getTime() + backoffMs(attempts, OUTBOX_RETRY)).toISOString(), error, result: undefined };
  }
}

/**
 * Sends what is due, a few at once, and records each group's outcomes (and the addresses the
 * vendor now knows) in one transaction. A send that failed is not tried again in this run, and
 * holds back its customer's later sends until it leaves or is parked.
 */
async function drain(deps: ConnectorDeps, connectorId: string, sender: Sender, outcome: OutboundOutcome): Promise<void> {
  const tried = new Set<string>();
  for (;;) {
    const due = (await deps.state.due(connectorId, deps.clock.now(), 500)).filter((i) => !tried.has(i.id));
    if (due.length === 0) return;
    for (let i = 0; i < due.length; i += CONCURRENCY) {
      const group = due.slice(i, i + CONCURRENCY);
      for (const item of group) tried.add(item.id);
      const settled = await Promise.all(group.map((item) => attempt(deps, sender, item)));
      const at = deps.clock.now().toISOString();
      await deps.state.atomically(async () => {
        for (const s of settled) {
          await deps.state.settle(s.item.id, { status: s.status, attempts: s.attempts, nextAt: s.nextAt, lastError: s.error, doneAt: s.status === 'pending' ? null : at });
          if (s.result && 'remember' in s.result) await deps.state.putIdentity(connectorId, s.item.customerId, s.result.remember);
          if (s.result && 'forget' in s.result) await deps.state.forgetIdentity(connectorId, s.item.customerId);
          if (s.status === 'pending') outcome.retried += 1;
          else outcome[s.status] += 1;
        }
      });
    }
  }
}
