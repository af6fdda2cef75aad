// The engine's test store plus a merchandiser, and an app signed in as them: for console tests.
import type Database from 'better-sqlite3';
import { createApp, type App } from '../api/registry.js';
import type { ApiResult } from '../contract/errors.js';
import { openEngineStore } from './engineStore.js';
import { SMALL_NOW, SMALL_PINS } from './smallStore.js';

export const MERCH_PIN = SMALL_PINS.manager;

export function openMerchStore(): { db: Database.Database; app: App } {
  const db = openEngineStore();
  db.prepare(`INSERT INTO staff (id, display_name, role, store_id, pin_hash) SELECT 'st-priya', 'Priya Shah', 'merchandiser', 'S1', pin_hash FROM staff WHERE id = 'st-dana'`).run();
  const app = createApp({ db, now: () => SMALL_NOW });
  const login = app.call('session.login', { staffId: 'st-priya', pin: MERCH_PIN });
  if (!login.ok || login.value.status !== 'signed_in') throw new Error('the merchandiser could not sign in');
  return { db, app };
}

/** The value of a call that must succeed. */
export function ok<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify(r.error.details ?? '')}`);
  return r.value;
}
