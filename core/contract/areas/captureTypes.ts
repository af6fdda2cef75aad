// Shapes of checkout email capture (DESIGN §6). Plain data: they cross IPC and HTTP as JSON.
import type { Segment, VisitingCustomer } from '../types.js';

export type ConsentPurpose = 'receipts' | 'marketing' | 'personalization';
export type DeclineReason = 'no_email' | 'privacy' | 'too_many_emails' | 'in_a_hurry' | 'not_asked';
/** What one checkout recorded. Captured = new or updated; already on file is not eligible. */
export type CheckoutOutcomeKind = 'captured_new' | 'captured_updated' | 'already_on_file' | 'declined' | 'invalid';

export interface ConsentPrompt {
  purpose: ConsentPurpose;
  label: string;
  /** Read to the customer; recorded by version with every consent. */
  text: string;
}

export interface CaptureSetup {
  consentTextVersion: string;
  consents: ConsentPrompt[];
  declineReasons: { reason: DeclineReason; label: string }[];
}

export interface EmailVerdict {
  /** As typed (trimmed, NFC). */
  input: string;
  valid: boolean;
  /** Why it is not valid, in words for the associate. */
  problem: string | null;
  /** The address to store and send to: local part as typed, domain in lower case. */
  address: string | null;
  /** The form used to match people (Gmail dots and +tags folded). */
  matchKey: string | null;
  /** The same address with a likely domain typo fixed, offered as one tap. */
  suggestion: string | null;
  /** A throwaway-mailbox domain: allowed, but worth a word with the customer. */
  disposable: boolean;
}

export interface PhoneVerdict {
  input: string;
  valid: boolean;
  e164: string | null;
  problem: string | null;
}

export type MatchReason = 'same_email' | 'same_phone' | 'same_loyalty' | 'similar_email' | 'same_name';

/** An existing profile that may be the customer at the counter. Never merged without a tap. */
export interface MatchCandidate {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  segment: Segment;
  lastOrderAt: string | null;
  /** 'exact': same address once normalized; 'likely': same phone or loyalty id, or a near-identical address. */
  confidence: 'exact' | 'likely';
  reasons: MatchReason[];
  /** True when this profile already holds the typed address (normalized). */
  hasThisEmail: boolean;
  consents: { purpose: ConsentPurpose; status: 'granted' | 'withdrawn' | 'suppressed' }[];
}

export interface CaptureCheck {
  email: EmailVerdict | null;
  phone: PhoneVerdict | null;
  /** Someone asked never to be marketed to at this address: marketing stays off. */
  suppressed: boolean;
  /** The profile whose suppression covers the address: the subject of a manager's re-subscribe approval. */
  suppressedBy: string | null;
  matches: MatchCandidate[];
  /**
   * Nobody here holds the address (or phone), but the hub found a customer of another store by it
   * exactly: the capture can be theirs (profile kind 'visiting') instead of a second profile.
   */
  visiting: VisitingCustomer | null;
}

export interface ConsentRecord {
  purpose: ConsentPurpose;
  status: 'granted' | 'withdrawn' | 'suppressed';
  recordedAt: string;
}

export interface CaptureReceipt {
  outcomeId: string;
  outcome: CheckoutOutcomeKind;
  customerId: string | null;
  customerName: string | null;
  address: string | null;
  /** Profiles folded into customerId at this checkout, by the associate's choice. */
  merged: string[];
  /** Email consents of the profile after this checkout. */
  consents: ConsentRecord[];
  /** Marketing or personalization asked for but refused, because the address is suppressed. */
  suppressed: boolean;
  /** The sale recorded with this checkout (null: the basket was empty). */
  orderId: string | null;
}
