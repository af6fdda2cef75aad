// What a manager-approved re-subscribe lifts. The customer gave a new consent in person, a
// manager approved it at the register and it is audited, so the address is no longer one that
// asked never to be marketed to: every profile of this store holding it stops being suppressed
// (status back to `active`; a suppressed email consent becomes `withdrawn`, i.e. "not given" —
// the capture that follows grants only what was ticked). Without this, the next checkout would
// flag the address again and the hub would keep the new subscription from ever leaving.
// The hub decides for itself from `consent.resubscribed` (sent first, so it lifts before the
// consents that follow arrive): a manager of the store, a customer of the store.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';
import { enqueue } from '../outbox/outbox.js';
import { CONSENT_TEXT_VERSION } from './consentText.js';
import { setConsent, type Recorder } from './consents.js';
import type { ConsentPurpose } from '../contract/areas/captureTypes.js';

export interface ResubscribeApproval {
  /** The manager who approved at the register (or was the one signed in). */
  managerId: string;
  /** The profile whose suppression the approval named (capture.check's suppressedBy). */
  subjectId: string;
}

/** The source of a consent a lifted suppression left as `withdrawn` (the hub plans no send for it). */
export const LIFTED_SOURCE = 'resubscribe';

/** Lifts the suppression of `address` (its match key `matchKey`) for the capture of `customerId`. */
export function liftSuppression(
  db: Database.Database,
  address: { raw: string; matchKey: string },
  customerId: string,
  purposes: ConsentPurpose[],
  approval: ResubscribeApproval,
  by: Recorder,
  at: Date,
): void {
  const holders = statement(
    db,
    `SELECT DISTINCT c.id FROM customer_identifiers x JOIN customers c ON c.id = x.customer_id
     WHERE x.kind = 'email' AND x.value = ? AND c.status != 'erased'
       AND (c.status = 'suppressed' OR EXISTS (SELECT 1 FROM consents k WHERE k.customer_id = c.id AND k.channel = 'email' AND k.status = 'suppressed'))
     ORDER BY c.id`,
  ).pluck().all(address.matchKey) as string[];
  const iso = at.toISOString();
  enqueue(
    db,
    'consent.resubscribed',
    { subjectId: approval.subjectId, customerId, email: address.raw, purposes, managerId: approval.managerId, storeId: by.storeId, registerId: by.registerId, at: iso },
    at,
  );
  for (const id of holders) {
    statement(db, `UPDATE customers SET status = 'active', updated_at = ? WHERE id = ? AND status = 'suppressed'`).run(iso, id);
    const suppressed = statement(db, `SELECT purpose FROM consents WHERE customer_id = ? AND channel = 'email' AND status = 'suppressed'`).pluck().all(id) as ConsentPurpose[];
    for (const purpose of suppressed) setConsent(db, { customerId: id, purpose, status: 'withdrawn', textVersion: CONSENT_TEXT_VERSION, source: LIFTED_SOURCE }, by, at);
  }
}
