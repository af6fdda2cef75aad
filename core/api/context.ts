import type Database from 'better-sqlite3';
import type { ApiEventName, ApiEvents } from './contract.js';
import type { BootstrapProgress, Session } from './types.js';
import type { OfferEngine } from '../engine/decide.js';

/** What every handler gets: the replica, the clock, the session, and a way to raise events. */
export interface HandlerContext {
  db: Database.Database;
  now(): Date;
  session: Session | null;
  /** The offer engine of this replica (built on first use, then reused for its caches). */
  readonly engine: OfferEngine;
  /** The sync client, when a hub is configured; null on a standalone device. */
  readonly sync: SyncPort | null;
  setSession(session: Session | null): void;
  /** Queued, and delivered only after the handler's transaction commits. */
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
}

/** How the hub is reached, as the last transport outcomes tell it. */
export type HubConnection = 'online' | 'offline' | 'bootstrapping';

/**
 * What core knows of the sync client. Core never imports sync: the host that owns both
 * (web host, Electron's utility process) injects an implementation.
 */
export interface SyncPort {
  connection(): HubConnection;
  /** Who this device is meant to be (from its hub config), for a replica not set up yet. */
  identity(): { deviceId: string; storeId: string; registerId: string } | null;
  /** Rows applied so far while a new device fills its replica; null once it has. */
  bootstrapProgress(): BootstrapProgress | null;
  /** A write just committed: push soon. */
  nudge(): void;
  /** Someone asked for sync now: push and pull every stream as soon as the current task ends. */
  syncNow(): void;
  /** A person used the app: keep the full cadence. */
  noteActivity(): void;
  /** The UI says whether a window is on screen; a hidden, unused app lets sync pause. */
  setForeground(visible: boolean): void;
  /** Called whenever the connection, a stream or the outbox changed outside an API call. */
  onChange(listener: () => void): () => void;
}

/** What the host owning the database knows beyond SQLite. */
export interface DeviceEnvironment {
  db: Database.Database;
  now?: () => Date;
  /** True when a hub is configured for this device (implied by `sync`). */
  hubConfigured?: boolean;
  sync?: SyncPort;
}
