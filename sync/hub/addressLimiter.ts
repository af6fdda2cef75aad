// Requests that fail authentication, counted per network address in a fixed window: a stranger
// (or a register with a dead token stuck in a loop) is slowed down before the hub looks up tokens
// for it again. Registers with a good token never touch this budget.

export interface AddressBudget {
  max: number;
  timeWindowMs: number;
}

/** Most addresses tracked at once; past that, windows that have ended are forgotten first. */
const MOST_ADDRESSES = 10_000;

export class AddressLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(private readonly budget: AddressBudget) {}

  /** Seconds until this address may try again, or 0 when it has budget left. */
  retryAfter(address: string, now: number): number {
    const w = this.windows.get(address);
    if (!w || now - w.start >= this.budget.timeWindowMs || w.failures < this.budget.max) return 0;
    return Math.max(1, Math.ceil((w.start + this.budget.timeWindowMs - now) / 1000));
  }

  /** Counts one failed authentication from `address`. */
  fail(address: string, now: number): void {
    const w = this.windows.get(address);
    if (w && now - w.start < this.budget.timeWindowMs) {
      w.failures += 1;
      return;
    }
    if (this.windows.size >= MOST_ADDRESSES) this.forgetEnded(now);
    this.windows.set(address, { start: now, failures: 1 });
  }

  private forgetEnded(now: number): void {
    for (const [address, w] of this.windows) if (now - w.start >= this.budget.timeWindowMs) this.windows.delete(address);
    // Still full (a flood from many addresses): start over rather than grow without bound.
    if (this.windows.size >= MOST_ADDRESSES) this.windows.clear();
  }
}
