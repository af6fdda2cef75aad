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


// Every name in the contract must have exactly one implementation: the type checks it.
const handlers: HandlerSet<ApiName> = {
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

export interface App {
  /** Validates, authorizes and runs one call. Never throws. */
  dispatch(name: unknown, input: unknown): ApiResult<unknown>;
  /** The same, typed, for in-process callers (tests, benchmarks). */
  call<K extends ApiName>(name: K, input: ApiInput<K>): ApiResult<ApiOutput<K>>;
  subscribe(listener: EventListener): () => void;
  readonly session: Session | null;
}

/**
 * The one app API. better-sqlite3 is synchronous, so each dispatch runs to completion
 * before the next starts: writing handlers are serialized by construction, and each runs
 * inside one transaction, so a failure leaves no partial write.
 */
export function createApp(env: DeviceEnvironment): App {
  const listeners = new Set<EventListener>();
  let session: Session | null = null;
  const now = env.now ?? (() => new Date());
  let engine: OfferEngine | undefined;
  const sync = env.sync ?? null;
  const monotonicMs = env.monotonicMs ?? (() => performance.now());
  const security = { ...(env.pinPepper ? { pepper: env.pinPepper } : {}), clock: new LockClock(monotonicMs), approvals: new ApprovalBook(monotonicMs) };
  let lastActivityMs = monotonicMs();
  // Sync works outside any call: the UI hears of a new connection state or stream age from here.
  sync?.onChange(() => {
    if (!env.db.open) return;
    const status = deviceStatus(env.db, now(), sync);
    for (const l of listeners) l('device.status', status);
  });
  // The shell speaks outside any call too: an update is ready, or the window is being closed.
  const shell = env.shell ?? null;
  shell?.onNotice((notice) => {
    if (notice === 'state') for (const l of listeners) l('app.state', shellState(shell));
    else for (const l of listeners) l('app.closeRequested', null);
  });

  const outboxCount = () => {
    const r = env.db.prepare(`SELECT count(*) AS n, coalesce(sum(rejected_reason IS NOT NULL), 0) AS r FROM outbox`).get() as { n: number; r: number };
    return `${r.n}/${r.r}`;
  };

  function dispatch(name: unknown, rawInput: unknown): ApiResult<unknown> {
    if (typeof name !== 'string' || !Object.hasOwn(contract, name)) {
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
    if (session) {
      const check = recheckSession(env.db, session, monotonicMs() - lastActivityMs);
      if (check.session !== session) {
        session = check.session;
        for (const l of listeners) l('session.changed', session);
        if (!session && def.access !== 'public') {
          return fail(new ApiError('unauthenticated', check.session === null && check.reason === 'idle' ? 'Signed out after a while without activity. Please sign in again.' : 'Please sign in again.'));
        }
      }
    }
    if (!PASSIVE_CALLS.has(key)) lastActivityMs = monotonicMs();

    const denied = authorize(def.access, session);
    if (denied) return fail(denied);

    const pending: Array<[ApiEventName, unknown]> = [];
    let nextSession = session;
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
        pending.push(['session.changed', s]);
      },
      emit(event, payload) {
        pending.push([event, payload]);
      },
    };

    const run = handlers[key] as (ctx: HandlerContext, input: unknown) => unknown;
    const outboxBefore = def.write ? outboxCount() : '';
    try {
      const value = def.write ? env.db.transaction(() => run(ctx, parsed.data))() : run(ctx, parsed.data);
      // Committed: only now may in-memory state change and the UI hear about it.
      session = nextSession;
      for (const [event, payload] of pending) for (const l of listeners) l(event, payload as never);
      // Whatever a write produced goes to the hub right away, not at the next tick.
      if (def.write) sync?.nudge();
      // The status bar's outbox count moves with every write that changed it, offline too, so
      // it always equals the sync panel's.
      if (def.write && outboxBefore !== outboxCount()) {
        const status = deviceStatus(env.db, now(), sync);
        for (const l of listeners) l('device.status', status);
      }
      return { ok: true, value };
    } catch (err) {
      if (err instanceof ApiError) return fail(err);
      console.error(`[endcap] ${key} failed`, err);
      return fail(new ApiError('internal', 'Something went wrong on this device. Nothing was saved; please try again.'));
    }
  }

  return {
    dispatch,
    call: (name, input) => dispatch(name, input) as never,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get session() {
      return session;
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

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The input is not valid.';
  // A field rule's message is a sentence for a person (core/contract/fields.ts): say it as it is.
  // Other messages are terse ("at most 12 characters") and need the field's name.
  if (/^[A-Z]/.test(first.message)) return first.message;
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}
