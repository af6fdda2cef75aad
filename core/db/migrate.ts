import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

export class NewerDatabaseError extends Error {
  constructor(readonly found: number, readonly supported: number) {
    super(
      `This database was written by a newer version of Endcap (schema ${found}; this app knows up to ${supported}). ` +
        'Update the app, or remove the local replica so it can be rebuilt from the hub.',
    );
    this.name = 'NewerDatabaseError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the schema to the newest version (or `target`). All pending migrations run in
 * one transaction, so a failure leaves the database exactly as it was.
 * A file database is copied aside first (`<file>.pre-v<N>.bak`) when it already holds data.
 */
export function migrate(
  db: Database.Database,
  options: { target?: number; migrations?: readonly Migration[] } = {},
): { from: number; to: number } {
  const list = options.migrations ?? allMigrations;
  const latest = list.length;
  const target = options.target ?? latest;
  const from = schemaVersion(db);
  if (from > latest) throw new NewerDatabaseError(from, latest);
  if (from >= target) return { from, to: from };

  if (from > 0 && db.name && db.name !== ':memory:' && fs.existsSync(db.name)) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    fs.copyFileSync(db.name, `${db.name}.pre-v${target}.bak`);
  }

  db.transaction(() => {
    for (const m of list.slice(from, target)) db.exec(m.up);
    db.pragma(`user_version = ${target}`);
  })();
  db.pragma('optimize');
  return { from, to: target };
}
