// POST /v1/reports: the hub's chain reports, asked for by a signed-in staff member through
// their register's device token. What comes back is plain data the manager screen renders.
import { z } from 'zod';
import { PROTOCOL_VERSION } from './messages.js';

export const reportRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    /** Who is asking: the hub checks the role and the store against its staff rows. */
    staffId: z.string().min(1).max(64),
    /** A store id, or '*' for the whole chain (chain-level roles only). Default: the device's store. */
    store: z.string().min(1).max(64).optional(),
    /** First and last day (UTC, inclusive) of the range. */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  })
  .strict();
export type ReportRequest = z.infer<typeof reportRequestSchema>;

export interface Interval {
  value: number;
  ci95: [number, number];
}

export type LiftFigure =
  | { status: 'ok'; lift: number; ci95: [number, number]; treated: number; control: number; visits: number; customers: number }
  | { status: 'not_enough_data'; reason: string; visits: number; customers: number };

export interface StarterCounts {
  shown: number;
  used: number;
  notRelevant: number;
  /** "Not relevant" answers by reason ('none' = no reason given). */
  reasons: Record<string, number>;
  /** Shown starters followed by a purchase of a shown product by the same customer within N days. */
  attributedProduct: number;
  /** … or of a product of the starter's category. */
  attributedCategory: number;
}

export interface ReportResponse {
  protocol: typeof PROTOCOL_VERSION;
  /** The store reported on, or '*' for the chain. */
  store: string;
  stores: string[];
  from: string;
  to: string;
  generatedAt: string;
  attributionDays: number;
  checkouts: {
    total: number;
    byOutcome: Record<string, number>;
    declineReasons: Record<string, number>;
    byStore: { storeId: string; total: number; captured: number }[];
    byAssociate: { associateId: string; storeId: string; total: number; captured: number }[];
  };
  starters: {
    total: StarterCounts;
    byKind: ({ kind: string } & StarterCounts)[];
    byCategory: ({ categoryId: string } & StarterCounts)[];
    byAssociate: ({ staffId: string } & StarterCounts)[];
    byStore: ({ storeId: string } & StarterCounts)[];
  };
  sales: { orders: number; revenueCents: number };
  /** Customers who got starters vs the holdout, per visit where starters were computed. */
  lift: { purchaseRate: LiftFigure; revenuePerVisitCents: LiftFigure; categoryPurchaseRate: LiftFigure };
  /** Estimated use rate of the current ranking (no exploration) vs what was logged. */
  exploration: {
    logged: Interval & { slots: number };
    current: { ips: Interval & { ess: number }; snips: Interval & { ess: number }; dr: Interval & { ess: number } } | null;
    exploredSlots: number;
  };
}
