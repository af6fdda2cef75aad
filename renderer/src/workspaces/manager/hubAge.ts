// How old a report from the hub is, in the words the reports' subtitles use.
import type { HubReportView } from '../../../../core/contract/index';

export function age(minutes: number): string {
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

/** "from the hub 5 min ago (offline: last report received)", or what the screen waits for. */
export function hubAgeText(view: Pick<HubReportView, 'ageMinutes' | 'connection'>): string {
  if (view.ageMinutes !== null) return `from the hub ${age(view.ageMinutes)}${view.connection !== 'online' ? ' (offline: last report received)' : ''}`;
  if (view.connection === 'standalone') return 'this register has no hub: reports of every register need one';
  return view.connection === 'offline' ? 'the hub is out of reach and no report was received yet' : 'asking the hub…';
}
