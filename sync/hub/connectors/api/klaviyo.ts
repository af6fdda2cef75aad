// Klaviyo outbound (REST API, revision KLAVIYO_REVISION): a consented capture becomes a profile
// upsert (POST /api/profile-import) and a subscription to the consented channel (POST
// /api/profile-subscription-bulk-create-jobs); a withdrawal an unsubscribe (POST
// /api/profile-subscription-bulk-delete-jobs); a suppression POST
// /api/profile-suppression-bulk-create-jobs; an erasure a deletion request (POST
// /api/data-privacy-deletion-jobs) for the address Klaviyo was sent. Every call carries the
// private key (`Authorization: Klaviyo-API-Key …`) and the `revision` header.
import { callJson, VendorError } from './http.js';
import { OUTBOUND_RETRY, type OutboundKind, type OutboundPayload, type Sender, type SendResult } from './sender.js';
import type { ConnectorDeps } from './registry.js';
import type { ConnectorRecord, OutboxItem } from './state.js';

export const KLAVIYO_REVISION = '2025-01-15';
const JSONAPI = 'application/vnd.api+json';

export function klaviyoSender(connector: ConnectorRecord, key: string, deps: ConnectorDeps): Sender {
  const base = connector.config.endpoint ?? 'https://a.klaviyo.com';
  const post = (path: string, body: unknown) =>
    callJson(deps.fetch, { url: `${base}${path}`, method: 'POST', headers: { Authorization: `Klaviyo-API-Key ${key}`, revision: KLAVIYO_REVISION, accept: JSONAPI, 'content-type': JSONAPI }, body }, deps.clock, OUTBOUND_RETRY);
  const listRelation = connector.config.listId ? { relationships: { list: { data: { type: 'list', id: connector.config.listId } } } } : {};

  async function send(item: OutboxItem & { payload: OutboundPayload }): Promise<SendResult> {
    const p = item.payload;
    const kind = item.kind as OutboundKind;
    if (kind === 'subscribe') {
      // Only the consented channel's address leaves: an email opt-in sends the email, an SMS opt-in the number.
      const sms = p.channel === 'sms';
      const address = sms ? { phone_number: p.phone } : { email: p.email };
      if (sms ? !p.phone : !p.email) throw new VendorError(`${sms ? 'SMS' : 'email'} consent without ${sms ? 'a phone number' : 'an email'} at the hub`, null, false);
      await post('/api/profile-import', { data: { type: 'profile', attributes: { external_id: p.customerId, ...address, first_name: p.firstName, last_name: p.lastName } } });
      const subscriptions = sms ? { sms: { marketing: { consent: 'SUBSCRIBED', consented_at: p.at } } } : { email: { marketing: { consent: 'SUBSCRIBED', consented_at: p.at } } };
      await post('/api/profile-subscription-bulk-create-jobs', {
        data: {
          type: 'profile-subscription-bulk-create-job',
          attributes: { custom_source: 'Endcap checkout', profiles: { data: [{ type: 'profile', attributes: { ...address, subscriptions } }] } },
          ...listRelation,
        },
      });
      // Klaviyo now knows this address too (beside any it was sent before): withdrawal and erasure go to both.
      const known = await deps.state.identity(connector.id, p.customerId);
      return { remember: { email: sms ? (known?.email ?? null) : p.email, phone: sms ? p.phone : (known?.phone ?? null) } };
    }
    // Withdrawal, suppression and erasure go to the address Klaviyo was given (the hub may no longer hold it).
    const known = await deps.state.identity(connector.id, p.customerId);
    const email = known?.email ?? null;
    const phone = known?.phone ?? null;
    if (!email && !phone) return { nothing: 'Klaviyo was never sent this customer' };
    const who = email ? { email } : { phone_number: phone };
    if (kind === 'unsubscribe') {
      const sms = p.channel === 'sms';
      // An SMS withdrawal is for the number Klaviyo was given; without one there is no SMS subscription to end.
      if (sms && !phone) return { nothing: 'Klaviyo was never sent this customer\'s number' };
      const subscriptions = sms ? { sms: { marketing: { consent: 'UNSUBSCRIBED' } } } : { email: { marketing: { consent: 'UNSUBSCRIBED' } } };
      await post('/api/profile-subscription-bulk-delete-jobs', {
        data: { type: 'profile-subscription-bulk-delete-job', attributes: { profiles: { data: [{ type: 'profile', attributes: { ...(sms ? { phone_number: phone } : who), subscriptions } }] } }, ...listRelation },
      });
    } else if (kind === 'suppress') {
      await post('/api/profile-suppression-bulk-create-jobs', { data: { type: 'profile-suppression-bulk-create-job', attributes: { profiles: { data: [{ type: 'profile', attributes: who }] } } } });
    } else if (kind === 'erase') {
      await post('/api/data-privacy-deletion-jobs', { data: { type: 'data-privacy-deletion-job', attributes: { profile: { data: { type: 'profile', attributes: who } } } } });
      return { forget: true };
    }
  }

  return { kinds: new Set<OutboundKind>(['subscribe', 'unsubscribe', 'suppress', 'erase']), send };
}
