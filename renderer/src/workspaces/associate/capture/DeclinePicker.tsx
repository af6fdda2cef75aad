// Why there is no address: one tap on the reason records the checkout.
import type { CaptureSetup, DeclineReason } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';

export function DeclinePicker({
  reasons,
  busy,
  onPick,
  onCancel,
}: {
  reasons: CaptureSetup['declineReasons'];
  busy: boolean;
  onPick: (reason: DeclineReason) => void;
  onCancel: () => void;
}) {
  return (
    <section className="decline" aria-labelledby="decline-title" data-testid="decline-picker">
      <h3 id="decline-title" className="section-title">
        Why no email today?
      </h3>
      <div className="decline-reasons" role="group" aria-label="Decline reasons">
        {reasons.map((r) => (
          <button key={r.reason} type="button" className="chip decline-chip" disabled={busy} onClick={() => onPick(r.reason)}>
            {r.label}
          </button>
        ))}
      </div>
      <button type="button" className="button button-ghost" onClick={onCancel}>
        <Icon name="back" size={18} /> Back to the address
      </button>
    </section>
  );
}
