// Shapes of endless-aisle search and ship-to-home orders (DESIGN §5). Plain data only.

export type SourceKind = 'store' | 'dc' | 'partner';
/** Where an item can be had: on this store's shelf, or shipped from another store, the DC or a partner. */
export type AvailabilityFacet = 'here' | 'store' | 'dc' | 'partner';
export type PriceBand = 'under_25' | '25_50' | '50_100' | '100_250' | 'over_250';

export interface SourceStock {
  locationId: string;
  locationName: string;
  kind: SourceKind;
  /** On hand minus reserved (by the chain and by orders placed on this device). */
  available: number;
  leadTimeDays: number;
  isHere: boolean;
}

/** How old the stock figures are: as old as the last inventory sync. */
export interface InventoryAge {
  /** Minutes since the last inventory sync; null when it never synced. 0 for a standalone device. */
  ageMinutes: number | null;
  stale: boolean;
}

export interface SearchHit {
  sku: string;
  title: string;
  brand: string;
  categoryId: string;
  categoryName: string;
  priceCents: number;
  compareAtCents: number | null;
  color: string | null;
  size: string | null;
  isClearance: boolean;
  isPartner: boolean;
  availableHere: number;
  /** Where it can ship from (available > 0), fastest first; this store included. */
  sources: SourceStock[];
  /** Every query word matched ('all') or only some, from the broader fallback ('some'). */
  match: 'all' | 'some';
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchFacets {
  category: FacetValue[];
  brand: FacetValue[];
  price: FacetValue[];
  availability: FacetValue[];
}

export interface SearchFilters {
  category?: string;
  brand?: string;
  price?: PriceBand;
  availability?: AvailabilityFacet;
}

export interface SearchResult {
  /** The words searched for, as the index reads them. */
  words: string[];
  /** Words read as another ("tnet" → "tent"). */
  corrections: Array<{ from: string; to: string }>;
  /** No item matched every word; these match some of them. */
  broadened: boolean;
  results: SearchHit[];
  /** Matches considered (the candidate set is bounded; `capped` when there were more). */
  total: number;
  capped: boolean;
  facets: SearchFacets;
  /** Facet counts are over the top matches only (there were more): shown as "at least". */
  facetsCapped: boolean;
  inventory: InventoryAge;
}

export interface VariantOption {
  sku: string;
  color: string | null;
  size: string | null;
  priceCents: number;
  availableHere: number;
  /** Can ship from somewhere (here included). */
  orderable: boolean;
}

export interface ProductSheet {
  product: SearchHit & { material: string | null; categoryPath: string };
  /** Other sizes and colours of the same product line (the product itself included). */
  variants: VariantOption[];
  /** Every location that stocks it, even at zero, fastest first. */
  stock: SourceStock[];
  inventory: InventoryAge;
}

export interface DeliveryAddress {
  line: string;
  city: string;
  region: string;
  postalCode: string;
}

/** What the device knows to ship to a customer on file. */
export interface DeliveryDetails {
  customerId: string;
  name: string;
  email: string | null;
  phone: string | null;
  address: DeliveryAddress | null;
}

export type AisleOrderStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled';

export interface AisleOrder {
  id: string;
  status: AisleOrderStatus;
  sku: string;
  title: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  sourceLocationId: string;
  sourceName: string;
  leadTimeDays: number;
  customerId: string | null;
  customerName: string;
  address: DeliveryAddress;
  placedAt: string;
  associateId: string;
  confirmedAt: string | null;
  rejectedReason: string | null;
}

export interface AisleOrderList {
  orders: AisleOrder[];
  /** How this device reaches the hub: while 'standalone' or 'offline', orders wait to be sent. */
  connection: 'online' | 'offline' | 'standalone';
}
