// An order's state in words: pending orders say why they wait.
import type { AisleOrderList, AisleOrderStatus } from '../../../../../core/contract/index';
import { Icon } from '../../../ui/Icon';

export function pendingReason(connection: AisleOrderList['connection']): string {
  return connection === 'online' ? 'Sending to the hub…' : 'Waiting to send — no hub connection';
}

export function StatusPill({ status, connection }: { status: AisleOrderStatus; connection: AisleOrderList['connection'] }) {
  const label = status === 'pending' ? `Pending · ${connection === 'online' ? 'sending' : 'waiting to send'}` : status === 'confirmed' ? 'Confirmed' : status === 'rejected' ? 'Rejected' : 'Cancelled';
  return (
    <span className={`badge order-status status-${status}`} data-testid="order-status" data-status={status}>
      {status === 'pending' ? <Icon name="hourglass" size={14} /> : status === 'confirmed' ? <Icon name="check" size={14} /> : null}
      {label}
    </span>
  );
}

export function PendingExplainer({ status, connection }: { status: AisleOrderStatus; connection: AisleOrderList['connection'] }) {
  if (status !== 'pending') return null;
  return (
    <div className="pending-note" data-testid="pending-note">
      <Icon name="cloudOff" size={20} />
      <div>
        <p className="pending-note-title">{pendingReason(connection)}</p>
        <p className="pending-note-text">
          The order and its stock hold are kept on this register and go to the hub as soon as it is reachable. It shows as
          confirmed once the hub accepts it.
        </p>
      </div>
    </div>
  );
}
