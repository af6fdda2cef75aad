// Checkout: find the customer at the counter, see who they are and what to talk about, with
// today's basket alongside whichever screen is showing.
import { useCardStore } from '../../stores/cardStore';
import { BasketPanel } from './basket/BasketPanel';
import { CustomerCardView } from './CustomerCardView';
import { CustomerLookup } from './CustomerLookup';

export function AssociateWorkspace() {
  const cardOpen = useCardStore((s) => s.status !== 'closed');
  // The lookup's state lives in its store, so "Back" returns to the same query and results;
  // the basket lives in its own, so it stays while the associate moves between them.
  return (
    <div className="checkout">
      <div className="checkout-main">{cardOpen ? <CustomerCardView /> : <CustomerLookup />}</div>
      <div className="checkout-rail">
        <BasketPanel />
      </div>
    </div>
  );
}
