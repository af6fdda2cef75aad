// Every rate on the dashboard is one of these ratios of counts from the device.
import type { CaptureCounts } from '../../../../core/contract/index';

/** Captured ÷ eligible, or null when nothing was eligible. */
export function captureRate(c: Pick<CaptureCounts, 'captured' | 'eligible'>): number | null {
  return c.eligible > 0 ? c.captured / c.eligible : null;
}

/** Opted in ÷ addresses captured. */
export function optInRate(optedIn: number, c: Pick<CaptureCounts, 'captured'>): number | null {
  return c.captured > 0 ? optedIn / c.captured : null;
}

/** "43.8%", one decimal, or an en dash when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

export const count = new Intl.NumberFormat('en-US');
