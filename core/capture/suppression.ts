import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';

/**
 * True when anyone holding this address (normalized) asked never to be marketed to: a
 * suppressed profile, or a suppressed email consent. Merged and erased profiles count too,
 * because a suppression outlives the profile it was recorded on.
 */
export function isSuppressed(db: Database.Database, matchKey: string): boolean {
  return suppressingProfile(db, matchKey) !== null;
}

/** The profile whose suppression covers this address (the subject a manager's re-subscribe approval names), or null. */
export function suppressingProfile(db: Database.Database, matchKey: string): string | null {
  return (
    (statement(
      db,
      `SELECT c.id FROM customer_identifiers x JOIN customers c ON c.id = x.customer_id
       WHERE x.kind = 'email' AND x.value = ?
         AND (c.status = 'suppressed'
              OR EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.channel = 'email' AND k.status = 'suppressed'))
       ORDER BY c.id LIMIT 1`,
    ).pluck().get(matchKey) as string | undefined) ?? null
  );
}
