import type Database from 'better-sqlite3';
import type { ApiEventName, ApiEvents } from './contract.js';
import type { Session } from './types.js';

/** What every handler gets: the replica, the clock, the session, and a way to raise events. */
export interface HandlerContext {
  db: Database.Database;
  now(): Date;
  session: Session | null;
  setSession(session: Session | null): void;
  /** Queued, and delivered only after the handler's transaction commits. */
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

/** What the host owning the database knows beyond SQLite. */
export interface DeviceEnvironment {
  db: Database.Database;
  now?: () => Date;
  /** True when a hub is configured for this device. */
  hubConfigured?: boolean;
}
