// Checkout: find the customer at the counter, then see who they are.
import { useCardStore } from '../../stores/cardStore';
import { CustomerCardView } from './CustomerCardView';
import { CustomerLookup } from './CustomerLookup';

export function AssociateWorkspace() {
  const cardOpen = useCardStore((s) => s.status !== 'closed');
  // The lookup's state lives in its store, so "Back" returns to the same query and results.
  return cardOpen ? <CustomerCardView /> : <CustomerLookup />;
}
