// A suppressed address asked never to get marketing. If the customer asks for it again at the
// till, a manager approves on this screen with their PIN (a signed-in manager approves by being
// the one at the register); the approval goes with the saved capture and is audited there.
import { useState } from 'react';
import type { StaffTile } from '../../../../../core/contract/index';
import { api } from '../../../bridge';
import { ManagerApproval } from '../../../login/ManagerApproval';
import { resubscribeApproved, useCaptureStore } from '../../../stores/captureStore';
import { useSessionStore } from '../../../stores/sessionStore';
import { Icon } from '../../../ui/Icon';

export function Resubscribe() {
  const s = useCaptureStore();
  const session = useSessionStore((x) => x.session);
  const [managers, setManagers] = useState<StaffTile[] | null>(null);
  const subjectId = s.check?.suppressedBy ?? null;
  if (!subjectId) return null;

  if (session?.role === 'manager') {
    return (
      <p className="resubscribe" data-testid="resubscribe">
        <Icon name="shield" size={18} />
        <span className="resubscribe-text">As a manager, switching on offers re-subscribes this address; it is recorded in your name.</span>
      </p>
    );
  }

  if (resubscribeApproved(s)) {
    return (
      <p className="resubscribe is-approved" data-testid="resubscribe">
        <Icon name="check" size={18} />
        <span className="resubscribe-text">{s.resubscribe!.managerName} approved offers again. Switch on only what the customer says yes to.</span>
      </p>
    );
  }

  const ask = async () => {
    // The store's managers who could approve here (not the person asking, not locked out).
    const staff = await api.call('session.staff', {});
    setManagers(staff.ok ? staff.value.filter((t) => t.role === 'manager' && !t.locked && t.id !== session?.staffId) : []);
  };

  return (
    <>
      <div className="resubscribe" data-testid="resubscribe">
        <span className="resubscribe-text">Customer wants offers again? A manager approves.</span>
        <button type="button" className="button button-secondary" onClick={() => void ask()} data-testid="resubscribe-ask">
          <Icon name="shield" size={18} /> Manager approval
        </button>
      </div>
      {managers ? (
        <div className="modal-backdrop">
          <div className="modal-card" role="dialog" aria-modal="true" aria-labelledby="resubscribe-approval-title">
            <ManagerApproval
              action="consent.resubscribe"
              subjectId={subjectId}
              avatarName={session?.displayName ?? 'Associate'}
              title="Approve offers for this address"
              managers={managers}
              onApproved={(approvalId, manager) => {
                s.approveResubscribe({ approvalId, subjectId, managerName: manager.displayName });
                return Promise.resolve(null);
              }}
              onDone={() => setManagers(null)}
              onCancel={() => setManagers(null)}
              testId="resubscribe-approval"
            />
          </div>
        </div>
      ) : null}
    </>
  );
}
