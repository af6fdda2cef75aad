import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ReplicaLearner, ShellPort, SyncPort } from '../contract/ports.js';
import { createApp, type App } from '../api/registry.js';
import { closeDatabase } from '../db/open.js';
import { openCheckedDatabase, recoverReplica, ReplicaDamagedError, type Recovery } from '../db/recovery.js';
import { generateDemoChain, type DemoProgress } from '../demo/generate.js';
import { Relearner } from '../engine/relearn.js';
import { flushSearchLog, learnFromSearchLog } from '../search/searchLog.js';
import { deriveKeys, type DeviceKeys, type KeyStore } from '../keys/keyStore.js';

export interface DeviceHostOptions {
  /** Folder holding the replica (`endcap.db`). Created if missing. */
  dataDir: string;
  /** Fill an empty replica with the built-in demo chain. */
  demo: boolean;
  /**
   * Where the device's master key lives (a 0600 key file for the web host, the OS keystore in
   * Electron). With it the replica is encrypted; without it (tests, templates) it is plain.
   */
  keyStore?: KeyStore;
  now?: () => Date;
  onDemoProgress?: (p: DemoProgress) => void;
  /**
   * The sync client, built on the open replica by the caller (core does not import sync).
   * Without it the device runs standalone. `learner` is what sync calls when pulled orders
   * change what the engine learned.
   */
  sync?: (db: Database.Database, learner: ReplicaLearner) => SyncAttachment;
  /**
   * A person decides what follows damage (the set-up host's recovery screen): a damaged replica is
   * moved aside with or without a hub, and sync waits for `startSync()`.
   */
  askAfterRecovery?: boolean;
  /** The desktop shell (updater, window), in Electron's database host only. */
  shell?: ShellPort;
}

/** The sync client as the host holds it: the port core talks to, started once the API is up. */
export interface SyncAttachment extends SyncPort {
  start(): void;
  stop(): void;
}

export interface DeviceHost {
  readonly app: App;
  readonly db: Database.Database;
  readonly file: string;
  /** Set when a damaged replica was moved aside and a new one started at this open. */
  readonly recovery: Recovery | null;
  /** The keys derived from the key store; null for a plain (test) replica. */
  readonly keys: DeviceKeys | null;
  /** Null on a standalone device. */
  readonly sync: SyncAttachment | null;
  /** Starts sync held back after a recovery (askAfterRecovery); does nothing when it runs already. */
  startSync(): void;
  close(): void;
}

/**
 * Owns the replica and the app API for one device. Runs in Electron's utility process
 * or, for the loopback HTTP host, in plain Node: the same code either way.
 */
export function openDeviceHost(options: DeviceHostOptions): DeviceHost {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'endcap.db');
  const keys = options.keyStore ? deriveKeys(options.keyStore.masterKey()) : null;
  const openOptions = keys ? { key: keys.replica } : {};
  // A damaged (or emptied) replica is never rebuilt as a demo: with a hub it is moved aside and
  // rebuilt from the hub with its unsent work carried over; without one, opening stops here.
  let db: Database.Database;
  let recovery: Recovery | null = null;
  try {
    db = openCheckedDatabase(file, openOptions);
  } catch (err) {
    if (!(err instanceof ReplicaDamagedError) || !(options.sync || options.askAfterRecovery)) throw err;
    ({ db, recovery } = recoverReplica(file, openOptions, err.reason, options.now?.() ?? new Date()));
  }
  const hasDevice = db.prepare('SELECT 1 FROM device').get() !== undefined;
  // A device pointed at a hub fills itself from the hub, never with demo data.
  if (!hasDevice && options.demo && !options.sync) {
    generateDemoChain(db, { onProgress: options.onDemoProgress });
  }
  const learner = replicaLearner(db, options.now);
  const sync = options.sync?.(db, learner) ?? null;
  const app = createApp({ db, ...(options.now ? { now: options.now } : {}), ...(sync ? { sync } : {}), ...(options.shell ? { shell: options.shell } : {}), ...(keys ? { pinPepper: keys.pinPepper } : {}) });
  let syncStarted = false;
  const startSync = () => {
    if (syncStarted || !sync) return;
    syncStarted = true;
    sync.start();
  };
  if (!(recovery && options.askAfterRecovery)) startSync();
  learner.start();
  learnSearchWords(db, options.now?.() ?? new Date());
  return {
    app,
    db,
    file,
    keys,
    recovery,
    sync,
    startSync,
    close: () => {
      sync?.stop();
      learner.stop();
      flushSearchLog(db);
      closeDatabase(db);
    },
  };
}

/** The search learns from this device's own search log at start-up; a failure costs only what it would have learned. */
function learnSearchWords(db: Database.Database, now: Date): void {
  try {
    const added = learnFromSearchLog(db, now);
    if (added > 0) console.log(`[endcap] search learned ${added} synonym(s) from this device's searches`);
  } catch (err) {
    console.error('[endcap] learning from the search log failed', err);
  }
}

/** The port sync calls, with what the host needs to run it: started with the API, stopped on close. */
export interface HostLearner extends ReplicaLearner {
  start(): void;
  stop(): void;
  /** Resolves once a relearn that is due (if any) has run. */
  settled(): Promise<void>;
}

/** Learned links derive from the whole order history: pulled orders count toward a relearn in the background. */
export function replicaLearner(db: Database.Database, now?: () => Date): HostLearner {
  const relearner = new Relearner(db, { ...(now ? { now } : {}), onError: (err) => console.error('[endcap] relearning failed', err) });
  return {
    ordersArrived: (_now, orders) => void relearner.ordersArrived(orders),
    start: () => relearner.start(),
    stop: () => relearner.stop(),
    settled: () => relearner.poke(),
  };
}
