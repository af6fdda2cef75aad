// Everyone who may log in at this store, as large tiles. Locked people stay tappable:
// the PIN pad then explains the lock rather than the tile silently refusing.
import type { StaffTile } from '../../../core/contract/index';
import { roleLabel } from '../format/labels';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';

export function StaffTiles({ staff, onSelect }: { staff: StaffTile[]; onSelect: (id: string) => void }) {
  return (
    <ul className="staff-grid" aria-label="Staff at this store">
      {staff.map((person) => (
        <li key={person.id}>
          <button
            type="button"
            className={person.locked ? 'staff-tile is-locked' : 'staff-tile'}
            data-testid="staff-tile"
            data-locked={person.locked}
            onClick={() => onSelect(person.id)}
          >
            <Avatar name={person.displayName} size="lg" />
            <span className="staff-tile-text">
              <span className="staff-tile-name">{person.displayName}</span>
              <span className="staff-tile-role">{roleLabel[person.role]}</span>
            </span>
            {person.locked ? (
              <span className="badge badge-locked" data-testid="locked-badge">
                <Icon name="lock" size={14} /> Locked
              </span>
            ) : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
