import { randomBytes } from 'node:crypto';

/**
 * The browser tabs the web host has given a seat (issue 19): each tab asks for an id once, keeps it
 * in its sessionStorage and names it on every call, so two tabs are two registers with their own
 * sign-in. Only ids issued here are accepted: a made-up or stale id is refused, never adopted.
 */
export class TabBook {
  /** Issued ids, least recently used first (a Map keeps insertion order). */
  private readonly tabs = new Map<string, true>();

  constructor(
    /** A browser left open for weeks opens many tabs; the oldest idle one is forgotten past this. */
    private readonly limit = 64,
    /** Called for a tab that is forgotten, so its seat (and sign-in) ends too. */
    private readonly onForget: (id: string) => void = () => {},
  ) {}

  issue(): string {
    const id = randomBytes(18).toString('base64url');
    this.tabs.set(id, true);
    while (this.tabs.size > this.limit) {
      const oldest = this.tabs.keys().next().value as string;
      this.tabs.delete(oldest);
      this.onForget(oldest);
    }
    return id;
  }

  /** True for an id this host issued and still holds; marks it as just used. */
  use(id: unknown): id is string {
    if (typeof id !== 'string' || !this.tabs.has(id)) return false;
    this.tabs.delete(id);
    this.tabs.set(id, true);
    return true;
  }
}
