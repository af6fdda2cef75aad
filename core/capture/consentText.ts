// What the associate reads out (and the customer sees) when asking for consent. The version
// is recorded with every consent, so a change of wording is a new version, never an edit.
import type { CaptureSetup, ConsentPurpose, DeclineReason } from '../contract/areas/captureTypes.js';

export const CONSENT_TEXT_VERSION = 'checkout-2025-01';

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = ['receipts', 'marketing', 'personalization'];

export const DECLINE_REASONS: readonly DeclineReason[] = ['no_email', 'privacy', 'too_many_emails', 'in_a_hurry', 'not_asked'];

export const CAPTURE_SETUP: CaptureSetup = {
  consentTextVersion: CONSENT_TEXT_VERSION,
  consents: [
    { purpose: 'receipts', label: 'Email receipts', text: 'Send my receipts to this address instead of paper.' },
    { purpose: 'marketing', label: 'News and offers', text: 'Email me about new arrivals, events and offers. I can unsubscribe at any time.' },
    {
      purpose: 'personalization',
      label: 'Personal suggestions',
      text: 'Use what I buy to suggest products that suit me, in store and by email.',
    },
  ],
  declineReasons: [
    { reason: 'no_email', label: 'Has no email' },
    { reason: 'privacy', label: 'Privacy concerns' },
    { reason: 'too_many_emails', label: 'Gets too many emails' },
    { reason: 'in_a_hurry', label: 'In a hurry' },
    { reason: 'not_asked', label: 'Didn’t get to ask' },
  ],
};
