// The hub's reports: one more connection to the hub's file, the report tables beside the
// events, folded up to date before each report is read.
import Database from 'better-sqlite3';
import type { HubReport } from '../../protocol/index.js';
import { reportAccess, type ReportAccess } from './access.js';
import { foldReports } from './fold.js';
import { buildReport } from './report.js';
import { REPORT_LAYOUT, REPORT_SCHEMA } from './schema.js';
import { StoreCalendar } from './storeCalendar.js';

export { CHAIN } from './report.js';
export const DEFAULT_ATTRIBUTION_DAYS = 14;

export class HubReports {
  private readonly db: Database.Database;
  private readonly calendar = new StoreCalendar();

  /** `file` is the hub store's SQLite file (it must exist: the store creates the tables it reads). */
  constructor(file: string, readonly attributionDays = DEFAULT_ATTRIBUTION_DAYS) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.calendar.register(this.db);
    this.db.exec(REPORT_SCHEMA);
    const layout = this.db.prepare(`SELECT position FROM rpt_cursor WHERE name = 'layout'`).pluck().get() as number | undefined;
    if (layout !== REPORT_LAYOUT) this.rebuild();
  }

  /** Report tables of another layout (days in UTC before layout 2) are dropped and folded again from every event. */
  private rebuild(): void {
    const tables = this.db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'rpt\\_%' ESCAPE '\\'`).pluck().all() as string[];
    this.db.transaction(() => {
      for (const t of tables) this.db.exec(`DROP TABLE ${t}`);
      this.db.exec(REPORT_SCHEMA);
      this.db.prepare(`INSERT INTO rpt_cursor (name, position) VALUES ('layout', ?)`).run(REPORT_LAYOUT);
    })();
  }

  access(deviceStoreId: string, staffId: string, asked: string | undefined): ReportAccess {
    return reportAccess(this.db, deviceStoreId, staffId, asked);
  }

  fold(): void {
    foldReports(this.db, this.calendar, this.attributionDays);
  }

  report(store: string, from: string, to: string, now: Date): HubReport {
    this.fold();
    return buildReport(this.db, { store, from, to, now, attributionDays: this.attributionDays });
  }

  close(): void {
    this.db.close();
  }
}
