// Runs each configured connector on its own interval while the hub serves. When a connector is
// next due is worked out from its recorded runs (connector_runs), so a restarted hub keeps the
// rhythm and the back-off: after a failed run the wait doubles per failure in a row (at most six
// hours), and `connector status` shows it. One connector never runs twice at once: the scheduler
// skips one still running, and `startRun` refuses a second run while another process (a
// `connector run` from the shell) holds one.
import { runConnector, type ConnectorDeps } from './registry.js';
import { scheduleOf } from './schedule.js';
import { ConnectorBusyError, type ConnectorRecord } from './state.js';

/** How often the scheduler looks for due connectors. */
export const TICK_MS = 5_000;

export interface SchedulerLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export class ConnectorScheduler {
  private readonly inFlight = new Map<string, Promise<void>>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking: Promise<unknown> | null = null;

  constructor(
    private readonly deps: ConnectorDeps,
    private readonly log: SchedulerLog,
    private readonly run: (deps: ConnectorDeps, id: string) => Promise<{ error: string | null }> = runConnector,
  ) {}

  /** Starts every due connector that is not running; returns their ids (the runs go on in the background). */
  async tick(): Promise<string[]> {
    const now = this.deps.clock.now().getTime();
    const started: string[] = [];
    for (const c of await this.deps.state.listConnectors()) {
      if (this.inFlight.has(c.id)) continue;
      const { nextRunAt } = scheduleOf(c, await this.deps.state.runs(c.id, 20));
      if (this.inFlight.has(c.id)) continue;
      if (nextRunAt !== null && Date.parse(nextRunAt) > now) continue;
      started.push(c.id);
      this.inFlight.set(c.id, this.runOne(c).finally(() => this.inFlight.delete(c.id)));
    }
    return started;
  }

  private async runOne(c: ConnectorRecord): Promise<void> {
    try {
      const out = await this.run(this.deps, c.id);
      if (out.error) this.log.error({ connector: c.id, vendor: c.vendor }, `connector ${c.id} failed: ${out.error}`);
      else this.log.info({ connector: c.id, vendor: c.vendor }, `connector ${c.id} ran`);
    } catch (err) {
      if (err instanceof ConnectorBusyError) return this.log.info({ connector: c.id }, err.message);
      // A run that could not start (a credential the key cannot open) is recorded as a failed run, so it backs off too.
      const message = err instanceof Error ? err.message : String(err);
      const now = this.deps.clock.now();
      await this.deps.state.finishRun(await this.deps.state.startRun(c.id, now), now, { status: 'failed', rows: 0, error: message });
      this.log.error({ connector: c.id, vendor: c.vendor }, `connector ${c.id} could not run: ${message}`);
    }
  }

  /** Runs in flight have finished. */
  async idle(): Promise<void> {
    await Promise.all([...this.inFlight.values()]);
  }

  start(everyMs = TICK_MS): void {
    const tick = () => {
      // A tick still reading the database when the next is due: the next one waits its turn.
      if (this.ticking) return;
      this.ticking = this.tick()
        .catch((err: unknown) => this.log.error({}, `connector scheduler: ${err instanceof Error ? err.message : String(err)}`))
        .finally(() => (this.ticking = null));
    };
    tick();
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
  }

  /** Stops starting runs and waits for those in flight (the hub closes its store after). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.idle();
  }
}
