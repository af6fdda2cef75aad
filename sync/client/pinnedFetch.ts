// fetch over HTTPS that trusts one CA only: the store hub's, pinned at enrolment. Node's global
// fetch cannot be given a CA per call, so this is node:https behind the fetch signature the
// transport and the pull worker already use. Keep-alive, as fetch does.
import https from 'node:https';

export function pinnedFetch(caPem: string): typeof fetch {
  // `ca` replaces the system roots: a certificate that does not chain to the hub's CA is refused.
  const agent = new https.Agent({ ca: caPem, keepAlive: true });
  const pinned = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.protocol !== 'https:') return Promise.reject(new TypeError('fetch failed', { cause: new Error(`a pinned hub is reached over https only, not ${url.protocol}`) }));
    return new Promise<Response>((resolve, reject) => {
      const fail = (err: unknown) => reject(err instanceof Error && err.name === 'AbortError' ? err : new TypeError('fetch failed', { cause: err }));
      const req = https.request(
        url,
        { method: init?.method ?? 'GET', headers: Object.fromEntries(new Headers(init?.headers).entries()), agent, ...(init?.signal ? { signal: init.signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', fail);
          res.on('end', () => {
            const headers = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
            const status = res.statusCode ?? 502;
            resolve(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, statusText: res.statusMessage ?? '', headers }));
          });
        },
      );
      req.on('error', fail);
      req.end(typeof init?.body === 'string' ? init.body : undefined);
    });
  };
  return pinned as typeof fetch;
}
