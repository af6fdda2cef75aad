// Email consent per purpose: the current state in `consents`, every change as an outbox event
// in the caller's transaction, recorded with text version, associate, store, register and time.
import type Database from 'better-sqlite3';
import type { ConsentPurpose, ConsentRecord } from '../contract/areas/captureTypes.js';
import { statement } from '../db/statements.js';
import { enqueue } from '../outbox/outbox.js';

export interface Recorder {
  staffId: string;
  storeId: string;
  registerId: string;
}

export type ConsentStatus = ConsentRecord['status'];

export function currentConsent(db: Database.Database, customerId: string, purpose: ConsentPurpose): ConsentStatus | null {
  const row = statement(db, `SELECT status FROM consents WHERE customer_id = ? AND purpose = ? AND channel = 'email'`).get(customerId, purpose) as
    | { status: ConsentStatus }
    | undefined;
  return row?.status ?? null;
}

type ConsentChange = { customerId: string; purpose: ConsentPurpose; status: ConsentStatus; textVersion: string; source: string };

/** Sets one email consent; a no-op when it already has that status. Returns true when it changed. */
export function setConsent(
  db: Database.Database,
  change: ConsentChange,
  by: Recorder,
  at: Date,
): boolean {
  if (currentConsent(db, change.customerId, change.purpose) === change.status) return false;
  const recordedAt = at.toISOString();
  statement(
    db,
    `INSERT INTO consents (customer_id, purpose, channel, status, source, text_version, recorded_by, store_id, register_id, recorded_at)
     VALUES (?, ?, 'email', ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET status = excluded.status, source = excluded.source,
       text_version = excluded.text_version, recorded_by = excluded.recorded_by, store_id = excluded.store_id,
       register_id = excluded.register_id, recorded_at = excluded.recorded_at`,
  ).run(change.customerId, change.purpose, change.status, change.source, change.textVersion, by.staffId, by.storeId, by.registerId, recordedAt);
  sendConsent(db, change, by, at);
  return true;
}

/** The consent change's outbox event alone: for a visiting customer, whose consents their home store keeps. */
export function sendConsent(db: Database.Database, change: ConsentChange, by: Recorder, at: Date): void {
  enqueue(db, 'consent.changed', { ...change, channel: 'email', recordedBy: by.staffId, storeId: by.storeId, registerId: by.registerId, recordedAt: at.toISOString() }, at);
}

export function emailConsentRecords(db: Database.Database, customerId: string): ConsentRecord[] {
  return statement(db, `SELECT purpose, status, recorded_at AS recordedAt FROM consents WHERE customer_id = ? AND channel = 'email' ORDER BY purpose`).all(
    customerId,
  ) as ConsentRecord[];
}
