// The match forms of names, emails, phones and loyalty ids: how the device looks a customer up
// and how the hub writes the customer rows it makes from events and feeds. One definition for
// both (a row pulled in another form would make the device's lookup miss the customer); a leaf
// that imports only libphonenumber-js, so core may use it and the hub still links no device code.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

const DOT_INSENSITIVE = new Set(['gmail.com', 'googlemail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/** Lower case without accents: "Zoë" → "zoe". */
export function nameKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]/gu, '')
    .trim();
}

/**
 * The form of an email used for matching people, not for sending: lower case, IDN domain in
 * ASCII, provider aliases folded (john.doe+shoes@gmail.com reaches johndoe@gmail.com). Null when
 * it is not an address.
 */
export function emailMatchKey(input: string): string | null {
  const s = input.trim().normalize('NFC');
  const at = s.lastIndexOf('@');
  if (at <= 0 || at === s.length - 1) return null;
  let local = s.slice(0, at).toLowerCase();
  let domain: string;
  try {
    domain = new URL(`http://${s.slice(at + 1)}`).hostname.toLowerCase();
  } catch {
    return null;
  }
  if (!domain.includes('.')) return null;
  domain = DOMAIN_ALIASES[domain] ?? domain;
  if (DOT_INSENSITIVE.has(domain)) {
    local = local.split('+')[0]!.replaceAll('.', '');
    if (!local) return null;
  }
  return `${local}@${domain}`;
}

/** E.164 (`+15551234567`) from any common formatting (US by default), or null when it is not a phone number. */
export function phoneMatchKey(input: string, defaultCountry: CountryCode = 'US'): string | null {
  const phone = parsePhoneNumberFromString(input, defaultCountry);
  return phone?.isPossible() ? phone.number : null;
}

/** Loyalty ids are printed as `EC-1234-5678` and typed any which way. */
export function loyaltyMatchKey(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const m = /^(?:EC)?(\d{8})$/.exec(compact);
  return m ? `EC${m[1]}` : null;
}
