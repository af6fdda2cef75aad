import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';
import type { CustomerSummary, LookupResult, MatchedBy } from '../contract/types.js';
import { nameKey, normalizeEmailForMatch, normalizeLoyaltyId, normalizePhone } from '../identity/normalize.js';
import { statement } from '../db/statements.js';

export const LOOKUP_LIMIT = 25;

// Columns of a CustomerSummary, for a customer row aliased `c`.
const SUMMARY_COLUMNS = `
  c.id, c.first_name || ' ' || c.last_name AS name, c.city,
  (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC LIMIT 1) AS email,
  (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'phone' ORDER BY i.is_primary DESC LIMIT 1) AS phone,
  (SELECT raw FROM customer_identifiers i WHERE i.customer_id = c.id AND i.kind = 'loyalty' LIMIT 1) AS loyaltyId,
  coalesce(f.segment, 'prospect') AS segment, f.last_order_at AS lastOrderAt`;

export const BY_IDENTIFIER_SQL = `
  SELECT ${SUMMARY_COLUMNS}
  FROM customer_identifiers x
  JOIN customers c ON c.id = x.customer_id
  LEFT JOIN customer_features f ON f.customer_id = c.id
  WHERE x.kind = ? AND x.value = ? AND c.status != 'erased' AND c.merged_into IS NULL
  ORDER BY f.last_order_at DESC
  LIMIT ${LOOKUP_LIMIT + 1}`;

// One word: a first or last name starting with it. Two or more: first and last name, either order.
export const BY_ONE_NAME_SQL = `
  SELECT ${SUMMARY_COLUMNS}
  FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id
  WHERE ((c.last_name_key >= :a AND c.last_name_key < :a_end) OR (c.first_name_key >= :a AND c.first_name_key < :a_end))
    AND c.status != 'erased' AND c.merged_into IS NULL
  ORDER BY c.last_name_key, c.first_name_key
  LIMIT ${LOOKUP_LIMIT + 1}`;

export const BY_FULL_NAME_SQL = `
  SELECT ${SUMMARY_COLUMNS}
  FROM customers c LEFT JOIN customer_features f ON f.customer_id = c.id
  WHERE ((c.first_name_key >= :a AND c.first_name_key < :a_end AND c.last_name_key >= :b AND c.last_name_key < :b_end)
      OR (c.last_name_key >= :a AND c.last_name_key < :a_end AND c.first_name_key >= :b AND c.first_name_key < :b_end))
    AND c.status != 'erased' AND c.merged_into IS NULL
  ORDER BY c.last_name_key, c.first_name_key
  LIMIT ${LOOKUP_LIMIT + 1}`;

/** What the associate most likely typed: an email has an @, a loyalty id its format, a phone digits. */
export function interpretQuery(query: string): MatchedBy {
  if (query.includes('@')) return 'email';
  if (normalizeLoyaltyId(query)) return 'loyalty';
  const digits = query.replace(/\D/g, '');
  if (/^[\d\s()+.\-]+$/.test(query) && digits.length >= 7) return 'phone';
  return 'name';
}

export function lookupCustomers(db: Database.Database, query: string, kind: MatchedBy | 'auto'): LookupResult {
  const as = kind === 'auto' ? interpretQuery(query) : kind;
  let rows: CustomerSummaryRow[];
  let normalized: string;

  if (as === 'name') {
    const words = nameKey(query).split(/\s+/).filter(Boolean);
    if (words.length === 0) throw new ApiError('invalid_input', 'Type at least one letter of a name.');
    normalized = words.join(' ');
    const first = words[0]!;
    const last = words[words.length - 1]!;
    rows =
      words.length === 1
        ? (statement(db, BY_ONE_NAME_SQL).all({ a: first, a_end: prefixEnd(first) }) as CustomerSummaryRow[])
        : (statement(db, BY_FULL_NAME_SQL)
            .all({ a: first, a_end: prefixEnd(first), b: last, b_end: prefixEnd(last) }) as CustomerSummaryRow[]);
  } else {
    const value = normalizeIdentifier(as, query);
    if (!value) throw new ApiError('invalid_input', notValidMessage(as), { kind: as });
    normalized = value;
    rows = statement(db, BY_IDENTIFIER_SQL).all(as, value) as CustomerSummaryRow[];
  }

  return {
    interpretedAs: as,
    normalized,
    matches: rows.slice(0, LOOKUP_LIMIT).map((r) => ({ ...r, matchedBy: as })),
    truncated: rows.length > LOOKUP_LIMIT,
  };
}

export function normalizeIdentifier(kind: 'email' | 'phone' | 'loyalty', raw: string): string | null {
  switch (kind) {
    case 'email':
      return normalizeEmailForMatch(raw);
    case 'phone':
      return normalizePhone(raw);
    case 'loyalty':
      return normalizeLoyaltyId(raw);
  }
}

type CustomerSummaryRow = Omit<CustomerSummary, 'matchedBy'>;

// Upper bound of a prefix range: every key starting with `p` sorts below it.
function prefixEnd(p: string): string {
  return p + '\uffff';
}

function notValidMessage(kind: 'email' | 'phone' | 'loyalty'): string {
  switch (kind) {
    case 'email':
      return 'That is not a complete email address.';
    case 'phone':
      return 'That is not a phone number we can dial.';
    case 'loyalty':
      return 'A loyalty id looks like EC-1234-5678.';
  }
}
