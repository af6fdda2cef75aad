// The demo chain's customers: names, addresses, identifiers (email, phone, loyalty card) and
// consents, including deliberate duplicate profiles the way real CRMs accumulate them.
import { formatLoyaltyId, nameKey, normalizeEmailForMatch, normalizeLoyaltyId, normalizePhone } from '../identity/normalize.js';
import { DAY_MS, isoAt } from './calendar.js';
import { STORE_AREAS, STORE_IDS, type StoreId } from './chain.js';
import { FIRST_GENERATED_CUSTOMER, FIXTURE_SPECS, type FixtureSpec, type ScriptedOrder } from './fixtures.js';
import type { Rng } from './random.js';

/** How a generated customer shops; the segment is derived later from the orders alone. */
export type Persona = 'prospect' | 'first_timer' | 'occasional' | 'regular' | 'vip' | 'lapsing' | 'bargain';

const PERSONA_SHARES: ReadonlyArray<readonly [Persona, number]> = [
  ['prospect', 0.09],
  ['first_timer', 0.05],
  ['vip', 0.05],
  ['lapsing', 0.07],
  ['bargain', 0.09],
  ['occasional', 0.08],
  ['regular', 0.57],
];

export interface IdentifierRow {
  kind: 'email' | 'phone' | 'loyalty';
  value: string;
  raw: string;
  isPrimary: 0 | 1;
}

export interface ConsentRow {
  purpose: 'receipts' | 'marketing' | 'personalization';
  channel: 'email' | 'sms';
  status: 'granted' | 'withdrawn' | 'suppressed';
  recordedAt: string;
}

export interface CustomerPlan {
  id: string;
  firstName: string;
  lastName: string;
  homeStoreId: StoreId;
  addressLine: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  status: 'active' | 'suppressed' | 'erased';
  createdDay: number;
  createdAt: string;
  persona: Persona;
  identifiers: IdentifierRow[];
  consents: ConsentRow[];
  /** Fixed history for the known demo customers. */
  script?: readonly ScriptedOrder[];
}

export const CUSTOMER_COUNT = 6000;
const DUPLICATE_PROFILE_SHARE = 0.015;
const SUPPRESSED_SHARE = 0.003;

// --- vocab ---------------------------------------------------------------------------------------

const FIRST_NAMES = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'William', 'Mia', 'Benjamin', 'Charlotte',
  'Lucas', 'Amelia', 'Henry', 'Harper', 'Alexander', 'Evelyn', 'Michael', 'Abigail', 'Daniel', 'Emily', 'Matthew', 'Elizabeth',
  'Jackson', 'Sofia', 'Sebastian', 'Avery', 'David', 'Ella', 'Joseph', 'Scarlett', 'Samuel', 'Grace', 'Owen', 'Chloe',
  'Wyatt', 'Victoria', 'John', 'Riley', 'Jack', 'Aria', 'Luke', 'Lily', 'Jayden', 'Aubrey', 'Dylan', 'Zoey', 'Grayson',
  'Penelope', 'Levi', 'Lillian', 'Isaac', 'Addison', 'Gabriel', 'Layla', 'Julian', 'Natalie', 'Mateo', 'Camila', 'Anthony',
  'Hannah', 'Jaxon', 'Brooklyn', 'Lincoln', 'Zoe', 'Joshua', 'Nora', 'Christopher', 'Leah', 'Andrew', 'Savannah', 'Theodore',
  'Audrey', 'Caleb', 'Claire', 'Ryan', 'Eleanor', 'Asher', 'Skylar', 'Nathan', 'Ellie', 'Thomas', 'Samantha', 'Leo', 'Stella',
  'Isaiah', 'Paisley', 'Charles', 'Violet', 'Josiah', 'Mila', 'Hudson', 'Allison', 'Christian', 'Alexa', 'Hunter', 'Anna',
  'Connor', 'Hazel', 'Eli', 'Aaliyah', 'Ezra', 'Ariana', 'Aaron', 'Lucy', 'Landon', 'Caroline', 'Adrian', 'Sarah', 'Jonathan',
  'Genesis', 'Nolan', 'Kennedy', 'Jeremiah', 'Sadie', 'Easton', 'Gabriella', 'Elias', 'Madelyn', 'Colton', 'Adeline', 'Cameron',
  'Maya', 'Carson', 'Autumn', 'Robert', 'Aurora', 'Angel', 'Piper', 'Maverick', 'Hailey', 'Nicholas', 'Arianna', 'Dominic',
  'Kaylee', 'Jaxson', 'Ruby', 'Greyson', 'Serenity', 'Adam', 'Eva', 'Ian', 'Naomi', 'Austin', 'Nevaeh', 'Santiago', 'Alice',
  'Jordan', 'Luna', 'Cooper', 'Bella', 'Brayden', 'Quinn', 'Roman', 'Lydia', 'Evan', 'Peyton', 'Ezekiel', 'Melanie', 'Xavier',
  'Kinsley', 'Jose', 'Mackenzie', 'Jace', 'Madison', 'Jameson', 'Reagan', 'Wei', 'Priya', 'Arjun', 'Aisha', 'Omar', 'Fatima',
  'Hiroshi', 'Yuki', 'Kwame', 'Amara', 'Dmitri', 'Svetlana', 'Mohammed', 'Leila', 'Tariq', 'Nadia', 'Raj', 'Ananya', 'Minh',
  'Linh', 'Seo-yeon', 'Ji-ho', 'Kai', 'Malia', 'Tomás', 'Zoë', 'José', 'Chloé', 'Renée', 'André', 'Inés', 'Björn', 'Søren',
  'François', 'Noémie', 'Héctor', 'Jürgen', 'Ramón', 'Mónica', 'Agustín', 'Sinéad', 'Zoé', 'Léa', 'Thérèse', 'Anaïs',
];

const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez',
  'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White',
  'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott',
  'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter',
  'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart',
  'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson', 'Bailey', 'Reed',
  'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett',
  'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster',
  'Jimenez', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes',
  'Gonzales', 'Fisher', 'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds',
  'Griffin', 'Wallace', 'Moreno', 'West', 'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina', 'Aguilar',
  'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall', 'Owens', 'Harrison', 'Fernandez', 'McDonald', 'Woods', 'Washington',
  'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman', 'Webb', 'Tucker', 'Guzman', 'Burns', 'Crawford', 'Olson', 'Simpson',
  "O'Brien", "O'Connor", 'Nakamura', 'Tanaka', 'Wang', 'Zhang', 'Liu', 'Singh', 'Shah', 'Okafor', 'Mensah', 'Haddad', 'Khan',
  'Ivanov', 'Novak', 'Kowalski', 'Lindqvist', 'Larsen', 'Johansson', 'Nieminen', 'Schmidt', 'Weber', 'Becker', 'Rossi',
  'Russo', 'Dubois', 'Lefèvre', 'Müller', 'Núñez', 'Peña', 'Ibáñez', 'Muñoz', 'Gómez', 'Pérez', 'Sørensen', 'Çelik', 'Đặng',
  'Nguyễn', 'Bjørn', 'Østergaard', 'Fontaine', 'Beaulieu', 'Van der Berg', 'De la Cruz', 'MacLeod', 'Fitzgerald', 'Abernathy',
];

const STREETS = [
  'Maple', 'Oak', 'Cedar', 'Pine', 'Elm', 'Aspen', 'Willow', 'Birch', 'Spruce', 'Juniper', 'Lincoln', 'Washington', 'Jefferson',
  'Colfax', 'Broadway', 'Pearl', 'Market', 'Grant', 'Logan', 'Franklin', 'Sherman', 'Clarkson', 'Emerson', 'Ogden', 'Downing',
  'Hawthorne', 'Alder', 'Division', 'Burnside', 'Belmont', 'Highland', 'Sunset', 'Ridge', 'Meadow', 'Canyon', 'Lake', 'River',
  'Park', 'Hillcrest', 'Valley', 'Mountain View', 'Columbine', 'Sycamore', 'Magnolia', 'Evergreen',
];
const STREET_SUFFIXES = ['St', 'St', 'Ave', 'Ave', 'Dr', 'Ct', 'Way', 'Ln', 'Pl', 'Blvd', 'Rd', 'Cir'];

// Shares roughly as US consumer mailboxes are spread, with a tail of small ISPs.
const EMAIL_DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ['gmail.com', 40], ['yahoo.com', 13], ['outlook.com', 9], ['hotmail.com', 7], ['icloud.com', 10], ['aol.com', 3],
  ['comcast.net', 4], ['me.com', 2], ['proton.me', 2], ['msn.com', 1.5], ['att.net', 1.5], ['sbcglobal.net', 1], ['live.com', 1.5],
  ['centurylink.net', 1], ['q.com', 0.5], ['frontier.com', 0.5], ['xfinity.com', 0.5], ['fastmail.com', 0.5], ['googlemail.com', 0.5],
];
const DOMAIN_NAMES = EMAIL_DOMAINS.map(([d]) => d);
const DOMAIN_WEIGHTS = EMAIL_DOMAINS.map(([, w]) => w);

// --- building ------------------------------------------------------------------------------------

interface Registry {
  emails: Set<string>;
  phones: Set<string>;
  loyalty: Set<string>;
}

/** All customers: the fixtures first (C-000001…), then generated ones up to `count`. */
export function buildCustomers(rng: Rng, anchorDay: number, count = CUSTOMER_COUNT): CustomerPlan[] {
  const registry: Registry = { emails: new Set(), phones: new Set(), loyalty: new Set() };
  const customers: CustomerPlan[] = Object.values(FIXTURE_SPECS).map((spec) => fixturePlan(spec, anchorDay, rng, registry));
  const personaNames = PERSONA_SHARES.map(([p]) => p);
  const personaWeights = PERSONA_SHARES.map(([, w]) => w);

  for (let n = FIRST_GENERATED_CUSTOMER; customers.length < count; n++) {
    const r = rng.fork(`customer:${n}`);
    const persona = r.weighted(personaNames, personaWeights);
    const person = generatedPlan(customerId(n), persona, r, anchorDay, registry);
    customers.push(person);
    if (customers.length < count && r.chance(DUPLICATE_PROFILE_SHARE)) {
      n++;
      customers.push(duplicateProfile(customerId(n), person, r, anchorDay));
    }
  }
  return customers;
}

export function customerId(n: number): string {
  return `C-${String(n).padStart(6, '0')}`;
}

function generatedPlan(id: string, persona: Persona, r: Rng, anchorDay: number, registry: Registry): CustomerPlan {
  const firstName = r.pick(FIRST_NAMES);
  const lastName = r.pick(LAST_NAMES);
  const homeStoreId = r.weighted(STORE_IDS, [0.5, 0.25, 0.25]);
  const createdDay = anchorDay - createdDaysAgo(persona, r);
  const status = r.chance(SUPPRESSED_SHARE) ? 'suppressed' : 'active';

  const identifiers: IdentifierRow[] = [];
  const hasEmail = persona === 'prospect' || r.chance(0.93);
  if (hasEmail) {
    identifiers.push(emailIdentifier(uniqueEmail(firstName, lastName, r, registry), 1));
    if (r.chance(0.03)) identifiers.push(emailIdentifier(uniqueEmail(firstName, lastName, r, registry), 0));
  }
  const phone = !hasEmail || r.chance(0.8) ? uniquePhone(homeStoreId, r, registry) : null;
  if (phone) identifiers.push(phoneIdentifier(phone, r));
  if (persona === 'vip' || r.chance(0.68)) identifiers.push(loyaltyIdentifier(uniqueLoyalty(r, registry)));

  return {
    id,
    firstName,
    lastName,
    homeStoreId,
    ...address(homeStoreId, r),
    status,
    createdDay,
    createdAt: isoAt(createdDay * DAY_MS + r.int(14, 26) * 3600_000 + r.int(0, 59) * 60_000),
    persona,
    identifiers,
    consents: consentsFor(identifiers, status, createdDay, anchorDay, r),
  };
}

// Long-standing customers joined before the 18 months of history; first-timers just now.
function createdDaysAgo(persona: Persona, r: Rng): number {
  switch (persona) {
    case 'first_timer':
      return r.int(1, 30);
    case 'prospect':
      return r.int(1, 3 * 365);
    case 'vip':
    case 'lapsing':
      return r.chance(0.8) ? r.int(550, 6 * 365) : r.int(480, 548);
    case 'occasional':
      return r.int(60, 6 * 365);
    default:
      return r.chance(0.5) ? r.int(550, 6 * 365) : r.int(45, 548);
  }
}

/**
 * A second profile for the same person: a gmail address typed with or without dots or a +tag
 * (same normalized value), or the same phone number under another address.
 */
function duplicateProfile(id: string, original: CustomerPlan, r: Rng, anchorDay: number): CustomerPlan {
  const email = original.identifiers.find((i) => i.kind === 'email');
  const phone = original.identifiers.find((i) => i.kind === 'phone');
  const identifiers: IdentifierRow[] = [];
  if (email && email.value.endsWith('@gmail.com')) {
    const local = email.value.slice(0, -'@gmail.com'.length);
    const variant = r.chance(0.5) ? `${local}+${r.pick(['gear', 'shop', 'deals', 'endcap'])}@gmail.com` : `${dotted(local, r)}@gmail.com`;
    identifiers.push(emailIdentifier(variant === email.raw ? `${local}+store@gmail.com` : variant, 1));
  } else if (phone) {
    identifiers.push({ ...phone, raw: reformatPhone(phone.value, r) });
  } else if (email) {
    identifiers.push({ ...email, raw: email.raw.toUpperCase() });
  }
  const createdDay = Math.min(anchorDay - 1, original.createdDay + r.int(30, 400));
  return {
    ...original,
    id,
    persona: r.chance(0.6) ? 'occasional' : 'prospect',
    createdDay,
    createdAt: isoAt(createdDay * DAY_MS + r.int(14, 26) * 3600_000),
    identifiers,
    consents: consentsFor(identifiers, original.status, createdDay, anchorDay, r),
    ...(r.chance(0.5) ? {} : address(original.homeStoreId, r)),
  };
}

function fixturePlan(spec: FixtureSpec, anchorDay: number, rng: Rng, registry: Registry): CustomerPlan {
  const identifiers: IdentifierRow[] = [];
  if (spec.email) identifiers.push(emailIdentifier(spec.email, 1));
  if (spec.phone) identifiers.push({ kind: 'phone', value: normalizePhone(spec.phone)!, raw: spec.phone, isPrimary: 1 });
  if (spec.loyaltyId) identifiers.push(loyaltyIdentifier(normalizeLoyaltyId(spec.loyaltyId)!));
  for (const i of identifiers) (i.kind === 'email' ? registry.emails : i.kind === 'phone' ? registry.phones : registry.loyalty).add(i.value);

  const createdDay = anchorDay - spec.createdDaysAgo;
  const recordedAt = isoAt(createdDay * DAY_MS + 17 * 3600_000);
  const consents: ConsentRow[] =
    spec.status === 'erased' || !spec.email
      ? []
      : (['receipts', 'marketing', 'personalization'] as const).map((purpose) => ({
          purpose,
          channel: 'email' as const,
          status: spec.status === 'suppressed' ? 'suppressed' : spec.granted.includes(purpose) ? 'granted' : 'withdrawn',
          recordedAt,
        }));
  const r = rng.fork(`fixture:${spec.id}`);
  const erased = spec.status === 'erased';
  const area = STORE_AREAS[spec.homeStoreId];
  return {
    id: spec.id,
    firstName: spec.firstName,
    lastName: spec.lastName,
    homeStoreId: spec.homeStoreId,
    addressLine: erased ? null : streetAddress(r),
    city: erased ? null : spec.city,
    region: erased ? null : area.region,
    postalCode: erased ? null : `${area.zipPrefixes[0]}${String(r.int(1, 99)).padStart(2, '0')}`,
    status: spec.status,
    createdDay,
    createdAt: isoAt(createdDay * DAY_MS + 16 * 3600_000),
    persona: 'regular',
    identifiers,
    consents,
    script: spec.script,
  };
}

function address(storeId: StoreId, r: Rng): Pick<CustomerPlan, 'addressLine' | 'city' | 'region' | 'postalCode'> {
  const area = STORE_AREAS[storeId];
  return {
    addressLine: streetAddress(r),
    city: r.pick(area.cities),
    region: area.region,
    postalCode: `${r.pick(area.zipPrefixes)}${String(r.int(1, 99)).padStart(2, '0')}`,
  };
}

function streetAddress(r: Rng): string {
  const line = `${r.int(100, 9899)} ${r.pick(STREETS)} ${r.pick(STREET_SUFFIXES)}`;
  return r.chance(0.12) ? `${line} Apt ${r.int(1, 40)}${r.pick(['', 'A', 'B', 'C'])}` : line;
}

// --- identifiers ---------------------------------------------------------------------------------

function emailIdentifier(raw: string, isPrimary: 0 | 1): IdentifierRow {
  return { kind: 'email', value: normalizeEmailForMatch(raw)!, raw, isPrimary };
}

function ascii(name: string): string {
  return nameKey(name).replace(/[^a-z]/g, '');
}

function uniqueEmail(first: string, last: string, r: Rng, registry: Registry): string {
  const f = ascii(first) || 'customer';
  const l = ascii(last) || 'mail';
  const domain = r.weighted(DOMAIN_NAMES, DOMAIN_WEIGHTS);
  const patterns = [`${f}.${l}`, `${f}${l}`, `${f[0]}${l}`, `${f}_${l}`, `${f}.${l}${r.int(1, 99)}`, `${f}${r.int(1960, 2006)}`, `${l}.${f}`];
  let local = r.weighted(patterns, [30, 15, 15, 5, 15, 10, 10]);
  for (let attempt = 0; ; attempt++) {
    const raw = `${local}@${domain}`;
    // Some people type their address with capitals; matching ignores case.
    const typed = r.chance(0.04) ? raw.charAt(0).toUpperCase() + raw.slice(1) : raw;
    const value = normalizeEmailForMatch(typed)!;
    if (!registry.emails.has(value)) {
      registry.emails.add(value);
      return typed;
    }
    local = `${f}${l}${r.int(2, 999)}`;
    if (attempt > 50) local = `${f}.${l}.${attempt}`;
  }
}

/** Puts the dots back where a person might (janesmith → jane.smith) or takes them out. */
function dotted(local: string, r: Rng): string {
  if (local.length < 4) return `${local}.x`;
  const at = r.int(1, local.length - 2);
  return `${local.slice(0, at)}.${local.slice(at)}`;
}

// 555 exchange numbers are the ones US film and TV use; 555-1212 and 555-4334 are real services.
// An area has only ~20,000 of them: in a very large generated chain, late customers go without a phone.
function uniquePhone(storeId: StoreId, r: Rng, registry: Registry): string | null {
  for (let attempt = 0; attempt < 40; attempt++) {
    const area = r.pick(STORE_AREAS[storeId].areaCodes);
    const line = r.int(100, 9999);
    if (line === 1212 || line === 4334) continue;
    const e164 = `+1${area}555${String(line).padStart(4, '0')}`;
    if (registry.phones.has(e164)) continue;
    registry.phones.add(e164);
    return e164;
  }
  return null;
}

function phoneIdentifier(e164: string, r: Rng): IdentifierRow {
  return { kind: 'phone', value: e164, raw: reformatPhone(e164, r), isPrimary: 1 };
}

/** A US number the way people type it: '(303) 555-0147', '303-555-0147', '303.555.0147', '+1 303 555 0147'. */
function reformatPhone(e164: string, r: Rng): string {
  const a = e164.slice(2, 5);
  const b = e164.slice(5, 8);
  const c = e164.slice(8);
  const raw = r.weighted([`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`], [60, 25, 10, 5]);
  if (normalizePhone(raw) !== e164) throw new Error(`demo phone ${raw} does not normalize to ${e164}`);
  return raw;
}

function uniqueLoyalty(r: Rng, registry: Registry): string {
  for (;;) {
    const value = `EC${r.int(10_000_100, 99_999_999)}`;
    if (!registry.loyalty.has(value)) {
      registry.loyalty.add(value);
      return value;
    }
  }
}

function loyaltyIdentifier(normalized: string): IdentifierRow {
  return { kind: 'loyalty', value: normalized, raw: formatLoyaltyId(normalized), isPrimary: 1 };
}

// --- consents ------------------------------------------------------------------------------------

/**
 * Imported consent per purpose on email (most customers were asked at sign-up), SMS marketing
 * for some phone holders. Suppressed profiles carry 'suppressed' everywhere.
 */
function consentsFor(identifiers: readonly IdentifierRow[], status: CustomerPlan['status'], createdDay: number, anchorDay: number, r: Rng): ConsentRow[] {
  if (status === 'erased') return [];
  const consents: ConsentRow[] = [];
  const recordedAt = isoAt(Math.min(anchorDay - 1, createdDay + r.int(0, 3)) * DAY_MS + r.int(15, 25) * 3600_000);
  const mark = (granted: boolean): ConsentRow['status'] => (status === 'suppressed' ? 'suppressed' : granted ? 'granted' : 'withdrawn');
  if (identifiers.some((i) => i.kind === 'email') && r.chance(0.9)) {
    consents.push({ purpose: 'receipts', channel: 'email', status: mark(r.chance(0.9)), recordedAt });
    consents.push({ purpose: 'marketing', channel: 'email', status: mark(r.chance(0.42)), recordedAt });
    consents.push({ purpose: 'personalization', channel: 'email', status: mark(r.chance(0.6)), recordedAt });
  }
  if (identifiers.some((i) => i.kind === 'phone') && r.chance(0.35)) {
    consents.push({ purpose: 'marketing', channel: 'sms', status: mark(r.chance(0.45)), recordedAt });
  }
  return consents;
}
