// A manager approves an action at the register: pick the manager, who types their own PIN on
// this screen. The PIN is checked (and counted toward the manager's own lock) by the device;
// the approval it returns is good for this one action on this one subject, once.
import { useState, type ReactNode } from 'react';
import type { ApprovalOutcome, StaffTile } from '../../../core/contract/index';
import { api, type ApiInput } from '../bridge';
import { Avatar } from '../ui/Avatar';
import { Notice } from '../ui/Notice';
import { PinPad } from './PinPad';

export interface ManagerApprovalProps {
  action: ApiInput<'approval.grant'>['action'];
  subjectId: string;
  /** Whose picture heads the pad (the person being unlocked, the associate asking). */
  avatarName: string;
  title: ReactNode;
  /** What the pad's button says ("Approve" unless the action has a plainer name, e.g. "Unlock Sam"). */
  submitLabel?: string;
  managers: StaffTile[];
  /** Runs the approved call; resolves to a problem to show, or null when it worked. */
  onApproved(approvalId: string, manager: StaffTile): Promise<string | null>;
  onDone(): void;
  onCancel(): void;
  testId: string;
  className?: string;
}

function refusal(outcome: Exclude<ApprovalOutcome, { status: 'approved' }>, manager: StaffTile): string {
  switch (outcome.status) {
    case 'wrong_pin':
      return `Wrong manager PIN — ${outcome.attemptsLeft} ${outcome.attemptsLeft === 1 ? 'try' : 'tries'} left`;
    case 'locked':
      return `${manager.displayName} is locked out too. Another manager can help.`;
    default:
      return 'Only a manager can approve this.';
  }
}

export function ManagerApproval(p: ManagerApprovalProps) {
  const { managers } = p;
  const [managerId, setManagerId] = useState<string | null>(managers.length === 1 ? managers[0]!.id : null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const manager = managers.find((m) => m.id === managerId) ?? null;

  const approve = async (pin: string): Promise<boolean> => {
    if (!manager) return false;
    setBusy(true);
    const grant = await api.call('approval.grant', { managerId: manager.id, pin, action: p.action, subjectId: p.subjectId });
    let failure: string | null;
    if (!grant.ok) failure = grant.error.message;
    else if (grant.value.status === 'approved') failure = await p.onApproved(grant.value.approvalId, manager);
    else failure = refusal(grant.value, manager);
    setBusy(false);
    setProblem(failure);
    if (failure === null) p.onDone();
    else setRefusals((n) => n + 1);
    return failure === null;
  };

  return (
    <section className={`login-pin ${p.className ?? ''}`} aria-labelledby={`${p.testId}-title`} data-testid={p.testId}>
      <button type="button" className="button button-ghost login-back" onClick={p.onCancel}>
        Cancel
      </button>
      <div className="login-who">
        <Avatar name={p.avatarName} size="lg" />
        <h1 id={`${p.testId}-title`} className="login-title">
          {p.title}
        </h1>
        <p className="login-subtitle">{manager ? `${manager.displayName}, enter your manager PIN` : 'Which manager is approving?'}</p>
      </div>
      {manager ? (
        <PinPad onSubmit={approve} busy={busy} refusals={refusals} submitLabel={p.submitLabel ?? 'Approve'} message={problem ? <Notice tone="error" title={problem} testId={`${p.testId}-feedback`} /> : undefined} />
      ) : managers.length === 0 ? (
        <Notice tone="info" title="No manager of this store is on this register" />
      ) : (
        <div className="staff-tiles" role="list">
          {managers.map((m) => (
            <button key={m.id} type="button" role="listitem" className="staff-tile" onClick={() => setManagerId(m.id)} data-testid="approving-manager">
              <Avatar name={m.displayName} />
              <span className="staff-name">{m.displayName}</span>
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
