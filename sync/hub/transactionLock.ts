// One connection, one transaction at a time: a transaction whose work awaits between statements
// (async appliers, feeds) would otherwise let another request's statements run inside it. Calls
// made from within the holder's own async work (a nested transaction, a read by the work itself)
// pass straight through, so the holder never waits on itself.
import { AsyncLocalStorage } from 'node:async_hooks';

export class TransactionLock {
  private readonly holder = new AsyncLocalStorage<true>();
  private tail: Promise<unknown> = Promise.resolve();

  /** Whether the calling async context already holds the lock. */
  get held(): boolean {
    return this.holder.getStore() === true;
  }

  /** Runs `fn` alone: after every call queued before it, before any queued after it. */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    if (this.held) return Promise.resolve().then(fn);
    const result = this.tail.then(() => this.holder.run(true, fn));
    this.tail = result.catch(() => undefined);
    return result;
  }
}
