// Setting a refused event aside: the reason first, then a manager's approval (a signed-in
// manager approves by doing it). The event is kept on the register, out of the outbox.
import { useState } from 'react';
import type { OutboxEntry, StaffTile } from '../../../core/contract/index';
import { api } from '../bridge';
import { ManagerApproval } from '../login/ManagerApproval';
import { useSessionStore } from '../stores/sessionStore';
import { Notice } from '../ui/Notice';
import { eventLabel } from './eventLabels';
import { useSyncStore } from './syncStore';

const REASON_MIN = 3;
const REASON_MAX = 200;

export function DismissDialog({ entry }: { entry: OutboxEntry }) {
  const session = useSessionStore((s) => s.session);
  const { dismiss, startDismiss } = useSyncStore();
  const [reason, setReason] = useState('');
  const [managers, setManagers] = useState<StaffTile[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isManager = session?.role === 'manager';
  const trimmed = reason.trim();
  const why = trimmed.length < REASON_MIN ? `Say why in a few words (at least ${REASON_MIN} characters).` : null;

  const next = async () => {
    setBusy(true);
    if (isManager) setProblem(await dismiss(entry, trimmed));
    else {
      // The managers of this store who could approve here (not the person asking, not locked).
      const staff = await api.call('session.staff', {});
      setManagers(staff.ok ? staff.value.filter((t) => t.role === 'manager' && !t.locked && t.id !== session?.staffId) : []);
    }
    setBusy(false);
  };

  return (
    <div className="modal-backdrop">
      <div className="modal-card" role="dialog" aria-modal="true" aria-labelledby="dismiss-title" data-testid="dismiss-dialog">
        {managers ? (
          <ManagerApproval
            action="sync.dismiss"
            subjectId={entry.id}
            avatarName={session?.displayName ?? 'Manager'}
            title="Approve setting it aside"
            managers={managers}
            onApproved={(approvalId) => dismiss(entry, trimmed, approvalId)}
            onDone={() => {}}
            onCancel={() => setManagers(null)}
            testId="dismiss-approval"
          />
        ) : (
          <>
            <h2 id="dismiss-title" className="modal-title">
              Set aside a refused event
            </h2>
            <p className="modal-text">
              <strong>{eventLabel(entry.kind)}</strong>
              {entry.summary ? ` — ${entry.summary}` : ''}. The hub said: “{entry.rejectedReason}”
            </p>
            <label className="field">
              <span className="field-label">Why is it set aside?</span>
              <textarea
                className="text-input modal-reason"
                value={reason}
                maxLength={REASON_MAX}
                rows={3}
                onChange={(e) => setReason(e.target.value)}
                aria-describedby="dismiss-why"
                data-testid="dismiss-reason"
              />
            </label>
            <p id="dismiss-why" className="modal-hint">
              {why ?? 'It stays on this register with your reason and is no longer sent.'}
              {isManager ? '' : ' A manager approves this with their PIN.'}
            </p>
            {problem ? <Notice tone="error" title={problem} testId="dismiss-problem" /> : null}
            <div className="modal-actions">
              <button type="button" className="button button-secondary" onClick={() => startDismiss(null)}>
                Cancel
              </button>
              <button type="button" className="button button-primary" disabled={why !== null || busy} onClick={() => void next()} data-testid="dismiss-next">
                {isManager ? 'Set aside' : 'Ask a manager to approve'}
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
