// Dates are shown relative ("3 weeks ago") for a glance, absolute on hover for certainty.
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric' });

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Each step: below `limit` ms, express in `unit` of `size` ms.
const STEPS: Array<{ limit: number; size: number; unit: Intl.RelativeTimeFormatUnit }> = [
  { limit: HOUR, size: MINUTE, unit: 'minute' },
  { limit: DAY, size: HOUR, unit: 'hour' },
  { limit: 7 * DAY, size: DAY, unit: 'day' },
  { limit: 30 * DAY, size: 7 * DAY, unit: 'week' },
  { limit: 365 * DAY, size: 30 * DAY, unit: 'month' },
  { limit: Infinity, size: 365 * DAY, unit: 'year' },
];

export function formatRelative(iso: string, now: number): string {
  const diff = Date.parse(iso) - now;
  const abs = Math.abs(diff);
  if (abs < MINUTE) return 'just now';
  const step = STEPS.find((s) => abs < s.limit) ?? STEPS[STEPS.length - 1]!;
  return relative.format(Math.round(diff / step.size), step.unit);
}

export function formatAbsolute(iso: string): string {
  return absolute.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

export function formatMonthYear(iso: string): string {
  return monthYear.format(new Date(iso));
}

export function formatClock(iso: string): string {
  return clock.format(new Date(iso));
}

/** "5 weeks" from a usual gap between visits in days: short enough for a figure tile. */
export function formatGap(days: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days < 14) return plural(Math.max(1, Math.round(days)), 'day');
  if (days < 60) return plural(Math.round(days / 7), 'week');
  return plural(Math.round(days / 30.4), 'month');
}

/** Short age for the status bar: "4 min", "2 h", "3 d". */
export function formatAge(ms: number): string {
  if (ms < MINUTE) return 'under 1 min';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  return `${Math.floor(ms / DAY)} d`;
}
