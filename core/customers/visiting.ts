// Looking up a customer of another store: by an exact key the shopper gave (email, phone,
// loyalty id), asked of the hub, which decides and audits. The answer is shown read-only with its
// home store; nothing is written here, so the customer's home store and profile stay as they are.
// Offline (or without a hub) the register says so: other stores were not searched.
import type { SyncPort } from '../contract/ports.js';
import type { Session, VisitingLookupResult } from '../contract/types.js';
import { interpretQuery, normalizeIdentifier } from './lookup.js';

const KIND_NAMES = { email: 'email address', phone: 'phone number', loyalty: 'loyalty id' } as const;

export async function lookupVisiting(
  sync: SyncPort | null,
  session: Pick<Session, 'staffId' | 'registerId'>,
  query: string,
  kind: 'auto' | 'email' | 'phone' | 'loyalty',
): Promise<VisitingLookupResult> {
  const as = kind === 'auto' ? interpretQuery(query) : kind;
  if (as === 'name') return { status: 'not_searched', reason: 'Other stores are searched by email, phone or loyalty id, never by name.' };
  const value = normalizeIdentifier(as, query);
  if (!value) return { status: 'not_searched', reason: `Other stores not searched: that is not a complete ${KIND_NAMES[as]}.` };
  if (!sync?.lookupVisiting || sync.connection() !== 'online') return { status: 'not_searched', reason: 'Other stores not searched: the hub is not reachable.' };
  try {
    const customer = await sync.lookupVisiting({ kind: as, value }, { staffId: session.staffId, registerId: session.registerId });
    return customer ? { status: 'found', customer } : { status: 'not_found', normalized: value };
  } catch {
    return { status: 'not_searched', reason: 'Other stores not searched: the hub did not answer.' };
  }
}
