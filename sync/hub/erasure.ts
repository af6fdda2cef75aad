// A customer's erasure at the hub (their "right to be forgotten"), asked for by an operator
// (`npm run hub -- customer erase ID|EMAIL`, or POST /v1/admin/customers/erase with an admin
// token). In one transaction: the profile stays as a tombstone without personal data (names,
// address blanked, status `erased`, so no feed or register brings it back and registers blank
// their copy), their identifiers and consents are deleted (tombstones reach the home store's
// registers), their pending sends to marketing tools that carry data are dropped, and every
// outbound connector gets a deletion request queued (Klaviyo: a data-privacy deletion job;
// Segment: a SUPPRESS_WITH_DELETE regulation). Profiles merged into this one are the same person
// and are erased with it. Orders stay, under the customer id only (sales figures need them).
// Every request is audited (customer_erasures): who asked, when, the customer by id only, what
// was deleted and queued per connector, or the refusal; `erasures()` shows each deletion's state.
import { emailMatchKey, phoneMatchKey } from '../protocol/matchKeys.js';
import { dropPending, statusItem } from './connectors/api/outbound.js';
import { OUTBOUND, type ConnectorState, type ErasureEntry, type ErasureRecord } from './connectors/api/state.js';
import { HUB_ONLY, type HubReader, type HubStore, type Row, type RowChange } from './store.js';

export type ErasureRefusal = 'invalid' | 'not_found' | 'ambiguous' | 'merged' | 'already_erased';

export class ErasureError extends Error {
  constructor(
    readonly code: ErasureRefusal,
    message: string,
    /** The profile refused, when the hub found one (kept in the audit by id). */
    readonly customerId: string | null = null,
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
    if (c.merged_into && ids.length === 1) throw new ErasureError('merged', `customer ${id} was merged into ${c.merged_into}; erase ${c.merged_into} (the profiles merged into it go with it).`, id);
    if (!c.merged_into) people.set(id, c);
  }
  if (people.size === 0) throw new ErasureError('not_found', `No customer ${text} at the hub.`);
  if (people.size > 1) throw new ErasureError('ambiguous', `${text} belongs to ${people.size} customers (${[...people.keys()].join(', ')}); erase each by id.`);
  const person = [...people.values()][0]!;
  if (person.status === 'erased') throw new ErasureError('already_erased', `customer ${person.id} was already erased.`, String(person.id));
  return person;
}

/** The tombstone of a profile: who it was (id, home store, dates) and nothing personal. */
const tombstone = (c: Row, at: string): Row => ({
  ...c, first_name: '', last_name: '', first_name_key: '', last_name_key: '', address_line: null, city: null, region: null, postal_code: null, status: 'erased', updated_at: at,
});

/** Who asked: an admin (by id) through the API, or an operator at the hub's command line. */
export interface Requester {
  by: ErasureEntry['requestedBy'];
  name: string;
}

const NOTHING = { erased: [], identifiersRemoved: 0, consentsRemoved: 0, sendsDropped: 0, deletionsQueued: [] };

/** Erases a customer, audited; a refusal is audited too (by customer id only, when one was found) and thrown. */
export async function eraseCustomer(store: HubStore, state: ConnectorState, ref: string, now: Date, requester: Requester): Promise<ErasureResult> {
  const audit = { requestedAt: now.toISOString(), requestedBy: requester.by, requester: requester.name };
  try {
    return await erase(store, state, ref, now, audit);
  } catch (err) {
    if (err instanceof ErasureError) await state.recordErasure({ ...audit, customerId: err.customerId, outcome: err.code, detail: NOTHING });
    throw err;
  }
}

/** The audit's latest entries, newest first, with each queued deletion's state. */
export const listErasures = (state: ConnectorState, limit = 50): Promise<ErasureRecord[]> => state.erasures(limit);

async function erase(store: HubStore, state: ConnectorState, ref: string, now: Date, audit: Pick<ErasureEntry, 'requestedAt' | 'requestedBy' | 'requester'>): Promise<ErasureResult> {
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
    const outbound = (await state.listConnectors()).filter((c) => OUTBOUND.has(c.vendor));
    for (const id of plan.erased) {
      sendsDropped += await dropPending(state, id, now, 'customer erased');
      await state.enqueue(outbound.map((c) => statusItem(c.id, 'erased', id, at, now)));
    }
    for (const c of outbound) deletionsQueued.push({ connectorId: c.id, vendor: c.vendor });
    const detail = { erased: plan.erased, identifiersRemoved: plan.identifiers, consentsRemoved: plan.consents, sendsDropped, deletionsQueued };
    // In the erasure's transaction: an erasure is never done without its audit entry, nor audited undone.
    await state.recordErasure({ ...audit, customerId: plan.customerId, outcome: 'erased', detail });
    return { customerId: plan.customerId, ...detail, at };
  });
}

/** One audit entry as the command line prints it. */
export function formatErasure(e: ErasureRecord): string {
  const who = `${e.requestedBy === 'admin' ? 'admin' : 'operator'} ${e.requester}`;
  if (e.outcome !== 'erased') return `${e.requestedAt}  ${who}  refused (${e.outcome.replaceAll('_', ' ')})${e.customerId ? `  customer ${e.customerId}` : ''}`;
  const d = e.detail;
  const lines = [
    `${e.requestedAt}  ${who}  erased customer ${e.customerId} (${d.erased.length} profile(s), ${d.identifiersRemoved} identifier(s), ${d.consentsRemoved} consent(s), ${d.sendsDropped} pending send(s) dropped)`,
    ...e.deletions.map((q) => `    ${q.connectorId} (${q.vendor}): deletion ${q.status}${q.doneAt ? ` ${q.doneAt}` : ''}${q.error ? ` — ${q.error}` : ''}`),
  ];
  return lines.join('\n');
}
