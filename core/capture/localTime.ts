// Capture rates are read in the store's own calendar ("Tuesday 5 pm in Denver"), so each
// outcome carries its local day, hour and weekday, computed once when it is recorded.
import type Database from 'better-sqlite3';
import { statement } from '../db/statements.js';

export interface LocalTime {
  day: string; // YYYY-MM-DD
  hour: number; // 0–23
  weekday: number; // 0 = Sunday
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formats = new Map<string, Intl.DateTimeFormat>();

export function localTime(at: Date, timeZone: string): LocalTime {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24, weekday: WEEKDAYS.indexOf(parts.weekday!) };
}

export function storeTimeZone(db: Database.Database, storeId: string): string {
  const row = statement(db, `SELECT timezone FROM locations WHERE id = ?`).get(storeId) as { timezone: string } | undefined;
  return row?.timezone ?? 'UTC';
}
