// Shapes of the merchandiser console (issue 8): the working draft, versions, diffs, checks
// and previews. Plain data only; the engine's own policy types stay in core/engine.
import type { IncentiveKind, Segment, Starter, StarterKind, Arm, Personalization } from '../types.js';
// The guardrail names are the policy's, defined once where the hub checks them too.
import type { GuardrailKey } from '../../../sync/protocol/policy.js';

export type { GuardrailKey };

export type GuardrailValues = Record<GuardrailKey, number>;

/** How a guardrail is shown and checked: what it does, its unit and its valid range. */
export interface GuardrailField {
  key: GuardrailKey;
  label: string;
  description: string;
  /** 'share' values are 0–1 fractions (show as %); 'cents' are money. */
  unit: 'days' | 'units' | 'minutes' | 'cents' | 'share' | 'factor' | 'per_week';
  min: number;
  max: number;
  /** Smallest meaningful change (1 for whole numbers). */
  step: number;
  integer: boolean;
  defaultValue: number;
}

/** Who an incentive is for. `big_cart` applies to any basket above the concierge threshold. */
export type ShopperType = 'first_timer' | 'regular' | 'vip' | 'lapsing' | 'bargain_hunter' | 'big_cart';

/** Which incentives each shopper type may be offered (never a cash discount). */
export type IncentiveRules = Record<ShopperType, IncentiveKind[]>;

export interface ShopperTypeInfo {
  type: ShopperType;
  label: string;
  description: string;
  /** Incentives this shopper type may be given at all (scarcity only for bargain hunters). */
  allowed: IncentiveKind[];
}

export interface IncentiveInfo {
  kind: IncentiveKind;
  label: string;
  description: string;
}

export interface MerchAffinity {
  /** Stable across versions: diffs and CSV round-trips match rows by it. */
  id: string;
  fromCategoryId: string;
  toCategoryId: string;
  /** Suggest these SKUs first (empty = the to-category's best sellers). */
  skus: string[];
  minDelayDays: number;
  maxDelayDays: number;
  /** 0 < weight ≤ 10; above 1 only breaks ties between strong rules. */
  weight: number;
  /** 'MM-DD' inclusive; both null = all year; a range may wrap the new year. */
  seasonStart: string | null;
  seasonEnd: string | null;
  /** Empty = every store. */
  storeIds: string[];
  active: boolean;
  note: string;
}

export interface MerchPolicy {
  guardrails: GuardrailValues;
  affinities: MerchAffinity[];
  blockedCategories: string[];
  incentives: IncentiveRules;
}

/**
 * One problem with one field. `path` names it the way the UI addresses it:
 * 'guardrails.marginFloor', 'affinities.<id>.toCategoryId', 'affinities.<id>', 'blockedCategories.<categoryId>',
 * 'incentives.<shopperType>', 'cycle'.
 */
export interface FieldProblem {
  path: string;
  message: string;
}

export interface Editor {
  staffId: string;
  name: string;
}

/** The one shared working draft of this device. */
export interface MerchDraft {
  policy: MerchPolicy;
  /** Increases with every save; pass it back to save/publish so nobody overwrites unseen changes. */
  revision: number;
  /** The published version the draft started from (0 = built-in defaults). */
  basedOnVersion: number;
  updatedBy: Editor | null;
  updatedAt: string | null;
  /** Empty when the draft can be published. */
  problems: FieldProblem[];
  /** False when the draft equals the active version. */
  changed: boolean;
}

export interface CategoryNode {
  id: string;
  name: string;
  pathName: string;
  parentId: string | null;
  depth: number;
  /** Active products in this category and below. */
  products: number;
  /** Health and similar: never a conversation starter. */
  sensitive: boolean;
}

export interface StoreRef {
  id: string;
  name: string;
}

/** Reference data for the console's pickers and forms. */
export interface MerchSetup {
  /** Depth-first order (parents before children), so a flat list renders as a tree. */
  categories: CategoryNode[];
  stores: StoreRef[];
  guardrailFields: GuardrailField[];
  shopperTypes: ShopperTypeInfo[];
  incentives: IncentiveInfo[];
  /** Column order of the affinity CSV (export writes it, import expects it). */
  csvColumns: string[];
  activeVersion: number;
  /** What the seed incentive rules rest on (`npm run eval:incentives`), shown beside the rules. */
  incentiveEvidence: IncentiveEvidence;
}

/** The measured effect of reaching out to one shopper type, and what it did to the seed rule. */
export interface ShopperTypeEvidence {
  type: ShopperType;
  /** Customers of this type in the data (both halves). */
  customers: number;
  /** Extra visits per customer reached (learned half), with its 95 % interval. */
  uplift: number;
  ci95: [number, number];
  /** The same on the held-out half. */
  heldOutUplift: number;
  heldOutCi95: [number, number];
  /** The seed rule the evidence gave: the type's default kinds, or nothing. */
  seedRule: IncentiveKind[];
  /** The interval's low end is above the cost of reaching out. */
  clearsCost: boolean;
}

export interface IncentiveEvidence {
  /** The data, in words (name, size, how it was randomized). */
  source: string;
  /** What was measured, in words. */
  outcome: string;
  /** The cost a type's uplift must surely clear, in the outcome's unit per customer. */
  cost: number;
  /** Types the data could not rebuild have no entry: their defaults are a judgment. */
  types: ShopperTypeEvidence[];
}

// ---- CSV ----

export interface CsvExport {
  fileName: string;
  csv: string;
  rows: number;
}

export interface CsvRowReport {
  /** 1-based line in the file, header = line 1. */
  line: number;
  affinityId: string | null;
  status: 'added' | 'updated' | 'unchanged' | 'rejected';
  errors: string[];
}

export interface CsvImportReport {
  /** True only when every row was accepted: a file with any rejected row imports nothing. */
  imported: boolean;
  /** Problems with the file as a whole (missing or unknown columns, empty file). */
  fileErrors: string[];
  rows: CsvRowReport[];
  added: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Affinities of the draft absent from the file: removed when mode = 'replace'. */
  removed: number;
  /** The draft after the import (unchanged when nothing was imported). */
  draft: MerchDraft;
}

// ---- Suggestions ----

export interface AffinitySuggestion {
  fromCategoryId: string;
  fromName: string;
  toCategoryId: string;
  toName: string;
  /** Customers who bought both, the second after the first. */
  support: number;
  /** Share of from-buyers who then bought the to-category. */
  confidence: number;
  /** Confidence ÷ the to-category's base rate. */
  lift: number;
  /** Days between the two purchases. */
  delayDays: { median: number; p25: number; p75: number };
  /** A ready-to-adopt row: window p25–p75, weight from lift and confidence. */
  proposal: MerchAffinity;
  /** Draft affinities that already cover this pair (same or parent from-category, same to-category). */
  coveredBy: string[];
}

export interface SuggestionList {
  /** Orders looked at (completed, with a customer). */
  ordersScanned: number;
  customersScanned: number;
  items: AffinitySuggestion[];
  /** What the engine's own learned links were learned from, and when it learns again. */
  model: LearnedModelStatus;
}

/** The engine's learned follow-up links and repeat categories on this device, and their schedule. */
export interface LearnedModelStatus {
  /** null: not learned on this device yet. */
  learnedAt: string | null;
  /** Completed orders in the history it was learned on. */
  ordersLearned: number;
  linksLearned: number;
  /** Orders that arrived since (pulled, or sold here). */
  newOrders: number;
  /** Relearns after this many new orders… */
  minNewOrders: number;
  /** …or once the model is this old and any order arrived. */
  maxAgeHours: number;
}

// ---- Conflicts and coverage ----

export type NeverFiresReason =
  | 'inactive'
  | 'blocked_category'
  | 'out_of_season_today'
  | 'never_in_season'
  | 'window_beyond_history'
  | 'store_not_in_chain'
  | 'no_products'
  | 'no_stock_anywhere'
  | 'nothing_passes_guardrails';

export interface NeverFires {
  affinityId: string;
  reason: NeverFiresReason;
  message: string;
}

export interface Shadowing {
  /** The rule that loses… */
  affinityId: string;
  /** …to this one. */
  byAffinityId: string;
  /** Full: never shows; partial: loses only where both apply. */
  full: boolean;
  message: string;
}

export interface AffinityCycle {
  categoryIds: string[];
  affinityIds: string[];
  message: string;
}

export interface UncoveredCategory {
  categoryId: string;
  pathName: string;
  products: number;
  /** Share of the last 365 days' sales, so the biggest gaps come first. */
  salesShare: number;
}

export interface MerchCheck {
  /** Evaluated on this day (season checks). */
  at: string;
  problems: FieldProblem[];
  neverFires: NeverFires[];
  shadowed: Shadowing[];
  cycles: AffinityCycle[];
  /** Leaf categories with products that no active affinity leads from or to. */
  uncovered: UncoveredCategory[];
}

// ---- Preview ----

export interface PreviewStarter extends Starter {
  /** What the frequency cap counts; the same key on both sides is "the same starter". */
  key: string;
  /** Rules behind it, e.g. 'affinity:tent-sleeping-bag', 'learned:a->b', 'incentive:sample'. */
  rules: string[];
  /** Not among the other side's starters for this customer. */
  onlyHere: boolean;
}

export interface PreviewDecision {
  policyVersion: number;
  arm: Arm;
  personalization: Personalization;
  starters: PreviewStarter[];
  /** Guardrail refusals while picking products, e.g. { stock_below_threshold: 3 }. */
  refusals: Record<string, number>;
}

export interface PreviewCustomer {
  id: string;
  name: string;
  segment: Segment;
  homeStoreName: string | null;
  lastOrderAt: string | null;
}

export interface PreviewSample {
  customer: PreviewCustomer;
  published: PreviewDecision;
  draft: PreviewDecision;
  changed: boolean;
}

export interface PreviewSide {
  /** Customers with at least one starter ÷ customers. */
  shareWithStarter: number;
  startersPerCustomer: number;
  startersPerKind: Partial<Record<StarterKind, number>>;
  /** Most promoted categories (by the first product of each starter), most first, at most 15. */
  categoriesPromoted: { categoryId: string; pathName: string; starters: number }[];
  /** Products the guardrails refused while picking: out of or low on stock, stale counts, margin floor, price gate, blocked. */
  itemsBlocked: { stock: number; margin: number; price: number; blockedCategory: number };
  /** The product shown to the most customers, and the share of customers who see it (goal: at most 5 %). */
  topProduct: { sku: string; title: string; customerShare: number } | null;
  /** The most common kind of starter and its share of all starters (goal: at most half). */
  topKind: { kind: StarterKind; share: number } | null;
}

export interface PreviewAggregate {
  customers: number;
  published: PreviewSide;
  draft: PreviewSide;
  /** Starters shown under both ÷ starters under the draft (same key, same customer). */
  overlap: number;
  /** Customers whose starters differ between the two. */
  changedCustomers: number;
  seconds: number;
}

export interface MerchPreview {
  storeId: string;
  at: string;
  publishedVersion: number;
  samples: PreviewSample[];
  aggregate: PreviewAggregate | null;
}

// ---- Versions, diff, publish ----

export interface VersionSummary {
  version: number;
  author: string;
  publishedAt: string;
  note: string;
  active: boolean;
  /** The version the draft was based on when this one was published (null for the first or a pulled one). */
  parentVersion: number | null;
  counts: { affinities: number; activeAffinities: number; blockedCategories: number };
}

export interface Activation {
  version: number;
  at: string;
  by: string;
  note: string;
  kind: 'published' | 'rolled_back';
}

export interface VersionList {
  activeVersion: number;
  /** Newest first. */
  versions: VersionSummary[];
  /** Newest first: every time a version became active on this device. */
  activations: Activation[];
}

export type DiffValue = string | number | boolean | string[] | null;

export interface FieldChange {
  field: string;
  before: DiffValue;
  after: DiffValue;
}

export interface PolicyDiff {
  /** e.g. 'v3 (active)', 'draft', 'defaults'. */
  fromLabel: string;
  toLabel: string;
  affinities: {
    added: MerchAffinity[];
    removed: MerchAffinity[];
    changed: { id: string; before: MerchAffinity; after: MerchAffinity; fields: FieldChange[] }[];
  };
  guardrails: (FieldChange & { label: string })[];
  blockedCategories: { added: string[]; removed: string[] };
  incentives: { shopperType: ShopperType; added: IncentiveKind[]; removed: IncentiveKind[] }[];
  unchanged: boolean;
}

export interface PublishReceipt {
  version: VersionSummary;
  diff: PolicyDiff;
}
