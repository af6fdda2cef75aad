// One tap from the basket to the email capture step, for the customer whose card is open (if any).
import { useCaptureStore } from '../../../stores/captureStore';
import { useCardStore } from '../../../stores/cardStore';
import { Icon } from '../../../ui/Icon';

export function FinishSaleButton() {
  const open = useCaptureStore((s) => s.open);
  const capturing = useCaptureStore((s) => s.phase !== 'closed');
  const customerId = useCardStore((s) => (s.status === 'ready' ? s.customerId : null));
  return (
    <button type="button" className="button button-primary button-lg finish-sale" disabled={capturing} onClick={() => void open(customerId)}>
      <Icon name="mail" size={20} /> Finish sale
    </button>
  );
}
