// The hub's reports: the report tables beside the events, folded up to date before each report
// is read. On SQLite one more connection to the hub's file (its own report tables, made here); on
// PostgreSQL the hub store's pool (tables from migration 5: `PgHubStore.reportDb()`).
import Database from 'better-sqlite3';
import type { HubReport } from '../../protocol/index.js';
import { TransactionLock } from '../transactionLock.js';
import { reportAccess, type ReportAccess } from './access.js';
import { SQLITE_DIALECT, type ReportDb } from './dialect.js';
import { foldReports } from './fold.js';
import { buildReport } from './report.js';
import { REPORT_LAYOUT, REPORT_SCHEMA } from './schema.js';
import { StoreCalendar } from './storeCalendar.js';

export { CHAIN } from './report.js';
export type { ReportDb } from './dialect.js';
export const DEFAULT_ATTRIBUTION_DAYS = 14;

/** The report tables in the SQLite hub file, on a connection of their own (reads go on while the hub writes). */
class SqliteReportDb implements ReportDb {
  readonly dialect = SQLITE_DIALECT;
  private readonly db: Database.Database;
  /** One fold at a time on the connection: a fold awaits between its statements. */
  private readonly lock = new TransactionLock();

  constructor(file: string, calendar: StoreCalendar) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    calendar.register(this.db);
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

  all<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    return this.lock.run(() => this.db.prepare(sql).all(params) as T[]);
  }

  async run(sql: string, params: Record<string, unknown> = {}): Promise<void> {
    await this.lock.run(() => this.db.prepare(sql).run(params));
  }

  /** BEGIN IMMEDIATE: the write lock first, so no hub write lands between what is read and the cursor saved. */
  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  close(): void {
    this.db.close();
  }
}

export class HubReports {
  private readonly calendar = new StoreCalendar();
  private readonly db: ReportDb & { close?(): void };

  /** `source`: the hub store's SQLite file (it must exist: the store creates the tables it reads), or a store's report database (PostgreSQL). */
  constructor(source: string | ReportDb, readonly attributionDays = DEFAULT_ATTRIBUTION_DAYS) {
    this.db = typeof source === 'string' ? new SqliteReportDb(source, this.calendar) : source;
  }

  access(deviceStoreId: string, staffId: string, asked: string | undefined): Promise<ReportAccess> {
    return reportAccess(this.db, deviceStoreId, staffId, asked);
  }

  fold(): Promise<void> {
    return foldReports(this.db, this.calendar, this.attributionDays);
  }

  async report(store: string, from: string, to: string, now: Date): Promise<HubReport> {
    await this.fold();
    return buildReport(this.db, { store, from, to, now, attributionDays: this.attributionDays });
  }

  /** Closes the SQLite connection it opened (a store's report database closes with the store). */
  close(): void {
    this.db.close?.();
  }
}
