import { describe, expect, it } from 'vitest';
import { addCustomer, openSmallStore } from '../testing/smallStore.js';
import { editDistance } from '../text/editDistance.js';
import { checkEmail } from './emailCheck.js';
import { findMatches } from './matching.js';

function store() {
  const db = openSmallStore(); // C1 john.doe@gmail.com (+ phone, loyalty), C2 johndoe@gmail.com, C3 zoe@example.org, C4 erased
  addCustomer(db, { id: 'C5', first: 'John', last: 'Doe', email: 'john.doe@outlook.com', phone: '(720) 555-0163' });
  addCustomer(db, { id: 'C6', first: 'John', last: 'Doe', email: 'johndoe@outlook.com', phone: '(503) 555-0188' });
  addCustomer(db, { id: 'C7', first: 'Priya', last: 'Natarajan', email: 'priya.natarajan@yahoo.com' });
  return db;
}
const key = (email: string) => checkEmail(email).matchKey;

describe('editDistance', () => {
  it('counts an adjacent swap as one slip', () => {
    expect(editDistance('john', 'jonh')).toBe(1);
    expect(editDistance('john', 'john')).toBe(0);
    expect(editDistance('johndoe', 'jondoe')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBe(Infinity); // gave up early: more than the limit
  });
});

describe('findMatches', () => {
  it('treats john.doe@gmail.com and johndoe@gmail.com as one address: both profiles are exact matches', () => {
    const db = store();
    for (const typed of ['john.doe@gmail.com', 'johndoe@gmail.com', 'John.Doe+receipts@googlemail.com']) {
      const m = findMatches(db, { matchKey: key(typed), phoneE164: null });
      expect(m.filter((c) => c.confidence === 'exact').map((c) => c.id).sort(), typed).toEqual(['C1', 'C2']);
    }
  });

  it('keeps john.doe@outlook.com and johndoe@outlook.com apart: the other is only a likely match', () => {
    const db = store();
    const m = findMatches(db, { matchKey: key('johndoe@outlook.com'), phoneE164: null, firstName: 'John', lastName: 'Doe' });
    expect(m.filter((c) => c.confidence === 'exact').map((c) => c.id)).toEqual(['C6']);
    expect(m.find((c) => c.id === 'C5')).toMatchObject({ confidence: 'likely', hasThisEmail: false, reasons: ['similar_email', 'same_name'] });
  });

  it('finds a profile by the same phone, whatever the address', () => {
    const db = store();
    const m = findMatches(db, { matchKey: key('jd.new@protonmail.com'), phoneE164: '+13035550142' });
    expect(m.map((c) => [c.id, c.confidence, c.reasons])).toEqual([['C1', 'likely', ['same_phone']]]);
  });

  it('finds a near-identical address in the same domain, but not in another one', () => {
    const db = store();
    expect(findMatches(db, { matchKey: key('priya.natarajn@yahoo.com'), phoneE164: null }).map((c) => c.id)).toEqual(['C7']);
    // two slips in a long local part: two letters fewer is still near (and two more)
    expect(findMatches(db, { matchKey: key('priya.natarjn@yahoo.com'), phoneE164: null }).map((c) => c.id)).toEqual(['C7']);
    expect(findMatches(db, { matchKey: key('priya.natarajann1@yahoo.com'), phoneE164: null }).map((c) => c.id)).toEqual(['C7']);
    expect(findMatches(db, { matchKey: key('priya.natarj@yahoo.com'), phoneE164: null })).toEqual([]);
    expect(findMatches(db, { matchKey: key('priya.natarajan@gmail.com'), phoneE164: null })).toEqual([]);
    // short local parts allow one slip only
    expect(findMatches(db, { matchKey: key('zo@example.org'), phoneE164: null }).map((c) => c.id)).toEqual(['C3']);
    expect(findMatches(db, { matchKey: key('z@example.org'), phoneE164: null })).toEqual([]);
  });

  it('never offers a name alone, an erased or a merged profile', () => {
    const db = store();
    expect(findMatches(db, { matchKey: key('someone.else@example.com'), phoneE164: null, firstName: 'John', lastName: 'Doe' })).toEqual([]);
    expect(findMatches(db, { matchKey: key('gone@example.org'), phoneE164: null })).toEqual([]);
    expect(findMatches(db, { matchKey: key('gone1@example.org'), phoneE164: null })).toEqual([]);
    db.prepare(`UPDATE customers SET merged_into = 'C1' WHERE id = 'C2'`).run();
    expect(findMatches(db, { matchKey: key('johndoe@gmail.com'), phoneE164: null }).map((c) => c.id)).toEqual(['C1']);
  });

  it('lists the profile open at the till first', () => {
    const db = store();
    const m = findMatches(db, { matchKey: key('johndoe@gmail.com'), phoneE164: null, customerId: 'C2' });
    expect(m[0]!.id).toBe('C2');
  });
});
