// The customer card: who this is, what they are worth to the store, how to reach them,
// what to talk about with them, and what they bought. Opened from the lookup; "Back" returns to the same results.
import { useEffect, useRef } from 'react';
import { useCardStore } from '../../stores/cardStore';
import { Icon } from '../../ui/Icon';
import { Notice } from '../../ui/Notice';
import { CardHero } from './card/CardHero';
import { ConsentGrid } from './card/ConsentGrid';
import { DuplicatesCallout } from './card/DuplicatesCallout';
import { IdentifierList } from './card/IdentifierList';
import { KeyFigures } from './card/KeyFigures';
import { PurchasesTable } from './card/PurchasesTable';
import { VisitList } from './card/VisitList';
import { StartersSection } from './starters/StartersSection';

export function CustomerCardView() {
  const { card, status, error, open, close, withdrawConsent } = useCardStore();
  const back = useRef<HTMLButtonElement>(null);
  // Put keyboard focus somewhere sensible when a card (or another profile) opens.
  useEffect(() => back.current?.focus(), [card?.id]);

  return (
    <section className="page card-view" aria-busy={status === 'loading'} data-testid="customer-card">
      <div className="card-toolbar">
        <button ref={back} type="button" className="button button-ghost" onClick={close}>
          <Icon name="back" /> Back to search
        </button>
      </div>

      {error ? <Notice tone="error" title={error.message} testId="card-error" /> : null}
      {status === 'loading' ? <div className="card-skeleton" aria-label="Loading customer" /> : null}

      {card ? (
        <>
          <CardHero card={card} />
          <StartersSection audience={{ kind: 'customer', card }} />
          {card.possibleDuplicates.length > 0 ? (
            <DuplicatesCallout duplicates={card.possibleDuplicates} onOpen={(id) => void open(id)} />
          ) : null}
          <KeyFigures card={card} />
          <div className="card-columns">
            <div className="card-column">
              <PurchasesTable purchases={card.recentPurchases} />
              <VisitList visits={card.recentVisits} />
            </div>
            <div className="card-column">
              <IdentifierList identifiers={card.identifiers} />
              <ConsentGrid consents={card.consents} onWithdraw={withdrawConsent} />
            </div>
          </div>
        </>
      ) : null}
    </section>
  );
}
