// A manager unlocks a colleague at the register: pick the manager, who types their own PIN on
// this screen. The PIN is checked (and counted toward the manager's own lock) by the device;
// the approval it returns unlocks this one person, once.
import { useState } from 'react';
import type { StaffTile } from '../../../core/contract/index';
import { api } from '../bridge';
import { Avatar } from '../ui/Avatar';
import { Notice } from '../ui/Notice';
import { PinPad } from './PinPad';

export function ManagerUnlock({ person, managers, onDone, onCancel }: { person: StaffTile; managers: StaffTile[]; onDone: () => void; onCancel: () => void }) {
  const [managerId, setManagerId] = useState<string | null>(managers.length === 1 ? managers[0]!.id : null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const manager = managers.find((m) => m.id === managerId) ?? null;

  const approve = async (pin: string): Promise<boolean> => {
    if (!manager) return false;
    setBusy(true);
    const grant = await api.call('approval.grant', { managerId: manager.id, pin, action: 'staff.unlock', subjectId: person.id });
    let ok = false;
    if (!grant.ok) setProblem(grant.error.message);
    else if (grant.value.status === 'approved') {
      const unlocked = await api.call('staff.unlock', { staffId: person.id, approvalId: grant.value.approvalId });
      if (unlocked.ok) ok = true;
      else setProblem(unlocked.error.message);
    } else if (grant.value.status === 'wrong_pin') setProblem(`Wrong manager PIN — ${grant.value.attemptsLeft} ${grant.value.attemptsLeft === 1 ? 'try' : 'tries'} left`);
    else if (grant.value.status === 'locked') setProblem(`${manager.displayName} is locked out too. Another manager can help.`);
    else setProblem('Only a manager can approve this.');
    setBusy(false);
    if (ok) onDone();
    else setRefusals((n) => n + 1);
    return ok;
  };

  return (
    <section className="login-pin manager-unlock" aria-labelledby="unlock-title" data-testid="manager-unlock">
      <button type="button" className="button button-ghost login-back" onClick={onCancel}>
        Cancel
      </button>
      <div className="login-who">
        <Avatar name={person.displayName} size="lg" />
        <h1 id="unlock-title" className="login-title">
          Unlock {person.displayName.split(' ')[0]}
        </h1>
        <p className="login-subtitle">{manager ? `${manager.displayName}, enter your manager PIN` : 'Which manager is approving?'}</p>
      </div>
      {manager ? (
        <PinPad onSubmit={approve} busy={busy} refusals={refusals} submitLabel={`Unlock ${person.displayName.split(' ')[0]}`} message={problem ? <Notice tone="error" title={problem} testId="unlock-feedback" /> : undefined} />
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
