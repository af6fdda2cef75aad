import type Database from 'better-sqlite3';
import { statement } from '../../core/db/statements.js';
import type { ReplicatedTable } from '../protocol/index.js';

/** Insert-or-update of one replicated row; device-only columns are left alone. */
export function upsertStatement(db: Database.Database, t: ReplicatedTable): Database.Statement {
  const keep = new Set([...t.key, ...(t.fixed ?? [])]);
  const updates = t.columns.filter((c) => !keep.has(c)).map((c) => `${c} = excluded.${c}`);
  const conflict = updates.length ? `DO UPDATE SET ${updates.join(', ')}` : 'DO NOTHING';
  return statement(
    db,
    `INSERT INTO ${t.table} (${t.columns.join(', ')}) VALUES (${t.columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (${t.key.join(', ')}) ${conflict}`,
  );
}

export function deleteStatement(db: Database.Database, t: ReplicatedTable): Database.Statement {
  return statement(db, `DELETE FROM ${t.table} WHERE ${t.key.map((k) => `${k} = @${k}`).join(' AND ')}`);
}
