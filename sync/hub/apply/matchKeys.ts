// The device's match forms of names and emails, for the customer rows the hub writes from
// customer events. They mirror core/identity/normalize.ts exactly (the hub may not import
// device code); the events do not carry them yet, and a row pulled with another form would
// make the device's lookup miss the customer.
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

/** Lower case, IDN domain in ASCII, provider aliases folded; null when it is not an address. */
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

/** E.164 from any common formatting (US by default), or null; mirrors normalizePhone. */
export function phoneMatchKey(input: string, defaultCountry: CountryCode = 'US'): string | null {
  const phone = parsePhoneNumberFromString(input, defaultCountry);
  return phone?.isPossible() ? phone.number : null;
}

/** Loyalty ids as printed (`EC-1234-5678`) and typed any which way; mirrors normalizeLoyaltyId. */
export function loyaltyMatchKey(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const m = /^(?:EC)?(\d{8})$/.exec(compact);
  return m ? `EC${m[1]}` : null;
}
