// Who might the customer at the counter already be? Exact: the same address once normalized
// (john.doe@gmail.com = johndoe@gmail.com). Likely: the same phone or loyalty id, or an address
// one slip away in the same domain (john.doe@outlook.com vs johndoe@outlook.com: two mailboxes,
// so only "likely", for the associate to ask). A shared name alone is support, never a match.
import type Database from 'better-sqlite3';
import type { ConsentPurpose, MatchCandidate, MatchReason } from '../contract/areas/captureTypes.js';
import type { Segment } from '../contract/types.js';
import { statement } from '../db/statements.js';
import { nameKey } from '../identity/normalize.js';
import { editDistance } from '../text/editDistance.js';

export interface MatchQuery {
  matchKey: string | null;
  phoneE164: string | null;
  firstName?: string;
  lastName?: string;
  /** The profile already open at the till, if any: always listed first. */
  customerId?: string | null;
}

const MAX_MATCHES = 6;
/** Local parts of at least this length may differ by two edits; shorter ones by one. */
const LONG_LOCAL = 8;

const LIVE_BY_IDENTIFIER = `
  SELECT x.customer_id AS id FROM customer_identifiers x JOIN customers c ON c.id = x.customer_id
  WHERE x.kind = ? AND x.value = ? AND c.status != 'erased' AND c.merged_into IS NULL`;

/**
 * Addresses of one domain whose length is within `max` of this one's (more edits apart than
 * that cannot be one slip). Whether their profile is live is read for the few that match
 * (PROFILE): a large domain holds tens of thousands of addresses (gmail.com: 39k of 100k).
 */
export const SAME_DOMAIN_SQL = `
  SELECT x.value, x.customer_id AS id FROM customer_identifiers x
  WHERE x.kind = 'email' AND substr(x.value, instr(x.value, '@') + 1) = ? AND abs(length(x.value) - ?) <= ?`;

const SAME_NAME = `
  SELECT id FROM customers WHERE first_name_key = ? AND last_name_key = ? AND status != 'erased' AND merged_into IS NULL LIMIT 50`;

const PROFILE = `
  SELECT c.id, trim(c.first_name || ' ' || c.last_name) AS name, c.city, coalesce(f.segment, 'prospect') AS segment,
         f.last_order_at AS lastOrderAt,
         (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC LIMIT 1) AS email,
         (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'phone' ORDER BY i.is_primary DESC LIMIT 1) AS phone
  FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id
  WHERE c.id = ? AND c.status != 'erased' AND c.merged_into IS NULL`;

export function findMatches(db: Database.Database, q: MatchQuery): MatchCandidate[] {
  const reasons = new Map<string, Set<MatchReason>>();
  const add = (id: string, r: MatchReason) => (reasons.get(id) ?? reasons.set(id, new Set()).get(id)!).add(r);
  const ids = (kind: string, value: string) => (statement(db, LIVE_BY_IDENTIFIER).all(kind, value) as { id: string }[]).map((r) => r.id);

  if (q.matchKey) {
    for (const id of ids('email', q.matchKey)) add(id, 'same_email');
    const at = q.matchKey.lastIndexOf('@');
    const local = q.matchKey.slice(0, at);
    const max = local.length >= LONG_LOCAL ? 2 : 1;
    for (const row of statement(db, SAME_DOMAIN_SQL).all(q.matchKey.slice(at + 1), q.matchKey.length, max) as { value: string; id: string }[]) {
      if (row.value === q.matchKey) continue;
      const other = row.value.slice(0, row.value.lastIndexOf('@'));
      if (editDistance(local, other, max) <= max) add(row.id, 'similar_email');
    }
  }
  if (q.phoneE164) for (const id of ids('phone', q.phoneE164)) add(id, 'same_phone');
  const first = q.firstName ? nameKey(q.firstName) : '';
  const last = q.lastName ? nameKey(q.lastName) : '';
  if (first && last) {
    for (const { id } of statement(db, SAME_NAME).all(first, last) as { id: string }[]) {
      if (reasons.has(id)) add(id, 'same_name'); // support for another signal only
    }
  }

  const candidates: MatchCandidate[] = [];
  for (const [id, why] of reasons) {
    const confidence = why.has('same_email') ? 'exact' : 'likely';
    const profile = statement(db, PROFILE).get(id) as Omit<MatchCandidate, 'confidence' | 'reasons' | 'hasThisEmail' | 'consents'> & { segment: Segment } | undefined;
    if (!profile) continue;
    candidates.push({ ...profile, confidence, reasons: [...why], hasThisEmail: why.has('same_email'), consents: emailConsents(db, id) });
  }
  const rank = (c: MatchCandidate) => (c.id === q.customerId ? 0 : c.confidence === 'exact' ? 1 : 2) * 10 - c.reasons.length;
  return candidates.sort((a, b) => rank(a) - rank(b) || (b.lastOrderAt ?? '').localeCompare(a.lastOrderAt ?? '')).slice(0, MAX_MATCHES);
}

export function emailConsents(db: Database.Database, customerId: string): MatchCandidate['consents'] {
  return statement(db, `SELECT purpose, status FROM consents WHERE customer_id = ? AND channel = 'email' ORDER BY purpose`).all(customerId) as {
    purpose: ConsentPurpose;
    status: 'granted' | 'withdrawn' | 'suppressed';
  }[];
}
