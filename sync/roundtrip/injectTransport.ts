// The real HttpTransport against the real hub server, with Fastify's inject in place of a
// socket: the same routing, auth, body limits and JSON on both sides, at a fraction of the cost
// per request, so a property test can afford thousands of runs.
import type { FastifyInstance } from 'fastify';
import { HttpTransport } from '../client/transport.js';

export function injectTransport(app: FastifyInstance, token: string): HttpTransport {
  const fetchViaInject = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    const res = await app.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: url.pathname + url.search,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      payload: typeof init?.body === 'string' ? init.body : undefined,
    });
    return new Response(res.body, { status: res.statusCode, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') } });
  };
  return new HttpTransport({ baseUrl: 'http://hub.invalid', token, fetch: fetchViaInject as typeof fetch });
}
