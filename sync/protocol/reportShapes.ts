// The hub's chain report as it crosses the wire and as the device keeps it: one set of zod
// schemas, the types inferred from them (and the SQL both sides count capture with). A leaf: it imports only zod, so core may import it
// (the documented exception in .dependency-cruiser.cjs, like policy.ts) and the device checks
// the hub's answer with the same schema the hub's report is typed by.
import { z } from 'zod';

const count = z.number().int().nonnegative();
const interval = z.object({ value: z.number(), ci95: z.tuple([z.number(), z.number()]) });
const estimate = interval.extend({ ess: z.number() });

export const liftFigureSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), lift: z.number(), ci95: z.tuple([z.number(), z.number()]), treated: z.number(), control: z.number(), visits: count, customers: count }),
  z.object({ status: z.literal('not_enough_data'), reason: z.string(), visits: count, customers: count }),
]);

export const starterCountsSchema = z.object({
  shown: count,
  used: count,
  notRelevant: count,
  /** "Not relevant" answers by reason ('none' = no reason given). */
  reasons: z.record(z.string(), count),
  /** Shown starters followed by a purchase of a shown product by the same customer within N days. */
  attributedProduct: count,
  /** … or of a product of the starter's category. */
  attributedCategory: count,
});

/**
 * Checkout outcomes counted the way the capture dashboard reads them: eligible = every
 * outcome but "already on file"; captured = a new profile or an address added to one.
 */
export const captureCountsSchema = z.object({
  checkouts: count,
  eligible: count,
  captured: count,
  capturedNew: count,
  capturedUpdated: count,
  alreadyOnFile: count,
  declined: count,
  invalid: count,
  typoSuggested: count,
  typoAccepted: count,
  receiptsOptIn: count,
  marketingOptIn: count,
  personalizationOptIn: count,
});

/**
 * The capture counts summed from a roll-up's columns, the same on the device (`checkout_daily`)
 * and at the hub (`rpt_capture_daily`), so both dashboards count alike.
 */
export const CAPTURE_COUNTS_SQL = /* sql */ `
  coalesce(sum(checkouts), 0) AS checkouts,
  coalesce(sum(checkouts - already_on_file), 0) AS eligible,
  coalesce(sum(captured_new + captured_updated), 0) AS captured,
  coalesce(sum(captured_new), 0) AS capturedNew,
  coalesce(sum(captured_updated), 0) AS capturedUpdated,
  coalesce(sum(already_on_file), 0) AS alreadyOnFile,
  coalesce(sum(declined), 0) AS declined,
  coalesce(sum(invalid), 0) AS invalid,
  coalesce(sum(typo_suggested), 0) AS typoSuggested,
  coalesce(sum(typo_accepted), 0) AS typoAccepted,
  coalesce(sum(receipts_opt_in), 0) AS receiptsOptIn,
  coalesce(sum(marketing_opt_in), 0) AS marketingOptIn,
  coalesce(sum(personalization_opt_in), 0) AS personalizationOptIn`;

/** Email capture of every register in scope, by the store's local day and hour. */
export const hubCaptureSchema = z.object({
  stores: z.array(z.object({ id: z.string(), name: z.string() })),
  totals: captureCountsSchema,
  /** Declines by reason (the register's reason codes). */
  declineReasons: z.record(z.string(), count),
  /** Days that had checkouts (the device zero-fills the range). */
  byDay: z.array(captureCountsSchema.extend({ day: z.string() })),
  /** Only hours that had checkouts; weekday 0 = Sunday, in the store's time zone. */
  byHour: z.array(z.object({ weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23), eligible: count, captured: count })),
  byStore: z.array(captureCountsSchema.extend({ storeId: z.string(), storeName: z.string() })),
  byRegister: z.array(captureCountsSchema.extend({ storeId: z.string(), registerId: z.string() })),
  byAssociate: z.array(captureCountsSchema.extend({ associateId: z.string(), name: z.string(), storeId: z.string() })),
});

/** The current ranking (no trials) valued off-policy from the logged slots, beside what was logged. */
const valuedSchema = z.object({
  /** The logged use rate of these slots. */
  logged: interval.extend({ slots: count }),
  /** IPS, self-normalized IPS and doubly robust; null = not enough data yet. */
  current: z.object({ ips: estimate, snips: estimate, dr: estimate }).nullable(),
  /** Slots that were exploration trials. */
  exploredSlots: count,
});

export const hubReportSchema = z.object({
  protocol: z.literal(1),
  /** The store reported on, or '*' for the chain. */
  store: z.string(),
  stores: z.array(z.string()),
  /** First and last day, each store's own calendar day. */
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  attributionDays: count,
  checkouts: z.object({
    total: count,
    byOutcome: z.record(z.string(), count),
    declineReasons: z.record(z.string(), count),
    byStore: z.array(z.object({ storeId: z.string(), total: count, captured: count })),
    byAssociate: z.array(z.object({ associateId: z.string(), storeId: z.string(), total: count, captured: count })),
  }),
  capture: hubCaptureSchema,
  starters: z.object({
    total: starterCountsSchema,
    byKind: z.array(starterCountsSchema.extend({ kind: z.string() })),
    byCategory: z.array(starterCountsSchema.extend({ categoryId: z.string() })),
    byAssociate: z.array(starterCountsSchema.extend({ staffId: z.string() })),
    byStore: z.array(starterCountsSchema.extend({ storeId: z.string() })),
  }),
  sales: z.object({ orders: count, revenueCents: z.number().int() }),
  /** Customers who got starters vs the holdout, per visit where starters were computed. */
  lift: z.object({ purchaseRate: liftFigureSchema, revenuePerVisitCents: liftFigureSchema, categoryPurchaseRate: liftFigureSchema }),
  /** What exploration does: the whole ranking, each starter kind, and how trials were drawn. */
  exploration: valuedSchema.extend({
    byKind: z.array(valuedSchema.extend({ kind: z.string() })),
    /** Slots by the probability they were shown with: 1 = the ranking's own pick. */
    propensities: z.array(z.object({ propensity: z.number(), exploration: z.boolean(), shown: count, used: count })),
  }),
});

export type HubInterval = z.infer<typeof interval>;
export type HubLiftFigure = z.infer<typeof liftFigureSchema>;
export type HubStarterCounts = z.infer<typeof starterCountsSchema>;
export type CaptureCounts = z.infer<typeof captureCountsSchema>;
export type HubCapture = z.infer<typeof hubCaptureSchema>;
export type HubReport = z.infer<typeof hubReportSchema>;
