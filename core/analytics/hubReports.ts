// The device's cache of the hub's chain reports: the last one per scope and range length, kept
// so a manager offline still sees figures, with their age; and the capture dashboard read from
// one of them.
import type Database from 'better-sqlite3';
import type { CaptureReport } from '../contract/areas/analyticsTypes.js';
import type { DeclineReason } from '../contract/areas/captureTypes.js';
import type { HubReport } from '../contract/areas/hubReportTypes.js';
import { statement } from '../db/statements.js';
import { daysBetween, zeroCounts } from './captureRollup.js';

/** Where a report is cached: whose (a store, '*', or '' for the device's own) and how many days it spans. */
export function reportScope(store: string | undefined, from: string, to: string): string {
  return `${store ?? ''}|${daysBetween(from, to).length}`;
}

export function cachedReport(db: Database.Database, scope: string): { report: HubReport; fetchedAt: string } | null {
  const row = statement(db, `SELECT body, fetched_at AS fetchedAt FROM hub_reports WHERE scope = ?`).get(scope) as { body: string; fetchedAt: string } | undefined;
  return row ? { report: JSON.parse(row.body) as HubReport, fetchedAt: row.fetchedAt } : null;
}

export function saveReport(db: Database.Database, scope: string, report: HubReport, at: Date): void {
  statement(db, `INSERT INTO hub_reports (scope, body, fetched_at) VALUES (?, ?, ?) ON CONFLICT (scope) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`).run(
    scope, JSON.stringify(report), at.toISOString(),
  );
}

const DECLINE_REASONS: readonly DeclineReason[] = ['no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked'];

/** The hub's capture section as the dashboard reads a capture report: every day of the range, every decline reason. */
export function captureFromHub(report: HubReport, today: string): CaptureReport {
  const c = report.capture;
  const days = new Map(c.byDay.map((d) => [d.day, d]));
  return {
    from: report.from,
    to: report.to,
    today,
    storeId: report.store === '*' ? null : report.store,
    stores: c.stores,
    totals: c.totals,
    declineReasons: DECLINE_REASONS.map((reason) => ({ reason, count: c.declineReasons[reason] ?? 0 })),
    byDay: daysBetween(report.from, report.to).map((day) => days.get(day) ?? { day, ...zeroCounts() }),
    byHour: c.byHour,
    byStore: c.byStore,
    byRegister: c.byRegister,
    byAssociate: c.byAssociate,
  };
}
