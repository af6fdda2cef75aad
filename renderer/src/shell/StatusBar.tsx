// The bottom line every screen shares: is this device connected, how fresh is its data,
// and where/who is this.
import type { DeviceStatus, Session } from '../../../core/api/contract';
import { useDeviceStore } from '../stores/deviceStore';
import { formatAge } from '../format/time';
import { Icon, type IconName } from '../ui/Icon';
import { useNow } from '../ui/useNow';
import { syncHealth } from './syncHealth';

const connection: Record<DeviceStatus['connection'], { label: string; icon: IconName; tone: string }> = {
  standalone: { label: 'Standalone — no hub configured', icon: 'cloud', tone: 'neutral' },
  online: { label: 'Online', icon: 'cloud', tone: 'good' },
  offline: { label: 'Offline — changes are kept and sent later', icon: 'cloudOff', tone: 'warn' },
};

export function StatusBar({ session }: { session: Session }) {
  const { status, unreachable } = useDeviceStore();
  const now = useNow(15_000);
  const health = status ? syncHealth(status, now) : null;
  const conn = status ? connection[status.connection] : null;

  return (
    <footer className="statusbar" data-testid="status-bar">
      {unreachable ? (
        <span className="status-pill tone-bad" title={unreachable}>
          <span className="status-dot" /> Device service unreachable
        </span>
      ) : conn ? (
        <span className={`status-pill tone-${conn.tone}`} data-testid="connection">
          <span className="status-dot" /> {conn.label}
        </span>
      ) : null}

      {health ? (
        <span className="status-item" title={health.errors.join('\n') || undefined}>
          <Icon name="sync" size={16} />
          {health.lastSyncAgeMs === null ? 'Never synced' : `Last sync ${formatAge(health.lastSyncAgeMs)} ago`}
          {health.inventoryStale ? <span className="status-flag">Inventory out of date</span> : null}
        </span>
      ) : null}

      <span className="statusbar-spacer" />
      <span className="status-item">
        <Icon name="store" size={16} /> {session.storeName}
      </span>
      <span className="status-item">
        <Icon name="register" size={16} /> Register {session.registerId}
      </span>
      <span className="status-item">
        <Icon name="user" size={16} /> {session.displayName}
      </span>
    </footer>
  );
}
