// Tells the device whether this window is on screen, so sync can pause while the app sits
// hidden and unused, and keeps its full cadence while anyone can see the stock figures.
import { useEffect } from 'react';
import { api } from '../bridge';

/** The device forgets a report after 3 minutes; repeat well within that. */
const REPEAT_MS = 60_000;

export function usePresence(): void {
  useEffect(() => {
    const report = () => void api.call('sync.presence', { visible: document.visibilityState === 'visible' });
    report();
    document.addEventListener('visibilitychange', report);
    const timer = window.setInterval(report, REPEAT_MS);
    return () => {
      document.removeEventListener('visibilitychange', report);
      window.clearInterval(timer);
    };
  }, []);
}
