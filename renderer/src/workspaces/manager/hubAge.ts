// How old a report from the hub is, in the words the reports' subtitles use.
import type { HubReportView } from '../../../../core/contract/index';

export function age(fetchedAt: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** "from the hub 5 min ago (offline: last report received)", or what the screen waits for. */
export function hubAgeText(view: Pick<HubReportView, 'fetchedAt' | 'connection'>): string {
  if (view.fetchedAt) return `from the hub ${age(view.fetchedAt)}${view.connection !== 'online' ? ' (offline: last report received)' : ''}`;
  if (view.connection === 'standalone') return 'this register has no hub: reports of every register need one';
  return view.connection === 'offline' ? 'the hub is out of reach and no report was received yet' : 'asking the hub…';
}
