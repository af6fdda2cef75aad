// One checkout, one outcome. The outcome row, the profile change (new profile, new address,
// confirmed merges), the consents and their outbox events are written together: the caller
// runs this inside the write handler's single transaction, so a failure leaves none of them.
import type Database from 'better-sqlite3';
import { ApiError } from '../contract/errors.js';
import type { ApiParsedInput } from '../contract/index.js';
import type { CaptureReceipt, CheckoutOutcomeKind, ConsentPurpose, ConsentRecord, DeclineReason } from '../contract/areas/captureTypes.js';
import { writeAudit } from '../audit/audit.js';
import { statement } from '../db/statements.js';
import { nameKey } from '../identity/normalize.js';
import { newId } from '../ids.js';
import { enqueue } from '../outbox/outbox.js';
import { CONSENT_PURPOSES, CONSENT_TEXT_VERSION } from './consentText.js';
import { currentConsent, emailConsentRecords, sendConsent, setConsent, type ConsentChannel, type Recorder } from './consents.js';
import { checkEmail } from './emailCheck.js';
import { localTime, storeTimeZone } from './localTime.js';
import { mergeProfiles, requireLiveProfile } from './merge.js';
import { checkPhone } from './phoneCheck.js';
import { isSuppressed } from './suppression.js';
import { liftSuppression, type ResubscribeApproval } from './liftSuppression.js';

export type CheckoutInput = ApiParsedInput<'capture.record'>;
type CapturedInput = Extract<CheckoutInput, { outcome: 'captured' }>;

/** Purposes a suppressed address can never be (re)subscribed to by a capture. */
const MARKETING_PURPOSES: ReadonlySet<ConsentPurpose> = new Set(['marketing', 'personalization']);

interface OutcomeRow {
  outcome: CheckoutOutcomeKind;
  customerId: string | null;
  declineReason?: DeclineReason;
  typoSuggested?: boolean;
  typoAccepted?: boolean;
  optIns?: ReadonlySet<ConsentPurpose>;
  consentTextVersion?: string;
}

/** `resubscribe`: a manager approved marketing for a suppressed address (checked by the caller); it lifts the suppression. */
export function recordCheckout(db: Database.Database, input: CheckoutInput, by: Recorder, at: Date, options: { resubscribe?: ResubscribeApproval | null } = {}): CaptureReceipt {
  switch (input.outcome) {
    case 'captured':
      return recordCapture(db, input, by, at, options.resubscribe ?? null);
    case 'already_on_file': {
      const profile = requireLiveProfile(db, input.customerId);
      const hasEmail = statement(db, `SELECT 1 FROM customer_identifiers WHERE customer_id = ? AND kind = 'email' LIMIT 1`).get(input.customerId);
      if (!hasEmail) throw new ApiError('conflict', 'This customer has no email on file yet: capture one instead.', { customerId: input.customerId });
      return receipt(db, writeOutcome(db, { outcome: 'already_on_file', customerId: input.customerId }, by, at), input.customerId, profile.name);
    }
    case 'declined':
    case 'invalid': {
      const name = input.customerId ? requireLiveProfile(db, input.customerId).name : null;
      const row: OutcomeRow =
        input.outcome === 'declined'
          ? { outcome: 'declined', customerId: input.customerId, declineReason: input.reason }
          : { outcome: 'invalid', customerId: input.customerId };
      return receipt(db, writeOutcome(db, row, by, at), input.customerId, name);
    }
  }
}

function recordCapture(db: Database.Database, input: CapturedInput, by: Recorder, at: Date, resubscribe: ResubscribeApproval | null): CaptureReceipt {
  if (input.consentTextVersion !== CONSENT_TEXT_VERSION) {
    throw new ApiError('conflict', 'The consent wording changed while this screen was open. Read the new wording to the customer.', {
      current: CONSENT_TEXT_VERSION,
    });
  }
  const email = checkEmail(input.email);
  if (!email.valid || !email.address || !email.matchKey) {
    throw new ApiError('invalid_input', email.problem ?? 'That is not a complete email address.', { field: 'email' });
  }
  const phone = input.phone ? checkPhone(input.phone) : null;
  if (phone && !phone.valid) throw new ApiError('invalid_input', phone.problem ?? 'That is not a phone number.', { field: 'phone' });
  if (input.typo.accepted && !input.typo.suggested) throw new ApiError('invalid_input', 'typo: a suggestion can only be accepted if one was shown.');
  if (input.profile.kind === 'visiting') return recordVisitingCapture(db, input, input.profile.customerId, { address: email.address, matchKey: email.matchKey }, phone?.e164 ?? null, by, at);

  const iso = at.toISOString();
  let customerId: string;
  let outcome: CheckoutOutcomeKind;
  let merged: string[] = [];
  if (input.profile.kind === 'new') {
    customerId = `C-${newId()}`;
    statement(
      db,
      `INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, home_store_id, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?)`,
    ).run(customerId, input.firstName, input.lastName, nameKey(input.firstName), nameKey(input.lastName), by.storeId, iso, iso);
    outcome = 'captured_new';
  } else {
    customerId = input.profile.customerId;
    requireLiveProfile(db, customerId);
    merged = mergeProfiles(db, customerId, input.profile.mergeIds, by, at);
    const onFile = statement(db, `SELECT 1 FROM customer_identifiers WHERE customer_id = ? AND kind = 'email' AND value = ?`).get(customerId, email.matchKey);
    outcome = onFile ? 'already_on_file' : 'captured_updated';
  }

  if (outcome !== 'already_on_file') {
    // The address given at the till is the one to use from now on.
    statement(db, `UPDATE customer_identifiers SET is_primary = 0 WHERE customer_id = ? AND kind = 'email'`).run(customerId);
    statement(db, `INSERT INTO customer_identifiers (kind, value, customer_id, raw, is_primary, created_at) VALUES ('email', ?, ?, ?, 1, ?)`).run(
      email.matchKey,
      customerId,
      email.address,
      iso,
    );
  }
  if (phone?.e164) {
    statement(db, `INSERT OR IGNORE INTO customer_identifiers (kind, value, customer_id, raw, is_primary, created_at) VALUES ('phone', ?, ?, ?, 0, ?)`).run(
      phone.e164,
      customerId,
      phone.input,
      iso,
    );
  }

  if (resubscribe) {
    const purposes = CONSENT_PURPOSES.filter((p) => input.consents[p] && MARKETING_PURPOSES.has(p));
    liftSuppression(db, { raw: email.address, matchKey: email.matchKey }, customerId, purposes, resubscribe, by, at);
  }
  const suppressed = !resubscribe && isSuppressed(db, email.matchKey);
  const optIns = new Set<ConsentPurpose>();
  let refused = false;
  for (const purpose of CONSENT_PURPOSES) {
    if (!input.consents[purpose]) continue; // unticked means "not given", never "withdrawn"
    if (suppressed && MARKETING_PURPOSES.has(purpose)) {
      refused = true;
      setConsent(db, { customerId, purpose, status: 'suppressed', textVersion: input.consentTextVersion, source: 'checkout' }, by, at);
      continue;
    }
    setConsent(db, { customerId, purpose, status: 'granted', textVersion: input.consentTextVersion, source: 'checkout' }, by, at);
    optIns.add(purpose);
  }

  const row: OutcomeRow = {
    outcome,
    customerId,
    typoSuggested: input.typo.suggested,
    typoAccepted: input.typo.accepted,
    // Opt-in rates are "of the addresses captured"; a known address's consents still count in the profile.
    optIns: outcome === 'already_on_file' ? new Set() : optIns,
    consentTextVersion: input.consentTextVersion,
  };
  if (outcome !== 'already_on_file') {
    enqueue(
      db,
      outcome === 'captured_new' ? 'customer.created' : 'customer.updated',
      { customerId, email: email.address, phone: phone?.e164 ?? null, firstName: input.firstName, lastName: input.lastName, storeId: by.storeId, at: iso },
      at,
    );
  }
  const outcomeId = writeOutcome(db, row, by, at);
  const name = (statement(db, `SELECT trim(first_name || ' ' || last_name) AS name FROM customers WHERE id = ?`).get(customerId) as { name: string }).name;
  return { ...receipt(db, outcomeId, customerId, name, row.outcome), address: email.address, merged, suppressed: refused };
}

/**
 * A customer of another store, found through the hub (capture.check's visiting): this register
 * holds no profile of theirs and writes none. The address, phone and consents go to the hub as
 * events naming them; the hub checks that a register of this store found them, and files it all
 * with their home store, which keeps owning them. No second profile is made anywhere.
 */
function recordVisitingCapture(
  db: Database.Database,
  input: CapturedInput,
  customerId: string,
  email: { address: string; matchKey: string },
  phone: string | null,
  by: Recorder,
  at: Date,
): CaptureReceipt {
  if (statement(db, `SELECT 1 FROM customers WHERE id = ?`).get(customerId)) {
    throw new ApiError('conflict', 'This customer has a profile on this register: choose it from the list.', { customerId });
  }
  const iso = at.toISOString();
  enqueue(db, 'customer.updated', { customerId, email: email.address, phone, firstName: input.firstName, lastName: input.lastName, storeId: by.storeId, at: iso }, at);
  // A manager's re-subscribe approval lifts a suppression only for this store's own customers (the
  // hub checks the subject is of the store); a visiting customer's home store keeps theirs.
  const suppressed = isSuppressed(db, email.matchKey);
  const optIns = new Set<ConsentPurpose>();
  const consents: ConsentRecord[] = [];
  for (const purpose of CONSENT_PURPOSES) {
    if (!input.consents[purpose]) continue; // unticked means "not given", never "withdrawn"
    const status = suppressed && MARKETING_PURPOSES.has(purpose) ? 'suppressed' : 'granted';
    sendConsent(db, { customerId, purpose, status, textVersion: input.consentTextVersion, source: 'checkout' }, by, at);
    if (status === 'granted') optIns.add(purpose);
    consents.push({ purpose, status, recordedAt: iso });
  }
  const row: OutcomeRow = {
    outcome: 'captured_updated', customerId, typoSuggested: input.typo.suggested, typoAccepted: input.typo.accepted, optIns, consentTextVersion: input.consentTextVersion,
  };
  const written = writeOutcome(db, row, by, at);
  const name = `${input.firstName} ${input.lastName}`.trim() || null;
  return { ...receipt(db, written, customerId, name), address: email.address, consents, suppressed: consents.some((c) => c.status === 'suppressed') };
}

function writeOutcome(db: Database.Database, row: OutcomeRow, by: Recorder, at: Date): { id: string; outcome: CheckoutOutcomeKind } {
  const id = newId();
  const local = localTime(at, storeTimeZone(db, by.storeId));
  const opt = (p: ConsentPurpose) => (row.optIns?.has(p) ? 1 : 0);
  statement(
    db,
    `INSERT INTO checkout_outcomes (id, occurred_at, local_day, local_hour, weekday, store_id, register_id, associate_id, outcome,
       decline_reason, customer_id, typo_suggested, typo_accepted, receipts_opt_in, marketing_opt_in, personalization_opt_in, consent_text_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id, at.toISOString(), local.day, local.hour, local.weekday, by.storeId, by.registerId, by.staffId, row.outcome,
    row.declineReason ?? null, row.customerId, row.typoSuggested ? 1 : 0, row.typoAccepted ? 1 : 0,
    opt('receipts'), opt('marketing'), opt('personalization'), row.consentTextVersion ?? null,
  );
  const payload = {
    outcomeId: id, outcome: row.outcome, declineReason: row.declineReason ?? null, customerId: row.customerId, storeId: by.storeId,
    registerId: by.registerId, associateId: by.staffId, occurredAt: at.toISOString(), optIns: [...(row.optIns ?? [])],
    typoSuggested: !!row.typoSuggested, typoAccepted: !!row.typoAccepted,
  };
  enqueue(db, 'checkout.outcome', payload, at);
  writeAudit(db, {
    at, actorId: by.staffId, storeId: by.storeId, action: 'checkout.outcome', subjectType: row.customerId ? 'customer' : undefined,
    subjectId: row.customerId ?? undefined, inputsSummary: payload, justification: `Checkout recorded as ${row.outcome.replaceAll('_', ' ')}.`,
  });
  return { id, outcome: row.outcome };
}

function receipt(
  db: Database.Database,
  written: { id: string; outcome: CheckoutOutcomeKind },
  customerId: string | null,
  customerName: string | null,
  outcome: CheckoutOutcomeKind = written.outcome,
): CaptureReceipt {
  return {
    outcomeId: written.id,
    outcome,
    customerId,
    customerName,
    address: null,
    merged: [],
    consents: customerId ? emailConsentRecords(db, customerId) : [],
    suppressed: false,
    orderId: null,
  };
}

/**
 * Withdraws one purpose: as easy as giving it, and recorded the same way. A purpose granted by
 * SMS too (a feed's `marketing_sms_consent`) is withdrawn there as well: "stop marketing me" at
 * the till means every channel. Suppression stays.
 */
export function withdrawConsent(db: Database.Database, customerId: string, purpose: ConsentPurpose, by: Recorder, at: Date) {
  requireLiveProfile(db, customerId);
  const channels = (['email', 'sms'] as const).filter((channel) => setConsentUnlessSuppressed(db, customerId, purpose, channel, by, at));
  if (channels.length > 0) {
    writeAudit(db, {
      at, actorId: by.staffId, storeId: by.storeId, action: 'consent.withdraw', subjectType: 'customer', subjectId: customerId,
      inputsSummary: { purpose, channels }, justification: `The customer withdrew ${purpose} consent at the till.`,
    });
  }
  return emailConsentRecords(db, customerId);
}

function setConsentUnlessSuppressed(db: Database.Database, customerId: string, purpose: ConsentPurpose, channel: ConsentChannel, by: Recorder, at: Date): boolean {
  if (currentConsent(db, customerId, purpose, channel) !== 'granted') return false;
  return setConsent(db, { customerId, purpose, status: 'withdrawn', textVersion: CONSENT_TEXT_VERSION, source: 'checkout', channel }, by, at);
}
