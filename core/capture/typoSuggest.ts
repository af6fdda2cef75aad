// Domain typo suggestions (gmial.com → gmail.com) from the mailcheck fork, limited to the
// providers our customers actually use: a suggestion must land on a known mailbox provider,
// one or two slips away, so a real domain like cs.colorado.edu is never "corrected" to another.
import { run as suggestDomain } from '@zootools/email-spell-checker';
import { editDistance } from '../text/editDistance.js';

export const KNOWN_PROVIDERS = [
  'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'rocketmail.com', 'hotmail.com', 'outlook.com', 'live.com', 'msn.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'comcast.net', 'att.net', 'sbcglobal.net', 'verizon.net', 'cox.net', 'charter.net',
  'bellsouth.net', 'earthlink.net', 'optonline.net', 'frontier.com', 'centurylink.net', 'juno.com', 'protonmail.com', 'proton.me',
  'hey.com', 'zoho.com', 'gmx.com', 'mail.com', 'yahoo.co.uk', 'hotmail.co.uk',
];
const KNOWN = new Set(KNOWN_PROVIDERS);
const SECOND_LEVEL = [...new Set(KNOWN_PROVIDERS.map((d) => d.split('.')[0]!))];
// No bare "co": "hotmial.con" should become hotmail.com, and a real ".co" domain is only ever
// suggested a change when the result is a known provider.
const TOP_LEVEL = ['com', 'net', 'org', 'edu', 'gov', 'us', 'ca', 'co.uk', 'me', 'io', 'uk', 'de', 'fr', 'mx', 'info'];

/** The corrected address when its domain looks like a typo of a known provider, else null. */
export function suggestAddress(address: string): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const domain = address.slice(at + 1).toLowerCase();
  if (KNOWN.has(domain)) return null;
  const found = suggestDomain({ email: address, domains: KNOWN_PROVIDERS, secondLevelDomains: SECOND_LEVEL, topLevelDomains: TOP_LEVEL });
  if (!found || !KNOWN.has(found.domain) || found.domain === domain) return null;
  // A slip of the finger, not another provider: yopmail.com is not a typo of ymail.com.
  const allowed = found.domain.split('.')[0]!.length >= 6 ? 2 : 1;
  if (editDistance(domain, found.domain, allowed) > allowed) return null;
  return `${address.slice(0, at)}@${found.domain}`;
}
