import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpBridge } from './httpBridge';

function reply(status: number, body: unknown) {
  return vi.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status }));
}

describe('HTTP bridge', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts {name, input} to /api/call and returns the host’s result', async () => {
    const fetch = reply(200, { ok: true, value: null });
    vi.stubGlobal('fetch', fetch);
    const result = await createHttpBridge().call('session.logout', {});
    expect(result).toEqual({ ok: true, value: null });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/call');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ name: 'session.logout', input: {} });
  });

  it('passes the host’s error values through, whatever the HTTP status', async () => {
    const error = { ok: false, error: { code: 'transport', message: 'This browser is not signed in to the Endcap host.' } };
    vi.stubGlobal('fetch', reply(401, error));
    expect(await createHttpBridge().call('session.current', {})).toEqual(error);
  });

  it('turns a network failure into a transport error value instead of throwing', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const result = await createHttpBridge().call('device.status', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('transport');
  });

  it('refuses replies that are not JSON or not an ApiResult', async () => {
    vi.stubGlobal('fetch', reply(502, '<html>Bad gateway</html>'));
    const notJson = await createHttpBridge().call('device.status', {});
    expect(notJson.ok === false && notJson.error.code).toBe('transport');

    vi.stubGlobal('fetch', reply(200, { hello: 'world' }));
    const wrongShape = await createHttpBridge().call('device.status', {});
    expect(wrongShape.ok === false && wrongShape.error.code).toBe('transport');
  });
});
