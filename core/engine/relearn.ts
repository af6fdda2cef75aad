// Relearning follow-up links and repeat categories as orders arrive, without ever showing a
// half-built model. A relearn builds the new sets from the history first (reading only) and then
// swaps them in with one short transaction: a decision made before the swap uses the previous
// model whole, one made after uses the new one whole. When to relearn is the device's schedule
// (learn_state): after `min_new_orders` orders arrived (pulled or sold here), or once the model
// is `max_age_hours` old and anything arrived at all (nightly by default); a device that never
// learned learns as soon as it has orders.
import type Database from 'better-sqlite3';
import type { LearnedModelStatus } from '../contract/areas/merchTypes.js';
import { statement } from '../db/statements.js';
import { buildLearnedModel, swapLearnedModel, type LearnedModel } from './learn.js';
import { DEFAULT_LINK_OPTIONS, type LinkOptions } from './links.js';

export type LearnState = LearnedModelStatus;

export interface LearnSchedule {
  minNewOrders: number;
  maxAgeHours: number;
}

export function learnState(db: Database.Database): LearnState {
  return statement(
    db,
    `SELECT learned_at AS learnedAt, orders_learned AS ordersLearned, links_learned AS linksLearned, new_orders AS newOrders,
            min_new_orders AS minNewOrders, max_age_hours AS maxAgeHours FROM learn_state WHERE id = 1`,
  ).get() as LearnState;
}

export function setLearnSchedule(db: Database.Database, schedule: LearnSchedule): LearnState {
  statement(db, `UPDATE learn_state SET min_new_orders = ?, max_age_hours = ? WHERE id = 1`).run(schedule.minNewOrders, schedule.maxAgeHours);
  return learnState(db);
}

/** Orders arrived (pulled, or a sale finished here): counted toward the next relearn. */
export function noteNewOrders(db: Database.Database, count: number): void {
  if (count > 0) statement(db, `UPDATE learn_state SET new_orders = new_orders + ? WHERE id = 1`).run(count);
}

export function relearnDue(state: LearnState, now: Date): boolean {
  if (state.learnedAt === null) return state.newOrders > 0 || state.ordersLearned > 0;
  if (state.newOrders >= state.minNewOrders) return true;
  const ageHours = (now.getTime() - Date.parse(state.learnedAt)) / 3_600_000;
  return state.newOrders > 0 && ageHours >= state.maxAgeHours;
}

/**
 * Builds the model from the whole history, then swaps it in. `afterBuild` runs between the two
 * (tests use it to decide while the new model exists only in memory).
 */
export function relearn(db: Database.Database, now: Date, options: { links?: LinkOptions; afterBuild?: (model: LearnedModel) => void } = {}): LearnState {
  const pendingAtStart = learnState(db).newOrders;
  const model = buildLearnedModel(db, options.links ?? DEFAULT_LINK_OPTIONS);
  options.afterBuild?.(model);
  db.transaction(() => {
    swapLearnedModel(db, model, now);
    // Orders that arrived while the model was built count toward the next relearn.
    statement(
      db,
      `UPDATE learn_state SET learned_at = ?, orders_learned = ?, links_learned = ?, new_orders = max(0, new_orders - ?) WHERE id = 1`,
    ).run(now.toISOString(), model.orders, model.links.length, pendingAtStart);
  })();
  return learnState(db);
}

/**
 * The device's background relearning: checked when orders arrive and on a timer, always after
 * the call that brought the orders has returned (its transaction committed), one at a time.
 */
export class Relearner {
  private timer: NodeJS.Timeout | null = null;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly options: { now?: () => Date; checkEveryMs?: number; links?: LinkOptions; onError?: (err: unknown) => void } = {},
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.poke(), this.options.checkEveryMs ?? 10 * 60_000);
    this.timer.unref?.();
    void this.poke();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Orders arrived: count them and look again soon. */
  ordersArrived(count: number): Promise<void> {
    if (this.db.open) noteNewOrders(this.db, count);
    return this.poke();
  }

  /** Relearns if due, after the current call returns; resolves when that check is done. */
  poke(): Promise<void> {
    this.pending ??= new Promise<void>((resolve) => {
      setImmediate(() => {
        try {
          const now = (this.options.now ?? (() => new Date()))();
          if (this.db.open && relearnDue(learnState(this.db), now)) relearn(this.db, now, this.options.links ? { links: this.options.links } : {});
        } catch (err) {
          this.options.onError?.(err);
        } finally {
          this.pending = null;
          resolve();
        }
      });
    });
    return this.pending;
  }
}
