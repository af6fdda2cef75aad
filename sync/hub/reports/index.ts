// The hub's reports: one more connection to the hub's file, the report tables beside the
// events, folded up to date before each report is read.
import Database from 'better-sqlite3';
import type { ReportResponse } from '../../protocol/index.js';
import { reportAccess, type ReportAccess } from './access.js';
import { foldReports } from './fold.js';
import { buildReport } from './report.js';
import { REPORT_SCHEMA } from './schema.js';

export { CHAIN } from './report.js';
export const DEFAULT_ATTRIBUTION_DAYS = 14;

export class HubReports {
  private readonly db: Database.Database;

  /** `file` is the hub store's SQLite file (it must exist: the store creates the tables it reads). */
  constructor(file: string, readonly attributionDays = DEFAULT_ATTRIBUTION_DAYS) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(REPORT_SCHEMA);
  }

  access(deviceStoreId: string, staffId: string, asked: string | undefined): ReportAccess {
    return reportAccess(this.db, deviceStoreId, staffId, asked);
  }

  fold(): void {
    foldReports(this.db, this.attributionDays);
  }

  report(store: string, from: string, to: string, now: Date): ReportResponse {
    this.fold();
    return buildReport(this.db, { store, from, to, now, attributionDays: this.attributionDays });
  }

  close(): void {
    this.db.close();
  }
}
