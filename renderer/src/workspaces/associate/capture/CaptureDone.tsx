// The recorded outcome, the consents as they now stand, and withdrawal one tap away.
import type { CaptureReceipt, CaptureSetup, ConsentPurpose } from '../../../../../core/contract/index';
import { consentStatusLabel } from '../../../format/labels';
import { Icon } from '../../../ui/Icon';

const headline: Record<CaptureReceipt['outcome'], string> = {
  captured_new: 'Email captured — new profile',
  captured_updated: 'Email added to the profile',
  already_on_file: 'Email already on file',
  declined: 'No email this time',
  invalid: 'Recorded: the address would not validate',
};

interface CaptureDoneProps {
  receipt: CaptureReceipt;
  setup: CaptureSetup | null;
  onWithdraw: (purpose: ConsentPurpose) => void;
  onNext: () => void;
}

export function CaptureDone({ receipt, setup, onWithdraw, onNext }: CaptureDoneProps) {
  const captured = receipt.outcome === 'captured_new' || receipt.outcome === 'captured_updated' || receipt.outcome === 'already_on_file';
  const labelOf = (p: ConsentPurpose) => setup?.consents.find((c) => c.purpose === p)?.label ?? p;
  return (
    <section className="capture-done" data-testid="capture-done" data-outcome={receipt.outcome}>
      <div className={`done-hero ${captured ? 'is-good' : 'is-quiet'}`}>
        <span className="done-icon">
          <Icon name={captured ? 'check' : 'info'} size={30} />
        </span>
        <div>
          <h2 className="done-title" data-testid="capture-outcome">
            {headline[receipt.outcome]}
          </h2>
          <p className="done-text">
            {[receipt.customerName, receipt.address].filter(Boolean).join(' · ') || 'Thank the customer — the sale is complete.'}
          </p>
          {receipt.merged.length > 0 ? (
            <p className="done-text" data-testid="merged-note">
              <Icon name="link" size={16} /> {receipt.merged.length === 1 ? 'One duplicate profile' : `${receipt.merged.length} duplicate profiles`} merged into this one.
            </p>
          ) : null}
          {receipt.suppressed ? <p className="done-text">Marketing stays off: this address asked not to be marketed to.</p> : null}
        </div>
      </div>

      {receipt.customerId && receipt.consents.length > 0 ? (
        <div className="done-consents">
          <h3 className="section-title">Consent on file</h3>
          <ul className="done-consent-list" data-testid="done-consents">
            {inSetupOrder(receipt.consents, setup).map((c) => (
              <li key={c.purpose} className="done-consent" data-purpose={c.purpose} data-status={c.status}>
                <span className="done-consent-label">{labelOf(c.purpose)}</span>
                <span className={`consent-chip consent-${c.status}`}>{consentStatusLabel[c.status]}</span>
                {c.status === 'granted' ? (
                  <button type="button" className="button button-secondary button-sm" onClick={() => onWithdraw(c.purpose)}>
                    Withdraw
                  </button>
                ) : (
                  <span className="done-consent-spacer" />
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <button type="button" className="button button-primary button-xl done-next" onClick={onNext}>
        Next customer <Icon name="chevron" size={20} />
      </button>
    </section>
  );
}

function inSetupOrder(consents: CaptureReceipt['consents'], setup: CaptureSetup | null): CaptureReceipt['consents'] {
  const order = setup?.consents.map((c) => c.purpose) ?? [];
  return [...consents].sort((a, b) => order.indexOf(a.purpose) - order.indexOf(b.purpose));
}
