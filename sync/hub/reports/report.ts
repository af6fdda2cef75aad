// The hub's report for one store or the chain over a range of days, read from the daily
// roll-ups; lift and the exploration estimate go through the shared estimators (stats/).
import type { ReportDb } from './dialect.js';
import { liftOfMoments, type ClusterMoments, type LiftResult } from '../stats/lift.js';
import { doublyRobust, ips, meanRewardModel, onPolicy, snips, type LoggedDecision, type OpeEstimate } from '../stats/ope.js';
import { PROTOCOL_VERSION, type HubLiftFigure, type HubReport, type HubStarterCounts } from '../../protocol/index.js';
import { captureSection } from './capture.js';
import { partParams, rangeParts, unionOfParts } from './months.js';

export const CHAIN = '*';
const CAPTURED = new Set(['captured_new', 'captured_updated']);
const REASONS = ['not_interested', 'already_owns', 'wrong_fit', 'price', 'other'] as const;

interface StarterRow {
  dim: string;
  value: string;
  store_id: string;
  shown: number;
  used: number;
  not_relevant: number;
  r_not_interested: number;
  r_already_owns: number;
  r_wrong_fit: number;
  r_price: number;
  r_other: number;
  r_none: number;
  attributed_product: number;
  attributed_category: number;
}

function counts(r: StarterRow): HubStarterCounts {
  const reasons: Record<string, number> = {};
  for (const k of REASONS) if (r[`r_${k}`]) reasons[k] = r[`r_${k}`];
  if (r.r_none) reasons.none = r.r_none;
  return { shown: r.shown, used: r.used, notRelevant: r.not_relevant, reasons, attributedProduct: r.attributed_product, attributedCategory: r.attributed_category };
}

const ZERO: HubStarterCounts = { shown: 0, used: 0, notRelevant: 0, reasons: {}, attributedProduct: 0, attributedCategory: 0 };

function liftFigure(r: LiftResult): HubLiftFigure {
  const visits = r.treated.observations + r.control.observations;
  const customers = r.treated.customers + r.control.customers;
  return r.status === 'ok'
    ? { status: 'ok', lift: r.lift, ci95: r.ci95, treated: r.treated.mean, control: r.control.mean, visits, customers }
    : { status: 'not_enough_data', reason: r.reason, visits, customers };
}

// A rate's interval over too few slots to have one (NaN would reach the wire as null): every rate is possible.
const bounded = (ci: [number, number]): [number, number] => (Number.isFinite(ci[0]) && Number.isFinite(ci[1]) ? ci : [0, 1]);
const interval = (e: OpeEstimate) => ({ value: e.value, ci95: bounded(e.ci95), ess: e.ess });

interface SlotRow {
  kind: string;
  exploration: number;
  propensity: number;
  shown: number;
  used: number;
}

/** Fewer slots than this, or fewer explored ones, and the estimate says "not enough data yet". */
export const MIN_SLOTS_FOR_ESTIMATE = 100;
export const MIN_EXPLORED_FOR_ESTIMATE = 10;

type Valued = Omit<HubReport['exploration']['byKind'][number], 'kind'>;

/**
 * The current ranking (the slot's own pick, never a trial) valued from what was logged, beside
 * the logged use rate: under the ranking an explored slot has probability 0 and a ranked slot 1,
 * each weighed by the probability it was logged with.
 */
function valued(slots: readonly SlotRow[]): Valued {
  const logged: LoggedDecision[] = slots.flatMap((s) => {
    const base = { action: s.exploration ? 'explored' : 'ranked', context: '', propensity: s.propensity, targetProbability: s.exploration ? 0 : 1 };
    return [
      { ...base, reward: 1, count: s.used },
      { ...base, reward: 0, count: s.shown - s.used },
    ].filter((r) => r.count > 0);
  });
  const slotCount = slots.reduce((n, s) => n + s.shown, 0);
  const exploredSlots = slots.filter((s) => s.exploration).reduce((n, s) => n + s.shown, 0);
  const loggedValue = slotCount ? onPolicy(logged.map((r) => r.reward), logged.map((r) => r.count ?? 1)) : null;
  const enough = slotCount >= MIN_SLOTS_FOR_ESTIMATE && exploredSlots >= MIN_EXPLORED_FOR_ESTIMATE && logged.some((r) => r.targetProbability > 0);
  return {
    logged: { value: loggedValue?.value ?? 0, ci95: loggedValue ? bounded(loggedValue.ci95) : [0, 1], slots: slotCount },
    current: enough
      ? {
          ips: interval(ips(logged)),
          snips: interval(snips(logged)),
          dr: interval(doublyRobust(logged, meanRewardModel(logged, () => new Map([['ranked', 1]])))),
        }
      : null,
    exploredSlots,
  };
}

export interface ReportInput {
  store: string;
  from: string;
  to: string;
  now: Date;
  attributionDays: number;
}

export async function buildReport(db: ReportDb, q: ReportInput): Promise<HubReport> {
  const d = db.dialect;
  const scope = q.store === CHAIN ? '' : 'AND store_id = @store';
  const p = { from: q.from, to: q.to, store: q.store };
  const all = <T>(sql: string, extra: Record<string, unknown> = {}) => db.all<T>(sql, { ...p, ...extra });
  const sumCols = `sum(shown) AS shown, sum(used) AS used, sum(not_relevant) AS not_relevant, sum(r_not_interested) AS r_not_interested,
    sum(r_already_owns) AS r_already_owns, sum(r_wrong_fit) AS r_wrong_fit, sum(r_price) AS r_price, sum(r_other) AS r_other, sum(r_none) AS r_none,
    sum(attributed_product) AS attributed_product, sum(attributed_category) AS attributed_category`;

  // Long ranges read whole months from the monthly sums and the edge days from the daily roll-ups.
  const parts = partParams(rangeParts(q.from, q.to));
  const starterCols = `dim, value, store_id, shown, used, not_relevant, r_not_interested, r_already_owns, r_wrong_fit, r_price, r_other, r_none, attributed_product, attributed_category`;
  const starterRows = (where: string) => unionOfParts(starterCols, 'rpt_starter_daily', 'rpt_starter_monthly', `${where} ${scope}`);
  const byDim = await all<StarterRow>(`SELECT dim, value, '' AS store_id, ${sumCols} FROM (${starterRows('')}) t GROUP BY dim, value`, parts);
  const byStore = await all<StarterRow>(`SELECT 'all' AS dim, '' AS value, store_id, ${sumCols} FROM (${starterRows(`AND dim = 'all'`)}) t GROUP BY store_id`, parts);
  const dim = (d: string) => byDim.filter((r) => r.dim === d).sort((a, b) => b.shown - a.shown);
  const total = dim('all')[0];

  const checkoutRows = await all<{ store_id: string; associate_id: string; outcome: string; decline_reason: string; n: number }>(
    `SELECT store_id, associate_id, outcome, decline_reason, sum(n) AS n FROM rpt_checkout_daily WHERE day BETWEEN @from AND @to ${scope}
     GROUP BY store_id, associate_id, outcome, decline_reason`,
  );
  const byOutcome: Record<string, number> = {};
  const declineReasons: Record<string, number> = {};
  const stores = new Map<string, { total: number; captured: number }>();
  const associates = new Map<string, { associateId: string; storeId: string; total: number; captured: number }>();
  for (const r of checkoutRows) {
    byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + r.n;
    if (r.outcome === 'declined') declineReasons[r.decline_reason || 'none'] = (declineReasons[r.decline_reason || 'none'] ?? 0) + r.n;
    const captured = CAPTURED.has(r.outcome) ? r.n : 0;
    const s = stores.get(r.store_id) ?? stores.set(r.store_id, { total: 0, captured: 0 }).get(r.store_id)!;
    s.total += r.n;
    s.captured += captured;
    const key = `${r.store_id}\u0000${r.associate_id}`;
    const a = associates.get(key) ?? associates.set(key, { associateId: r.associate_id, storeId: r.store_id, total: 0, captured: 0 }).get(key)!;
    a.total += r.n;
    a.captured += captured;
  }

  const [sales] = await all<{ orders: number; cents: number }>(`SELECT coalesce(sum(orders), 0) AS orders, coalesce(sum(cents), 0) AS cents FROM rpt_sales_daily WHERE day BETWEEN @from AND @to ${scope}`);

  // Lift: only visits whose attribution window has closed, so both arms had the same time to buy.
  const closedBefore = new Date(q.now.getTime() - q.attributionDays * 86_400_000).toISOString();
  // Each customer is a cluster; SQL sums what the clustered interval needs per arm (liftOfMoments),
  // so no per-customer row reaches JavaScript.
  const moment = (y: string) =>
    `count(*) FILTER (WHERE ${y} <> 0) AS ${y}_pos, ${d.total(y)} AS ${y}_sum, ${d.total(`${y} * ${y}`)} AS ${y}_sq, ${d.total(`${y} * n`)} AS ${y}_n`;
  const armRows = await all<Record<string, number> & { arm: string }>(
    `SELECT arm, count(*) AS customers, ${d.total('n')} AS n, ${d.total('n * n')} AS n_sq, ${moment('p')}, ${moment('r')}, ${moment('c')}
     FROM (SELECT arm, count(*) AS n, sum(purchased) AS p, sum(revenue_cents) AS r, sum(category_purchased) AS c
           FROM rpt_visits ${d.indexedBy('rpt_visits_by_customer')} WHERE day BETWEEN @from AND @to AND shown_at < @closedBefore ${scope} GROUP BY customer_id, arm) v
     GROUP BY arm`,
    { closedBefore },
  );
  const moments = (arm: string, y: string): ClusterMoments => {
    const r = armRows.find((a) => a.arm === arm);
    return r
      ? { customers: r.customers!, positive: r[`${y}_pos`]!, n: r.n!, sum: r[`${y}_sum`]!, sumSq: r[`${y}_sq`]!, sumN: r[`${y}_n`]!, nSq: r.n_sq! }
      : { customers: 0, positive: 0, n: 0, sum: 0, sumSq: 0, sumN: 0, nSq: 0 };
  };
  const lift = (y: string) => liftFigure(liftOfMoments(moments('personalized', y), moments('holdout', y)));

  // Exploration: slots by kind and by the probability they were shown with.
  const slots = await all<SlotRow>(
    `SELECT kind, exploration, propensity, sum(shown) AS shown, sum(used) AS used
     FROM (${unionOfParts('kind, exploration, propensity, shown, used', 'rpt_slot_daily', 'rpt_slot_monthly', scope)}) t GROUP BY kind, exploration, propensity`,
    parts,
  );
  const kinds = [...new Set(slots.map((r) => r.kind))].sort();
  const propensities = new Map<string, { propensity: number; exploration: boolean; shown: number; used: number }>();
  for (const r of slots) {
    const key = `${r.exploration}|${r.propensity}`;
    const p = propensities.get(key) ?? propensities.set(key, { propensity: r.propensity, exploration: !!r.exploration, shown: 0, used: 0 }).get(key)!;
    p.shown += r.shown;
    p.used += r.used;
  }

  const storeIds = q.store === CHAIN
    ? (await all<{ store_id: string }>(`SELECT DISTINCT store_id FROM rpt_starter_daily WHERE dim = 'all' UNION SELECT DISTINCT store_id FROM rpt_checkout_daily ORDER BY 1`)).map((r) => r.store_id)
    : [q.store];
  const capture = await captureSection(db, q);
  return {
    protocol: PROTOCOL_VERSION,
    store: q.store,
    stores: storeIds,
    from: q.from,
    to: q.to,
    generatedAt: q.now.toISOString(),
    attributionDays: q.attributionDays,
    checkouts: {
      total: checkoutRows.reduce((n, r) => n + r.n, 0),
      byOutcome,
      declineReasons,
      byStore: [...stores].map(([storeId, s]) => ({ storeId, ...s })).sort((a, b) => a.storeId.localeCompare(b.storeId)),
      byAssociate: [...associates.values()].sort((a, b) => b.captured / b.total - a.captured / a.total || b.total - a.total),
    },
    starters: {
      total: total ? counts(total) : ZERO,
      byKind: dim('kind').map((r) => ({ kind: r.value, ...counts(r) })),
      byCategory: dim('category').map((r) => ({ categoryId: r.value, ...counts(r) })),
      byAssociate: dim('staff').map((r) => ({ staffId: r.value, ...counts(r) })),
      byStore: byStore.map((r) => ({ storeId: r.store_id, ...counts(r) })).sort((a, b) => a.storeId.localeCompare(b.storeId)),
    },
    sales: { orders: sales!.orders, revenueCents: sales!.cents },
    lift: { purchaseRate: lift('p'), revenuePerVisitCents: lift('r'), categoryPurchaseRate: lift('c') },
    capture,
    exploration: {
      ...valued(slots),
      byKind: kinds.map((kind) => ({ kind, ...valued(slots.filter((r) => r.kind === kind)) })),
      propensities: [...propensities.values()].sort((a, b) => Number(a.exploration) - Number(b.exploration) || b.propensity - a.propensity),
    },
  };
}
