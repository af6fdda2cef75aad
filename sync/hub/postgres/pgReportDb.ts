// The chain reports' database on PostgreSQL (tables: migration 5): the report modules' SQL, with
// the PostgreSQL dialect, on the hub store's pool; a fold is one of the store's transactions, so
// it holds the hub's write lock and no push lands between what it counts and the cursor it saves.
import type pg from 'pg';
import { POSTGRES_DIALECT, type ReportDb } from '../reports/dialect.js';

/** A statement on the current transaction's connection or the pool (PgHubStore's), unprepared: the fold's temporary tables change between folds. */
export type PgRawQuery = (text: string, values: unknown[]) => Promise<pg.QueryResult>;

const NUMERIC = 1700;

/**
 * `@name` parameters as PostgreSQL's `$n`, and camelCase column aliases quoted (PostgreSQL folds
 * unquoted names to lower case; the report's rows are read by their camelCase names).
 */
export function positional(sql: string, params: Record<string, unknown>): { text: string; values: unknown[] } {
  const order: string[] = [];
  const text = sql
    .replace(/@([A-Za-z_]\w*)/g, (_m, name: string) => {
      if (!(name in params)) throw new Error(`The report query names @${name}, which it was not given.`);
      const i = order.indexOf(name);
      return `$${i >= 0 ? i + 1 : order.push(name)}`;
    })
    .replace(/\bAS ([a-z][a-z0-9]*[A-Z]\w*)\b/g, 'AS "$1"');
  return { text, values: order.map((n) => params[n]) };
}

export class PgReportDb implements ReportDb {
  readonly dialect = POSTGRES_DIALECT;

  constructor(
    private readonly query: PgRawQuery,
    private readonly atomic: <T>(work: () => Promise<T>) => Promise<T>,
  ) {}

  async all<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const { text, values } = positional(sql, params);
    const result = await this.query(text, values);
    // Sums of bigint columns come back as numeric (text in the driver): the report reads numbers.
    const numeric = result.fields.filter((f) => f.dataTypeID === NUMERIC).map((f) => f.name);
    if (numeric.length) for (const r of result.rows as Record<string, unknown>[]) for (const n of numeric) if (r[n] !== null) r[n] = Number(r[n]);
    return result.rows as T[];
  }

  async run(sql: string, params: Record<string, unknown> = {}): Promise<void> {
    const { text, values } = positional(sql, params);
    await this.query(text, values);
  }

  transaction<T>(work: () => Promise<T>): Promise<T> {
    return this.atomic(work);
  }
}
