// A customer's erasure at the hub (their "right to be forgotten"), asked for by an operator
// (`npm run hub -- customer erase ID|EMAIL`, or POST /v1/admin/customers/erase with an admin
// token). In one transaction: the profile stays as a tombstone without personal data (names,
// address blanked, status `erased`, so no feed or register brings it back and registers blank
// their copy), their identifiers and consents are deleted (tombstones reach the home store's
// registers), their pending sends to marketing tools that carry data are dropped, and every
// outbound connector gets a deletion request queued (Klaviyo: a data-privacy deletion job;
// Segment: a SUPPRESS_WITH_DELETE regulation). Profiles merged into this one are the same person
// and are erased with it. Orders stay, under the customer id only (sales figures need them).
import { emailMatchKey, phoneMatchKey } from './apply/matchKeys.js';
import { dropPending, statusItem } from './connectors/api/outbound.js';
import { OUTBOUND, type ConnectorState } from './connectors/api/state.js';
import { HUB_ONLY, type HubReader, type HubStore, type Row, type RowChange } from './store.js';

export type ErasureRefusal = 'invalid' | 'not_found' | 'ambiguous' | 'merged' | 'already_erased';

export class ErasureError extends Error {
  constructor(
    readonly code: ErasureRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'ErasureError';
  }
}

export interface ErasureResult {
  customerId: string;
  /** The profile and those merged into it. */
  erased: string[];
  identifiersRemoved: number;
  consentsRemoved: number;
  sendsDropped: number;
  deletionsQueued: { connectorId: string; vendor: string }[];
  at: string;
}

/** The customer a reference names: an id, an email address or a phone number, each held by exactly one profile. */
async function resolve(reader: HubReader, ref: string): Promise<Row> {
  const text = ref.trim();
  if (!text || text.length > 254) throw new ErasureError('invalid', 'Give the customer id, email address or phone number to erase.');
  let ids: string[];
  if (text.includes('@')) {
    const key = emailMatchKey(text);
    if (!key) throw new ErasureError('invalid', `${text} is not an email address.`);
    ids = (await reader.rowsByKeyPrefix('customer_identifiers', ['email', key])).map((i) => String(i.customer_id));
  } else if (/^\+?[\d\s().-]{7,}$/.test(text)) {
    const key = phoneMatchKey(text);
    if (!key) throw new ErasureError('invalid', `${text} is not a phone number (write it with its country code).`);
    ids = (await reader.rowsByKeyPrefix('customer_identifiers', ['phone', key])).map((i) => String(i.customer_id));
  } else {
    ids = [text];
  }
  // A merged profile's identifiers are also its survivor's: erase the survivor (the person), once.
  const people = new Map<string, Row>();
  for (const id of ids) {
    const c = await reader.row('customers', { id });
    if (!c) continue;
    if (c.merged_into && ids.length === 1) throw new ErasureError('merged', `customer ${id} was merged into ${c.merged_into}; erase ${c.merged_into} (the profiles merged into it go with it).`);
    if (!c.merged_into) people.set(id, c);
  }
  if (people.size === 0) throw new ErasureError('not_found', `No customer ${text} at the hub.`);
  if (people.size > 1) throw new ErasureError('ambiguous', `${text} belongs to ${people.size} customers (${[...people.keys()].join(', ')}); erase each by id.`);
  const person = [...people.values()][0]!;
  if (person.status === 'erased') throw new ErasureError('already_erased', `customer ${person.id} was already erased.`);
  return person;
}

/** The tombstone of a profile: who it was (id, home store, dates) and nothing personal. */
const tombstone = (c: Row, at: string): Row => ({
  ...c, first_name: '', last_name: '', first_name_key: '', last_name_key: '', address_line: null, city: null, region: null, postal_code: null, status: 'erased', updated_at: at,
});

export async function eraseCustomer(store: HubStore, state: ConnectorState, ref: string, now: Date): Promise<ErasureResult> {
  const at = now.toISOString();
  return state.atomically(async () => {
    const plan = await store.transact(async (reader) => {
      const person = await resolve(reader, ref);
      const profiles = [person, ...(await reader.rowsWhere('customers', 'merged_into', String(person.id))).filter((c) => c.status !== 'erased')];
      const changes: RowChange[] = [];
      let identifiers = 0;
      let consents = 0;
      for (const c of profiles) {
        const id = String(c.id);
        const scope = (c.home_store_id as string | null) ?? HUB_ONLY;
        changes.push({ stream: 'customers', table: 'customers', key: { id }, row: tombstone(c, at), scopeStoreId: scope });
        for (const i of await reader.rowsWhere('customer_identifiers', 'customer_id', id)) {
          changes.push({ stream: 'customers', table: 'customer_identifiers', key: { kind: i.kind!, value: i.value!, customer_id: id }, row: null, scopeStoreId: scope });
          identifiers++;
        }
        for (const k of await reader.rowsWhere('consents', 'customer_id', id)) {
          changes.push({ stream: 'customers', table: 'consents', key: { customer_id: id, purpose: k.purpose!, channel: k.channel! }, row: null, scopeStoreId: scope });
          consents++;
        }
      }
      return { changes, result: { customerId: String(person.id), erased: profiles.map((c) => String(c.id)), identifiers, consents } };
    });
    let sendsDropped = 0;
    const deletionsQueued: ErasureResult['deletionsQueued'] = [];
    const outbound = state.listConnectors().filter((c) => OUTBOUND.has(c.vendor));
    for (const id of plan.erased) {
      sendsDropped += dropPending(state, id, now, 'customer erased');
      state.enqueue(outbound.map((c) => statusItem(c.id, 'erased', id, at, now)));
    }
    for (const c of outbound) deletionsQueued.push({ connectorId: c.id, vendor: c.vendor });
    return { customerId: plan.customerId, erased: plan.erased, identifiersRemoved: plan.identifiers, consentsRemoved: plan.consents, sendsDropped, deletionsQueued, at };
  });
}
