// `serve --workers N`: N hub processes (node:cluster) sharing one listening port and one database.
// Workers are stateless HTTP servers — the database holds everything, versions included — so the
// primary only forks them, hands out connections (round-robin on Linux) and starts a worker again
// when one dies. Only a store that is safe for several writing processes may be run this way.
import cluster, { type Worker } from 'node:cluster';

/** Set in the one worker that also runs the hub's background work (drop folder, recounts, compaction). */
const DESIGNATED = 'ENDCAP_HUB_DESIGNATED_WORKER';

/**
 * Whether this process runs the hub's background work: a lone hub process does, and of N workers
 * exactly one (a replacement for it takes the role over), so a dropped file is imported once.
 */
export function runsBackgroundWork(): boolean {
  return cluster.isPrimary || process.env[DESIGNATED] === '1';
}

export interface WorkerOptions {
  workers: number;
  log?: (line: string) => void;
}

/**
 * In the primary with workers > 1: forks them and returns true (the caller must not serve).
 * In a worker, or with one process: returns false and the caller serves as usual.
 */
export function forkWorkers({ workers, log = console.log }: WorkerOptions): boolean {
  if (workers <= 1 || !cluster.isPrimary) return false;
  let stopping = false;
  let designated: Worker | undefined;
  const fork = (background: boolean) => {
    const worker = cluster.fork(background ? { [DESIGNATED]: '1' } : {});
    if (background) designated = worker;
  };
  for (let i = 0; i < workers; i++) fork(i === 0);
  const listening = new Set<number>();
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    // One that ended before it ever served (port taken, database refused) would only end again.
    if (!listening.has(worker.id)) {
      log(`hub worker ${worker.process.pid} ended (${signal ?? code}) before it served; stopping`);
      process.exitCode = 1;
      return stop('SIGTERM');
    }
    log(`hub worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork(worker === designated);
  });
  function stop(signal: NodeJS.Signals): void {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  }
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  log(`hub primary ${process.pid}: ${workers} workers`);
  return true;
}

/**
 * In a worker, after the hub closed on SIGTERM: lets the process end. The channel to the primary
 * keeps a worker alive on its own, so a worker that closed its server and database stayed up
 * forever and its primary with it.
 */
export function leaveCluster(): void {
  if (cluster.isWorker) process.disconnect?.();
}

/** How many workers `--workers` asks for: a whole number from 1 to 64. */
export function parseWorkers(text: string | undefined): number | string {
  const n = Number(text ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : '--workers must be a whole number from 1 to 64.';
}
