// One connection per hub process that LISTENs on the channel every versioned commit notifies
// (pgStore.ts), so a pull waiting in this process wakes when another process commits. Pool
// connections cannot listen (a notification goes to the session that listened, and the pool
// hands sessions around), hence a dedicated client. A dropped connection is opened again after a
// pause; notifications sent meanwhile are lost, so once it listens again every waiter looks again.
import pg from 'pg';
import type { VersionSignal } from '../versionSignal.js';

/** Pause before opening a dropped connection again, doubled per failure up to MAX_RETRY_MS. */
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;

export class VersionListener {
  private client: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly signal: VersionSignal,
  ) {}

  /** Resolves once the connection listens (the first time; later drops reconnect in the background). */
  start(): Promise<void> {
    this.listening ??= this.connect().catch((err: unknown) => {
      this.listening = undefined; // the next caller tries again
      throw err;
    });
    return this.listening;
  }

  /** The listening session's backend pid (tests drop it to prove the reconnect). */
  get pid(): number | undefined {
    return (this.client as (pg.Client & { processID?: number }) | undefined)?.processID;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (n) => {
      const version = Number(n.payload);
      if (Number.isSafeInteger(version)) this.signal.advance(version);
    });
    // An error on an idle listening connection is followed by 'end': the reconnect happens there.
    client.on('error', () => undefined);
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end();
      return;
    }
    this.client = client;
    this.retryMs = FIRST_RETRY_MS;
    // Commits while nobody listened notified no one: every waiter runs its page query again.
    this.signal.wakeAll();
  }

  private dropped(client: pg.Client): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.reconnectLater();
  }

  private reconnectLater(): void {
    this.retryTimer = setTimeout(() => {
      this.connect().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
        if (!this.stopped) this.reconnectLater();
      });
    }, this.retryMs);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
