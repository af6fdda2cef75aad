// `EndcapBridge` over the loopback HTTP host: POST /api/call for calls, SSE /api/events for
// events. The host authenticates us by an HttpOnly cookie set at /launch, so same-origin
// requests carry it without the page ever seeing the token.
import type { ApiEventName, ApiEvents, ApiResult, EndcapBridge } from '../../core/contract/index';

type AnyListener = (payload: unknown) => void;

export function createHttpBridge(base = ''): EndcapBridge {
  const listeners = new Map<ApiEventName, Set<AnyListener>>();
  let source: EventSource | null = null;

  // One stream for all listeners, opened on first use; EventSource reconnects by itself.
  function ensureStream(): void {
    if (source) return;
    source = new EventSource(`${base}/api/events`);
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

  return {
    async call(name, input) {
      let response: Response;
      try {
        response = await fetch(`${base}/api/call`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ name, input }),
        });
      } catch {
        return transportError('Cannot reach the Endcap service on this device. Check that it is running.');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return transportError(`The Endcap service sent an unreadable reply (HTTP ${response.status}).`);
      }
      // The host answers errors with an ApiResult too (e.g. 401); trust only that shape.
      if (isApiResult(body)) return body as never;
      return transportError(`The Endcap service sent an unexpected reply (HTTP ${response.status}).`);
    },

    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      ensureStream();
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

function transportError(message: string): ApiResult<never> {
  return { ok: false, error: { code: 'transport', message } };
}

function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (!body || typeof body !== 'object') return false;
  const r = body as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}
