// Closing the app. In the desktop app the window asks first (app.closeRequested): with nothing
// unsaved and nothing waiting it closes at once, otherwise the person chooses. In the browser
// host the browser's own "leave this page?" prompt guards a sale or a half-filled capture.
import { useEffect, useState } from 'react';
import { useShellStore } from '../stores/shellStore';
import { LeaveCheck } from './LeaveCheck';
import { waitingForHub } from './LogoutCheck';
import { unsavedWorkNow, useUnsavedWork } from './unsavedWork';

export function CloseCheck() {
  const { desktop, closeAsked, answerClose } = useShellStore();
  const unsaved = useUnsavedWork();
  const [check, setCheck] = useState<{ unsaved: string | null; waiting: string | null } | null>(null);

  useEffect(() => {
    if (desktop || !unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = ''; // older Chromium shows its prompt only with this set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [desktop, unsaved]);

  useEffect(() => {
    if (!closeAsked) return;
    let live = true;
    void (async () => {
      const found = { unsaved: unsavedWorkNow(), waiting: await waitingForHub() };
      if (!live) return;
      if (found.unsaved || found.waiting) setCheck(found);
      else void answerClose(true);
    })();
    return () => {
      live = false;
    };
  }, [closeAsked, answerClose]);

  if (!check) return null;
  return (
    <LeaveCheck
      leaving="close Endcap"
      unsaved={check.unsaved}
      waiting={check.waiting}
      stayLabel="Keep working"
      leaveLabel="Close anyway"
      onStay={() => {
        setCheck(null);
        void answerClose(false);
      }}
      onLeave={() => {
        setCheck(null);
        void answerClose(true);
      }}
      testId="close-check"
    />
  );
}
