// One conversation starter: what to say (big), why (smaller), the products it is about,
// and two one-tap answers. "Not relevant" asks one tap more: why. The answer is recorded on
// the device and shown on the card.
import { useState } from 'react';
import type { SkipReason, Starter, StarterFeedback } from '../../../../../core/contract/index';
import type { FeedbackEntry } from '../../../stores/startersStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { lookOf } from './kinds';
import { StarterProductRow } from './StarterProductRow';

/** Characters beyond which the line to say is set a size smaller. */
const LONG_TEXT = 110;

interface StarterCardProps {
  starter: Starter;
  mark: FeedbackEntry | null;
  onFeedback: (position: number, feedback: StarterFeedback, reason?: SkipReason) => void;
}

/** The reasons, in the order an associate hears them most. */
export const SKIP_REASONS: readonly { reason: SkipReason; label: string }[] = [
  { reason: 'not_interested', label: 'Not interested' },
  { reason: 'already_owns', label: 'Already owns it' },
  { reason: 'wrong_fit', label: 'Wrong size or fit' },
  { reason: 'price', label: 'Price' },
  { reason: 'other', label: 'Other' },
];

export function StarterCard({ starter, mark, onFeedback }: StarterCardProps) {
  const look = lookOf(starter);
  const recorded = mark?.status === 'done' ? mark.feedback : null;
  const sending = mark?.status === 'sending' ? mark.feedback : null;
  const locked = recorded !== null || sending !== null;
  const [asking, setAsking] = useState(false);
  const titleId = `starter-${starter.position}-text`;

  return (
    <li
      className={`starter tone-${look.tone}${recorded === 'not_relevant' ? ' is-dismissed' : ''}${recorded === 'used' ? ' is-used' : ''}`}
      data-testid="starter"
      data-position={starter.position}
      data-kind={starter.kind}
      data-incentive={starter.incentive ?? undefined}
      data-feedback={recorded ?? undefined}
      aria-labelledby={titleId}
    >
      <div className="starter-top">
        <span className="starter-kind" data-testid="starter-kind">
          <span className="starter-kind-icon">
            <Icon name={look.icon} size={18} />
          </span>
          {look.label}
        </span>
        {recorded === 'not_relevant' ? <span className="starter-state">Marked not relevant</span> : null}
      </div>

      <p className={starter.text.length > LONG_TEXT ? 'starter-text is-long' : 'starter-text'} id={titleId} data-testid="starter-text">
        {starter.text}
      </p>

      <div className="starter-why">
        <span className="starter-why-label">Why</span>
        <p className="starter-reason" data-testid="starter-reason">
          {starter.reason}
        </p>
      </div>

      {starter.products.length > 0 ? (
        <ul className="starter-products" aria-label="Products to show">
          {starter.products.map((p) => (
            <li key={p.sku}>
              <StarterProductRow product={p} />
            </li>
          ))}
        </ul>
      ) : null}

      {mark?.status === 'error' ? (
        <Notice tone="error" title="Your answer was not recorded" testId="starter-error">
          {mark.error.message} Tap again to retry.
        </Notice>
      ) : null}

      {asking && !locked ? (
        <div className="starter-reasons" role="group" aria-label="Why is it not relevant?" data-testid="skip-reasons">
          <span className="starter-why-label">Why not?</span>
          {SKIP_REASONS.map(({ reason, label }) => (
            <button key={reason} type="button" className="button starter-reason-button" data-reason={reason} onClick={() => onFeedback(starter.position, 'not_relevant', reason)}>
              {label}
            </button>
          ))}
          <button type="button" className="button starter-reason-button is-quiet" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      ) : null}

      <div className="starter-actions">
        <button
          type="button"
          className={`button starter-button starter-used${recorded === 'used' ? ' is-chosen' : ''}`}
          disabled={locked}
          aria-pressed={recorded === 'used'}
          onClick={() => onFeedback(starter.position, 'used')}
        >
          {recorded === 'used' ? (
            'Marked used ✓'
          ) : (
            <>
              <Icon name="check" size={20} />
              {sending === 'used' ? 'Saving…' : 'Used'}
            </>
          )}
        </button>
        <button
          type="button"
          className={`button starter-button starter-dismiss${recorded === 'not_relevant' ? ' is-chosen' : ''}`}
          disabled={locked}
          aria-pressed={recorded === 'not_relevant'}
          onClick={() => setAsking(true)}
        >
          <Icon name="thumbDown" size={18} />
          {sending === 'not_relevant' ? 'Saving…' : 'Not relevant'}
        </button>
      </div>
    </li>
  );
}
