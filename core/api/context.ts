import type Database from 'better-sqlite3';
import type { ApiEventName, ApiEvents } from './contract.js';
import type { Session } from './types.js';
import type { OfferEngine } from '../engine/decide.js';

/** What every handler gets: the replica, the clock, the session, and a way to raise events. */
export interface HandlerContext {
  db: Database.Database;
  now(): Date;
  session: Session | null;
  /** The offer engine of this replica (built on first use, then reused for its caches). */
  readonly engine: OfferEngine;
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
