// Ports: what core knows of the parts outside it, implemented by the host that owns both.
import type { HubReportRequest } from './areas/hubReportTypes.js';
import type { BootstrapProgress, VisitingCustomer } from './types.js';

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
  /** Asks the hub for a chain report; it lands in the replica's report cache (optional: older hosts lack it). */
  requestReport?(scope: string, request: HubReportRequest): void;
  /**
   * Asks the hub for a customer of another store by an exact, normalized key (audited at the hub);
   * null when there is none. Rejects when the hub cannot be asked (optional: older hosts lack it).
   */
  lookupVisiting?(key: { kind: 'email' | 'phone' | 'loyalty'; value: string }, asker: { staffId: string; registerId: string }): Promise<VisitingCustomer | null>;
  /** Called whenever the connection, a stream or the outbox changed outside an API call. */
  onChange(listener: () => void): () => void;
}

/**
 * What the device does when synced data changes what it has learned. Sync knows no engine: the
 * host that owns the replica hands the sync client this port.
 */
export interface ReplicaLearner {
  /**
   * Orders arrived in the replica (one call per pull, not per page; `orders` = order rows written):
   * count them toward the next relearn of what derives from them, which runs in the background.
   */
  ordersArrived(now: Date, orders: number): void;
}

/** What the desktop shell tells core: its state changed, or the window is being closed. */
export type ShellNotice = 'state' | 'close-requested';

/**
 * What core knows of the desktop shell (Electron's main process): the updater and the window.
 * The browser host has none. Core never restarts or closes anything by itself; the UI asks.
 */
export interface ShellPort {
  update(): { version: string } | null;
  restartToUpdate(): void;
  close(): void;
  setUpdateChannel(channel: 'stable' | 'beta'): void;
  onNotice(listener: (notice: ShellNotice) => void): () => void;
}
