import { describe, expect, it } from 'vitest';
import { deliveryAddress, emailAddress, fieldProblems, optional, personName, phoneNumber } from './fields.js';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, v: unknown) => schema.safeParse(v).success;
const message = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, v: unknown) =>
  schema.safeParse(v).error?.issues[0]?.message;

describe('field rules (one source for the forms and the API)', () => {
  it('names: letters of any script with spaces, hyphens, apostrophes; nothing else', () => {
    for (const good of ['Ava Martinez', "Siobhán O'Neill", 'Jean-Luc', 'Zoë', '李 小龙']) expect(ok(personName, good), good).toBe(true);
    for (const bad of ['R2-D2', 'A', '<script>', '', '   ', 'x'.repeat(121)]) expect(ok(personName, bad), bad).toBe(false);
    expect(message(personName, 'R2-D2')).toBe('Use letters, spaces, hyphens or apostrophes (at least 2 letters).');
  });

  it('email: the syntax capture accepts, internationalized included', () => {
    for (const good of ['lena.park@gmail.com', 'josé@correo.es']) expect(ok(emailAddress, good), good).toBe(true);
    for (const bad of ['not-an-email', 'a@b', 'a@[127.0.0.1]', 'Name <a@b.com>']) expect(ok(emailAddress, bad), bad).toBe(false);
    expect(message(emailAddress, 'not-an-email')).toMatch(/^Type a complete email address/);
  });

  it('phone: any way it is typed, stored as E.164; words are refused', () => {
    expect(phoneNumber.parse('(303) 555-0142')).toBe('+13035550142');
    expect(phoneNumber.parse('+44 20 7946 0958')).toBe('+442079460958');
    for (const bad of ['call me maybe', '123', '555-0142-999999']) expect(ok(phoneNumber, bad), bad).toBe(false);
  });

  it('optional details: empty means not given, anything typed must pass', () => {
    const email = optional(emailAddress);
    expect(email.parse('')).toBeNull();
    expect(email.parse('  ')).toBeNull();
    expect(email.parse(undefined)).toBeNull();
    expect(ok(email, 'nope')).toBe(false);
  });

  it('addresses: a street with a number, city and state in letters, a US ZIP (validator isPostalCode)', () => {
    const good = { line: '1701 Wynkoop St', city: 'Denver', region: 'CO', postalCode: '80202' };
    expect(ok(deliveryAddress, good)).toBe(true);
    expect(ok(deliveryAddress, { ...good, postalCode: '80202-1234' })).toBe(true);
    for (const [field, bad] of [
      ['line', '<<<'],
      ['city', '!!'],
      ['region', '??'],
      ['postalCode', 'ABCDE'],
      ['postalCode', '8020212345678'],
    ] as const) {
      expect(ok(deliveryAddress, { ...good, [field]: bad }), `${field}=${bad}`).toBe(false);
    }
    expect(message(deliveryAddress.shape.postalCode, '8020212345678')).toMatch(/^Type a 5-digit ZIP code/);
  });

  it('fieldProblems names only the fields that are wrong', () => {
    expect(fieldProblems({ name: 'Rae Lin', email: 'rae@', 'address.postalCode': '80202' })).toEqual({ email: expect.stringMatching(/email address/) });
  });
});
