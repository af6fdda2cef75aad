// Every call re-reads who is signed in: a deactivated, moved or locked person is signed out at
// once, a demoted one keeps only their new role, and a session idle past the register's limit
// ends. Idle time is measured on the monotonic clock.
import type Database from 'better-sqlite3';
import type { Session } from '../contract/types.js';
import { readSecuritySettings } from './settings.js';
import { readStaff } from './staffAuth.js';

export type SessionCheck = { session: Session } | { session: null; reason: 'idle' | 'removed' };

export function recheckSession(db: Database.Database, session: Session, idleMs: number): SessionCheck {
  const staff = readStaff(db, session.staffId);
  if (!staff || staff.active !== 1 || staff.store_id !== session.storeId || staff.lock_ms !== null) return { session: null, reason: 'removed' };
  if (idleMs > readSecuritySettings(db).idleLogoutMinutes * 60_000) return { session: null, reason: 'idle' };
  if (staff.role !== session.role || staff.display_name !== session.displayName) {
    return { session: { ...session, role: staff.role, displayName: staff.display_name } };
  }
  return { session };
}
