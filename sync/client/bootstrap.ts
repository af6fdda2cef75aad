// Fills a new device's replica from the hub, stream by stream in bootstrap order (parents
// first), each page applied in key order with its cursor in one transaction. A crash or a lost
// connection loses nothing: the next attempt starts at the committed cursors. The device row is
// written last, so a replica without it is still bootstrapping when the app restarts.
import type Database from 'better-sqlite3';
import type { BootstrapProgress } from '../../core/contract/types.js';
import { provisionDevice, type DeviceSetup } from '../../core/device/provision.js';
import { PROTOCOL_VERSION, STREAMS, parseMessage, pullResponseSchema, type Stream } from '../protocol/index.js';
import { pull } from './pull.js';
import { readCursor } from './syncState.js';
import type { SyncTransport } from './transport.js';
import type { ReplicaLearner } from '../../core/contract/ports.js';

export type BootstrapStep = Pick<BootstrapProgress, 'stream' | 'rowsApplied' | 'rowsRemaining'>;

export interface BootstrapOptions {
  now: () => Date;
  onProgress?: (p: BootstrapStep) => void;
  /** Checked between pages: stop early when the host is closing. */
  isCancelled?: () => boolean;
  pageSize?: number;
  learner?: ReplicaLearner;
}

export class StoreUnknownError extends Error {
  constructor(readonly storeId: string) {
    super(`The hub's catalog has no store ${storeId}. Check "store" in this device's hub config.`);
    this.name = 'StoreUnknownError';
  }
}

export async function bootstrapReplica(db: Database.Database, transport: SyncTransport, device: DeviceSetup, options: BootstrapOptions): Promise<void> {
  const left = await remainingByStream(db, transport);
  let rowsApplied = 0;
  const report = (stream: Stream | null) =>
    options.onProgress?.({ stream, rowsApplied, rowsRemaining: left.size === STREAMS.length ? sum(left.values()) : null });

  for (const stream of STREAMS) {
    if (options.isCancelled?.()) return;
    report(stream);
    await pull(db, transport, stream, {
      now: options.now,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.learner ? { learner: options.learner } : {}),
      onPage: (p) => {
        rowsApplied += p.rows;
        if (p.remaining !== undefined) left.set(stream, p.remaining);
        else if (left.has(stream)) left.set(stream, Math.max(0, left.get(stream)! - p.rows));
        report(stream);
        if (options.isCancelled?.()) throw new Error('Bootstrap stopped: the device is closing.');
      },
    });
    if (left.has(stream)) left.set(stream, 0);
  }
  if (provisionDevice(db, device, options.now()) === 'store_unknown') throw new StoreUnknownError(device.storeId);
  report(null);
}

/**
 * What each stream still holds for this device, from a one-row probe (nothing is applied).
 * Only complete when the hub reports `remaining` for every stream; otherwise progress shows rows
 * applied without a total.
 */
async function remainingByStream(db: Database.Database, transport: SyncTransport): Promise<Map<Stream, number>> {
  const left = new Map<Stream, number>();
  for (const stream of STREAMS) {
    const page = parseMessage(pullResponseSchema, 'pull response', await transport.pull({ protocol: PROTOCOL_VERSION, stream, since: readCursor(db, stream), limit: 1 }));
    if (page.remaining !== undefined) left.set(stream, page.remaining + page.changes.length);
  }
  return left;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
