import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge, type TabStorage } from './httpBridge';

/** The host as the bridge sees it: /api/tab hands out tab-1, tab-2, …; /api/call answers `body`. */
function host(status: number, body: unknown) {
  let tabs = 0;
  return vi.fn(async (url: string) => {
    if (url === '/api/tab') return new Response(JSON.stringify({ ok: true, value: { tab: `tab-${++tabs}` } }), { status: 200 });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  });
}

function memory(): TabStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
}

const callsTo = (fetch: ReturnType<typeof host>, url: string) =>
  (fetch.mock.calls as unknown as [string, RequestInit][]).filter(([u]) => u === url).map(([, init]) => init);

describe('HTTP bridge', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts {name, input} to /api/call with its tab and returns the host’s result', async () => {
    const fetch = host(200, { ok: true, value: null });
    vi.stubGlobal('fetch', fetch);
    const result = await createHttpBridge('', memory()).call('session.logout', {});
    expect(result).toEqual({ ok: true, value: null });
    const [init] = callsTo(fetch, '/api/call');
    expect(init!.method).toBe('POST');
    expect((init!.headers as Record<string, string>)['X-Endcap-Tab']).toBe('tab-1');
    expect(JSON.parse(String(init!.body))).toEqual({ name: 'session.logout', input: {} });
  });

  it('asks for a tab once and keeps it in the tab’s storage, so a reload keeps the sign-in', async () => {
    const fetch = host(200, { ok: true, value: null });
    vi.stubGlobal('fetch', fetch);
    const storage = memory();
    const bridge = createHttpBridge('', storage);
    await Promise.all([bridge.call('session.current', {}), bridge.call('device.status', {})]);
    expect(callsTo(fetch, '/api/tab')).toHaveLength(1);
    expect(storage.items.get('endcap.tab')).toBe('tab-1');
    // The page reloaded: same storage, no new tab.
    await createHttpBridge('', storage).call('session.current', {});
    expect(callsTo(fetch, '/api/tab')).toHaveLength(1);
  });

  it('starts a new tab once when the host no longer knows this one (it restarted)', async () => {
    const unknown = { ok: false, error: { code: 'unknown_tab', message: 'This tab has no session.' } };
    const fetch = host(401, unknown);
    vi.stubGlobal('fetch', fetch);
    const storage = memory();
    storage.setItem('endcap.tab', 'old');
    const result = await createHttpBridge('', storage).call('session.current', {});
    expect(result).toEqual(unknown); // tried again once with tab-1, not in a loop
    const tabs = callsTo(fetch, '/api/call').map((init) => (init.headers as Record<string, string>)['X-Endcap-Tab']);
    expect(tabs).toEqual(['old', 'tab-1']);
    expect(storage.items.get('endcap.tab')).toBe('tab-1');
  });

  it('passes the host’s error values through, whatever the HTTP status', async () => {
    const error = { ok: false, error: { code: 'transport', message: 'This browser is not signed in to the Endcap host.' } };
    vi.stubGlobal('fetch', host(401, error));
    expect(await createHttpBridge('', memory()).call('session.current', {})).toEqual(error);
  });

  it('turns a network failure into a transport error value instead of throwing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const result = await createHttpBridge('', memory()).call('device.status', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('transport');
  });

  it('refuses replies that are not JSON or not an ApiResult', async () => {
    vi.stubGlobal('fetch', host(502, '<html>Bad gateway</html>'));
    const notJson = await createHttpBridge('', memory()).call('device.status', {});
    expect(notJson.ok === false && notJson.error.code).toBe('transport');

    vi.stubGlobal('fetch', host(200, { hello: 'world' }));
    const wrongShape = await createHttpBridge('', memory()).call('device.status', {});
    expect(wrongShape.ok === false && wrongShape.error.code).toBe('transport');
  });
});
