// The sync client wired to one device: a new device first fills its replica from the hub
// (bootstrap), then the scheduler keeps it current and pushes after every local write. Core sees
// it only as the SyncPort it was handed (core/contract/ports.ts).
import type Database from 'better-sqlite3';
import type { HubConnection, ReplicaLearner, SyncPort } from '../../core/contract/ports.js';
import type { BootstrapProgress, VisitingCustomer } from '../../core/contract/types.js';
import type { HubReport, HubReportRequest } from '../../core/contract/areas/hubReportTypes.js';
import { saveReport } from '../../core/analytics/hubReports.js';
import { deviceResponseSchema, hubReportSchema, MAX_PULL_WAIT_S, PROTOCOL_VERSION, parseMessage, pullResponseSchema, visitingResponseSchema, type PullRequest, type Stream } from '../protocol/index.js';
import { findDevice } from '../../core/device/device.js';
import { ActivityWatch, type ActivityOptions } from './activity.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import { bootstrapReplica } from './bootstrap.js';
import type { HubConfig } from './hubConfig.js';
import { pull } from './pull.js';
import { push } from './push.js';
import { SyncScheduler, type SchedulerOptions } from './scheduler.js';
import { readCursor } from './syncState.js';
import { rotateTokenIfDue } from './tokenRotation.js';
import { HttpTransport, SyncHttpError, type SyncTransport } from './transport.js';

export const DEFAULT_REGISTER = 'R1';

export interface DeviceSyncOptions {
  config: HubConfig;
  /** Default: the hub over HTTP with the config's token. */
  transport?: SyncTransport;
  now?: () => Date;
  scheduler?: Omit<SchedulerOptions, 'onResult'>;
  activity?: ActivityOptions;
  /** Retry pacing of a bootstrap that cannot reach the hub. */
  bootstrapBackoff?: BackoffOptions;
  log?: (message: string) => void;
  /** Told when pulled orders change what the device learned (the host passes it; sync knows no engine). */
  learner?: ReplicaLearner;
  /** The token was rotated (tokenRotation.ts): the host keeps the new config (sync.json). */
  onTokenRotated?: (config: HubConfig) => void;
}

export class DeviceSync implements SyncPort {
  private readonly transport: SyncTransport;
  private readonly scheduler: SyncScheduler;
  private readonly activity: ActivityWatch;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => Date;
  private lastOutcome: 'ok' | 'failed' | null = null;
  private progress: BootstrapProgress | null = null;
  private running = false;
  private readonly reportsInFlight = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The name the hub gave this register, asked at bootstrap when its hub config names none. */
  private hubRegister: string | undefined;

  constructor(private readonly db: Database.Database, private readonly options: DeviceSyncOptions) {
    this.now = options.now ?? (() => new Date());
    const http = options.transport ? null : new HttpTransport({ baseUrl: options.config.url, token: options.config.token, ...(options.config.ca ? { ca: options.config.ca } : {}) });
    const inner = options.transport ?? http!;
    let config = options.config;
    this.transport = observed(inner, (ok) => this.noteOutcome(ok));
    this.scheduler = new SyncScheduler(
      {
        pull: (stream) => pull(this.db, this.transport, stream, { now: this.now, ...(options.learner ? { learner: options.learner } : {}) }),
        ...(this.transport.pullWaiting ? { waitForNews: (stream: Stream) => this.waitForNews(stream) } : {}),
        push: async () => {
          const sent = await push(this.db, this.transport, { now: this.now });
          // Nothing to send still tells whether the hub is there.
          if (sent.batches === 0) await this.transport.ping?.();
          // A month before the token expires, it is traded for a new one over the same channel.
          const rotated = http && (await rotateTokenIfDue(http, config, this.now()));
          if (rotated) {
            config = rotated;
            options.onTokenRotated?.(rotated);
          }
          return sent;
        },
      },
      {
        ...(options.config.inventoryEverySeconds ? { inventoryEveryMs: options.config.inventoryEverySeconds * 1000 } : {}),
        ...options.scheduler,
        onResult: (r) => {
          if (!r.ok) this.log(`${r.task} failed (${r.failures} in a row): ${errorText(r.error)}`);
          this.changed();
        },
      },
    );
    this.activity = new ActivityWatch({
      ...options.activity,
      onIdle: () => this.scheduler.stop(),
      onActive: () => {
        if (this.running && !this.progress) this.scheduler.start();
      },
    });
  }

  /** Whether the hub has changes of `stream` past the replica's cursor, asked as a long-poll (one change at most comes back; the scheduler's pull applies it). */
  private async waitForNews(stream: Stream): Promise<boolean> {
    const request: PullRequest = { protocol: PROTOCOL_VERSION, stream, since: readCursor(this.db, stream), limit: 1 };
    return parseMessage(pullResponseSchema, 'pull response', await this.transport.pullWaiting!(request, MAX_PULL_WAIT_S)).changes.length > 0;
  }

  /** Bootstraps a replica that has no device yet, then runs the scheduler until stop(). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.activity.start();
    if (findDevice(this.db)) this.scheduler.start();
    else void this.runBootstrap(1);
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.scheduler.stop();
    this.activity.stop();
  }

  connection(): HubConnection {
    if (this.progress) return 'bootstrapping';
    return this.lastOutcome === 'ok' ? 'online' : 'offline';
  }

  identity(): { deviceId: string; storeId: string; registerId: string } | null {
    const { store, register, deviceId } = this.options.config;
    return store ? { deviceId: deviceId ?? '', storeId: store, registerId: register ?? this.hubRegister ?? DEFAULT_REGISTER } : null;
  }

  bootstrapProgress(): BootstrapProgress | null {
    return this.progress && { ...this.progress };
  }

  nudge(): void {
    if (this.running && !this.progress) this.scheduler.nudgePush();
  }

  syncNow(): void {
    this.activity.touch();
    if (this.running && !this.progress) this.scheduler.runAllNow();
  }

  noteActivity(): void {
    this.activity.touch();
  }

  /** A window reported it is (or is no longer) on screen. */
  setForeground(visible: boolean): void {
    this.activity.setForeground(visible);
  }

  /** One report request at a time per scope; the answer replaces the cached report and tells the UI. */
  requestReport(scope: string, request: HubReportRequest): void {
    if (!this.transport.report || this.reportsInFlight.has(scope)) return;
    this.reportsInFlight.add(scope);
    void this.transport
      .report({ protocol: PROTOCOL_VERSION, ...request })
      .then((body) => {
        const report = checkedReport(body);
        saveReport(this.db, scope, report, this.now());
        this.changed();
      })
      .catch((err: unknown) => this.log(`report failed: ${errorText(err)}`))
      .finally(() => this.reportsInFlight.delete(scope));
  }

  async lookupVisiting(key: { kind: 'email' | 'phone' | 'loyalty'; value: string }, asker: { staffId: string; registerId: string }): Promise<VisitingCustomer | null> {
    if (!this.transport.visiting) throw new Error('this transport cannot ask the hub for visiting customers');
    const body = parseMessage(visitingResponseSchema, 'visiting answer', await this.transport.visiting({ protocol: PROTOCOL_VERSION, ...asker, ...key }));
    const c = body.customer;
    return c && { customerId: c.customerId, name: `${c.firstName} ${c.lastName}`.trim(), homeStoreId: c.homeStoreId, homeStoreName: c.homeStoreName, matchedBy: c.matchedBy, consents: c.consents };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async runBootstrap(attempt: number): Promise<void> {
    const started = this.now();
    this.progress = { stream: null, rowsApplied: 0, rowsRemaining: null, rowsPerSecond: null, startedAt: started.toISOString(), problem: null };
    this.changed();
    if (!this.identity()) {
      this.progress.problem = 'This device has no store yet: add "store" (and "register") to its hub config.';
      this.changed();
      return;
    }
    try {
      await this.askRegisterName();
      const identity = this.identity()!;
      await bootstrapReplica(this.db, this.transport, identity, {
        now: this.now,
        ...(this.options.learner ? { learner: this.options.learner } : {}),
        isCancelled: () => !this.running,
        onProgress: (p) => {
          const seconds = (this.now().getTime() - started.getTime()) / 1000;
          this.progress = { ...this.progress!, ...p, rowsPerSecond: seconds > 0 ? Math.round(p.rowsApplied / seconds) : null, problem: null };
          this.changed();
        },
      });
      if (!this.running) return;
      this.progress = null;
      this.log('bootstrap finished');
      this.scheduler.start();
      this.changed();
    } catch (err) {
      if (!this.running) return;
      // Cursors are committed per page, so the next attempt continues where this one stopped.
      this.progress = { ...this.progress!, problem: errorText(err) };
      this.log(`bootstrap attempt ${attempt} failed: ${errorText(err)}`);
      this.changed();
      const wait = backoffDelay(attempt, Math.random, this.options.bootstrapBackoff ?? { baseMs: 2_000, maxMs: 60_000 });
      this.retryTimer = setTimeout(() => void this.runBootstrap(attempt + 1), wait);
    }
  }

  /**
   * A register set up by token with no "register" in its hub config takes the name the hub gave it
   * (its events must carry that name); a hub that recorded none leaves it R1.
   */
  private async askRegisterName(): Promise<void> {
    if (this.options.config.register || this.hubRegister || !this.transport.device) return;
    this.hubRegister = parseMessage(deviceResponseSchema, 'device answer', await this.transport.device()).registerId;
  }

  private noteOutcome(ok: boolean): void {
    const before = this.connection();
    const wasCut = this.lastOutcome === 'failed';
    this.lastOutcome = ok ? 'ok' : 'failed';
    // Back after an outage: catch up on everything now rather than at each stream's next turn.
    if (ok && wasCut && this.running && !this.progress) this.scheduler.runAllNow();
    if (this.connection() !== before) this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        this.log(`status listener failed: ${errorText(err)}`);
      }
    }
  }

  private log(message: string): void {
    (this.options.log ?? ((m: string) => console.log(`[sync] ${m}`)))(message);
  }
}

/**
 * The same transport, reporting whether each call reached the hub. A refusal the hub itself
 * sends (a 4xx: revoked token, bad request) means it is reachable: the device is online and the
 * reason shows as the stream's error. No answer, or a 5xx, means offline.
 */
function observed(inner: SyncTransport, onOutcome: (reached: boolean) => void): SyncTransport {
  const watch = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const answer = await call();
      onOutcome(true);
      return answer;
    } catch (err) {
      onOutcome(err instanceof SyncHttpError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429);
      throw err;
    }
  };
  const transport: SyncTransport = { pull: (r) => watch(() => inner.pull(r)), push: (r) => watch(() => inner.push(r)) };
  if (inner.pullWaiting) transport.pullWaiting = (r, waitS) => watch(() => inner.pullWaiting!(r, waitS));
  if (inner.ping) transport.ping = () => watch(() => inner.ping!());
  if (inner.report) transport.report = (r) => watch(() => inner.report!(r));
  if (inner.visiting) transport.visiting = (r) => watch(() => inner.visiting!(r));
  if (inner.device) transport.device = () => watch(() => inner.device!());
  return transport;
}

/** The hub's answer, checked with the schema its report is typed by before the device keeps it. */
function checkedReport(body: unknown): HubReport {
  const r = hubReportSchema.safeParse(body);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`the hub sent something that is not a report (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad shape'})`);
  }
  return r.data;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** For openDeviceHost's `sync` option: the client built on the replica the host opened. */
export function hubSync(options: DeviceSyncOptions): (db: Database.Database, learner: ReplicaLearner) => DeviceSync {
  return (db, learner) => new DeviceSync(db, { learner, ...options });
}
