// The demo chain's places and people: three stores, a distribution centre, two drop-ship partners,
// and the staff who log in at each store.

export const DEMO_STORE_ID = 'S1';
export const DEMO_REGISTER_ID = 'R1';
/** Fixed, so a rebuilt demo replica is recognisably the same device. */
export const DEMO_DEVICE_ID = '0190a1d2-3e4f-7a5b-8c6d-0000000000d1';

export interface LocationSpec {
  id: string;
  kind: 'store' | 'dc' | 'partner';
  name: string;
  city: string;
  region: string;
  timezone: string;
  leadTimeDays: number;
}

export const LOCATIONS: readonly LocationSpec[] = [
  { id: 'S1', kind: 'store', name: 'Endcap Denver – LoDo', city: 'Denver', region: 'CO', timezone: 'America/Denver', leadTimeDays: 3 },
  { id: 'S2', kind: 'store', name: 'Endcap Salt Lake City', city: 'Salt Lake City', region: 'UT', timezone: 'America/Denver', leadTimeDays: 4 },
  { id: 'S3', kind: 'store', name: 'Endcap Portland – Pearl', city: 'Portland', region: 'OR', timezone: 'America/Los_Angeles', leadTimeDays: 4 },
  { id: 'DC1', kind: 'dc', name: 'Endcap Distribution Center', city: 'Commerce City', region: 'CO', timezone: 'America/Denver', leadTimeDays: 2 },
  { id: 'P1', kind: 'partner', name: 'Summit Supply Co. (drop-ship)', city: 'Reno', region: 'NV', timezone: 'America/Los_Angeles', leadTimeDays: 5 },
  { id: 'P2', kind: 'partner', name: 'Hearth & Field Direct (drop-ship)', city: 'Columbus', region: 'OH', timezone: 'America/New_York', leadTimeDays: 8 },
];

export const STORE_IDS = ['S1', 'S2', 'S3'] as const;
export type StoreId = (typeof STORE_IDS)[number];
export const DC_ID = 'DC1';

export function locationById(id: string): LocationSpec {
  const found = LOCATIONS.find((l) => l.id === id);
  if (!found) throw new Error(`unknown demo location ${id}`);
  return found;
}

/** Registers at each store; R1 at S1 is this device. */
export const REGISTERS: Record<StoreId, readonly string[]> = {
  S1: ['R1', 'R2', 'R3'],
  S2: ['R1', 'R2'],
  S3: ['R1', 'R2'],
};

/** Where a store's customers live, with their area codes and ZIP prefixes. */
export interface StoreArea {
  cities: readonly string[];
  region: string;
  areaCodes: readonly string[];
  zipPrefixes: readonly string[];
}

export const STORE_AREAS: Record<StoreId, StoreArea> = {
  S1: {
    cities: ['Denver', 'Denver', 'Denver', 'Lakewood', 'Aurora', 'Englewood', 'Littleton', 'Arvada', 'Golden', 'Westminster', 'Boulder'],
    region: 'CO',
    areaCodes: ['303', '720'],
    zipPrefixes: ['802', '801'],
  },
  S2: {
    cities: ['Salt Lake City', 'Salt Lake City', 'Sandy', 'Murray', 'West Jordan', 'Draper', 'Holladay', 'Park City'],
    region: 'UT',
    areaCodes: ['801', '385'],
    zipPrefixes: ['841', '840'],
  },
  S3: {
    cities: ['Portland', 'Portland', 'Portland', 'Beaverton', 'Lake Oswego', 'Tigard', 'Gresham', 'Milwaukie'],
    region: 'OR',
    areaCodes: ['503', '971'],
    zipPrefixes: ['972', '970'],
  },
};

export interface DemoStaffMember {
  id: string;
  displayName: string;
  role: 'associate' | 'merchandiser' | 'manager';
  pin: string;
  storeId: string;
}

// Demo PINs are printed in the README and on the login screen of a demo build; a real chain's
// staff come from the hub with their own PINs.
export const DEMO_STAFF: ReadonlyArray<DemoStaffMember> = [
  { id: 'E-S1-01', displayName: 'Ava Martinez', role: 'associate', pin: '1111', storeId: 'S1' },
  { id: 'E-S1-02', displayName: 'Sam Okafor', role: 'associate', pin: '2222', storeId: 'S1' },
  { id: 'E-S1-03', displayName: 'Luis Ortega', role: 'associate', pin: '5555', storeId: 'S1' },
  { id: 'E-S1-04', displayName: 'Priya Shah', role: 'merchandiser', pin: '3333', storeId: 'S1' },
  { id: 'E-S1-05', displayName: 'Dana Kim', role: 'manager', pin: '4444', storeId: 'S1' },
  { id: 'E-S2-01', displayName: 'Marcus Reed', role: 'associate', pin: '6161', storeId: 'S2' },
  { id: 'E-S2-02', displayName: 'Hannah Larsen', role: 'associate', pin: '6262', storeId: 'S2' },
  { id: 'E-S2-03', displayName: 'Omar Haddad', role: 'manager', pin: '6464', storeId: 'S2' },
  { id: 'E-S3-01', displayName: 'Mei Tanaka', role: 'associate', pin: '7171', storeId: 'S3' },
  { id: 'E-S3-02', displayName: 'Caleb Brooks', role: 'associate', pin: '7272', storeId: 'S3' },
  { id: 'E-S3-03', displayName: 'Grace Whitfield', role: 'manager', pin: '7474', storeId: 'S3' },
];

/** Who rings up sales at a store (merchandisers work in the back office). */
export function sellingStaff(storeId: string): string[] {
  return DEMO_STAFF.filter((s) => s.storeId === storeId && s.role !== 'merchandiser').map((s) => s.id);
}
