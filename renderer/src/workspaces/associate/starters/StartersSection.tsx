// "Conversation starters": the heart of the checkout screen. For the open customer, or for a
// walk-in's basket alone. Shows what the engine suggests, never how it chose (trials and the
// measured baseline are the device's business, not the associate's).
import type { CustomerCard, StarterSet } from '../../../../../core/contract/index';
import { markOf, useStartersStore } from '../../../stores/startersStore';
import { Icon } from '../../../ui/Icon';
import { Notice } from '../../../ui/Notice';
import { StarterCard } from './StarterCard';
import { useStarters } from './useStarters';

export type StartersAudience =
  | { kind: 'customer'; card: Pick<CustomerCard, 'id' | 'name' | 'status'> }
  | { kind: 'walk-in'; basketSize: number };

export function StartersSection({ audience }: { audience: StartersAudience }) {
  const customerId = audience.kind === 'customer' ? audience.card.id : null;
  const enabled = audience.kind === 'customer' || audience.basketSize > 0;
  useStarters(customerId, enabled);

  const { status, starterSet, error, feedback, marks, sendFeedback, retry } = useStartersStore();
  // Only show what answers this screen's customer (a stale answer for another one never shows).
  const shown = starterSet && starterSet.customerId === customerId ? starterSet : null;
  const loading = status === 'loading' || (status === 'idle' && enabled);

  return (
    <section
      className="starters"
      aria-labelledby="starters-title"
      aria-busy={loading}
      data-testid="starters"
      data-state={shown && status !== 'error' ? (loading ? 'refreshing' : 'ready') : status}
      data-decision-id={shown?.decisionId}
    >
      <header className="starters-head">
        <span className="starters-head-icon">
          <Icon name="bulb" size={22} />
        </span>
        <div className="starters-head-text">
          <h2 id="starters-title" className="starters-title">
            Conversation starters
          </h2>
          <p className="starters-subtitle">{subtitle(audience)}</p>
        </div>
        {loading && shown ? (
          <span className="starters-updating" role="status">
            <Icon name="sync" size={16} /> Updating for the basket…
          </span>
        ) : null}
      </header>

      {shown ? <LimitedNote set={shown} audience={audience} /> : null}

      {status === 'error' && error ? (
        <Notice tone="error" title={error.message} testId="starters-error">
          <span className="starters-error-text">
            {shown ? 'These suggestions may be out of date.' : 'No suggestions could be made.'}
            <button type="button" className="button button-secondary starters-retry" onClick={() => void retry()}>
              <Icon name="sync" size={18} /> Try again
            </button>
          </span>
        </Notice>
      ) : null}

      {!shown && loading ? (
        <div className="starter-grid" aria-label="Loading suggestions">
          <div className="starter-skeleton" />
          <div className="starter-skeleton" />
        </div>
      ) : null}

      {shown && shown.starters.length === 0 ? (
        <div className="starters-empty" data-testid="starters-empty">
          <Icon name="chat" size={22} />
          <div>
            <p className="starters-empty-title">No suggestion passed the store’s rules right now</p>
            <p className="starters-empty-text">
              {audience.kind === 'customer'
                ? 'Ask what brings them in today. Suggestions update as you scan the basket.'
                : 'Ask what the customer is shopping for, or look them up to use their history.'}
            </p>
          </div>
        </div>
      ) : null}

      {shown && shown.starters.length > 0 ? (
        <ol className={`starter-grid count-${shown.starters.length}`} aria-label="Suggestions" data-testid="starter-list">
          {shown.starters.map((s) => (
            <StarterCard
              key={`${shown.decisionId}:${s.position}`}
              starter={s}
              mark={markOf(s, feedback, marks)}
              onFeedback={(position, answer, reason) => void sendFeedback(position, answer, reason)}
            />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function subtitle(audience: StartersAudience): string {
  if (audience.kind === 'walk-in') return 'For today’s basket · no customer selected';
  const first = audience.card.name.split(/\s+/)[0] ?? audience.card.name;
  return `What to bring up with ${first}, and why`;
}

/** Says, calmly, why suggestions are few when the engine could use only today's basket. */
function LimitedNote({ set, audience }: { set: StarterSet; audience: StartersAudience }) {
  // A walk-in has no history to use; a customer in the measured baseline must not be told anything.
  if (audience.kind !== 'customer' || set.personalization !== 'cart_only' || set.arm === 'holdout') return null;
  const why =
    audience.card.status === 'suppressed'
      ? 'Contact suppressed: suggestions use only today’s basket and the store’s picks.'
      : 'No personalization consent: suggestions use only today’s basket and the store’s picks.';
  return (
    <p className="starters-note" data-testid="starters-limited">
      <Icon name="shield" size={18} />
      <span>
        {why} <span className="starters-note-more">Their purchase history is not used.</span>
      </span>
    </p>
  );
}
