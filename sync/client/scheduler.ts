// Runs pulls and pushes on their cadence (DESIGN §7): inventory at least every 5 minutes,
// other streams less often, push as soon as asked; a failing task backs off with jitter while
// the others keep their cadence. One task runs at a time: they share the replica. When the runner
// can ask the hub to wait for news (a long-poll), inventory news makes its pull due at once; the
// wait touches no replica, so it runs beside the tasks, and the cadence stays as the fallback.
import { STREAMS, type Stream } from '../protocol/index.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';

export const INVENTORY_MAX_INTERVAL_MS = 5 * 60_000;

export type SyncTask = Stream | 'push';

export interface SyncRunner {
  pull(stream: Stream): Promise<unknown>;
  push(): Promise<unknown>;
  /** Resolves true once the hub has changes of `stream` past the replica's cursor, false when its wait ended without any. */
  waitForNews?(stream: Stream): Promise<boolean>;
}

/**
 * After a wait for news that ended empty, the next starts no sooner than this after it began: a
 * hub that does not hold pulls (an older one) answers at once, and is then asked this often, no more.
 */
export const NEWS_WAIT_MIN_MS = 20_000;

export interface SchedulerOptions {
  /** Default 60 s; never more than 5 minutes. */
  inventoryEveryMs?: number;
  /** Catalog, customers, orders, merch config. Default 15 minutes. */
  othersEveryMs?: number;
  /** Push even when nothing asked for it (a row may have been written while offline). Default 30 s. */
  pushEveryMs?: number;
  backoff?: BackoffOptions;
  random?: () => number;
  onResult?: (r: { task: SyncTask; ok: boolean; error?: unknown; failures: number }) => void;
}

interface TaskState {
  dueAt: number;
  everyMs: number;
  failures: number;
}

export class SyncScheduler {
  private readonly tasks = new Map<SyncTask, TaskState>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private busy = false;
  /** Bumped by start and stop: a wait loop of an earlier start ends instead of running beside a new one. */
  private generation = 0;
  /** Called after a task's next run ends (or the scheduler stops). */
  private readonly afterRun = new Map<SyncTask, (() => void)[]>();

  constructor(private readonly runner: SyncRunner, private readonly options: SchedulerOptions = {}) {
    const inventoryEvery = options.inventoryEveryMs ?? 60_000;
    if (!(inventoryEvery > 0 && inventoryEvery <= INVENTORY_MAX_INTERVAL_MS)) {
      throw new RangeError(`inventoryEveryMs must be between 1 and ${INVENTORY_MAX_INTERVAL_MS} ms.`);
    }
    this.tasks.set('push', { dueAt: 0, everyMs: options.pushEveryMs ?? 30_000, failures: 0 });
    for (const stream of STREAMS) {
      this.tasks.set(stream, { dueAt: 0, everyMs: stream === 'inventory' ? inventoryEvery : options.othersEveryMs ?? 15 * 60_000, failures: 0 });
    }
  }

  /** Starts with every task due now: push first (offline events), then the streams in bootstrap order. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.arm();
    if (this.runner.waitForNews) void this.watchInventory(++this.generation);
  }

  stop(): void {
    this.running = false;
    this.generation += 1;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const task of [...this.afterRun.keys()]) this.ranTask(task);
  }

  /** After a local write: push as soon as the current task is done, unless it is backing off. */
  nudgePush(): void {
    const push = this.tasks.get('push')!;
    if (push.failures === 0) push.dueAt = Math.min(push.dueAt, Date.now());
    this.arm();
  }

  /** "Sync now": every task is due at once (push first, then the streams), backoff or not. */
  runAllNow(): void {
    const now = Date.now();
    for (const state of this.tasks.values()) state.dueAt = Math.min(state.dueAt, now);
    this.arm();
  }

  /** The task due now (unless it is backing off: its failures keep their pace); resolves after its next run. */
  private runSoon(task: SyncTask): Promise<void> {
    const state = this.tasks.get(task)!;
    if (state.failures === 0) state.dueAt = Math.min(state.dueAt, Date.now());
    const ran = new Promise<void>((resolve) => this.afterRun.set(task, [...(this.afterRun.get(task) ?? []), resolve]));
    this.arm();
    return ran;
  }

  private ranTask(task: SyncTask): void {
    const waiting = this.afterRun.get(task) ?? [];
    this.afterRun.delete(task);
    for (const resolve of waiting) resolve();
  }

  /**
   * Waits for inventory news at the hub, again and again while started; news makes the inventory
   * pull due now, and the next wait starts after that pull (its cursor then stands past the news).
   * A wait that fails backs off as a task does.
   */
  private async watchInventory(generation: number): Promise<void> {
    let failures = 0;
    const live = () => this.running && this.generation === generation;
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref?.());
    while (live()) {
      const started = Date.now();
      try {
        const news = await this.runner.waitForNews!('inventory');
        failures = 0;
        if (!live()) return;
        if (news) await this.runSoon('inventory');
        else await pause(started + NEWS_WAIT_MIN_MS - Date.now());
      } catch {
        failures += 1;
        await pause(backoffDelay(failures, this.options.random, this.options.backoff ?? DEFAULT_BACKOFF));
      }
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  private nextTask(): [SyncTask, TaskState] {
    let best: [SyncTask, TaskState] | undefined;
    for (const entry of this.tasks) if (!best || entry[1].dueAt < best[1].dueAt) best = entry;
    return best!;
  }

  private arm(): void {
    if (!this.running || this.busy) return;
    clearTimeout(this.timer);
    const [, state] = this.nextTask();
    this.timer = setTimeout(() => void this.runDue(), Math.max(0, state.dueAt - Date.now()));
  }

  private async runDue(): Promise<void> {
    if (!this.running || this.busy) return;
    const [task, state] = this.nextTask();
    this.busy = true;
    try {
      await (task === 'push' ? this.runner.push() : this.runner.pull(task));
      state.failures = 0;
      state.dueAt = Date.now() + state.everyMs;
      this.options.onResult?.({ task, ok: true, failures: 0 });
    } catch (error) {
      state.failures += 1;
      // Backoff, but never past the task's own cadence: inventory keeps its ≤ 5-minute promise.
      state.dueAt = Date.now() + Math.min(backoffDelay(state.failures, this.options.random, this.options.backoff ?? DEFAULT_BACKOFF), Math.max(state.everyMs, 1));
      this.options.onResult?.({ task, ok: false, error, failures: state.failures });
    } finally {
      this.busy = false;
      this.ranTask(task);
      this.arm();
    }
  }
}
