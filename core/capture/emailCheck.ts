// Is this an address we can send to, and is it what the customer meant? Syntax (quoted local
// parts and IDN included) by validator.js; typo suggestions and disposable domains by their
// own well-kept lists; the form used for matching people by core/identity.
import isEmail from 'validator/lib/isEmail.js';
import { isDisposableEmailDomain } from 'disposable-email-domains-js';
import type { EmailVerdict } from '../contract/areas/captureTypes.js';
import { normalizeEmailForMatch } from '../identity/normalize.js';
import { suggestAddress } from './typoSuggest.js';

/** RFC 5321's limit on a forward path; anything longer cannot be delivered. */
export const MAX_EMAIL_LENGTH = 254;

const SYNTAX = {
  allow_utf8_local_part: true,
  require_tld: true,
  allow_ip_domain: false, // nobody at a till gives an IP-literal address
  allow_display_name: false,
  ignore_max_length: false,
};

export function checkEmail(input: string): EmailVerdict {
  const typed = input.normalize('NFC').trim();
  const base = { input: typed, address: null, matchKey: null, suggestion: null, disposable: false } as const;
  if (!typed) return { ...base, valid: false, problem: 'Type the customer’s email address.' };
  if ([...typed].length > MAX_EMAIL_LENGTH) return { ...base, valid: false, problem: `An address has at most ${MAX_EMAIL_LENGTH} characters.` };
  if (!typed.includes('@')) return { ...base, valid: false, problem: 'An email address needs an @.' };
  if (/\s/.test(typed) && !typed.startsWith('"')) return { ...base, valid: false, problem: 'An email address has no spaces.' };

  const at = typed.lastIndexOf('@');
  // The domain is case-insensitive; the local part is kept exactly as typed.
  const address = `${typed.slice(0, at)}@${typed.slice(at + 1).toLowerCase()}`;
  const suggestion = suggestAddress(address);
  if (!isEmail(address, SYNTAX)) {
    return { ...base, valid: false, problem: 'That is not a complete email address.', suggestion: suggestion && isEmail(suggestion, SYNTAX) ? suggestion : null };
  }
  const matchKey = normalizeEmailForMatch(address);
  if (!matchKey) return { ...base, valid: false, problem: 'That is not a complete email address.' };
  const domain = address.slice(at + 1);
  return {
    input: typed,
    valid: true,
    problem: null,
    address,
    matchKey,
    suggestion,
    // A typo of a big provider is often listed as disposable; the suggestion is the better hint.
    disposable: !suggestion && isDisposableEmailDomain(domain),
  };
}
