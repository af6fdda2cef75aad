import { z } from 'zod';
import { contract, type ApiEventName, type ApiEvents, type ApiInput, type ApiName, type ApiOutput, type ApiParsedInput } from '../contract/index.js';
import { ApiError, type ApiResult } from '../contract/errors.js';
import type { DeviceEnvironment, HandlerContext, HandlerSet } from './context.js';
import type { Session } from '../contract/types.js';
import { sessionHandlers } from './handlers/session.js';
import { deviceHandlers } from './handlers/device.js';
import { customerHandlers } from './handlers/customers.js';
import { starterHandlers } from './handlers/starters.js';
import { productHandlers } from './handlers/products.js';
import { captureHandlers } from './handlers/capture.js';
import { analyticsHandlers } from './handlers/analytics.js';
import { searchHandlers } from './handlers/search.js';
import { syncHandlers } from './handlers/sync.js';
import { PASSIVE_CALLS } from '../contract/areas/sync.js';
import { SETUP_CALLS, type SetupCallName } from '../contract/areas/setup.js';
import { merchHandlers } from './handlers/merch.js';
import { hubReportHandlers } from './handlers/hubReports.js';
import { staffHandlers } from './handlers/staff.js';
import { fieldHandlers } from './handlers/fields.js';
import { shellHandlers, shellState } from './handlers/shell.js';
import { OfferEngine } from '../engine/decide.js';
import { deviceStatus } from '../device/status.js';
import { ApprovalBook } from '../auth/approval.js';
import { LockClock } from '../auth/lockout.js';
import { recheckSession } from '../auth/sessionGuard.js';


/** Every call but set-up: those are the set-up host's (core/host/setupHost.ts), served before any replica exists. */
export type ReplicaCallName = Exclude<ApiName, SetupCallName>;

// Every name in the contract must have exactly one implementation: the type checks it.
const handlers: HandlerSet<ReplicaCallName> = {
  ...sessionHandlers,
  ...deviceHandlers,
  ...customerHandlers,
  ...starterHandlers,
  ...productHandlers,
  ...captureHandlers,
  ...analyticsHandlers,
  ...searchHandlers,
  ...syncHandlers,
  ...merchHandlers,
  ...hubReportHandlers,
  ...staffHandlers,
  ...fieldHandlers,
  ...shellHandlers,
};

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

/**
 * Who is signed in is held per seat. Electron's window (and every in-process caller) is the main
 * seat; the web host gives each browser tab a seat of its own, so two tabs are two registers.
 */
export const MAIN_SEAT = 'main';

/**
 * Calls whose handler answers later: it asks the hub, or (the preview) works long enough that it
 * gives way to other calls meanwhile. They write nothing to the replica.
 */
export const ANSWERS_LATER: ReadonlySet<ApiName> = new Set<ApiName>(['customers.lookupVisiting', 'capture.check', 'merch.preview']);

export interface App {
  /**
   * Validates, authorizes and runs one call as the person signed in at `seat`. Never throws.
   * A call that answers later is refused: use dispatchAsync.
   */
  dispatch(name: unknown, input: unknown, seat?: string): ApiResult<unknown>;
  /** The same for every call, those that answer later too: what the transports use. Never rejects. */
  dispatchAsync(name: unknown, input: unknown, seat?: string): Promise<ApiResult<unknown>>;
  /** The same, typed, for in-process callers (tests, benchmarks). */
  call<K extends ApiName>(name: K, input: ApiInput<K>, seat?: string): ApiResult<ApiOutput<K>>;
  callAsync<K extends ApiName>(name: K, input: ApiInput<K>, seat?: string): Promise<ApiResult<ApiOutput<K>>>;
  /** Device-wide events, and the session events of `seat` only. */
  subscribe(listener: EventListener, seat?: string): () => void;
  /** Forgets a seat (a closed tab): whoever was signed in there is signed out. */
  endSeat(seat: string): void;
  /** Who is signed in at the main seat. */
  readonly session: Session | null;
}

interface Seat {
  session: Session | null;
  lastActivityMs: number;
}

/**
 * The one app API. better-sqlite3 is synchronous, so each dispatch runs to completion
 * before the next starts: writing handlers are serialized by construction, and each runs
 * inside one transaction, so a failure leaves no partial write.
 */
export function createApp(env: DeviceEnvironment): App {
  // Each listener hears device-wide events and the session events of its own seat.
  const listeners = new Map<EventListener, string>();
  const seats = new Map<string, Seat>();
  const now = env.now ?? (() => new Date());
  let engine: OfferEngine | undefined;
  const sync = env.sync ?? null;
  const monotonicMs = env.monotonicMs ?? (() => performance.now());
  const security = { ...(env.pinPepper ? { pepper: env.pinPepper } : {}), clock: new LockClock(monotonicMs), approvals: new ApprovalBook(monotonicMs) };
  const seatOf = (id: string): Seat => {
    let seat = seats.get(id);
    if (!seat) seats.set(id, (seat = { session: null, lastActivityMs: monotonicMs() }));
    return seat;
  };
  const tell = <E extends ApiEventName>(event: E, payload: ApiEvents[E], seat: string | null) => {
    for (const [l, at] of [...listeners]) if (seat === null || at === seat) l(event, payload);
  };
  // Sync works outside any call: the UI hears of a new connection state or stream age from here.
  sync?.onChange(() => {
    if (!env.db.open) return;
    tell('device.status', deviceStatus(env.db, now(), sync), null);
  });
  // The shell speaks outside any call too: an update is ready, or the window is being closed.
  const shell = env.shell ?? null;
  shell?.onNotice((notice) => {
    if (notice === 'state') tell('app.state', shellState(shell), null);
    else tell('app.closeRequested', null, null);
  });

  const outboxCount = () => {
    const r = env.db.prepare(`SELECT count(*) AS n, coalesce(sum(rejected_reason IS NOT NULL), 0) AS r FROM outbox`).get() as { n: number; r: number };
    return `${r.n}/${r.r}`;
  };

  function answer(name: unknown, rawInput: unknown, seatId: string = MAIN_SEAT): ApiResult<unknown> | Promise<ApiResult<unknown>> {
    if (typeof name !== 'string' || !Object.hasOwn(contract, name) || SETUP_CALLS.has(name)) {
      return fail(new ApiError('unknown_handler', `There is no call named ${JSON.stringify(String(name).slice(0, 64))}.`));
    }
    const key = name as ApiName;
    if (!PASSIVE_CALLS.has(key)) sync?.noteActivity();
    const def = contract[key];

    const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail(
        new ApiError('invalid_input', describeIssues(parsed.error), {
          issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
        }),
      );
    }

    // Who is signed in is re-read on every call: removed, locked, demoted or idle takes effect now.
    const seat = seatOf(seatId);
    if (seat.session) {
      const check = recheckSession(env.db, seat.session, monotonicMs() - seat.lastActivityMs);
      if (check.session !== seat.session) {
        seat.session = check.session;
        tell('session.changed', seat.session, seatId);
        if (!seat.session && def.access !== 'public') {
          return fail(new ApiError('unauthenticated', check.session === null && check.reason === 'idle' ? 'Signed out after a while without activity. Please sign in again.' : 'Please sign in again.'));
        }
      }
    }
    if (!PASSIVE_CALLS.has(key)) seat.lastActivityMs = monotonicMs();

    const denied = authorize(def.access, seat.session);
    if (denied) return fail(denied);

    // Session events concern this seat only; the rest are the device's.
    const pending: Array<[ApiEventName, unknown, string | null]> = [];
    let nextSession = seat.session;
    const ctx: HandlerContext = {
      db: env.db,
      now,
      get session() {
        return nextSession;
      },
      get engine() {
        return (engine ??= new OfferEngine(env.db, { standalone: !(env.hubConfigured || sync) }));
      },
      sync,
      shell,
      security,
      setSession(s) {
        nextSession = s;
        pending.push(['session.changed', s, seatId]);
      },
      emit(event, payload) {
        pending.push([event, payload, event === 'session.changed' ? seatId : null]);
      },
    };

    const run = handlers[key as ReplicaCallName] as (ctx: HandlerContext, input: unknown) => unknown;
    const outboxBefore = def.write ? outboxCount() : '';
    const done = (value: unknown): ApiResult<unknown> => {
      // Committed: only now may in-memory state change and the UI hear about it.
      seat.session = nextSession;
      for (const [event, payload, to] of pending) tell(event, payload as never, to);
      // Whatever a write produced goes to the hub right away, not at the next tick.
      if (def.write) sync?.nudge();
      // The status bar's outbox count moves with every write that changed it, offline too, so
      // it always equals the sync panel's.
      if (def.write && outboxBefore !== outboxCount()) tell('device.status', deviceStatus(env.db, now(), sync), null);
      return { ok: true, value };
    };
    const failed = (err: unknown): ApiResult<unknown> => {
      if (err instanceof ApiError) return fail(err);
      console.error(`[endcap] ${key} failed`, err);
      return fail(new ApiError('internal', 'Something went wrong on this device. Nothing was saved; please try again.'));
    };
    try {
      const value = def.write ? env.db.transaction(() => run(ctx, parsed.data))() : run(ctx, parsed.data);
      return value instanceof Promise ? value.then(done, failed) : done(value);
    } catch (err) {
      return failed(err);
    }
  }

  function dispatch(name: unknown, input: unknown, seatId: string = MAIN_SEAT): ApiResult<unknown> {
    if (typeof name === 'string' && ANSWERS_LATER.has(name as ApiName)) {
      return fail(new ApiError('invalid_input', `${name} answers later; send it with dispatchAsync.`));
    }
    const result = answer(name, input, seatId);
    // Only a call in ANSWERS_LATER may answer later; a handler that does so anyway is a bug.
    return result instanceof Promise ? fail(new ApiError('internal', 'Something went wrong on this device. Nothing was saved; please try again.')) : result;
  }

  return {
    dispatch,
    dispatchAsync: async (name, input, seat) => answer(name, input, seat),
    call: (name, input, seat) => dispatch(name, input, seat) as never,
    callAsync: async (name, input, seat) => answer(name, input, seat) as never,
    subscribe(listener, seat = MAIN_SEAT) {
      listeners.set(listener, seat);
      return () => listeners.delete(listener);
    },
    endSeat(seat) {
      seats.delete(seat);
    },
    get session() {
      return seats.get(MAIN_SEAT)?.session ?? null;
    },
  };
}

function fail(err: ApiError): ApiResult<never> {
  return { ok: false, error: err.toValue() };
}

function authorize(access: (typeof contract)[ApiName]['access'], session: Session | null): ApiError | null {
  if (access === 'public') return null;
  if (!session) return new ApiError('unauthenticated', 'Please log in first.');
  if (access === 'staff' || access.includes(session.role)) return null;
  return new ApiError('forbidden', `${/^[aeiou]/i.test(session.role) ? 'An' : 'A'} ${session.role} cannot do this.`);
}

/** The first problem of an input, in words a person can act on. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The input is not valid.';
  // A field rule's message is a sentence for a person (core/contract/fields.ts): say it as it is.
  // Other messages are terse ("at most 12 characters") and need the field's name.
  if (/^[A-Z]/.test(first.message)) return first.message;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}
