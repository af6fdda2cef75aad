import type Database from 'better-sqlite3';
import type { ApiEventName, ApiEvents, ApiName, ApiOutput, ApiParsedInput } from '../contract/index.js';
import type { ShellPort, SyncPort } from '../contract/ports.js';
import type { Session } from '../contract/types.js';
import type { OfferEngine } from '../engine/decide.js';
import type { ApprovalBook } from '../auth/approval.js';
import type { LockClock } from '../auth/lockout.js';

/** PIN checks, locks and manager approvals, shared by every call of one app. */
export interface SecurityContext {
  /** The device's PIN pepper (from the key store); absent on a plain test replica. */
  pepper?: Buffer;
  clock: LockClock;
  approvals: ApprovalBook;
}

/** What every handler gets: the replica, the clock, the session, and a way to raise events. */
export interface HandlerContext {
  db: Database.Database;
  now(): Date;
  session: Session | null;
  /** The offer engine of this replica (built on first use, then reused for its caches). */
  readonly engine: OfferEngine;
  /** The sync client, when a hub is configured; null on a standalone device. */
  readonly sync: SyncPort | null;
  /** The desktop shell (updater, window); null in the browser host. */
  readonly shell: ShellPort | null;
  setSession(session: Session | null): void;
  readonly security: SecurityContext;
  /** Queued, and delivered only after the handler's transaction commits. */
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

/** What the host owning the database knows beyond SQLite. */
export interface DeviceEnvironment {
  db: Database.Database;
  now?: () => Date;
  /** True when a hub is configured for this device (implied by `sync`). */
  hubConfigured?: boolean;
  sync?: SyncPort;
  /** The desktop shell around the app, when there is one (Electron). */
  shell?: ShellPort;
  /** From the device's key store: mixed into every PIN hash set on this device. */
  pinPepper?: Buffer;
  /** Monotonic milliseconds (lock and idle timing); performance.now() by default. */
  monotonicMs?: () => number;
}

/** One call's implementation; registry.ts runs it inside validation, access and the transaction. */
export type Handler<K extends ApiName> = (ctx: HandlerContext, input: ApiParsedInput<K>) => ApiOutput<K>;
/**
 * A call that answers later (it asks the hub). Only for calls that write nothing to the replica
 * (`write: false`): a transaction cannot stay open across an await, so a write stays synchronous.
 */
export type AsyncHandler<K extends ApiName> = (ctx: HandlerContext, input: ApiParsedInput<K>) => Promise<ApiOutput<K>>;
export type HandlerSet<K extends ApiName> = { [P in K]: Handler<P> | AsyncHandler<P> };
