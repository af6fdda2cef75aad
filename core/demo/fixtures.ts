// Known customers with hand-written histories, so demos and tests can rely on them whatever the
// seed: the John Doe duplicate pairs, one customer per segment, a coffee regular due for beans,
// a camper who bought a tent two weeks ago.
import type { Segment } from '../customers/features.js';
import { normalizeEmailForMatch, normalizeLoyaltyId, normalizePhone } from '../identity/normalize.js';
import { LEAF, type LeafId } from './catalog.js';
import type { StoreId } from './chain.js';


export interface ScriptedOrder {
  daysAgo: number;
  leaves: readonly LeafId[];
  channel?: 'store' | 'online';
  /** Bought on markdown or with a coupon. */
  discounted?: boolean;
}

export interface FixtureSpec {
  id: string;
  firstName: string;
  lastName: string;
  email?: string;
  phone?: string;
  loyaltyId?: string;
  homeStoreId: StoreId;
  city: string;
  status: 'active' | 'suppressed' | 'erased';
  createdDaysAgo: number;
  /** Consent purposes granted on email; the others are recorded as withdrawn. */
  granted: ReadonlyArray<'receipts' | 'marketing' | 'personalization'>;
  expectedSegment: Segment;
  script: readonly ScriptedOrder[];
}

/** Orders every `step` days from `from` days ago down to `to`, cycling through baskets. */
function every(
  from: number,
  to: number,
  step: number,
  baskets: ReadonlyArray<readonly LeafId[]>,
  extra: Omit<ScriptedOrder, 'daysAgo' | 'leaves'> = {},
): ScriptedOrder[] {
  const out: ScriptedOrder[] = [];
  for (let d = from, i = 0; d >= to; d -= step, i++) out.push({ daysAgo: d, leaves: baskets[i % baskets.length]!, ...extra });
  return out;
}

const ALL: ReadonlyArray<'receipts' | 'marketing' | 'personalization'> = ['receipts', 'marketing', 'personalization'];

const SPECS = {
  /** The John Doe an associate usually means: dotted gmail, phone and loyalty card; bought a tent 16 days ago. */
  johnDoe: {
    id: 'C-000001', firstName: 'John', lastName: 'Doe', email: 'john.doe@gmail.com', phone: '(303) 555-0142', loyaltyId: 'EC-1000-0001',
    homeStoreId: 'S1', city: 'Denver', status: 'active', createdDaysAgo: 900, granted: ALL, expectedSegment: 'regular',
    script: [
      { daysAgo: 300, leaves: [LEAF.hikingBoots, LEAF.socks] },
      { daysAgo: 210, leaves: [LEAF.rainJackets] },
      { daysAgo: 120, leaves: [LEAF.headlamps, LEAF.waterBottles], channel: 'online' },
      { daysAgo: 16, leaves: [LEAF.tents] },
    ],
  },
  /** Same person, second profile made online with the undotted address: same normalized gmail. */
  johnDoeDuplicate: {
    id: 'C-000002', firstName: 'John', lastName: 'Doe', email: 'johndoe@gmail.com', homeStoreId: 'S1', city: 'Aurora',
    status: 'active', createdDaysAgo: 260, granted: ['receipts'], expectedSegment: 'first_timer',
    script: [{ daysAgo: 250, leaves: [LEAF.tShirts], channel: 'online' }],
  },
  /** Outlook keeps dots: john.doe@outlook.com and johndoe@outlook.com are two different people. */
  johnDoeOutlook: {
    id: 'C-000003', firstName: 'John', lastName: 'Doe', email: 'john.doe@outlook.com', phone: '(720) 555-0163', loyaltyId: 'EC-1000-0003',
    homeStoreId: 'S1', city: 'Lakewood', status: 'active', createdDaysAgo: 700, granted: ['receipts', 'personalization'],
    expectedSegment: 'regular',
    script: [
      { daysAgo: 400, leaves: [LEAF.runningShoes, LEAF.socks] },
      { daysAgo: 280, leaves: [LEAF.shorts] },
      { daysAgo: 150, leaves: [LEAF.runningShoes] },
      { daysAgo: 60, leaves: [LEAF.tShirts, LEAF.socks] },
    ],
  },
  otherJohnDoeOutlook: {
    id: 'C-000004', firstName: 'John', lastName: 'Doe', email: 'johndoe@outlook.com', phone: '(503) 555-0188', loyaltyId: 'EC-1000-0004',
    homeStoreId: 'S3', city: 'Portland', status: 'active', createdDaysAgo: 500, granted: ALL, expectedSegment: 'regular',
    script: [
      { daysAgo: 330, leaves: [LEAF.candles] },
      { daysAgo: 200, leaves: [LEAF.throwBlankets, LEAF.candles] },
      { daysAgo: 90, leaves: [LEAF.mugs, LEAF.coffeeBeans] },
      { daysAgo: 30, leaves: [LEAF.coffeeBeans] },
    ],
  },
  vip: {
    id: 'C-000005', firstName: 'Maya', lastName: 'Chen', email: 'maya.chen@icloud.com', phone: '(303) 555-0110', loyaltyId: 'EC-1000-0005',
    homeStoreId: 'S1', city: 'Denver', status: 'active', createdDaysAgo: 1500, granted: ALL, expectedSegment: 'vip',
    script: every(360, 4, 12, [
      [LEAF.insulatedJackets, LEAF.hikingBoots],
      [LEAF.backpacks, LEAF.rainJackets, LEAF.baseLayers],
      [LEAF.tents, LEAF.sleepingBags],
      [LEAF.trailRunningShoes, LEAF.softshells, LEAF.socks],
      [LEAF.espressoMachines, LEAF.coffeeBeans],
      [LEAF.fleece, LEAF.hikingPants, LEAF.daypacks],
    ]),
  },
  lapsing: {
    id: 'C-000006', firstName: 'Robert', lastName: 'Fischer', email: 'rfischer@yahoo.com', phone: '(720) 555-0121', loyaltyId: 'EC-1000-0006',
    homeStoreId: 'S1', city: 'Littleton', status: 'active', createdDaysAgo: 1200, granted: ALL, expectedSegment: 'lapsing',
    script: every(530, 190, 20, [
      [LEAF.runningShoes, LEAF.socks],
      [LEAF.tShirts, LEAF.shorts],
      [LEAF.trailRunningShoes],
      [LEAF.leggings, LEAF.hats],
      [LEAF.rainJackets],
    ]),
  },
  firstTimer: {
    id: 'C-000007', firstName: 'Zoë', lastName: 'Laurent', email: 'zoe.laurent@gmail.com', phone: '(303) 555-0177', homeStoreId: 'S1',
    city: 'Denver', status: 'active', createdDaysAgo: 9, granted: ['receipts', 'personalization'], expectedSegment: 'first_timer',
    script: [{ daysAgo: 9, leaves: [LEAF.fleece, LEAF.beanies] }],
  },
  prospect: {
    id: 'C-000008', firstName: 'José', lastName: 'Ramírez', email: 'jose.ramirez@outlook.com', phone: '(303) 555-0199', loyaltyId: 'EC-1000-0008',
    homeStoreId: 'S1', city: 'Denver', status: 'active', createdDaysAgo: 40, granted: ALL, expectedSegment: 'prospect', script: [],
  },
  bargainHunter: {
    id: 'C-000009', firstName: 'Chloé', lastName: 'Dubois', email: 'chloe.dubois@hotmail.com', phone: '(720) 555-0135', loyaltyId: 'EC-1000-0009',
    homeStoreId: 'S1', city: 'Aurora', status: 'active', createdDaysAgo: 400, granted: ALL, expectedSegment: 'bargain_hunter',
    script: every(250, 5, 28, [[LEAF.tShirts, LEAF.socks], [LEAF.hoodies], [LEAF.candles, LEAF.mugs], [LEAF.sneakers]], { discounted: true }),
  },
  /** Espresso machine eight months ago, beans every three weeks; the last bag was 23 days ago. */
  coffeeRegular: {
    id: 'C-000010', firstName: 'Marcus', lastName: 'Bell', email: 'marcus.bell@comcast.net', phone: '(303) 555-0155', loyaltyId: 'EC-1000-0010',
    homeStoreId: 'S1', city: 'Englewood', status: 'active', createdDaysAgo: 800, granted: ALL, expectedSegment: 'regular',
    script: [
      { daysAgo: 240, leaves: [LEAF.espressoMachines, LEAF.grinders] },
      ...every(233, 23, 21, [[LEAF.coffeeBeans], [LEAF.coffeeBeans], [LEAF.coffeeBeans, LEAF.mugs]]),
    ],
  },
  /** New running shoes five days ago: socks are the obvious next conversation. */
  runner: {
    id: 'C-000011', firstName: 'Aisha', lastName: 'Thompson', email: 'aisha.thompson@gmail.com', phone: '(303) 555-0168', loyaltyId: 'EC-1000-0011',
    homeStoreId: 'S1', city: 'Arvada', status: 'active', createdDaysAgo: 600, granted: ALL, expectedSegment: 'regular',
    script: [
      { daysAgo: 200, leaves: [LEAF.runningShoes] },
      { daysAgo: 130, leaves: [LEAF.tShirts, LEAF.leggings] },
      { daysAgo: 70, leaves: [LEAF.waterBottles, LEAF.hats], channel: 'online' },
      { daysAgo: 5, leaves: [LEAF.runningShoes] },
    ],
  },
  suppressed: {
    id: 'C-000012', firstName: 'Renée', lastName: 'Olsen', email: 'renee.olsen@yahoo.com', phone: '(303) 555-0104', homeStoreId: 'S1',
    city: 'Golden', status: 'suppressed', createdDaysAgo: 1000, granted: [], expectedSegment: 'regular',
    script: [
      { daysAgo: 420, leaves: [LEAF.planters] },
      { daysAgo: 300, leaves: [LEAF.candles] },
      { daysAgo: 45, leaves: [LEAF.throwBlankets] },
    ],
  },
  /** Erased on request: the profile row and its orders stay (anonymous), identifiers and consents are gone. */
  erased: {
    id: 'C-000013', firstName: 'Erased', lastName: 'Customer', homeStoreId: 'S1', city: '', status: 'erased', createdDaysAgo: 1100,
    granted: [], expectedSegment: 'regular',
    script: [
      { daysAgo: 500, leaves: [LEAF.sneakers] },
      { daysAgo: 380, leaves: [LEAF.hoodies] },
    ],
  },
} satisfies Record<string, FixtureSpec>;

export type FixtureKey = keyof typeof SPECS;
export const FIXTURE_SPECS: Readonly<Record<FixtureKey, FixtureSpec>> = SPECS;

export interface DemoFixtureCustomer {
  id: string;
  firstName: string;
  lastName: string;
  /** As entered. */
  email: string | null;
  /** As stored in customer_identifiers.value for matching. */
  emailNormalized: string | null;
  phone: string | null;
  phoneE164: string | null;
  loyaltyId: string | null;
  loyaltyNormalized: string | null;
  homeStoreId: string;
  status: FixtureSpec['status'];
  expectedSegment: Segment;
}

function describe(spec: FixtureSpec): DemoFixtureCustomer {
  return {
    id: spec.id,
    firstName: spec.firstName,
    lastName: spec.lastName,
    email: spec.email ?? null,
    emailNormalized: spec.email ? normalizeEmailForMatch(spec.email) : null,
    phone: spec.phone ?? null,
    phoneE164: spec.phone ? normalizePhone(spec.phone) : null,
    loyaltyId: spec.loyaltyId ?? null,
    loyaltyNormalized: spec.loyaltyId ? normalizeLoyaltyId(spec.loyaltyId) : null,
    homeStoreId: spec.homeStoreId,
    status: spec.status,
    expectedSegment: spec.expectedSegment,
  };
}

/** The demo chain's known customers, for tests and walkthroughs. */
export const DEMO_FIXTURES: Readonly<Record<FixtureKey, DemoFixtureCustomer>> = Object.fromEntries(
  Object.entries(SPECS).map(([key, spec]) => [key, describe(spec)]),
) as Record<FixtureKey, DemoFixtureCustomer>;

/** Generated customers are numbered after the fixtures. */
export const FIRST_GENERATED_CUSTOMER = Object.keys(SPECS).length + 1;
