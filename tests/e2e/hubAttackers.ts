// Hubs that are not the one a code was made by, for refusal tests as an attacker would try them:
// another hub with its own CA, and a machine in the middle relaying to the real hub.
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildHubServer } from '../../sync/hub/server.js';
import { SqliteHubStore } from '../../sync/hub/sqliteStore.js';
import { hubTls, type HubTls } from '../../sync/hub/tls.js';

/** Another hub with a CA of its own: what a code made elsewhere is typed against. */
export async function startOtherHub(): Promise<{ url: string; tls: HubTls; close(): Promise<void> }> {
  const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-enrol-other-'));
  const otherStore = new SqliteHubStore(path.join(otherDir, 'hub.db'));
  const otherTls = await hubTls(path.join(otherDir, 'tls'), ['127.0.0.1']);
  const server = buildHubServer(otherStore, { tls: otherTls });
  await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `https://127.0.0.1:${(server.server.address() as { port: number }).port}`,
    tls: otherTls,
    async close() {
      await server.close();
      await otherStore.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    },
  };
}

/**
 * A machine in the middle with a CA of its own, relaying to the real hub: 'own-ca' swaps its CA
 * into the hub's hello; 'relay' passes the hello on untouched and hopes the register then sends
 * the secret to it. It records every secret it is sent.
 */
export async function startMiddle(mode: 'own-ca' | 'relay', url: string, caCert: string): Promise<{ url: string; secretsSeen: string[]; close(): Promise<void> }> {
  const own = await startOtherHub(); // only for its CA and certificate
  const secretsSeen: string[] = [];
  const relay = (route: string, body: unknown) =>
    new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
      const req = https.request(new URL(route, url), { method: 'POST', ca: caCert, headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 502, json: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.end(JSON.stringify(body));
    });
  const middle = Fastify({ https: { key: own.tls.key, cert: own.tls.cert } });
  middle.post('/v1/enrol/hello', async (req, reply) => {
    const answer = await relay('/v1/enrol/hello', req.body);
    return reply.code(answer.status).send(mode === 'own-ca' && answer.status === 200 ? { ...answer.json, caCert: own.tls.caCert } : answer.json);
  });
  middle.post('/v1/enrol', async (req, reply) => {
    secretsSeen.push(String((req.body as { secret?: unknown }).secret));
    const answer = await relay('/v1/enrol', req.body);
    return reply.code(answer.status).send(answer.json);
  });
  await middle.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: `https://127.0.0.1:${(middle.server.address() as { port: number }).port}`,
    secretsSeen,
    async close() {
      await middle.close();
      await own.close();
    },
  };
}
