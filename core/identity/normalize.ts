import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

// Providers where dots in the local part are ignored and `+tag` is an alias:
// john.doe+shoes@gmail.com reaches the same inbox as johndoe@gmail.com.
const DOT_INSENSITIVE = new Set(['gmail.com', 'googlemail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

/**
 * The form of an email used for matching people, not for sending:
 * lower case, IDN domain in ASCII, provider aliases folded. Null when it is not an address.
 */
export function normalizeEmailForMatch(input: string): string | null {
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

/** E.164 (`+15551234567`) from any common formatting, or null when it is not a phone number. */
export function normalizePhone(input: string, defaultCountry: CountryCode = 'US'): string | null {
  const phone = parsePhoneNumberFromString(input, defaultCountry);
  return phone?.isPossible() ? phone.number : null;
}

/** Loyalty ids are printed as `EC-1234-5678` and typed any which way. */
export function normalizeLoyaltyId(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const m = /^(?:EC)?(\d{8})$/.exec(compact);
  return m ? `EC${m[1]}` : null;
}

export function formatLoyaltyId(normalized: string): string {
  return `${normalized.slice(0, 2)}-${normalized.slice(2, 6)}-${normalized.slice(6)}`;
}

/** Lower case without accents, for prefix lookup by name: "Zoë" → "zoe". */
export function nameKey(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}' -]/gu, '')
    .trim();
}
