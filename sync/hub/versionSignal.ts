// "The hub has new data": the newest hub version this process knows is committed, and the pulls
// waiting for it to move (long-polls, server.ts). A store advances it after each of its own commits
// that wrote versions; on PostgreSQL a LISTEN connection also advances it with other hub
// processes' commits (postgres/versionListener.ts). A waiter only learns "look again": what it may see is still
// decided by its page query, so a wake that brings nothing for its store or stream costs one query.

export class VersionSignal {
  private latest = 0;
  private readonly waiters = new Set<() => void>();

  /** The newest version known committed; read it before the page query, then wait past it. */
  get seen(): number {
    return this.latest;
  }

  /** A commit made `version` visible: waiters below it look again. */
  advance(version: number): void {
    if (version <= this.latest) return;
    this.latest = version;
    this.wakeAll();
  }

  /** Every waiter looks again (notifications may have been missed while a LISTEN connection was down). */
  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }

  /**
   * Resolves once the version passes `after` (at once if it already has), on wakeAll, after
   * `ms`, or when `abort` fires, whichever comes first; never rejects.
   */
  wait(after: number, ms: number, abort?: AbortSignal): Promise<void> {
    if (this.latest > after || ms <= 0 || abort?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort?.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      abort?.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }

  /** How many pulls are waiting (for tests and the operator's view). */
  get waiting(): number {
    return this.waiters.size;
  }
}
