// The one warning shown before leaving (signing out, closing the app): what is not saved, what
// has not reached the hub yet, and a choice to stay or to go anyway.
import { Notice } from '../ui/Notice';

export interface LeaveCheckProps {
  /** "sign out" or "close Endcap". */
  leaving: string;
  unsaved: string | null;
  waiting: string | null;
  stayLabel: string;
  leaveLabel: string;
  onStay(): void;
  onLeave(): void;
  testId: string;
}

export function LeaveCheck(p: LeaveCheckProps) {
  const title = p.unsaved ? `Unsaved work would be lost if you ${p.leaving} now` : 'Not everything has reached the store hub yet';
  return (
    <div className="logout-check" role="alertdialog" aria-labelledby={`${p.testId}-title`} data-testid={p.testId}>
      <Notice tone="warning" title={title}>
        <span id={`${p.testId}-title`}>
          {p.unsaved ? <span className="leave-line" data-testid="leave-unsaved">Not saved: {p.unsaved}.</span> : null}
          {p.waiting ? (
            <span className="leave-line" data-testid="leave-waiting">
              Waiting on this register: {p.waiting}. It stays here and is sent when the hub answers.
            </span>
          ) : null}
        </span>
      </Notice>
      <div className="logout-check-actions">
        <button type="button" className="button button-secondary" onClick={p.onStay} data-testid={`${p.testId}-stay`}>
          {p.stayLabel}
        </button>
        <button type="button" className="button button-primary" onClick={p.onLeave} data-testid={`${p.testId}-leave`}>
          {p.leaveLabel}
        </button>
      </div>
    </div>
  );
}
