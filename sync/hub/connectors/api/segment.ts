// Segment outbound (HTTP Tracking API, POST /v1/batch, Basic auth with the write key as the
// user name): a consented capture becomes `identify` (traits, and the consent given in
// context.consent) and `track` "Checkout Email Captured"; a completed sale of a consenting
// customer `track` "Sale Completed"; a withdrawal an `identify` saying marketing is no longer
// consented (no traits). Each message's messageId derives from the outbox id: Segment drops a
// message id it has seen, so a retried send is not counted twice. An erasure is a regulation on
// Segment's Public API (POST https://api.segmentapis.com/regulations, SUPPRESS_WITH_DELETE of the
// user id, `Authorization: Bearer <Public API token>`): the token is the credential's second line
// (the first is the write key); without it the erasure is parked as a dead letter saying so.
import { callJson, VendorError } from './http.js';
import { OUTBOUND_RETRY, type OutboundKind, type OutboundPayload, type Sender, type SendResult } from './sender.js';
import type { ConnectorDeps } from './registry.js';
import type { ConnectorRecord, OutboxItem } from './state.js';

/** Segment's regulation for an erasure: stop collecting the user id and delete what it holds. */
export const SEGMENT_REGULATION = 'SUPPRESS_WITH_DELETE';

export function segmentSender(connector: ConnectorRecord, credential: string, deps: ConnectorDeps): Sender {
  const base = connector.config.endpoint ?? 'https://api.segment.io';
  const [writeKey = '', apiToken = ''] = credential.split(/\r?\n/).map((l) => l.trim());
  const auth = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

  async function erase(p: OutboundPayload): Promise<SendResult> {
    if (!(await deps.state.identity(connector.id, p.customerId))) return { nothing: 'Segment was never sent this customer' };
    if (!apiToken) throw new VendorError('Segment erasure needs a Public API token (the second line of the connector\'s credential); add it and retry the dead letter', null, false);
    const url = `${connector.config.apiEndpoint ?? 'https://api.segmentapis.com'}/regulations`;
    await callJson(deps.fetch, { url, method: 'POST', headers: { Authorization: `Bearer ${apiToken}`, 'content-type': 'application/vnd.segment.v1+json', accept: 'application/vnd.segment.v1+json' }, body: { regulationType: SEGMENT_REGULATION, subjectType: 'USER_ID', subjectIds: [p.customerId] } }, deps.clock, OUTBOUND_RETRY);
    return { forget: true };
  }

  async function send(item: OutboxItem & { payload: OutboundPayload }): Promise<SendResult> {
    const p = item.payload;
    if (item.kind === 'erase') return erase(p);
    const common = { userId: p.customerId, timestamp: p.at };
    let batch: Record<string, unknown>[];
    // Consent categories per channel: email marketing is `marketing`, text messages `sms_marketing`.
    const category = p.channel === 'sms' ? 'sms_marketing' : 'marketing';
    if (item.kind === 'subscribe') {
      const consent = { consent: { categoryPreferences: { [category]: true } } };
      // The consented channel's address only; the capture event is for an email given at checkout.
      const address = p.channel === 'sms' ? { phone: p.phone } : { email: p.email };
      batch = [{ type: 'identify', messageId: `${item.id}-identify`, ...common, traits: { ...address, firstName: p.firstName, lastName: p.lastName }, context: consent }];
      if (p.channel !== 'sms') batch.push({ type: 'track', messageId: `${item.id}-track`, ...common, event: 'Checkout Email Captured', properties: { channel: p.channel, source: p.source }, context: consent });
    } else if (item.kind === 'sale') {
      const o = p.order!;
      batch = [{ type: 'track', messageId: `${item.id}-track`, ...common, event: 'Sale Completed', properties: { order_id: o.id, store_id: o.storeId, channel: o.channel, subtotal: o.subtotalCents / 100, discount: o.discountCents / 100 } }];
    } else {
      // Only a customer Segment was told about hears of the withdrawal.
      if (!(await deps.state.identity(connector.id, p.customerId))) return { nothing: 'Segment was never sent this customer' };
      batch = [{ type: 'identify', messageId: `${item.id}-identify`, ...common, traits: {}, context: { consent: { categoryPreferences: { [category]: false } } } }];
    }
    await callJson(deps.fetch, { url: `${base}/v1/batch`, method: 'POST', headers: { Authorization: auth }, body: { batch } }, deps.clock, OUTBOUND_RETRY);
    // Segment knows the customer from now on (its erasure is asked for by user id).
    if (item.kind === 'subscribe') {
      const known = await deps.state.identity(connector.id, p.customerId);
      return { remember: { email: p.channel === 'sms' ? (known?.email ?? null) : p.email, phone: p.channel === 'sms' ? p.phone : (known?.phone ?? null) } };
    }
  }

  return { kinds: new Set<OutboundKind>(['subscribe', 'unsubscribe', 'sale', 'erase']), send };
}
