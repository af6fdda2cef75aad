// The device's cache of the hub's chain reports: the last one per scope, kept so a manager
// offline still sees figures, with their age.
import type Database from 'better-sqlite3';
import type { HubReport } from '../contract/areas/hubReportTypes.js';
import { statement } from '../db/statements.js';

export function cachedReport(db: Database.Database, scope: string): { report: HubReport; fetchedAt: string } | null {
  const row = statement(db, `SELECT body, fetched_at AS fetchedAt FROM hub_reports WHERE scope = ?`).get(scope) as { body: string; fetchedAt: string } | undefined;
  return row ? { report: JSON.parse(row.body) as HubReport, fetchedAt: row.fetchedAt } : null;
}

export function saveReport(db: Database.Database, scope: string, report: HubReport, at: Date): void {
  statement(db, `INSERT INTO hub_reports (scope, body, fetched_at) VALUES (?, ?, ?) ON CONFLICT (scope) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at`).run(
    scope, JSON.stringify(report), at.toISOString(),
  );
}
