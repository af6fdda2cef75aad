// Reports count days as each store lives them: a sale at 11 pm in Denver belongs to Denver's
// Tuesday, not to UTC's Wednesday. The time zone is the store's (`locations.timezone`, IANA,
// from the stores feed); a location without one, an unknown zone, or no location at all (an
// online order) counts in UTC. Folds convert millions of timestamps, so the local time of each
// 15-minute slot is computed once per zone: every zone's offset is a multiple of 15 minutes and
// changes only on such a boundary, so a whole slot shares its local day and hour.
import type Database from 'better-sqlite3';
import type { ReportDb } from './dialect.js';

export const DEFAULT_TIME_ZONE = 'UTC';
const SLOT_MS = 15 * 60_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export interface LocalTime {
  day: string; // YYYY-MM-DD
  hour: number; // 0–23
  weekday: number; // 0 = Sunday
}

export class StoreCalendar {
  private byStore = new Map<string, string>();
  private readonly formats = new Map<string, Intl.DateTimeFormat>();
  private readonly slots = new Map<string, LocalTime>();

  /** Reads every location's time zone (the hub's rows); call before a fold. */
  async load(db: ReportDb): Promise<void> {
    const d = db.dialect;
    const rows = await db.all<{ id: string; tz: string | null }>(
      `SELECT ${d.get(d.doc('key'), [0], 'text')} AS id, ${d.get(d.doc('row_json'), ['timezone'], 'text')} AS tz FROM rows WHERE tbl = 'locations' AND row_json IS NOT NULL`,
    );
    this.byStore = new Map(rows.filter((r) => r.tz).map((r) => [r.id, r.tz!]));
  }

  /** Each store with a time zone this runtime knows (an unknown one counts in UTC), for a database that converts times itself. */
  zones(): [string, string][] {
    return [...this.byStore].filter(([, zone]) => this.format(zone).resolvedOptions().timeZone !== DEFAULT_TIME_ZONE || zone === DEFAULT_TIME_ZONE);
  }

  zoneOf(storeId: string | null): string {
    return (storeId && this.byStore.get(storeId)) || DEFAULT_TIME_ZONE;
  }

  /** The store's local day, hour and weekday at an ISO instant; null for text that is no instant. */
  at(storeId: string | null, iso: string | null): LocalTime | null {
    const ms = iso ? Date.parse(iso) : NaN;
    if (!Number.isFinite(ms)) return null;
    const zone = this.zoneOf(storeId);
    const slot = Math.floor(ms / SLOT_MS);
    const key = `${zone}|${slot}`;
    let local = this.slots.get(key);
    if (!local) {
      if (this.slots.size > 500_000) this.slots.clear();
      local = localTime(new Date(slot * SLOT_MS), this.format(zone));
      this.slots.set(key, local);
    }
    return local;
  }

  private format(zone: string): Intl.DateTimeFormat {
    let f = this.formats.get(zone);
    if (!f) {
      const options = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short', hourCycle: 'h23' } as const;
      try {
        f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: zone });
      } catch {
        f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: DEFAULT_TIME_ZONE }); // a zone this runtime does not know
      }
      this.formats.set(zone, f);
    }
    return f;
  }

  /** SQL functions the fold calls: local_day(store, iso), local_hour(store, iso), local_weekday(store, iso). */
  register(db: Database.Database): void {
    db.function('local_day', { deterministic: true }, (store: unknown, iso: unknown) => this.at(text(store), text(iso))?.day ?? (typeof iso === 'string' ? iso.slice(0, 10) : null));
    db.function('local_hour', { deterministic: true }, (store: unknown, iso: unknown) => this.at(text(store), text(iso))?.hour ?? 0);
    db.function('local_weekday', { deterministic: true }, (store: unknown, iso: unknown) => this.at(text(store), text(iso))?.weekday ?? 0);
  }
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function localTime(at: Date, format: Intl.DateTimeFormat): LocalTime {
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) % 24, weekday: WEEKDAYS.indexOf(parts.weekday!) };
}

