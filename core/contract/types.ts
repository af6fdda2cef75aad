// Shapes the API returns. Plain data only: they cross IPC and HTTP as JSON.

export type Role = 'associate' | 'merchandiser' | 'manager';
export const roles: readonly Role[] = ['associate', 'merchandiser', 'manager'];

export interface StaffTile {
  id: string;
  displayName: string;
  role: Role;
  locked: boolean;
}

export interface Session {
  staffId: string;
  displayName: string;
  role: Role;
  storeId: string;
  storeName: string;
  registerId: string;
  startedAt: string;
  /** Signed in with a PIN shorter than the chain's policy: ask for a new one. */
  pinChangeRequired?: boolean;
}

/** A wrong PIN is an expected outcome (and is recorded), not an error. */
export type LoginOutcome =
  | { status: 'signed_in'; session: Session }
  | { status: 'wrong_pin'; attemptsLeft: number }
  /** lockedUntil is null when only a manager can unlock (15 wrong PINs in a row). */
  | { status: 'locked'; lockedUntil: string | null; byManager?: boolean }
  /** No PIN yet (new, or reset by a manager): the person chooses one (session.choosePin). */
  | { status: 'choose_pin' };

/** A manager's PIN typed on the associate's screen: one approval for one action, or why not. */
export type ApprovalOutcome =
  | { status: 'approved'; approvalId: string; managerName: string }
  | { status: 'wrong_pin'; attemptsLeft: number }
  | { status: 'locked'; lockedUntil: string | null; byManager?: boolean }
  | { status: 'not_a_manager' };

export interface SecuritySettingsView {
  pinLength: number;
  idleLogoutMinutes: number;
  updateChannel: 'stable' | 'beta';
}

export type StreamName = 'inventory' | 'catalog' | 'customers' | 'orders' | 'merch_config';

export interface StreamStatus {
  stream: StreamName;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
}

/** A new device filling its replica from the hub. */
export interface BootstrapProgress {
  /** The stream being pulled now (streams go in bootstrap order). */
  stream: StreamName | null;
  rowsApplied: number;
  /** What the hub still holds for this device, when it says (pull `remaining`); null if unknown. */
  rowsRemaining: number | null;
  /** Rows per second over this run; null until a page has landed. */
  rowsPerSecond: number | null;
  startedAt: string;
  /** What holds it up right now (hub unreachable, store unknown); it retries by itself. */
  problem: string | null;
}

export interface DeviceStatus {
  deviceId: string;
  storeId: string;
  storeName: string;
  registerId: string;
  /** 'standalone' until a hub is configured; 'bootstrapping' while a new device fills its replica. */
  connection: 'online' | 'offline' | 'standalone' | 'bootstrapping';
  streams: StreamStatus[];
  /** Minutes since the last inventory pull (0 standalone, null never pulled). */
  inventoryAgeMinutes: number | null;
  /** Stock older than the sync promise (5 minutes) by the older of the sync age and the source age: stock figures may be wrong. */
  inventoryStale: boolean;
  /** Minutes since the store system counted this store's newest stock row (null standalone or without stock). */
  inventorySourceAgeMinutes: number | null;
  /** Events produced here and not yet acknowledged by the hub; rejected ones never will be. */
  outbox: { pending: number; rejected: number };
  bootstrap: BootstrapProgress | null;
  /** The register runs on the built-in demo chain (public demo PINs): every screen says so. */
  demo: boolean;
  /** Time on the device clock, so the UI can compute ages without trusting its own clock. */
  now: string;
}

export type Segment = 'prospect' | 'first_timer' | 'regular' | 'vip' | 'lapsing' | 'bargain_hunter';

export type MatchedBy = 'email' | 'phone' | 'loyalty' | 'name';

export interface CustomerSummary {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  loyaltyId: string | null;
  city: string | null;
  segment: Segment;
  lastOrderAt: string | null;
  matchedBy: MatchedBy;
}

export interface LookupResult {
  interpretedAs: MatchedBy;
  /** The normalized form that was matched, shown so the associate sees what was searched. */
  normalized: string;
  matches: CustomerSummary[];
  /** More matched than are listed; ask for more of the name. */
  truncated: boolean;
}

/** A customer of another store, as the hub answers a visiting read: shown read-only, never changed here. */
export interface VisitingCustomer {
  customerId: string;
  name: string;
  homeStoreId: string;
  homeStoreName: string;
  matchedBy: 'email' | 'phone' | 'loyalty';
  consents: { purpose: string; channel: string; status: string }[];
}

/** found: the hub knows exactly one customer of another store by this key; not_found; not_searched: no hub reachable, or the key is not an exact one. */
export type VisitingLookupResult =
  | { status: 'found'; customer: VisitingCustomer }
  | { status: 'not_found'; normalized: string }
  | { status: 'not_searched'; reason: string };

export interface Identifier {
  kind: 'email' | 'phone' | 'loyalty';
  value: string;
  primary: boolean;
}

export interface ConsentState {
  purpose: 'receipts' | 'marketing' | 'personalization';
  channel: 'email' | 'sms' | 'in_store';
  status: 'granted' | 'withdrawn' | 'suppressed';
  recordedAt: string;
}

export interface Visit {
  orderId: string;
  placedAt: string;
  channel: 'store' | 'online' | 'endless_aisle';
  locationName: string | null;
  itemCount: number;
  totalCents: number;
}

export interface PurchasedItem {
  orderId: string;
  placedAt: string;
  sku: string;
  title: string;
  brand: string | null;
  categoryPath: string | null;
  quantity: number;
  unitPriceCents: number;
}

export interface CustomerCard {
  id: string;
  name: string;
  status: 'active' | 'suppressed' | 'erased';
  homeStoreName: string | null;
  customerSince: string;
  identifiers: Identifier[];
  consents: ConsentState[];
  segment: Segment;
  lifetimeValueCents: number;
  orderCount: number;
  averageOrderCents: number;
  lastOrderAt: string | null;
  usualGapDays: number | null;
  churnRisk: number;
  discountShare: number;
  recentVisits: Visit[];
  recentPurchases: PurchasedItem[];
  /** Other profiles that share a normalized email, phone or loyalty id: maybe the same person. */
  possibleDuplicates: CustomerSummary[];
}

// ---- Offer engine (DESIGN §4) ----

export type StarterKind =
  | 'cross_sell'
  | 'replenishment'
  | 'new_arrival'
  | 'check_in'
  | 'vip_care'
  | 'win_back'
  | 'in_stock_alternative'
  | 'incentive'
  /** The store's own pick (a new arrival in a best-selling category), when nothing personal may be used. */
  | 'store_pick'
  /** Their usual: products this customer buys again and again (the item model's repeat signal). */
  | 'usual';

export type IncentiveKind = 'free_shipping' | 'early_access' | 'sample' | 'scarcity' | 'concierge';

/** Which experience a decision served: the policy, the measured baseline, or a logged trial. */
export type Arm = 'personalized' | 'holdout';

/** How much of the customer the engine was allowed to use (consent at decision time). */
export type Personalization = 'full' | 'cart_only';

/** A product as the associate sees it at this store: price and where it can come from. */
export interface StarterProduct {
  sku: string;
  title: string;
  brand: string;
  priceCents: number;
  /** On hand minus reserved at this store. */
  availableHere: number;
  /** Where else it can come from when it is not here (endless aisle). */
  elsewhere: { locationId: string; locationName: string; kind: 'store' | 'dc' | 'partner'; available: number; leadTimeDays: number } | null;
  isNew: boolean;
  isClearance: boolean;
  /** When the count was taken, set only when it is older than the stale flag (offline). */
  stockAsOf?: string;
}

export interface Starter {
  position: number;
  kind: StarterKind;
  incentive: IncentiveKind | null;
  /** What the associate can say. */
  text: string;
  /** Why the engine suggests it, in plain words. */
  reason: string;
  products: StarterProduct[];
  score: number;
  /** True when this slot is an exploration trial rather than the top pick. */
  exploration: boolean;
  /** Probability the policy had of showing this starter in this slot. */
  propensity: number;
}

export interface StarterSet {
  decisionId: string;
  policyVersion: number;
  arm: Arm;
  personalization: Personalization;
  customerId: string | null;
  starters: Starter[];
}

export type StarterFeedback = 'used' | 'not_relevant';

/** Why a starter was not relevant: the one tap after "Not relevant". */
export const skipReasons = ['not_interested', 'already_owns', 'wrong_fit', 'price', 'other'] as const;
export type SkipReason = (typeof skipReasons)[number];

/** What a scanned or typed SKU resolves to at this store. */
export type ProductAtStore = StarterProduct & { categoryPath: string };
