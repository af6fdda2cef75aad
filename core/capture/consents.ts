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
/** Channels a register records consent on itself (in-store consents come from feeds only). */
export type ConsentChannel = 'email' | 'sms';

export function currentConsent(db: Database.Database, customerId: string, purpose: ConsentPurpose, channel: ConsentChannel = 'email'): ConsentStatus | null {
  const row = statement(db, `SELECT status FROM consents WHERE customer_id = ? AND purpose = ? AND channel = ?`).get(customerId, purpose, channel) as
    | { status: ConsentStatus }
    | undefined;
  return row?.status ?? null;
}

type ConsentChange = { customerId: string; purpose: ConsentPurpose; status: ConsentStatus; textVersion: string; source: string; channel?: ConsentChannel };

/** Sets one consent (email unless `channel` says otherwise); a no-op when it already has that status. Returns true when it changed. */
export function setConsent(
  db: Database.Database,
  change: ConsentChange,
  by: Recorder,
  at: Date,
): boolean {
  const channel = change.channel ?? 'email';
  if (currentConsent(db, change.customerId, change.purpose, channel) === change.status) return false;
  const recordedAt = at.toISOString();
  statement(
    db,
    `INSERT INTO consents (customer_id, purpose, channel, status, source, text_version, recorded_by, store_id, register_id, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET status = excluded.status, source = excluded.source,
       text_version = excluded.text_version, recorded_by = excluded.recorded_by, store_id = excluded.store_id,
       register_id = excluded.register_id, recorded_at = excluded.recorded_at`,
  ).run(change.customerId, change.purpose, channel, change.status, change.source, change.textVersion, by.staffId, by.storeId, by.registerId, recordedAt);
  sendConsent(db, change, by, at);
  return true;
}

/** The consent change's outbox event alone: for a visiting customer, whose consents their home store keeps. */
export function sendConsent(db: Database.Database, change: ConsentChange, by: Recorder, at: Date): void {
  const { channel = 'email', ...rest } = change;
  enqueue(db, 'consent.changed', { ...rest, channel, recordedBy: by.staffId, storeId: by.storeId, registerId: by.registerId, recordedAt: at.toISOString() }, at);
}

export function emailConsentRecords(db: Database.Database, customerId: string): ConsentRecord[] {
  return statement(db, `SELECT purpose, status, recorded_at AS recordedAt FROM consents WHERE customer_id = ? AND channel = 'email' ORDER BY purpose`).all(
    customerId,
  ) as ConsentRecord[];
}
