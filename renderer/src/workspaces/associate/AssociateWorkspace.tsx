// Checkout: find the customer at the counter, see who they are and what to talk about, with
// today's basket alongside whichever screen is showing; "Finish sale" asks for the email.
import { useCaptureStore } from '../../stores/captureStore';
import { useCardStore } from '../../stores/cardStore';
import { CaptureStep } from './capture/CaptureStep';
import { BasketPanel } from './basket/BasketPanel';
import { CustomerCardView } from './CustomerCardView';
import { CustomerLookup } from './CustomerLookup';

export function AssociateWorkspace() {
  const cardOpen = useCardStore((s) => s.status !== 'closed');
  const capturing = useCaptureStore((s) => s.phase !== 'closed');
  // The lookup's state lives in its store, so "Back" returns to the same query and results;
  // the basket lives in its own, so it stays while the associate moves between them.
  return (
    <div className={capturing ? 'checkout is-capturing' : 'checkout'}>
      <div className="checkout-main">{capturing ? <CaptureStep /> : cardOpen ? <CustomerCardView /> : <CustomerLookup />}</div>
      <div className="checkout-rail">
        <BasketPanel />
      </div>
    </div>
  );
}
