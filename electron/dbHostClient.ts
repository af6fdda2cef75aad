// The main process's side of the database host: sends calls to the utility process, matches
// replies to callers by id, and keeps the host alive. It never throws at a caller: every
// failure (timeout, crash, shutdown) comes back as a `transport` error value.
import type { ApiResult } from '../core/contract/index.js';
import { isApiResult, isRecord, transportError, type ShellNoticeMessage, type ShellRequestMessage, type ToDbHost } from './dbHostMessages.js';

/** What we need of Electron's UtilityProcess (a fake in tests). */
export interface HostProcess {
  postMessage(message: ToDbHost): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export interface DbHostClientOptions {
  spawn: () => HostProcess;
  /** A call answered later than this is reported as failed. SQLite calls take milliseconds. */
  callTimeoutMs?: number;
  /** How long a call may wait for the host to open the replica (the first run builds the demo). */
  startupTimeoutMs?: number;
  /** Delay before restart number `attempt` (1, 2, …). */
  restartDelayMs?: (attempt: number) => number;
  /** Crashes in a row, without ever becoming ready, before giving up. */
  maxRestarts?: number;
  log?: (message: string) => void;
}

export type HostEventListener = (event: string, payload: unknown) => void;

export interface DbHostClient {
  call(name: unknown, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: HostEventListener): () => void;
  /**
   * Tells core what the shell knows. Returns false when no host is ready to hear it (the UI
   * cannot be asked then). The last 'state' is sent again to a restarted host.
   */
  tellShell(message: ShellNoticeMessage): boolean;
  /** What the UI asked the shell to do (restart into an update, close, change channel). */
  onShellRequest(listener: (request: ShellRequestMessage) => void): () => void;
  /** Asks the host to close the replica cleanly, killing it after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

interface Pending {
  id: number;
  name: unknown;
  input: unknown;
  resolve: (result: ApiResult<unknown>) => void;
  timer?: ReturnType<typeof setTimeout>;
}

export function createDbHostClient(options: DbHostClientOptions): DbHostClient {
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const startupTimeoutMs = options.startupTimeoutMs ?? 5 * 60_000;
  const restartDelayMs = options.restartDelayMs ?? ((n: number) => Math.min(30_000, 500 * 2 ** (n - 1)));
  const maxRestarts = options.maxRestarts ?? 5;
  const log = options.log ?? ((m: string) => console.error(`[db host] ${m}`));

  const listeners = new Set<HostEventListener>();
  const shellListeners = new Set<(request: ShellRequestMessage) => void>();
  let shellState: ShellNoticeMessage | null = null;
  const inFlight = new Map<number, Pending>(); // sent to the current child
  let queue: Pending[] = []; // waiting for a child that is ready
  let child: HostProcess | null = null;
  let ready = false;
  let closing = false;
  let fatal: string | null = null;
  let crashes = 0;
  let nextId = 1;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let exited: (() => void) | null = null;

  function settle(p: Pending, result: ApiResult<unknown>): void {
    if (p.timer) clearTimeout(p.timer);
    p.resolve(result);
  }

  function failQueue(message: string): void {
    const waiting = queue;
    queue = [];
    for (const p of waiting) settle(p, transportError(message));
  }

  function failInFlight(message: string): void {
    const sent = [...inFlight.values()];
    inFlight.clear();
    for (const p of sent) settle(p, transportError(message));
  }

  function send(p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    inFlight.set(p.id, p);
    p.timer = setTimeout(() => {
      if (inFlight.delete(p.id)) p.resolve(transportError(`The database did not answer ${describe(p.name)} within ${callTimeoutMs / 1000} s.`));
    }, callTimeoutMs);
    try {
      child!.postMessage({ kind: 'call', id: p.id, name: p.name, input: p.input });
    } catch (error) {
      inFlight.delete(p.id);
      settle(p, transportError(`Could not send ${describe(p.name)} to the database: ${errorText(error)}`));
    }
  }

  function post(message: ToDbHost): boolean {
    try {
      child!.postMessage(message);
      return true;
    } catch (error) {
      log(`could not tell the host: ${errorText(error)}`);
      return false;
    }
  }

  function start(): void {
    restartTimer = null;
    let proc: HostProcess;
    try {
      proc = options.spawn();
    } catch (error) {
      log(`could not start: ${errorText(error)}`);
      onExit(null, -1);
      return;
    }
    child = proc;
    ready = false;
    proc.on('message', (message) => onMessage(proc, message));
    proc.on('exit', (code) => onExit(proc, code));
  }

  function onMessage(proc: HostProcess, message: unknown): void {
    if (proc !== child || !isRecord(message)) return; // a late word from a replaced child
    switch (message.kind) {
      case 'ready': {
        ready = true;
        crashes = 0;
        if (shellState) post(shellState);
        const waiting = queue;
        queue = [];
        for (const p of waiting) send(p);
        return;
      }
      case 'result': {
        const p = typeof message.id === 'number' ? inFlight.get(message.id) : undefined;
        if (!p) return; // timed out already, or not ours
        inFlight.delete(p.id);
        settle(p, isApiResult(message.result) ? message.result : transportError('The database sent a malformed reply.'));
        return;
      }
      case 'event': {
        if (typeof message.event !== 'string') return;
        for (const listener of listeners) {
          try {
            listener(message.event, message.payload);
          } catch (error) {
            log(`event listener failed: ${errorText(error)}`);
          }
        }
        return;
      }
      case 'shell': {
        const request = shellRequest(message);
        if (request) for (const listener of shellListeners) listener(request);
        return;
      }
      case 'failed': {
        fatal = typeof message.message === 'string' ? message.message : 'The database could not be opened.';
        log(fatal);
        failQueue(fatal);
        return;
      }
    }
  }

  function onExit(proc: HostProcess | null, code: number): void {
    if (proc !== null && proc !== child) return;
    child = null;
    ready = false;
    failInFlight(`The database host stopped (exit code ${code}) before answering. Try again.`);
    if (closing) {
      failQueue('Endcap is shutting down.');
      exited?.();
      return;
    }
    if (fatal !== null) {
      failQueue(fatal);
      return;
    }
    crashes += 1;
    if (crashes > maxRestarts) {
      fatal = `The database host stopped ${crashes} times in a row while starting; restart Endcap.`;
      log(fatal);
      failQueue(fatal);
      return;
    }
    const delay = restartDelayMs(crashes);
    log(`stopped unexpectedly (exit code ${code}); restarting in ${delay} ms`);
    restartTimer = setTimeout(start, delay);
  }

  start();

  return {
    call(name, input) {
      if (closing) return Promise.resolve(transportError('Endcap is shutting down.'));
      if (fatal !== null) return Promise.resolve(transportError(fatal));
      return new Promise((resolve) => {
        const p: Pending = { id: nextId++, name, input, resolve };
        if (child && ready) {
          send(p);
          return;
        }
        // Not ready yet (opening the replica, or restarting): wait, but not forever.
        p.timer = setTimeout(() => {
          queue = queue.filter((q) => q !== p);
          p.resolve(transportError('The database is still starting. Try again in a moment.'));
        }, startupTimeoutMs);
        queue.push(p);
      });
    },

    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    tellShell(message) {
      if (message.notice === 'state') shellState = message;
      return child !== null && ready && !closing && post(message);
    },

    onShellRequest(listener) {
      shellListeners.add(listener);
      return () => shellListeners.delete(listener);
    },

    close(graceMs = 3_000) {
      closing = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = null;
      failQueue('Endcap is shutting down.');
      const proc = child;
      if (!proc) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const killer = setTimeout(() => proc.kill(), graceMs);
        exited = () => {
          clearTimeout(killer);
          resolve();
        };
        try {
          proc.postMessage({ kind: 'shutdown' });
        } catch {
          proc.kill();
        }
      });
    },
  };
}

/** A shell request from the host, checked: the host runs our code, but a message is still input. */
function shellRequest(message: Record<string, unknown>): ShellRequestMessage | null {
  if (message.request === 'restart' || message.request === 'close') return { kind: 'shell', request: message.request };
  if (message.request === 'channel' && (message.channel === 'stable' || message.channel === 'beta')) return { kind: 'shell', request: 'channel', channel: message.channel };
  return null;
}

function describe(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : 'the call';
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
