// A manager unlocks a colleague at the register: the approval unlocks this one person, once.
import type { StaffTile } from '../../../core/contract/index';
import { api } from '../bridge';
import { ManagerApproval } from './ManagerApproval';

export function ManagerUnlock({ person, managers, onDone, onCancel }: { person: StaffTile; managers: StaffTile[]; onDone: () => void; onCancel: () => void }) {
  return (
    <ManagerApproval
      action="staff.unlock"
      subjectId={person.id}
      avatarName={person.displayName}
      title={`Unlock ${person.displayName.split(' ')[0]}`}
      submitLabel={`Unlock ${person.displayName.split(' ')[0]}`}
      managers={managers}
      onApproved={async (approvalId) => {
        const unlocked = await api.call('staff.unlock', { staffId: person.id, approvalId });
        return unlocked.ok ? null : unlocked.error.message;
      }}
      onDone={onDone}
      onCancel={onCancel}
      testId="manager-unlock"
      className="manager-unlock"
    />
  );
}
