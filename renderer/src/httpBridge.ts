// `EndcapBridge` over the loopback HTTP host: POST /api/call for calls, SSE /api/events for
// events. The host authenticates this browser by an HttpOnly cookie set at /launch, so same-origin
// requests carry it without the page ever seeing the token. Sign-in is per tab: the tab asks the
// host for a seat id once, keeps it in sessionStorage (a reload keeps the sign-in, another tab has
// its own) and names it on every call and on its event stream.
import type { ApiEventName, ApiEvents, ApiResult, EndcapBridge } from '../../core/contract/index';

type AnyListener = (payload: unknown) => void;
/** Where the tab keeps its seat id: sessionStorage in a browser. */
export type TabStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const TAB_KEY = 'endcap.tab';
const TAB_HEADER = 'X-Endcap-Tab';

export function createHttpBridge(base = '', storage: TabStorage = tabStorage()): EndcapBridge {
  const listeners = new Map<ApiEventName, Set<AnyListener>>();
  let source: EventSource | null = null;
  let streaming = false;
  let tab = storage.getItem(TAB_KEY);
  let asking: Promise<ApiResult<string>> | null = null;

  /** This tab's seat id, asking the host for one the first time. */
  function ensureTab(): Promise<ApiResult<string>> {
    if (tab) return Promise.resolve({ ok: true, value: tab });
    asking ??= post<{ tab: string }>('/api/tab', null, null).then((r) => {
      asking = null;
      if (!r.ok) return r;
      if (typeof r.value?.tab !== 'string') return transportError('The Endcap service sent an unexpected reply (no tab).');
      tab = r.value.tab;
      storage.setItem(TAB_KEY, tab);
      // A new seat for a tab already listening: the event stream must follow it.
      if (source) openStream(tab);
      return { ok: true, value: tab };
    });
    return asking;
  }

  function openStream(id: string): void {
    source?.close();
    source = new EventSource(`${base}/api/events?tab=${encodeURIComponent(id)}`);
    source.onmessage = (message) => {
      let parsed: { event?: unknown; payload?: unknown };
      try {
        parsed = JSON.parse(String(message.data)) as typeof parsed;
      } catch {
        return; // a malformed frame is dropped, not fatal
      }
      const set = listeners.get(parsed.event as ApiEventName);
      if (set) for (const listener of [...set]) listener(parsed.payload);
    };
  }

  async function post<T>(path: string, body: unknown, seat: string | null): Promise<ApiResult<T>> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', ...(seat ? { [TAB_HEADER]: seat } : {}) },
        body: JSON.stringify(body),
      });
    } catch {
      return transportError('Cannot reach the Endcap service on this device. Check that it is running.');
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch {
      return transportError(`The Endcap service sent an unreadable reply (HTTP ${response.status}).`);
    }
    // The host answers errors with an ApiResult too (e.g. 401); trust only that shape.
    if (isApiResult(parsed)) return parsed as ApiResult<T>;
    return transportError(`The Endcap service sent an unexpected reply (HTTP ${response.status}).`);
  }

  return {
    async call(name, input) {
      const seat = await ensureTab();
      if (!seat.ok) return seat;
      const result = await post('/api/call', { name, input }, seat.value);
      if (result.ok || result.error.code !== 'unknown_tab') return result as never;
      // The host no longer knows this tab (it restarted): start a new seat once, signed out.
      if (tab === seat.value) {
        tab = null;
        storage.removeItem(TAB_KEY);
      }
      const fresh = await ensureTab();
      if (!fresh.ok) return fresh;
      return (await post('/api/call', { name, input }, fresh.value)) as never;
    },

    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      // One stream for all listeners, opened on first use; EventSource reconnects by itself.
      if (!streaming) {
        streaming = true;
        void ensureTab().then((r) => r.ok && !source && openStream(r.value));
      }
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const wrapped = listener as AnyListener;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}

/** sessionStorage when there is one (a browser); otherwise (tests, no storage allowed) memory. */
function tabStorage(): TabStorage {
  try {
    if (typeof sessionStorage !== 'undefined') return sessionStorage;
  } catch {
    // storage disabled by the browser's settings: the seat lasts as long as the page
  }
  const memory = new Map<string, string>();
  return {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  };
}

function transportError(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'transport', message } };
}

function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (!body || typeof body !== 'object') return false;
  const r = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}
