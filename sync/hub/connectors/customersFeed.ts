// The customers feed: one row per customer with their identifiers (email, phone, loyalty id),
// home store and consent per purpose, each with its source and time. A customer, their
// identifiers and consents go only to their home store's devices (no home store: they stay at
// the hub). What a register recorded later than the file is kept: a consent the hub holds with a
// newer time than the file's wins, and an erased or merged profile is never brought back.
import { z } from 'zod';
import { emailMatchKey, loyaltyMatchKey, nameKey, phoneMatchKey } from '../../protocol/matchKeys.js';
import { HUB_ONLY, type HubReader, type Row, type RowChange } from '../store.js';
import type { Feed, FeedContext } from './feed.js';
import type { RowRead } from './prefetch.js';
import { blank, id, oneOf, optionalIsoTime, optionalText, text } from './fields.js';

export const CONSENT_PURPOSES = ['receipts', 'marketing', 'personalization'] as const;
/**
 * The consents a row may carry, each a column prefix with its purpose and channel: one per
 * purpose by email (the channel the register records too), and marketing by SMS (commerce
 * platforms record text-message opt-ins apart, with their own time).
 */
const CONSENTS = [
  ...CONSENT_PURPOSES.map((purpose) => ({ prefix: purpose as string, purpose, channel: 'email' })),
  { prefix: 'marketing_sms', purpose: 'marketing', channel: 'sms' },
] as const;

const consentColumns = CONSENTS.flatMap(({ prefix: p }) => [`${p}_consent`, `${p}_consent_source`, `${p}_consent_at`, `${p}_consent_text_version`]);

const consentStatus = (name: string) =>
  z.string().trim().toLowerCase().transform((v, ctx) => {
    if (blank(v)) return null;
    if (v === 'granted' || v === 'withdrawn') return v;
    ctx.addIssue({ code: 'custom', message: `${name} must be granted, withdrawn or empty (no decision)` });
    return z.NEVER;
  });

const shape: Record<string, z.ZodType> = {
  customer_id: id('customer_id'),
  first_name: text('first_name', 100),
  last_name: text('last_name', 100),
  home_store_id: optionalText.optional(),
  email: optionalText.optional(),
  phone: optionalText.optional(),
  loyalty_id: optionalText.optional(),
  address_line: optionalText.optional(),
  city: optionalText.optional(),
  region: optionalText.optional(),
  postal_code: optionalText.optional(),
  status: z.string().trim().transform((v) => (blank(v) ? 'active' : v.toLowerCase())).pipe(z.enum(['active', 'suppressed'], 'status must be active or suppressed (erasure is done at the hub, not by a file)')).optional(),
  created_at: optionalIsoTime('created_at').optional(),
  consent_text_version: optionalText.optional(),
};
for (const { prefix: p } of CONSENTS) {
  shape[`${p}_consent`] = consentStatus(`${p}_consent`).optional();
  shape[`${p}_consent_source`] = optionalText.optional();
  shape[`${p}_consent_at`] = optionalIsoTime(`${p}_consent_at`).optional();
  shape[`${p}_consent_text_version`] = optionalText.optional();
}

export const customersFeed: Feed = {
  kind: 'customers',
  required: ['customer_id', 'first_name', 'last_name'],
  optional: ['home_store_id', 'email', 'phone', 'loyalty_id', 'address_line', 'city', 'region', 'postal_code', 'status', 'created_at', 'consent_text_version', ...consentColumns],
  marker: ['customer_id', 'last_name'],
  key: ['customer_id'],
  schema: z.object(shape) as unknown as z.ZodType<Row>,
  reads: (r): RowRead[] => [
    { table: 'customers', key: { id: r.customer_id! } },
    { table: 'customer_identifiers', column: 'customer_id', value: r.customer_id! },
    ...(r.home_store_id != null ? [{ table: 'locations', key: { id: r.home_store_id } }] : []),
    ...CONSENTS.filter(({ prefix }) => r[`${prefix}_consent`] != null).map(({ purpose, channel }) => ({ table: 'consents', key: { customer_id: r.customer_id!, purpose, channel } })),
  ],
  start: (reader, ctx) => ({ row: (r) => customerChanges(r, reader, ctx) }),
};

type Cell = string | number | null | undefined;
const str = (v: Cell) => (v === undefined || v === null ? null : String(v));

async function customerChanges(r: Row, reader: HubReader, ctx: FeedContext): Promise<RowChange[] | string> {
  const customerId = r.customer_id as string;
  const held = await reader.row('customers', { id: customerId });
  if (held?.status === 'erased') return `customer ${customerId} was erased at their request; their data may not be imported again`;
  if (held?.merged_into) return `customer ${customerId} was merged into ${held.merged_into}; send the row for ${held.merged_into} instead`;
  const home = str(r.home_store_id);
  if (home !== null) {
    const store = await reader.row('locations', { id: home });
    if (!store) return `unknown home_store_id ${home} (send the stores file first)`;
    if (store.kind !== 'store') return `home_store_id ${home} is a ${store.kind}, not a store`;
  }
  const ids: { kind: string; value: string; raw: string }[] = [];
  const email = str(r.email);
  if (email !== null) {
    const value = emailMatchKey(email);
    if (!value || email.length > 254) return `email ${email} is not an email address`;
    ids.push({ kind: 'email', value, raw: email });
  }
  const phone = str(r.phone);
  if (phone !== null) {
    const value = phoneMatchKey(phone);
    if (!value) return `phone ${phone} is not a phone number (write it with its country code, e.g. +1 303 555 0142)`;
    ids.push({ kind: 'phone', value, raw: phone });
  }
  const loyalty = str(r.loyalty_id);
  if (loyalty !== null) {
    const value = loyaltyMatchKey(loyalty);
    if (!value) return `loyalty_id ${loyalty} is not a loyalty id (EC-1234-5678)`;
    ids.push({ kind: 'loyalty', value, raw: loyalty });
  }
  const consents: Row[] = [];
  for (const { prefix: p, purpose, channel } of CONSENTS) {
    const status = str(r[`${p}_consent`]);
    const at = str(r[`${p}_consent_at`]);
    const source = str(r[`${p}_consent_source`]);
    if (status === null) {
      if (at !== null || source !== null) return `${p}_consent is empty but ${p}_consent_at or _source is given; give the decision too`;
      continue;
    }
    if (at === null) return `${p}_consent_at is needed with ${p}_consent (when the customer decided)`;
    if (at > ctx.now) return `${p}_consent_at ${at} is in the future`;
    // A text-message opt-in is for a number: one the row gives or the hub holds.
    if (channel === 'sms' && status === 'granted' && phone === null && !(held && (await reader.rowsWhere('customer_identifiers', 'customer_id', customerId)).some((h) => h.kind === 'phone'))) {
      return `${p}_consent granted without a phone number; give the phone too`;
    }
    consents.push({
      customer_id: customerId, purpose, channel, status, source: source ?? 'import', text_version: str(r[`${p}_consent_text_version`]) ?? str(r.consent_text_version) ?? 'imported',
      recorded_by: null, store_id: home, register_id: null, recorded_at: at,
    });
  }

  const scope = home ?? HUB_ONLY;
  const row: Row = {
    id: customerId,
    first_name: r.first_name!,
    last_name: r.last_name!,
    first_name_key: nameKey(r.first_name as string),
    last_name_key: nameKey(r.last_name as string),
    home_store_id: home,
    address_line: str(r.address_line),
    city: str(r.city),
    region: str(r.region),
    postal_code: str(r.postal_code),
    status: (r.status as string | undefined) ?? (held?.status as string | undefined) ?? 'active',
    merged_into: null,
    created_at: str(r.created_at) ?? (held?.created_at as string | undefined) ?? ctx.now,
    updated_at: (held?.updated_at as string | undefined) ?? ctx.now,
  };
  // updated_at moves only when something changed, so the same file again writes nothing.
  if (held && Object.keys(row).some((k) => row[k] !== held[k])) row.updated_at = ctx.now > (held.updated_at as string) ? ctx.now : held.updated_at!;
  const changes: RowChange[] = [{ stream: 'customers', table: 'customers', key: { id: customerId }, row, scopeStoreId: scope }];

  // The file's email is the primary one; other addresses the hub holds stay, not primary.
  const heldIds = held ? await reader.rowsWhere('customer_identifiers', 'customer_id', customerId) : [];
  for (const i of ids) {
    const before = heldIds.find((h) => h.kind === i.kind && h.value === i.value);
    const idRow: Row = { kind: i.kind, value: i.value, customer_id: customerId, raw: i.raw, is_primary: i.kind === 'email' ? 1 : (before?.is_primary ?? 0), created_at: (before?.created_at as string | undefined) ?? ctx.now };
    changes.push({ stream: 'customers', table: 'customer_identifiers', key: { kind: i.kind, value: i.value, customer_id: customerId }, row: idRow, scopeStoreId: scope });
  }
  if (email !== null) {
    for (const h of heldIds) {
      if (h.kind === 'email' && h.is_primary === 1 && h.value !== ids[0]!.value) {
        changes.push({ stream: 'customers', table: 'customer_identifiers', key: { kind: 'email', value: h.value!, customer_id: customerId }, row: { ...h, is_primary: 0 }, scopeStoreId: scope });
      }
    }
  }
  for (const c of consents) {
    const key = { customer_id: customerId, purpose: c.purpose!, channel: c.channel! };
    const before = held ? await reader.row('consents', key) : null;
    // A decision recorded at a register after the file's time stands.
    if (before && (before.recorded_at as string) >= (c.recorded_at as string)) continue;
    changes.push({ stream: 'customers', table: 'consents', key, row: c, scopeStoreId: scope });
  }
  return changes;
}
