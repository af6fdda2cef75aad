// Before signing out, say what would be lost (a half-filled capture, a sale in progress) and
// what this register still has to send: that stays on the register and goes when the hub
// answers, but the person leaving should know it is there.
import { useState } from 'react';
import { api } from '../bridge';
import { useDeviceStore } from '../stores/deviceStore';
import { describeWaiting } from '../sync/waiting';
import { LeaveCheck } from './LeaveCheck';
import { unsavedWorkNow } from './unsavedWork';

/** What is waiting for the hub, named; null on a standalone register or when nothing waits. */
export async function waitingForHub(): Promise<string | null> {
  // Only a register with a hub has anything "waiting"; a standalone one never sends.
  const status = useDeviceStore.getState().status;
  if (status?.connection !== 'online' && status?.connection !== 'offline') return null;
  const r = await api.call('sync.outbox', {});
  if (r.ok) return describeWaiting([...r.value.pending, ...r.value.rejected].map((e) => e.kind), r.value.pendingTotal + r.value.rejectedTotal);
  // Signed out (closing from the login screen): the counts are all there is.
  const total = status.outbox.pending + status.outbox.rejected;
  return total > 0 ? `${total} ${total === 1 ? 'event' : 'events'}` : null;
}

export function useLogoutCheck(logout: () => Promise<void>) {
  const [check, setCheck] = useState<{ unsaved: string | null; waiting: string | null } | null>(null);
  const request = async () => {
    const unsaved = unsavedWorkNow();
    const waiting = await waitingForHub();
    if (unsaved || waiting) setCheck({ unsaved, waiting });
    else await logout();
  };
  const panel = check ? (
    <LeaveCheck
      leaving="sign out"
      unsaved={check.unsaved}
      waiting={check.waiting}
      stayLabel="Stay signed in"
      leaveLabel="Log out anyway"
      onStay={() => setCheck(null)}
      onLeave={() => {
        setCheck(null);
        void logout();
      }}
      testId="logout-check"
    />
  ) : null;
  return { request, panel };
}
