// Capture-rate roll-ups for the manager (DESIGN §6), read from checkout_daily (per day, register
// and associate) and checkout_hourly (per hour), both kept by the insert trigger. Both are keyed
// store first: one store is one range seek, the whole chain one seek per store.
import type Database from 'better-sqlite3';
import type { CaptureCounts, CaptureReport } from '../contract/areas/analyticsTypes.js';
import type { DeclineReason } from '../contract/areas/captureTypes.js';
import { statement } from '../db/statements.js';
import { CAPTURE_COUNTS_SQL } from '../../sync/protocol/reportShapes.js';


// :store null = every store the replica knows. A list, not "any store_id", so the key is still seekable.
const RANGE = `store_id IN (SELECT id FROM locations WHERE kind = 'store' AND (:store IS NULL OR id = :store))
  AND local_day BETWEEN :from AND :to`;

export const ROLLUP_SQL = {
  totals: `SELECT ${CAPTURE_COUNTS_SQL},
             coalesce(sum(declined_no_email), 0) AS no_email, coalesce(sum(declined_privacy), 0) AS privacy,
             coalesce(sum(declined_too_many), 0) AS too_many_emails, coalesce(sum(declined_in_a_hurry), 0) AS in_a_hurry,
             coalesce(sum(declined_not_asked), 0) AS not_asked
           FROM checkout_daily WHERE ${RANGE}`,
  byDay: `SELECT local_day AS day, ${CAPTURE_COUNTS_SQL} FROM checkout_daily WHERE ${RANGE} GROUP BY local_day ORDER BY local_day`,
  byHour: `SELECT weekday, local_hour AS hour, sum(eligible) AS eligible, sum(captured) AS captured
           FROM checkout_hourly WHERE ${RANGE} GROUP BY weekday, local_hour ORDER BY weekday, local_hour`,
  byStore: `SELECT store_id AS storeId, ${CAPTURE_COUNTS_SQL} FROM checkout_daily WHERE ${RANGE} GROUP BY store_id ORDER BY store_id`,
  byRegister: `SELECT store_id AS storeId, register_id AS registerId, ${CAPTURE_COUNTS_SQL} FROM checkout_daily WHERE ${RANGE}
               GROUP BY store_id, register_id ORDER BY store_id, register_id`,
  byAssociate: `SELECT associate_id AS associateId, min(store_id) AS storeId, ${CAPTURE_COUNTS_SQL} FROM checkout_daily WHERE ${RANGE}
                GROUP BY associate_id ORDER BY associate_id`,
} as const;

const DECLINE_REASONS: readonly DeclineReason[] = ['no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked'];

export interface ReportRange {
  from: string;
  to: string;
  storeId: string | null;
  today: string;
}

export function captureReport(db: Database.Database, range: ReportRange): CaptureReport {
  const params = { from: range.from, to: range.to, store: range.storeId };
  const totalsRow = statement(db, ROLLUP_SQL.totals).get(params) as CaptureCounts & Record<DeclineReason, number>;
  const { no_email, privacy, too_many_emails, in_a_hurry, not_asked, ...totals } = totalsRow;
  const reasonCounts: Record<DeclineReason, number> = { no_email, privacy, too_many_emails, in_a_hurry, not_asked };

  const stores = statement(db, `SELECT id, name FROM locations WHERE kind = 'store' ORDER BY id`).all() as { id: string; name: string }[];
  const storeName = new Map(stores.map((s) => [s.id, s.name]));
  const staffName = new Map(
    (statement(db, `SELECT id, display_name AS name FROM staff`).all() as { id: string; name: string }[]).map((s) => [s.id, s.name]),
  );

  const days = new Map((statement(db, ROLLUP_SQL.byDay).all(params) as (CaptureCounts & { day: string })[]).map((d) => [d.day, d]));
  return {
    ...range,
    stores,
    totals,
    declineReasons: DECLINE_REASONS.map((reason) => ({ reason, count: reasonCounts[reason] })),
    byDay: daysBetween(range.from, range.to).map((day) => days.get(day) ?? { day, ...zeroCounts() }),
    byHour: statement(db, ROLLUP_SQL.byHour).all(params) as CaptureReport['byHour'],
    byStore: (statement(db, ROLLUP_SQL.byStore).all(params) as (CaptureCounts & { storeId: string })[]).map((s) => ({
      ...s,
      storeName: storeName.get(s.storeId) ?? s.storeId,
    })),
    byRegister: statement(db, ROLLUP_SQL.byRegister).all(params) as CaptureReport['byRegister'],
    byAssociate: (statement(db, ROLLUP_SQL.byAssociate).all(params) as (CaptureCounts & { associateId: string; storeId: string })[]).map((a) => ({
      ...a,
      name: staffName.get(a.associateId) ?? a.associateId,
    })),
  };
}

export function zeroCounts(): CaptureCounts {
  return {
    checkouts: 0, eligible: 0, captured: 0, capturedNew: 0, capturedUpdated: 0, alreadyOnFile: 0, declined: 0, invalid: 0,
    typoSuggested: 0, typoAccepted: 0, receiptsOptIn: 0, marketingOptIn: 0, personalizationOptIn: 0,
  };
}

/** Every YYYY-MM-DD from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** `day` moved by `delta` calendar days. */
export function addDays(day: string, delta: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
}
