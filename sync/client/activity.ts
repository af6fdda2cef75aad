// Sync pauses while the app sits unused in the background (battery, hub load) and resumes the
// moment someone uses it. "In use" = an API call by a person, or a window on screen that said
// so recently: inventory keeps its ≤ 5-minute promise whenever anyone can see the stock figures.

export interface ActivityOptions {
  /** No use for this long, with no window on screen, pauses sync. Default 10 minutes. */
  idleAfterMs?: number;
  /** A window's "I am on screen" holds this long unless repeated (the UI repeats it every minute). Default 3 minutes. */
  foregroundHoldMs?: number;
  /** How often idleness is checked. Default 30 s. */
  checkEveryMs?: number;
}

export class ActivityWatch {
  private lastActivity = Date.now();
  private foregroundUntil = 0;
  private idle = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly idleAfterMs: number;
  private readonly foregroundHoldMs: number;

  constructor(private readonly options: ActivityOptions & { onIdle: () => void; onActive: () => void }) {
    this.idleAfterMs = options.idleAfterMs ?? 10 * 60_000;
    this.foregroundHoldMs = options.foregroundHoldMs ?? 3 * 60_000;
  }

  start(): void {
    this.lastActivity = Date.now();
    this.timer = setInterval(() => this.check(), this.options.checkEveryMs ?? 30_000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  get isIdle(): boolean {
    return this.idle;
  }

  touch(): void {
    this.lastActivity = Date.now();
    if (this.idle) {
      this.idle = false;
      this.options.onActive();
    }
  }

  setForeground(visible: boolean): void {
    this.foregroundUntil = visible ? Date.now() + this.foregroundHoldMs : 0;
    if (visible) this.touch();
  }

  check(): void {
    const now = Date.now();
    if (!this.idle && now >= this.foregroundUntil && now - this.lastActivity >= this.idleAfterMs) {
      this.idle = true;
      this.options.onIdle();
    }
  }
}
