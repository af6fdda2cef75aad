// The hub's chain report as the device keeps and shows it. The same shape as the wire's
// ReportResponse (sync/protocol/reports.ts): the contract may not import sync, so the sync
// client checks at compile time that the two stay one.
export interface HubInterval {
  value: number;
  ci95: [number, number];
}

export type HubLiftFigure =
  | { status: 'ok'; lift: number; ci95: [number, number]; treated: number; control: number; visits: number; customers: number }
  | { status: 'not_enough_data'; reason: string; visits: number; customers: number };

export interface HubStarterCounts {
  shown: number;
  used: number;
  notRelevant: number;
  reasons: Record<string, number>;
  attributedProduct: number;
  attributedCategory: number;
}

export interface HubReport {
  protocol: 1;
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
    total: HubStarterCounts;
    byKind: ({ kind: string } & HubStarterCounts)[];
    byCategory: ({ categoryId: string } & HubStarterCounts)[];
    byAssociate: ({ staffId: string } & HubStarterCounts)[];
    byStore: ({ storeId: string } & HubStarterCounts)[];
  };
  sales: { orders: number; revenueCents: number };
  lift: { purchaseRate: HubLiftFigure; revenuePerVisitCents: HubLiftFigure; categoryPurchaseRate: HubLiftFigure };
  exploration: {
    logged: HubInterval & { slots: number };
    current: { ips: HubInterval & { ess: number }; snips: HubInterval & { ess: number }; dr: HubInterval & { ess: number } } | null;
    exploredSlots: number;
  };
}

/** What the manager screen gets: the last report the hub sent for this scope, and whether a fresh one is on its way. */
export interface HubReportView {
  report: HubReport | null;
  /** When the device received it; the screen shows its age. */
  fetchedAt: string | null;
  /** A newer one was asked of the hub (the screen asks again when the device status changes). */
  requested: boolean;
  connection: 'online' | 'offline' | 'bootstrapping' | 'standalone';
}

/** What the device asks the hub for. */
export interface HubReportRequest {
  staffId: string;
  store?: string;
  from: string;
  to: string;
}
