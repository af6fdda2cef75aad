// Pulls over HTTP in a worker thread, so that while the main thread applies one page to SQLite
// the next one is requested, sent by the hub and read off the socket in parallel (pull() asks for
// it before applying the current page). The worker hands back the body's bytes (transferred, not
// copied) and the main thread parses them: V8 deserializes a structured clone of a parsed page
// about twice as slowly as JSON.parse reads its text. HttpTransport judges the answer exactly as
// it does its own, so errors are the same typed errors.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PullRequest } from '../protocol/index.js';

/** The hub's answer to one POST, before the client judges it (a body that is not JSON: `data` undefined). */
export interface HubAnswer {
  ok: boolean;
  status: number;
  statusText: string;
  data: unknown;
}

/** No answer at all: the fetch error, reduced to what HubUnreachableError reads. */
export interface NoAnswer {
  unreachable: { name?: string; cause: { code?: string; message?: string } };
}

export interface PullWorkerData {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  /** The pinned CA of the hub (PEM), when it serves HTTPS with its own CA. */
  ca?: string;
}

export interface PullWorkerRequest {
  id: number;
  request: PullRequest;
}

export type PullWorkerReply =
  | { id: number; ok: boolean; status: number; statusText: string; body: ArrayBuffer | undefined }
  | ({ id: number } & NoAnswer);

/** Compiled beside this file (dist/node); absent when the sources run as TypeScript (tests), which pull on the main thread. */
const WORKER_FILE = path.join(__dirname, 'pullWorker.js');

interface Pending {
  resolve: (answer: HubAnswer | NoAnswer) => void;
  reject: (err: unknown) => void;
}

export class PullFetcher {
  /** The worker failed (would not load, or threw): HttpTransport pulls on the main thread from then on. */
  failed = false;
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly decoder = new TextDecoder();

  private constructor(private readonly data: PullWorkerData) {}

  /** null when the compiled worker is not there: the caller pulls on the main thread. */
  static create(data: PullWorkerData): PullFetcher | null {
    return fs.existsSync(WORKER_FILE) ? new PullFetcher({ baseUrl: data.baseUrl, token: data.token, ...(data.timeoutMs ? { timeoutMs: data.timeoutMs } : {}), ...(data.ca ? { ca: data.ca } : {}) }) : null;
  }

  pull(request: PullRequest): Promise<HubAnswer | NoAnswer> {
    let worker: Worker;
    try {
      worker = this.worker ??= this.start();
    } catch (err) {
      this.failed = true;
      throw err;
    }
    const id = this.nextId++;
    // Keep the process alive while a pull is under way, never while the worker idles.
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, request } satisfies PullWorkerRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private start(): Worker {
    const worker = new Worker(WORKER_FILE, { workerData: this.data });
    worker.unref();
    worker.on('message', (reply: PullWorkerReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('unreachable' in reply) return waiting?.resolve({ unreachable: reply.unreachable });
      waiting?.resolve({ ok: reply.ok, status: reply.status, statusText: reply.statusText, data: this.parse(reply.body) });
    });
    // A worker that dies fails the pulls it held (the caller retries as after any failed pull).
    const stopped = (err: unknown) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(err);
      this.pending.clear();
    };
    worker.on('error', (err) => {
      this.failed = true;
      stopped(err);
    });
    worker.on('exit', (code) => stopped(new Error(`the sync pull worker stopped (exit code ${code})`)));
    return worker;
  }

  /** As Response.json(), with a body that is not JSON read as undefined (as HttpTransport does). */
  private parse(body: ArrayBuffer | undefined): unknown {
    if (!body) return undefined;
    try {
      return JSON.parse(this.decoder.decode(body));
    } catch {
      return undefined;
    }
  }
}
