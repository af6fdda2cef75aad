// Day arithmetic for the demo. Everything is counted in whole UTC days ("day numbers" since
// 1970-01-01) relative to the anchor, so the same (seed, anchor) gives the same timestamps.

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export type Season = 'all' | 'spring' | 'summer' | 'fall' | 'winter';

export function dayNumber(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** 0 = January. */
export function monthOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCMonth();
}

// How much more (or less) a seasonal category sells in each month, January first.
// Camping peaks in late spring and summer, insulated gear in late fall and winter.
const MONTH_WEIGHTS: Record<Season, readonly number[]> = {
  all: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  spring: [0.5, 0.7, 1.5, 1.9, 1.7, 1.0, 0.7, 0.6, 0.7, 0.7, 0.6, 0.6],
  summer: [0.25, 0.3, 0.6, 1.3, 1.9, 2.1, 2.0, 1.6, 0.9, 0.45, 0.3, 0.35],
  fall: [0.6, 0.5, 0.5, 0.5, 0.5, 0.6, 0.8, 1.2, 1.9, 2.0, 1.5, 1.1],
  winter: [1.7, 1.2, 0.7, 0.35, 0.2, 0.15, 0.15, 0.3, 0.7, 1.5, 2.0, 2.3],
};

export function seasonalWeight(season: Season, month: number): number {
  return MONTH_WEIGHTS[season][month]!;
}

// Hours to add to local time to get UTC. Daylight saving is taken as April–October,
// close enough for a demo and free of any time-zone database.
const STANDARD_OFFSET: Record<string, number> = {
  'America/New_York': 5,
  'America/Chicago': 6,
  'America/Denver': 7,
  'America/Los_Angeles': 8,
};

export function utcOffsetHours(timezone: string, month: number): number {
  const standard = STANDARD_OFFSET[timezone] ?? 7;
  const daylightSaving = month >= 3 && month <= 9;
  return daylightSaving ? standard - 1 : standard;
}
