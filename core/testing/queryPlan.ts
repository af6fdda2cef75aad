import type Database from 'better-sqlite3';

/** The EXPLAIN QUERY PLAN of a statement as one string, one step a line. */
export function explainPlan(db: Database.Database, sql: string, params: unknown[] | Record<string, unknown> = []): string {
  const stmt = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (Array.isArray(params) ? stmt.all(...params) : stmt.all(params)) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}
