import type { PhoneVerdict } from '../contract/areas/captureTypes.js';
import { normalizePhone } from '../identity/normalize.js';

/** A phone number typed any way, as E.164 (+13035550142) via libphonenumber-js, US by default. */
export function checkPhone(input: string): PhoneVerdict {
  const typed = input.trim();
  if (!typed) return { input: typed, valid: false, e164: null, problem: 'Type the customer’s phone number.' };
  const e164 = /^[\d\s()+.\-]+$/.test(typed) ? normalizePhone(typed) : null;
  return e164 ? { input: typed, valid: true, e164, problem: null } : { input: typed, valid: false, e164: null, problem: 'That is not a phone number we can dial.' };
}
