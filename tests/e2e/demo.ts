// What the tests know about the demo chain, from the generator itself (not copied), so a
// change to the demo data cannot silently make a test check the wrong thing.
import { DEMO_FIXTURES, DEMO_STAFF } from '../../core/demo/generate.js';

export { DEMO_FIXTURES };

export function staffNamed(displayName: string) {
  const person = DEMO_STAFF.find((s) => s.displayName === displayName);
  if (!person) throw new Error(`No demo staff member named ${displayName}`);
  return person;
}

/** A PIN that is nobody's at this store, for wrong-PIN tests. */
export function wrongPinFor(displayName: string): string {
  const pin = staffNamed(displayName).pin;
  return pin === '9090' ? '9191' : '9090';
}
