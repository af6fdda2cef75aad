// What can be done with an event the hub refused: send it again after the cause was fixed
// (at the hub, or in the data it refers to), or set it aside with a manager's reason. Set
// aside means moved to outbox_dismissed, never deleted.
import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';

function requireRefused(db: Database.Database, eventId: string): void {
  const row = db.prepare(`SELECT rejected_reason FROM outbox WHERE id = ?`).get(eventId) as { rejected_reason: string | null } | undefined;
  if (!row) throw new ApiError('not_found', 'No such event in this register\'s outbox.');
  if (row.rejected_reason === null) throw new ApiError('conflict', 'This event was not refused; it is waiting to be sent.');
}

/** Puts a refused event back in line for the next push. */
export function retryRefused(db: Database.Database, eventId: string): void {
  requireRefused(db, eventId);
  db.prepare(`UPDATE outbox SET rejected_reason = NULL, rejected_at = NULL, attempts = 0, last_attempt_at = NULL WHERE id = ?`).run(eventId);
}

/** Moves a refused event out of the outbox into outbox_dismissed, with who and why. */
export function dismissRefused(db: Database.Database, eventId: string, managerId: string, reason: string, at: Date): void {
  requireRefused(db, eventId);
  db.prepare(
    `INSERT INTO outbox_dismissed (id, kind, payload, created_at, rejected_reason, rejected_at, dismissed_at, dismissed_by, dismiss_reason)
     SELECT id, kind, payload, created_at, rejected_reason, rejected_at, ?, ?, ? FROM outbox WHERE id = ?`,
  ).run(at.toISOString(), managerId, reason, eventId);
  db.prepare(`DELETE FROM outbox WHERE id = ?`).run(eventId);
}
