import { describe, expect, it } from 'vitest';
import { openSmallStore } from '../testing/smallStore.js';
import { explainPlan } from '../testing/queryPlan.js';
import { BY_FULL_NAME_SQL, BY_IDENTIFIER_SQL, BY_ONE_NAME_SQL, interpretQuery, lookupCustomers } from './lookup.js';
import { CARD_DUPLICATES_SQL, CARD_PURCHASES_SQL, CARD_VISITS_SQL, customerCard } from './card.js';

const db = openSmallStore();
const ids = (q: string, kind: Parameters<typeof lookupCustomers>[2] = 'auto') =>
  lookupCustomers(db, q, kind).matches.map((m) => m.id).sort();

describe('interpretQuery', () => {
  it.each([
    ['john.doe@gmail.com', 'email'],
    ['EC-1000-0001', 'loyalty'],
    ['ec10000001', 'loyalty'],
    ['(303) 555-0142', 'phone'],
    ['+1 303 555 0142', 'phone'],
    ['doe', 'name'],
    ['John Doe', 'name'],
  ])('%s is read as %s', (q, kind) => {
    expect(interpretQuery(q)).toBe(kind);
  });
});

describe('lookupCustomers', () => {
  it('finds both profiles of one person by any spelling of a Gmail address', () => {
    expect(ids('JOHN.DOE@gmail.com')).toEqual(['C1', 'C2']);
    expect(ids('john.doe+x@googlemail.com')).toEqual(['C1', 'C2']);
    expect(lookupCustomers(db, 'john.doe@gmail.com', 'auto').normalized).toBe('johndoe@gmail.com');
  });

  it('finds by phone in any common formatting', () => {
    for (const q of ['303.555.0142', '+1 303 555 0142', '(303) 555-0142', '3035550142']) expect(ids(q)).toEqual(['C1']);
  });

  it('finds by loyalty id however it is typed', () => {
    expect(ids('ec10000001')).toEqual(['C1']);
    expect(ids('10000001', 'loyalty')).toEqual(['C1']);
  });

  it('finds by name: one word, both orders, accents folded', () => {
    expect(ids('doe')).toEqual(['C1', 'C2']);
    expect(ids('doe john')).toEqual(['C1', 'C2']);
    expect(ids('John D')).toEqual(['C1', 'C2']);
    expect(ids('zoe angstrom')).toEqual(['C3']);
    expect(ids('ÅNG')).toEqual(['C3']);
  });

  it('never returns an erased customer', () => {
    expect(ids('gone@example.org')).toEqual([]);
    expect(ids('erased')).toEqual([]);
  });

  it('returns nothing, not an error, for a well-formed value nobody has', () => {
    expect(lookupCustomers(db, 'nobody@example.com', 'auto')).toMatchObject({ interpretedAs: 'email', matches: [] });
  });

  it('gives a typed error for input that cannot be the kind asked for', () => {
    expect(() => lookupCustomers(db, '@@@', 'auto')).toThrow(/not a complete email/);
    expect(() => lookupCustomers(db, 'abc', 'phone')).toThrow(/phone number/);
    expect(() => lookupCustomers(db, '!!!', 'name')).toThrow(/at least one letter/);
  });

  it('treats SQL and search syntax as plain text', () => {
    expect(ids(`doe' OR 1=1 --`)).toEqual([]);
    // search operators are just words: first word "doe", last word "john"
    expect(ids('"doe" NEAR john*')).toEqual(ids('doe john'));
  });
});

describe('customerCard', () => {
  it('shows history and the other profile that shares the normalized email', () => {
    const card = customerCard(db, 'C1');
    expect(card.name).toBe('John Doe');
    expect(card.recentVisits).toEqual([
      expect.objectContaining({ orderId: 'O1', itemCount: 1, totalCents: 24900, locationName: 'Boulder Flagship' }),
    ]);
    expect(card.recentPurchases[0]).toMatchObject({ sku: 'SKU-1', title: 'Ridgeline 2 Tent', categoryPath: 'Outdoor > Tents' });
    expect(card.possibleDuplicates.map((d) => [d.id, d.matchedBy])).toEqual([['C2', 'email']]);
    expect(card.identifiers.map((i) => i.kind).sort()).toEqual(['email', 'loyalty', 'phone']);
  });

  it('does not show an erased customer', () => {
    expect(() => customerCard(db, 'C4')).toThrow(/No customer/);
    expect(() => customerCard(db, 'NOPE')).toThrow(/No customer/);
  });
});

describe('query plans of the lookup queries', () => {
  // A lost index turns these into full scans of every customer at checkout.
  it('looks up identifiers by primary key', () => {
    const plan = explainPlan(db, BY_IDENTIFIER_SQL, ['email', 'x']);
    expect(plan).toMatch(/SEARCH x USING PRIMARY KEY \(kind=\? AND value=\?\)/);
    expect(plan).not.toMatch(/SCAN (x|c)\b/);
  });
  it('looks up one name through both name indexes', () => {
    const plan = explainPlan(db, BY_ONE_NAME_SQL, { a: 'd', a_end: 'd\uffff' });
    expect(plan).toMatch(/customers_last_first/);
    expect(plan).toMatch(/customers_first_last/);
    expect(plan).not.toMatch(/SCAN c\b/);
  });
  it('looks up a full name through the name indexes', () => {
    const plan = explainPlan(db, BY_FULL_NAME_SQL, { a: 'j', a_end: 'j\uffff', b: 'd', b_end: 'd\uffff' });
    expect(plan).toMatch(/customers_first_last|customers_last_first/);
    expect(plan).not.toMatch(/SCAN c\b/);
  });
  it('reads a card by customer indexes', () => {
    expect(explainPlan(db, CARD_VISITS_SQL, ['C1'])).toMatch(/SEARCH o USING INDEX orders_customer_placed/);
    expect(explainPlan(db, CARD_PURCHASES_SQL, ['C1'])).toMatch(/SEARCH o USING INDEX orders_customer_placed/);
    const dup = explainPlan(db, CARD_DUPLICATES_SQL, ['C1']);
    expect(dup).toMatch(/SEARCH mine USING (COVERING )?INDEX customer_identifiers_customer/);
    expect(dup).not.toMatch(/SCAN (mine|other|c)\b/);
  });
});
