// Carries "changes left after this cursor" from one pull page to the next, so a bootstrap of
// millions of rows counts once instead of once per page. A count is valid only while the hub
// has written nothing since (same last version); the next page then subtracts its own size.
import type { Stream } from '../protocol/index.js';

const MOST_ENTRIES = 1000;

export class RemainingCache {
  private readonly entries = new Map<string, { lastVersion: number; remaining: number }>();

  /** The count left after `cursor`, when it was taken at this same last version; used once. */
  take(stream: Stream, storeId: string, cursor: number, lastVersion: number): number | undefined {
    const key = `${stream}\u0000${storeId}\u0000${cursor}`;
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry && entry.lastVersion === lastVersion ? entry.remaining : undefined;
  }

  put(stream: Stream, storeId: string, cursor: number, lastVersion: number, remaining: number): void {
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= MOST_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${stream}\u0000${storeId}\u0000${cursor}`, { lastVersion, remaining });
  }
}
