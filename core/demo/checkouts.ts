// 90 days of checkout outcomes for the manager's capture dashboard, with the variation a real
// chain shows: associates who ask every time and ones who rarely do, quiet mornings and a
// late-afternoon rush when asking slips, a busy weekend, and a slow improvement after coaching.
import type Database from 'better-sqlite3';
import type { CheckoutOutcomeKind, DeclineReason } from '../contract/areas/captureTypes.js';
import { CONSENT_TEXT_VERSION } from '../capture/consentText.js';
import { DAY_MS, isoAt, monthOfDay, utcOffsetHours } from './calendar.js';
import { REGISTERS, STORE_IDS, locationById, type StoreId } from './chain.js';
import type { CustomerPlan } from './people.js';
import type { Rng } from './random.js';

export const CHECKOUT_HISTORY_DAYS = 90;

/** How often each person asks for an email at the till, and how well they explain the value of saying yes. */
const ASKERS: Record<StoreId, ReadonlyArray<{ id: string; askRate: number; pitch: number; shifts: number }>> = {
  S1: [
    { id: 'E-S1-01', askRate: 0.96, pitch: 1.2, shifts: 1 }, // Ava: asks every time
    { id: 'E-S1-02', askRate: 0.72, pitch: 1.0, shifts: 1 },
    { id: 'E-S1-03', askRate: 0.28, pitch: 0.8, shifts: 0.9 }, // Luis: rarely asks
    { id: 'E-S1-05', askRate: 0.85, pitch: 1.1, shifts: 0.25 }, // the manager covers breaks
  ],
  S2: [
    { id: 'E-S2-01', askRate: 0.88, pitch: 1.1, shifts: 1 },
    { id: 'E-S2-02', askRate: 0.45, pitch: 0.9, shifts: 1 },
    { id: 'E-S2-03', askRate: 0.8, pitch: 1.0, shifts: 0.3 },
  ],
  S3: [
    { id: 'E-S3-01', askRate: 0.92, pitch: 1.15, shifts: 1 },
    { id: 'E-S3-02', askRate: 0.38, pitch: 0.85, shifts: 1 },
    { id: 'E-S3-03', askRate: 0.78, pitch: 1.0, shifts: 0.3 },
  ],
};

const CHECKOUTS_PER_DAY: Record<StoreId, number> = { S1: 64, S2: 44, S3: 50 };
/** Sunday first. */
const WEEKDAY_TRAFFIC = [1.15, 0.7, 0.75, 0.8, 0.9, 1.15, 1.45];
const HOURS = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const HOUR_TRAFFIC = [3, 5, 9, 8, 6, 7, 9, 11, 10, 6, 3];
/** At or above this weight the line is long and asking slips. */
const RUSH = 9;

const DECLINES: readonly DeclineReason[] = ['no_email', 'privacy', 'too_many_emails', 'in_a_hurry'];
const DECLINE_WEIGHTS = [0.16, 0.34, 0.34, 0.16];
const DECLINE_WEIGHTS_RUSH = [0.12, 0.24, 0.24, 0.4];

export interface DemoCheckout {
  id: string;
  occurredAt: string;
  localDay: string;
  localHour: number;
  weekday: number;
  storeId: StoreId;
  registerId: string;
  associateId: string;
  outcome: CheckoutOutcomeKind;
  declineReason: DeclineReason | null;
  customerId: string | null;
  typoSuggested: boolean;
  typoAccepted: boolean;
  optIns: [receipts: boolean, marketing: boolean, personalization: boolean];
}

export function buildCheckouts(customers: readonly CustomerPlan[], rng: Rng, anchorDay: number): DemoCheckout[] {
  const out: DemoCheckout[] = [];
  for (const storeId of STORE_IDS) {
    const r = rng.fork(`checkouts:${storeId}`);
    const known = customers.filter((c) => c.homeStoreId === storeId && c.status === 'active');
    const withEmail = known.filter((c) => c.identifiers.some((i) => i.kind === 'email')).map((c) => c.id);
    const withoutEmail = known.filter((c) => !c.identifiers.some((i) => i.kind === 'email')).map((c) => c.id);
    const tz = locationById(storeId).timezone;
    const staff = ASKERS[storeId];

    for (let day = anchorDay - CHECKOUT_HISTORY_DAYS; day < anchorDay; day++) {
      const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday
      // Coaching starts to show: asking improves by a fifth over the quarter.
      const progress = (day - (anchorDay - CHECKOUT_HISTORY_DAYS)) / CHECKOUT_HISTORY_DAYS;
      const count = Math.round(CHECKOUTS_PER_DAY[storeId] * WEEKDAY_TRAFFIC[weekday]! * r.float(0.82, 1.18));
      const localDay = isoAt(day * DAY_MS).slice(0, 10);
      for (let n = 0; n < count; n++) {
        const hourIndex = HOURS.indexOf(r.weighted(HOURS, HOUR_TRAFFIC));
        const hour = HOURS[hourIndex]!;
        const rush = HOUR_TRAFFIC[hourIndex]! >= RUSH;
        const who = r.weighted(staff, staff.map((s) => s.shifts));
        const utcMs = day * DAY_MS + (hour + utcOffsetHours(tz, monthOfDay(day))) * 3600_000 + r.int(0, 3599) * 1000;
        const base = {
          id: `demo-co-${storeId}-${day}-${n}`,
          occurredAt: isoAt(utcMs),
          localDay,
          localHour: hour,
          weekday,
          storeId,
          registerId: r.pick(REGISTERS[storeId]),
          associateId: who.id,
          declineReason: null,
          typoSuggested: false,
          typoAccepted: false,
          optIns: [false, false, false] as DemoCheckout['optIns'],
        };

        if (r.chance(0.36) && withEmail.length) {
          out.push({ ...base, outcome: 'already_on_file', customerId: r.pick(withEmail) });
          continue;
        }
        const customerId = r.chance(0.25) && withoutEmail.length ? r.pick(withoutEmail) : null;
        const askRate = Math.min(1, who.askRate * (0.88 + 0.2 * progress) * (rush ? 0.72 : 1));
        if (!r.chance(askRate)) {
          out.push({ ...base, outcome: 'declined', declineReason: 'not_asked', customerId });
          continue;
        }
        const answer = r.next();
        const yes = Math.min(0.85, 0.58 * who.pitch);
        if (answer < yes) {
          const typoSuggested = r.chance(0.07);
          out.push({
            ...base,
            outcome: customerId ? 'captured_updated' : 'captured_new',
            customerId,
            typoSuggested,
            typoAccepted: typoSuggested && r.chance(0.86),
            optIns: [r.chance(0.9), r.chance(Math.min(0.9, 0.42 * who.pitch)), r.chance(Math.min(0.9, 0.32 * who.pitch))],
          });
        } else if (answer < yes + 0.04) {
          out.push({ ...base, outcome: 'invalid', customerId });
        } else {
          out.push({ ...base, outcome: 'declined', declineReason: r.weighted(DECLINES, rush ? DECLINE_WEIGHTS_RUSH : DECLINE_WEIGHTS), customerId });
        }
      }
    }
  }
  return out;
}

/** Inserts through the same table and trigger as a real checkout, so the roll-up is the real one. */
export function insertCheckouts(db: Database.Database, rows: readonly DemoCheckout[]): void {
  const insert = db.prepare(
    `INSERT INTO checkout_outcomes (id, occurred_at, local_day, local_hour, weekday, store_id, register_id, associate_id, outcome,
       decline_reason, customer_id, typo_suggested, typo_accepted, receipts_opt_in, marketing_opt_in, personalization_opt_in, consent_text_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of rows) {
    const captured = c.outcome === 'captured_new' || c.outcome === 'captured_updated';
    insert.run(
      c.id, c.occurredAt, c.localDay, c.localHour, c.weekday, c.storeId, c.registerId, c.associateId, c.outcome, c.declineReason,
      c.customerId, c.typoSuggested ? 1 : 0, c.typoAccepted ? 1 : 0, ...c.optIns.map((o) => (o ? 1 : 0)), captured ? CONSENT_TEXT_VERSION : null,
    );
  }
}
