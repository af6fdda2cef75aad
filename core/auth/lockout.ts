// Escalating PIN lockout. Counted in wrong attempts since the last good PIN (5 → 5 min,
// 10 → 30 min, 15 → until a manager unlocks) and in time measured on the register's
// monotonic clock: moving the wall clock forward never lifts a lock, and a restart resumes
// the wait from the last time it was saved rather than lifting it.
import type Database from 'better-sqlite3';

export const MANAGER_ONLY = -1;

export const LOCK_STEPS: readonly { attempts: number; ms: number }[] = [
  { attempts: 5, ms: 5 * 60_000 },
  { attempts: 10, ms: 30 * 60_000 },
  { attempts: 15, ms: MANAGER_ONLY },
];

/** Wrong attempts after which a lock starts, and how long it lasts; null when none starts. */
export function lockFor(failedAttempts: number): number | null {
  return LOCK_STEPS.find((s) => s.attempts === failedAttempts)?.ms ?? (failedAttempts > 15 ? MANAGER_ONLY : null);
}

/** Attempts left before the next lock. */
export function attemptsBeforeLock(failedAttempts: number): number {
  const next = LOCK_STEPS.find((s) => s.attempts > failedAttempts);
  return next ? next.attempts - failedAttempts : 0;
}

export interface LockRow {
  id: string;
  failed_attempts: number;
  lock_ms: number | null;
  lock_elapsed_ms: number;
}

export interface LockState {
  locked: boolean;
  /** Only a manager's approval lifts it. */
  byManager: boolean;
  remainingMs: number;
  elapsedMs: number;
}

/**
 * This process's monotonic marks: when it last saw each lock. Elapsed time = what was saved +
 * what this process has measured since. One per app (the registry holds it).
 */
export class LockClock {
  private readonly marks = new Map<string, number>();
  constructor(readonly monotonicMs: () => number = () => performance.now()) {}

  state(row: LockRow): LockState {
    if (row.lock_ms === null) return { locked: false, byManager: false, remainingMs: 0, elapsedMs: 0 };
    if (row.lock_ms === MANAGER_ONLY) return { locked: true, byManager: true, remainingMs: Infinity, elapsedMs: row.lock_elapsed_ms };
    const now = this.monotonicMs();
    const mark = this.marks.get(row.id);
    if (mark === undefined) this.marks.set(row.id, now); // first sight since start: count from here
    const elapsedMs = row.lock_elapsed_ms + (mark === undefined ? 0 : Math.max(0, now - mark));
    const remainingMs = Math.max(0, row.lock_ms - elapsedMs);
    return { locked: remainingMs > 0, byManager: false, remainingMs, elapsedMs };
  }

  /** Saves the elapsed time (inside a writing call) so a restart resumes from here. */
  save(db: Database.Database, row: LockRow): LockState {
    const s = this.state(row);
    if (row.lock_ms !== null && row.lock_ms !== MANAGER_ONLY) {
      db.prepare(`UPDATE staff SET lock_elapsed_ms = ? WHERE id = ?`).run(Math.round(s.elapsedMs), row.id);
      this.marks.set(row.id, this.monotonicMs());
    }
    return s;
  }

  /** A lock decided at `at` (here, or carried from another register with part of it already passed). */
  start(db: Database.Database, staffId: string, ms: number, lockedUntilWall: string | null, at: string, elapsedMs = 0): void {
    db.prepare(`UPDATE staff SET lock_ms = ?, lock_elapsed_ms = ?, locked_until = ?, lock_at = ? WHERE id = ?`).run(ms, elapsedMs, lockedUntilWall, at, staffId);
    this.marks.set(staffId, this.monotonicMs());
  }

  /** A good PIN or a manager's unlock, decided at `at`: the count starts again. */
  clear(db: Database.Database, staffId: string, at: string): void {
    db.prepare(`UPDATE staff SET failed_attempts = 0, lock_ms = NULL, lock_elapsed_ms = 0, locked_until = NULL, lock_at = ? WHERE id = ?`).run(at, staffId);
    this.marks.delete(staffId);
  }
}
