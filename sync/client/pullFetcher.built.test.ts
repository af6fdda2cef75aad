// The pull worker needs its compiled file, so this runs against dist/node: it is in the `built`
// test project, which `npm run test:e2e` runs right after the build. From the TypeScript sources
// HttpTransport pulls on the main thread, which every other test uses. Each answer must come out of the worker exactly as
// it comes out of the main-thread path: the same data, the same typed errors.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dist = path.resolve(__dirname, '../../dist/node/sync/client');
if (!fs.existsSync(path.join(dist, 'pullWorker.js'))) throw new Error('dist/node has no pull worker: run `npm run build:node` first.');
const compiled = createRequire(__filename)(path.join(dist, 'transport.js')) as typeof import('./transport.js');

const PAGE = { protocol: 1, stream: 'inventory', since: '0', cursor: '1', hasMore: false, changes: [{ version: 1, table: 'inventory', key: { sku: 'é-1', location_id: 'L01' }, row: null }] };

/** A stand-in hub: the request's `since` picks the answer. */
function answer(since: string, res: http.ServerResponse): void {
  const json = (status: number, body: unknown) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (since === '0') return json(200, PAGE);
  if (since === '1') return json(400, { error: { code: 'unsupported_protocol_version', message: 'this hub speaks version 2' } });
  if (since === '2') return json(401, { error: { code: 'token_revoked', message: 'revoked' } });
  if (since === '3') return void res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway');
  // since '4': no answer (the client times out)
}

describe('HttpTransport pulls in a worker thread (dist/node)', () => {
  let server: http.Server;
  let baseUrl = '';
  const seen: { auth: string | undefined; body: unknown }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(text) as { since: string };
        seen.push({ auth: req.headers.authorization, body });
        answer(body.since, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** What a pull resolves with, or its error's class and fields. */
  async function outcome(transport: InstanceType<typeof compiled.HttpTransport>, since: string): Promise<unknown> {
    try {
      return { data: await transport.pull({ protocol: 1, stream: 'inventory', since }) };
    } catch (err) {
      const e = err as Error & { status?: number; code?: string };
      return { error: e.constructor.name, name: e.name, message: e.message, status: e.status, code: e.code };
    }
  }

  it('answers, and fails, exactly as the main-thread path', async () => {
    const { HttpTransport } = compiled;
    const options = { baseUrl, token: 'tok', timeoutMs: 300 };
    const inWorker = new HttpTransport(options);
    const onMain = new HttpTransport({ ...options, fetch });
    expect((inWorker as unknown as { fetcher: unknown }).fetcher).not.toBeNull();
    try {
      for (const since of ['0', '1', '2', '3', '4']) {
        expect(await outcome(inWorker, since), `since ${since}`).toEqual(await outcome(onMain, since));
      }
      expect(await outcome(inWorker, '0')).toEqual({ data: PAGE });
      expect(await outcome(inWorker, '1')).toMatchObject({ error: 'ProtocolVersionError' });
      expect(await outcome(inWorker, '2')).toMatchObject({ error: 'SyncHttpError', status: 401, code: 'token_revoked' });
      expect(await outcome(inWorker, '3')).toMatchObject({ error: 'SyncHttpError', status: 502, code: 'http_error' });
      expect(await outcome(inWorker, '4')).toMatchObject({ error: 'HubUnreachableError', message: expect.stringContaining('no answer in time') });
      expect(seen.every((s) => s.auth === 'Bearer tok')).toBe(true);
      // Two pulls in flight at once (pull() asks for the next page while applying one).
      const both = await Promise.all([outcome(inWorker, '0'), outcome(inWorker, '2')]);
      expect(both[0]).toEqual({ data: PAGE });
      expect(both[1]).toMatchObject({ status: 401 });
    } finally {
      await inWorker.close();
    }
  });

  it('reports a hub that is not there as unreachable', async () => {
    const { HttpTransport } = compiled;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const inWorker = new HttpTransport({ baseUrl: url, token: 'tok' });
    try {
      const got = await outcome(inWorker, '0');
      expect(got).toEqual(await outcome(new HttpTransport({ baseUrl: url, token: 'tok', fetch }), '0'));
      expect(got).toMatchObject({ error: 'HubUnreachableError', message: expect.stringContaining('ECONNREFUSED') });
    } finally {
      await inWorker.close();
    }
  });
});
