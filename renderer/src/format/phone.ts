// Phone numbers are kept as E.164 (+13035550101); people read them as they dial them. Parsed with
// libphonenumber-js, as the register's phone checks are: a home-country (US) number in its
// national form, (303) 555-0101; any other in its international form, +44 20 7946 0958.
import { parsePhoneNumberFromString } from 'libphonenumber-js';

const HOME_COUNTRY = 'US';

/** The number as people write it; anything that does not parse is shown as it is. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isPossible()) return e164;
  return parsed.country === HOME_COUNTRY ? parsed.formatNational() : parsed.formatInternational();
}
