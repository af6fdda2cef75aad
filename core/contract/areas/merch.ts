import { z } from 'zod';
import { define } from '../define.js';
import { MAX_CSV_CHARS } from '../errors.js';
import { id, text } from '../schemas.js';
import type { IncentiveKind } from '../types.js';
import type {
  CsvExport,
  CsvImportReport,
  GuardrailKey,
  LearnedModelStatus,
  MerchCheck,
  MerchDraft,
  MerchPreview,
  MerchSetup,
  PolicyDiff,
  PublishReceipt,
  ShopperType,
  SuggestionList,
  VersionList,
  VersionSummary,
} from './merchTypes.js';

/** Reading or changing the policy is for these roles only; associates cannot. */
const MERCH: readonly ['merchandiser', 'manager'] = ['merchandiser', 'manager'];

export const guardrailKeys = [
  'exclusionWindowDays',
  'stockThreshold',
  'safetyBuffer',
  'inventoryMaxAgeMinutes',
  'minPriceCents',
  'marginFloor',
  'newArrivalBoost',
  'newArrivalWindowDays',
  'clearancePenalty',
  'frequencyCapPerWeek',
  'conciergeCartCents',
  'explorationShare',
  'holdoutShare',
] as const satisfies readonly GuardrailKey[];

export const shopperTypes = ['first_timer', 'regular', 'vip', 'lapsing', 'bargain_hunter', 'big_cart'] as const satisfies readonly ShopperType[];
export const incentiveKinds = ['free_shipping', 'early_access', 'sample', 'scarcity', 'concierge'] as const satisfies readonly IncentiveKind[];

// Structure is checked here; ranges and references are checked by the console's validation,
// so a draft with an out-of-range value still saves and comes back with per-field problems.
const category = z.string().min(1).max(200);
const number = z.number().finite();
const mmdd = z.string().max(5).nullable();
const incentiveList = z.array(z.enum(incentiveKinds)).max(incentiveKinds.length);

const affinitySchema = z
  .object({
    id,
    fromCategoryId: category,
    toCategoryId: category,
    skus: z.array(id).max(50),
    minDelayDays: number,
    maxDelayDays: number,
    weight: number,
    seasonStart: mmdd,
    seasonEnd: mmdd,
    storeIds: z.array(id).max(100),
    active: z.boolean(),
    note: text(500),
  })
  .strict();

const policySchema = z
  .object({
    guardrails: z.object(Object.fromEntries(guardrailKeys.map((k) => [k, number])) as Record<GuardrailKey, typeof number>).strict(),
    affinities: z
      .array(affinitySchema)
      .max(2000)
      .refine((list) => new Set(list.map((a) => a.id)).size === list.length, { message: 'two affinities share an id' }),
    blockedCategories: z.array(category).max(500),
    incentives: z
      .object({
        first_timer: incentiveList,
        regular: incentiveList,
        vip: incentiveList,
        lapsing: incentiveList,
        bargain_hunter: incentiveList,
        big_cart: incentiveList,
      } satisfies Record<ShopperType, typeof incentiveList>)
      .strict(),
  })
  .strict();

/** A published version, or the working draft. */
const versionOrDraft = z.union([z.number().int().min(0), z.literal('draft')]);

export const merchContract = {
  // Categories, stores, guardrail descriptions and ranges, shopper types: what the forms need.
  'merch.setup': define<MerchSetup>()({
    input: z.object({}).strict(),
    access: MERCH,
    write: false,
  }),
  'merch.draft.get': define<MerchDraft>()({
    input: z.object({}).strict(),
    access: MERCH,
    write: false,
  }),
  // Saves even with problems (they come back per field); refused with 'conflict' when someone saved since `baseRevision`.
  'merch.draft.save': define<MerchDraft>()({
    input: z.object({ baseRevision: z.number().int().min(0), policy: policySchema }).strict(),
    access: MERCH,
    write: true,
  }),
  // Starts the draft over from a published version (null = the active one).
  'merch.draft.reset': define<MerchDraft>()({
    input: z.object({ fromVersion: z.number().int().min(0).nullable().default(null) }).strict(),
    access: MERCH,
    write: true,
  }),
  'merch.csv.export': define<CsvExport>()({
    input: z.object({ source: versionOrDraft.default('draft') }).strict(),
    access: MERCH,
    write: false,
  }),
  // Into the draft. Any rejected row → nothing imported, every row reported. 'replace' drops draft rows absent from the file.
  'merch.csv.import': define<CsvImportReport>()({
    input: z
      .object({
        csv: z.string().max(MAX_CSV_CHARS, { message: 'The file is larger than 2 MB. Split it into smaller files and import each.' }),
        mode: z.enum(['merge', 'replace']).default('merge'),
        baseRevision: z.number().int().min(0),
      })
      .strict(),
    access: MERCH,
    write: true,
  }),
  'merch.suggestions': define<SuggestionList>()({
    input: z
      .object({
        minSupport: z.number().int().min(2).max(10_000).default(20),
        minLift: z.number().min(0).max(100).default(1.5),
        fromCategoryId: category.nullable().default(null),
        limit: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    access: MERCH,
    write: false,
  }),
  // When the engine relearns its follow-up links: after N new orders, or once the model is H hours old.
  'merch.learnSchedule': define<LearnedModelStatus>()({
    input: z.object({ minNewOrders: z.number().int().min(1).max(10_000_000), maxAgeHours: z.number().int().min(1).max(24 * 90) }).strict(),
    access: MERCH,
    write: true,
  }),
  'merch.check': define<MerchCheck>()({
    input: z.object({ source: versionOrDraft.default('draft') }).strict(),
    access: MERCH,
    write: false,
  }),
  // Runs the real engine with the draft and with the published policy; writes nothing, uses up no frequency cap.
  'merch.preview': define<MerchPreview>()({
    input: z
      .object({
        sample: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('random'), seed: text(40, 1), size: z.number().int().min(1).max(50).default(10) }).strict(),
          z.object({ kind: z.literal('customer'), customerId: id }).strict(),
        ]),
        /** Customers for the aggregate (seeded random, same seed); 0 = samples only. */
        aggregateCustomers: z.number().int().min(0).max(5000).default(2000),
        /** Defaults to the store of the signed-in person. */
        storeId: id.nullable().default(null),
      })
      .strict(),
    access: MERCH,
    write: false,
  }),
  'merch.versions': define<VersionList>()({
    input: z.object({}).strict(),
    access: MERCH,
    write: false,
  }),
  // `from` null = the active version; `to` defaults to the draft.
  'merch.diff': define<PolicyDiff>()({
    input: z.object({ from: z.number().int().min(0).nullable().default(null), to: versionOrDraft.default('draft') }).strict(),
    access: MERCH,
    write: false,
  }),
  // The saved draft becomes a new immutable version, active at once, sent to the hub (outbox 'merch.published').
  'merch.publish': define<PublishReceipt>()({
    input: z.object({ note: text(500, 1), baseRevision: z.number().int().min(0) }).strict(),
    access: MERCH,
    write: true,
  }),
  // Any earlier version becomes active in one step (outbox 'merch.activated').
  'merch.rollback': define<VersionSummary>()({
    input: z.object({ version: z.number().int().min(1), note: text(500).default('') }).strict(),
    access: MERCH,
    write: true,
  }),
} as const;
