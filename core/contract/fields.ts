// Field rules for what people type into forms, each with the message a person reads next to the
// field. They are the ONE source for a field: the API's input schemas use them, and the forms show
// the device's verdict (the renderer may not run core code, so it asks the device through
// `fields.check` and shows the message it gets back; see README "Forms").
//
// Email and phone use the same libraries as checkout capture: validator's isEmail with capture's
// options, libphonenumber-js to E.164. Postal codes use validator's isPostalCode for the countries
// the chain ships to.
import { z } from 'zod';
import isEmail from 'validator/lib/isEmail.js';
import isPostalCode from 'validator/lib/isPostalCode.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { FORBIDDEN_CHARS } from './schemas.js';

/** Where ship-to-home orders can go (the demo chain's stores are all in the US). */
export const SHIP_TO_COUNTRIES = ['US'] as const;
/** Phone numbers typed without a country code are read as this country's. */
export const PHONE_DEFAULT_COUNTRY = 'US' as const;

const EMAIL_SYNTAX = { allow_utf8_local_part: true, require_tld: true, allow_ip_domain: false, allow_display_name: false, ignore_max_length: false };

/** Letters of any script, with the spaces, hyphens, apostrophes and dots names carry. */
const NAME = /^\p{L}[\p{L}\p{M} .'’-]*$/u;
/** Street addresses: letters, digits and the punctuation addresses use; nothing like `<<<`. */
const STREET = /^(?=.*\p{L})(?=.*\d)[\p{L}\p{M}\d .,'’#/-]+$/u;
const PLACE = /^\p{L}[\p{L}\p{M} .'’-]*$/u;

/**
 * Typed text (NFC, trimmed, no control characters, at most `max` characters) that `ok` accepts,
 * with one plain message for every way it can be wrong: a person fixes the field, not the rule.
 */
function field(max: number, message: string, ok: (s: string) => boolean) {
  return z
    .string({ message })
    .max(max * 4, { message }) // cheap bound before normalizing
    .transform((s) => s.normalize('NFC').trim())
    .refine((s) => !FORBIDDEN_CHARS.test(s) && [...s].length <= max && ok(s), { message });
}

const matches = (pattern: RegExp, min: number) => (s: string) => [...s].length >= min && pattern.test(s);

export const personName = field(120, 'Use letters, spaces, hyphens or apostrophes (at least 2 letters).', matches(NAME, 2));

/** A first or last name at checkout capture: may be left empty, else letters as above. */
export const namePart = field(60, 'Use letters, spaces, hyphens or apostrophes.', (s) => s === '' || NAME.test(s));

export const emailAddress = field(254, 'Type a complete email address, like name@example.com.', (s) => isEmail(s, EMAIL_SYNTAX));

/** Any way a phone is typed, stored as E.164 (+13035550142). */
export const phoneNumber = field(40, 'Type a phone number we can dial, like 303 555 0142.', () => true).transform((s, ctx) => {
  const phone = /^[\d\s()+.\-]+$/.test(s) ? parsePhoneNumberFromString(s, PHONE_DEFAULT_COUNTRY) : undefined;
  if (!phone?.isValid()) {
    ctx.addIssue({ code: 'custom', message: 'Type a phone number we can dial, like 303 555 0142.' });
    return z.NEVER;
  }
  return phone.number;
});

export const deliveryAddress = z
  .object({
    line: field(120, 'Type the street and house number, like 1701 Wynkoop St.', matches(STREET, 3)),
    city: field(60, 'Type the city in letters, like Denver.', matches(PLACE, 2)),
    region: field(40, 'Type the state, like CO or Colorado.', matches(PLACE, 2)),
    postalCode: field(12, 'Type a 5-digit ZIP code, like 80202 (or ZIP+4, 80202-1234).', (s) => SHIP_TO_COUNTRIES.some((c) => isPostalCode(s, c))),
  })
  .strict();

/** An optional detail: left empty (or out) means "not given", anything typed must pass. */
export function optional<T extends z.ZodType<unknown, string>>(schema: T) {
  return z
    .string()
    .nullable()
    .optional()
    .transform((v) => (v == null || v.trim() === '' ? null : v))
    .pipe(schema.nullable());
}

/** Every field `fields.check` can judge, by the name the forms use. */
export const FIELD_RULES = {
  name: personName,
  email: emailAddress,
  phone: phoneNumber,
  'address.line': deliveryAddress.shape.line,
  'address.city': deliveryAddress.shape.city,
  'address.region': deliveryAddress.shape.region,
  'address.postalCode': deliveryAddress.shape.postalCode,
} as const;

export type FieldName = keyof typeof FIELD_RULES;

/** The plain-words problem with each given field (fields without one are left out). */
export function fieldProblems(values: Partial<Record<FieldName, string>>): Partial<Record<FieldName, string>> {
  const out: Partial<Record<FieldName, string>> = {};
  for (const [name, value] of Object.entries(values) as [FieldName, string][]) {
    const parsed = (FIELD_RULES[name] as z.ZodType).safeParse(value);
    if (!parsed.success) out[name] = parsed.error.issues[0]?.message ?? 'Check this field.';
  }
  return out;
}
