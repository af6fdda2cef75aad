// The worker thread behind PullFetcher: POSTs each pull to the hub and posts back the status and
// the body's bytes (transferred). It judges nothing; the main thread does, as for any answer.
import { parentPort, workerData } from 'node:worker_threads';
import type { PullWorkerData, PullWorkerReply, PullWorkerRequest } from './pullFetcher.js';
import { hubPost, transportFetch } from './transport.js';

const options = workerData as PullWorkerData;
const doFetch = transportFetch(options);
const port = parentPort!;

async function answer({ id, request }: PullWorkerRequest): Promise<PullWorkerReply> {
  let response: Response;
  try {
    response = await doFetch(...hubPost(options, '/v1/pull', request));
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string; message?: string } } | undefined;
    return { id, unreachable: { ...(e?.name ? { name: e.name } : {}), cause: { ...(e?.cause?.code ? { code: e.cause.code } : {}), ...(e?.cause?.message ? { message: e.cause.message } : {}) } } };
  }
  const body = await response.arrayBuffer().catch(() => undefined);
  return { id, ok: response.ok, status: response.status, statusText: response.statusText, body };
}

port.on('message', (message: PullWorkerRequest) => {
  void answer(message).then((reply) => port.postMessage(reply, 'body' in reply && reply.body ? [reply.body] : []));
});
