// The sync panel, open to every role from the status bar: how fresh each kind of data is, what
// this register still has to send, and what the hub refused and why. A refused event never
// holds up the others; it stays here until someone deals with it.
import { useEffect, useMemo } from 'react';
// Imported here (not in main.tsx) so the sync screens bring their own styles.
import { deviceNow, useDeviceStore } from '../stores/deviceStore';
import { syncHealth } from '../shell/syncHealth';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/Notice';
import { useNow } from '../ui/useNow';
import { ConnectionPill } from './ConnectionPill';
import { DismissDialog } from './DismissDialog';
import { OutboxTable, type RefusedActions } from './OutboxTable';
import { StreamTable } from './StreamTable';
import { useSyncStore } from './syncStore';

export function SyncPanel() {
  const status = useDeviceStore((s) => s.status);
  const { outbox, error, done, syncing, dismissing, hide, refresh, syncNow, retry, startDismiss } = useSyncStore();
  const actions = useMemo<RefusedActions>(() => ({ onRetry: (e) => void retry(e), onDismiss: startDismiss }), [retry, startDismiss]);
  // Re-render on a tick, but read the device clock now: a fresh status moves it at once.
  useNow(15_000);
  const now = deviceNow();
  const health = status ? syncHealth(status, now) : null;
  const hub = status ? status.connection !== 'standalone' : false;

  // The outbox changes when the device reports new counts (a push, a local write).
  const pending = status?.outbox.pending;
  const rejected = status?.outbox.rejected;
  useEffect(() => {
    void refresh();
  }, [pending, rejected, refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && hide();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hide]);

  return (
    <aside className="sync-panel" role="dialog" aria-modal="false" aria-labelledby="sync-panel-title" data-testid="sync-panel">
      <header className="sync-panel-head">
        <div>
          <h2 id="sync-panel-title" className="sync-panel-title">
            Sync
          </h2>
          {status ? <ConnectionPill connection={status.connection} long testId="sync-panel-connection" /> : null}
        </div>
        <div className="sync-panel-actions">
          {hub ? (
            <button type="button" className="button button-secondary" onClick={() => void syncNow()} disabled={syncing} data-testid="sync-now">
              <Icon name="sync" size={18} /> {syncing ? 'Syncing…' : 'Sync now'}
            </button>
          ) : null}
          <button type="button" className="sync-panel-close" onClick={hide} aria-label="Close sync panel">
            <Icon name="close" />
          </button>
        </div>
      </header>

      <div className="sync-panel-body">
        {error ? <Notice tone="error" title={error} /> : null}
        {done ? <Notice tone="info" title={done} testId="sync-done" /> : null}
        {health?.inventoryStale ? (
          <Notice tone="warning" title="Inventory is out of date" testId="sync-stale-notice">
            {status?.inventorySourceAgeMinutes != null && status.inventorySourceAgeMinutes > (status.inventoryAgeMinutes ?? Infinity)
              ? 'The store system’s newest stock count is older than 5 minutes: figures may be wrong until a new stock file or feed reaches the hub.'
              : 'Stock figures are older than 5 minutes and may be wrong until this register hears from the hub again.'}
          </Notice>
        ) : null}
        {hub && status?.inventorySourceAgeMinutes != null && status.inventorySourceAgeMinutes > (status.inventoryAgeMinutes ?? Infinity) && status.inventorySourceAgeMinutes > 5 ? (
          <Notice tone="info" title={`Stock was counted ${staleAge(status.inventorySourceAgeMinutes)} ago`} testId="sync-source-age">
            The store system’s newest stock count for this store is older than this register’s last sync: the stock file or feed has not been sent to the hub since.
          </Notice>
        ) : null}

        <section className="sync-section" aria-labelledby="sync-pending-title">
          <h3 id="sync-pending-title" className="sync-section-title">
            Waiting to send <span className="sync-count">{outbox?.pendingTotal ?? 0}</span>
          </h3>
          {outbox && outbox.pending.length > 0 ? (
            <OutboxTable entries={outbox.pending} kind="pending" now={now} testId="sync-pending" />
          ) : (
            <p className="sync-empty" data-testid="sync-pending-empty">
              <Icon name="check" size={18} /> Nothing waiting: everything made on this register has reached the hub.
            </p>
          )}
          {outbox && outbox.pendingTotal > outbox.pending.length ? (
            <p className="sync-more">and {outbox.pendingTotal - outbox.pending.length} more, sent in order after these.</p>
          ) : null}
        </section>

        {outbox && outbox.rejectedTotal > 0 ? (
          <section className="sync-section" aria-labelledby="sync-rejected-title">
            <h3 id="sync-rejected-title" className="sync-section-title tone-text-bad">
              Refused by the hub <span className="sync-count is-bad">{outbox.rejectedTotal}</span>
            </h3>
            <p className="sync-note">
              These were kept on this register with the hub’s reason. They do not hold up anything else. Once the cause is fixed, send one again; a manager can set one aside.
            </p>
            <OutboxTable entries={outbox.rejected} kind="rejected" now={now} testId="sync-rejected" actions={actions} />
          </section>
        ) : null}

        <section className="sync-section" aria-labelledby="sync-data-title">
          <h3 id="sync-data-title" className="sync-section-title">
            Data on this register
          </h3>
          {health ? <StreamTable streams={health.streams} hub={hub} /> : null}
        </section>
      </div>
      {dismissing ? <DismissDialog entry={dismissing} /> : null}
    </aside>
  );
}

/** "3 hours", "2 days": how old the source's stock count is. */
function staleAge(minutes: number | null): string {
  if (minutes === null) return 'too';
  if (minutes < 120) return `${Math.round(minutes)} minutes`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} hours`;
  return `${Math.round(minutes / 1440)} days`;
}
