// When a connector is next due, worked out from its recorded runs (connector_runs) alone, so a
// restarted hub keeps the rhythm and the back-off, and `connector status` can show it.
import { OUTBOUND, type ConnectorRecord, type ConnectorRun } from './state.js';

/** Default seconds between runs: stock should not age past the registers' 5-minute flag; sends leave soon after a capture. */
export const DEFAULT_INTERVAL_S = { inbound: 300, outbound: 60 } as const;
/** The longest a failing connector waits before trying again. */
export const MAX_BACKOFF_MS = 6 * 3_600_000;

export function intervalMs(c: ConnectorRecord): number {
  const set = c.config.interval ? Number(c.config.interval) : null;
  return (set ?? (OUTBOUND.has(c.vendor) ? DEFAULT_INTERVAL_S.outbound : DEFAULT_INTERVAL_S.inbound)) * 1000;
}

export interface Schedule {
  intervalSeconds: number;
  /** Failed runs in a row, newest first (0 after a good run). */
  consecutiveFailures: number;
  /** When the scheduler next starts it (null: now, it never ran). */
  nextRunAt: string | null;
  running: boolean;
}

/** When `c` is due, from its latest runs (newest first). */
export function scheduleOf(c: ConnectorRecord, runs: readonly ConnectorRun[]): Schedule {
  const every = intervalMs(c);
  const finished = runs.filter((r) => r.status !== 'running');
  let failures = 0;
  while (failures < finished.length && finished[failures]!.status === 'failed') failures++;
  const last = finished[0];
  const wait = failures === 0 ? every : Math.min(every * 2 ** failures, Math.max(every, MAX_BACKOFF_MS));
  const from = last ? Date.parse(last.finishedAt ?? last.startedAt) : null;
  return { intervalSeconds: every / 1000, consecutiveFailures: failures, nextRunAt: from === null ? null : new Date(from + wait).toISOString(), running: runs[0]?.status === 'running' };
}

