// The bottom line every screen shares: is this device connected, how fresh is its data, what
// waits to be sent, and where/who is this. The sync part opens the sync panel.
import type { DeviceStatus, Session } from '../../../core/contract/index';
import { deviceNow, useDeviceStore } from '../stores/deviceStore';
import { formatAbsolute, formatAge, formatClock } from '../format/time';
import { ConnectionPill } from '../sync/ConnectionPill';
import { SyncPanel } from '../sync/SyncPanel';
import { usePresence } from '../sync/usePresence';
import { useSyncStore } from '../sync/syncStore';
import { Icon } from '../ui/Icon';
import { useNow } from '../ui/useNow';
import { syncHealth, type StreamAge } from './syncHealth';

const age = (s: StreamAge | undefined) => (s?.ageMs == null ? 'never' : formatAge(s.ageMs));

export function StatusBar({ session }: { session: Session }) {
  const { status, unreachable } = useDeviceStore();
  const { open, show, hide } = useSyncStore();
  // Re-render on a tick, but read the device clock now: a fresh status moves it at once.
  useNow(15_000);
  const now = deviceNow();
  usePresence();
  const health = status ? syncHealth(status, now) : null;
  const inventory = health?.streams.find((s) => s.stream === 'inventory');
  const others = health?.streams.filter((s) => s.stream !== 'inventory') ?? [];
  // The oldest of the rest: one figure says whether anything lags.
  const oldest = others.reduce<StreamAge | undefined>((a, s) => (!a || (s.ageMs ?? Infinity) > (a.ageMs ?? Infinity) ? s : a), undefined);
  const detail = health
    ? [...health.streams.map((s) => `${s.label}: ${s.ageMs === null ? 'never updated' : `updated ${formatAge(s.ageMs)} ago`}`), ...health.errors.map((e) => `Problem — ${e}`)].join('\n')
    : undefined;

  return (
    <>
      <footer className="statusbar" data-testid="status-bar">
        {status?.demo ? (
          <span className="status-demo" title="This register runs on the built-in demo store: sample data, public PINs, nothing is sent anywhere." data-testid="demo-badge">
            <Icon name="sparkle" size={14} /> Demo data
          </span>
        ) : null}
        {unreachable ? (
          <span className="status-pill tone-bad" title={unreachable}>
            <span className="status-dot" /> Device service unreachable
          </span>
        ) : status ? (
          // Standalone has room to say why; with a hub the bar also carries ages and counts.
          <ConnectionPill connection={status.connection} long={status.connection === 'standalone'} />
        ) : null}
        {status?.connection === 'offline' && lastContact(status) ? (
          <span className="status-item" data-testid="offline-since" title={formatAbsolute(lastContact(status)!)}>
            since {formatClock(lastContact(status)!)}
          </span>
        ) : null}

        {health && status ? (
          <button
            type="button"
            className={open ? 'status-sync is-open' : 'status-sync'}
            title={detail}
            aria-expanded={open}
            onClick={open ? hide : show}
            data-testid="sync-status"
          >
            <Icon name="sync" size={16} />
            {status.connection === 'standalone' ? (
              <span>Local data</span>
            ) : (
              <>
                <span data-testid="sync-inventory-age">Inventory {age(inventory)}</span>
                {oldest ? (
                  <span className="status-sync-rest">
                    · {oldest.label} {age(oldest)}
                  </span>
                ) : null}
              </>
            )}
            {/* A standalone register never sends: what its outbox holds stays here, so nothing is "to send". */}
            {status.outbox.pending > 0 && status.connection !== 'standalone' ? (
              <span className="status-count" data-testid="pending-count">
                {status.outbox.pending} to send
              </span>
            ) : null}
            {status.outbox.rejected > 0 ? (
              <span className="status-count is-bad" data-testid="rejected-count">
                {status.outbox.rejected} refused
              </span>
            ) : null}
          </button>
        ) : null}

        {health?.inventoryStale ? (
          <span className="status-flag" role="status" title="Stock figures are older than 5 minutes and may be wrong." data-testid="stale-inventory">
            <Icon name="alert" size={14} /> Inventory out of date
          </span>
        ) : null}

        <span className="statusbar-spacer" />
        <span className="status-item status-store" title={session.storeName}>
          <Icon name="store" size={16} /> <span className="status-text">{session.storeName}</span>
        </span>
        <span className="status-item">
          <Icon name="register" size={16} /> Register {session.registerId}
        </span>
        <span className="status-item">
          <Icon name="user" size={16} /> {session.displayName}
        </span>
      </footer>
      {open ? <SyncPanel /> : null}
    </>
  );
}

/** The last time this register heard from its hub: the newest successful stream pull. */
function lastContact(status: DeviceStatus): string | null {
  const times = status.streams.map((s) => s.lastSuccessAt).filter((t): t is string => t !== null);
  return times.length ? times.reduce((a, b) => (a > b ? a : b)) : null;
}
