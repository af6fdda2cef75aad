import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { createApp, type App } from '../api/registry.js';
import { closeDatabase, openDatabase } from '../db/open.js';
import { generateDemoChain, type DemoProgress } from '../demo/generate.js';

export interface DeviceHostOptions {
  /** Folder holding the replica (`endcap.db`). Created if missing. */
  dataDir: string;
  /** Fill an empty replica with the built-in demo chain. */
  demo: boolean;
  now?: () => Date;
  onDemoProgress?: (p: DemoProgress) => void;
}

export interface DeviceHost {
  readonly app: App;
  readonly db: Database.Database;
  readonly file: string;
  close(): void;
}

/**
 * Owns the replica and the app API for one device. Runs in Electron's utility process
 * or, for the loopback HTTP host, in plain Node: the same code either way.
 */
export function openDeviceHost(options: DeviceHostOptions): DeviceHost {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'endcap.db');
  const db = openDatabase(file);
  const hasDevice = db.prepare('SELECT 1 FROM device').get() !== undefined;
  if (!hasDevice && options.demo) {
    generateDemoChain(db, { onProgress: options.onDemoProgress });
  }
  const app = createApp(options.now ? { db, now: options.now } : { db });
  return {
    app,
    db,
    file,
    close: () => closeDatabase(db),
  };
}
