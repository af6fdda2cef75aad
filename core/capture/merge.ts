// Folding duplicate profiles into one, only ever on the associate's explicit confirmation.
// The survivor gains the others' identifiers; consent never widens: per purpose the most
// restrictive state of any profile wins. Order history moves when the hub applies the event.
import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';
import type { ConsentPurpose } from '../contract/areas/captureTypes.js';
import { statement } from '../db/statements.js';
import { enqueue } from '../outbox/outbox.js';
import { CONSENT_PURPOSES } from './consentText.js';
import { currentConsent, setConsent, type ConsentStatus, type Recorder } from './consents.js';

const STRICTNESS: Record<ConsentStatus, number> = { granted: 0, withdrawn: 1, suppressed: 2 };

export function mergeProfiles(db: Database.Database, survivorId: string, otherIds: readonly string[], by: Recorder, at: Date): string[] {
  const merged: string[] = [];
  for (const otherId of new Set(otherIds)) {
    if (otherId === survivorId) continue;
    requireLiveProfile(db, otherId);
    statement(
      db,
      `INSERT OR IGNORE INTO customer_identifiers (kind, value, customer_id, raw, is_primary, created_at)
       SELECT kind, value, ?, raw, 0, ? FROM customer_identifiers WHERE customer_id = ?`,
    ).run(survivorId, at.toISOString(), otherId);
    for (const purpose of CONSENT_PURPOSES) foldConsent(db, survivorId, otherId, purpose, by, at);
    statement(db, `UPDATE customers SET merged_into = ?, updated_at = ? WHERE id = ?`).run(survivorId, at.toISOString(), otherId);
    enqueue(db, 'customer.merged', { survivorId, mergedId: otherId, mergedBy: by.staffId, storeId: by.storeId, at: at.toISOString() }, at);
    merged.push(otherId);
  }
  return merged;
}

function foldConsent(db: Database.Database, survivorId: string, otherId: string, purpose: ConsentPurpose, by: Recorder, at: Date): void {
  const theirs = currentConsent(db, otherId, purpose);
  const mine = currentConsent(db, survivorId, purpose);
  if (!theirs || (mine && STRICTNESS[mine] >= STRICTNESS[theirs])) return;
  if (!mine && theirs === 'granted') return; // a grant given to another profile is not carried over
  setConsent(db, { customerId: survivorId, purpose, status: theirs, textVersion: 'merge', source: 'merge' }, by, at);
}

export function requireLiveProfile(db: Database.Database, customerId: string): { name: string; status: string } {
  const row = statement(db, `SELECT trim(first_name || ' ' || last_name) AS name, status, merged_into FROM customers WHERE id = ?`).get(customerId) as
    | { name: string; status: string; merged_into: string | null }
    | undefined;
  if (!row || row.status === 'erased') throw new ApiError('not_found', 'No customer with that id on this device.', { customerId });
  if (row.merged_into) throw new ApiError('conflict', 'That profile was already merged into another one.', { customerId, mergedInto: row.merged_into });
  return row;
}
