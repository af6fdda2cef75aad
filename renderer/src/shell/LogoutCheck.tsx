// Before signing out, say what this register still has to send: it stays on the register and
// goes when the hub answers, but the person leaving should know it is there.
import { useState } from 'react';
import { api } from '../bridge';
import { useDeviceStore } from '../stores/deviceStore';
import { describeWaiting } from '../sync/waiting';
import { Notice } from '../ui/Notice';

export function useLogoutCheck(logout: () => Promise<void>) {
  const [waiting, setWaiting] = useState<string | null>(null);
  const request = async () => {
    // Only a register with a hub has anything "waiting"; a standalone one never sends.
    const connection = useDeviceStore.getState().status?.connection;
    if (connection !== 'online' && connection !== 'offline') return logout();
    const r = await api.call('sync.outbox', {});
    const text = r.ok ? describeWaiting([...r.value.pending, ...r.value.rejected].map((e) => e.kind), r.value.pendingTotal + r.value.rejectedTotal) : null;
    if (text) setWaiting(text);
    else await logout();
  };
  const panel = waiting ? (
    <div className="logout-check" role="alertdialog" aria-labelledby="logout-check-title" data-testid="logout-check">
      <Notice tone="warning" title="Not everything has reached the store hub yet">
        <span id="logout-check-title">Waiting on this register: {waiting}. It stays here and is sent when the hub answers.</span>
      </Notice>
      <div className="logout-check-actions">
        <button type="button" className="button button-secondary" onClick={() => setWaiting(null)}>
          Stay signed in
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="logout-anyway"
          onClick={() => {
            setWaiting(null);
            void logout();
          }}
        >
          Log out anyway
        </button>
      </div>
    </div>
  ) : null;
  return { request, panel };
}
