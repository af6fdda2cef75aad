// What a register runs on, decided once by a person: on first start (no data, no hub) it asks
// "Try the demo" or "Connect to your hub" (an enrolment code from IT); after its data was found
// damaged and moved aside it says so and waits for "Rebuild from hub". Until then only the
// setup.* calls answer; afterwards every call goes to the device host's app. Both transports
// (Electron IPC, the loopback HTTP host) serve this object, so both hosts show the same screens.
import fs from 'node:fs';
import path from 'node:path';
import type { ApiResult } from '../contract/errors.js';
import { ApiError } from '../contract/errors.js';
import { contract } from '../contract/index.js';
import type { EnrolOutcome, EnrolRefusal, SetupCallName, SetupStatus } from '../contract/areas/setup.js';
import { SETUP_CALLS } from '../contract/areas/setup.js';
import { describeIssues, type EventListener } from '../api/registry.js';
import type { Recovery } from '../db/recovery.js';
import { isDemo } from '../device/status.js';
import { openDeviceHost, type DeviceHost, type DeviceHostOptions } from './deviceHost.js';

/** What a transport serves: the app API, whose set-up calls may take a while (enrolment talks to the hub). */
export interface HostApp {
  /** Validates and runs one call. Never throws or rejects. */
  dispatch(name: unknown, input: unknown, seat?: string): ApiResult<unknown> | Promise<ApiResult<unknown>>;
  /** Device-wide events, and the session events of `seat` only (see App.subscribe). */
  subscribe(listener: EventListener, seat?: string): () => void;
  /** Forgets a seat (a closed tab). */
  endSeat(seat: string): void;
}

/** The hub side of set-up, implemented by the sync client (core never imports sync). */
export interface HubLink {
  /** The hub this register is enrolled with (sync.json or flags), or null. */
  configured(): { url: string; storeId: string | null } | null;
  /** Trades an enrolment code for a token, pins the hub's CA and stores the config sealed; or why not. */
  enrol(code: string): Promise<{ ok: true; url: string; storeId: string } | { ok: false; reason: EnrolRefusal; message: string }>;
  /** The sync client for the configured hub. */
  sync(): NonNullable<DeviceHostOptions['sync']>;
}

export interface SetupHostOptions extends Pick<DeviceHostOptions, 'dataDir' | 'keyStore' | 'now' | 'onDemoProgress' | 'shell'> {
  /** Without one (tests) the register cannot enrol; it can still choose the demo. */
  hub?: HubLink;
  /** A replica the caller opened already (the e2e harness, with its own clock and hub). */
  device?: DeviceHost;
  /** What an empty data folder becomes without asking: 'demo' for scripts (`npm run web`); 'ask' shows the choice. */
  fresh?: 'ask' | 'demo';
}

export interface SetupHost {
  readonly app: HostApp;
  /** The replica's host once one is open; null while a new register waits for a choice. */
  readonly device: DeviceHost | null;
  status(): SetupStatus;
  close(): void;
}

const NO_HUB: HubLink = {
  configured: () => null,
  enrol: async () => ({ ok: false, reason: 'refused', message: 'This register has no way to reach a store hub.' }),
  sync: () => {
    throw new Error('no hub is configured');
  },
};

export function openSetupHost(options: SetupHostOptions): SetupHost {
  const hubLink = options.hub ?? NO_HUB;
  // Each listener is relayed to the device's app with its own seat once there is a device.
  const listeners = new Map<EventListener, { seat: string | undefined; unsubscribe: () => void }>();
  let device: DeviceHost | null = null;
  const relay = (host: DeviceHost, listener: EventListener, seat: string | undefined) => host.app.subscribe(listener, seat);
  const unsubscribe = () => {
    for (const entry of listeners.values()) entry.unsubscribe();
  };
  /** Damage found at this start, and whether a person has said what to do about it. */
  let recovery: Recovery | null = null;
  let recoveryAnswered = false;
  let busy = false;

  const adopt = (host: DeviceHost) => {
    device = host;
    for (const [listener, entry] of listeners) entry.unsubscribe = relay(host, listener, entry.seat);
    if (host.recovery) recovery = host.recovery;
  };
  const open = (demo: boolean) => {
    if (device) {
      unsubscribe();
      device.close();
      device = null;
    }
    const hub = hubLink.configured();
    adopt(
      openDeviceHost({
        dataDir: options.dataDir,
        demo,
        askAfterRecovery: true,
        ...(options.keyStore ? { keyStore: options.keyStore } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.shell ? { shell: options.shell } : {}),
        ...(options.onDemoProgress ? { onDemoProgress: options.onDemoProgress } : {}),
        ...(hub ? { sync: hubLink.sync() } : {}),
      }),
    );
  };

  const status = (): SetupStatus => {
    const hub = hubLink.configured();
    const hasDevice = device !== null && device.db.prepare('SELECT 1 FROM device').get() !== undefined;
    const synced = hub !== null || device?.sync != null;
    const phase = recovery && !recoveryAnswered ? 'recovery' : !device || (!synced && !hasDevice) ? 'choose' : 'ready';
    return { phase, hub, demo: device !== null && hasDevice && isDemo(device.db), recovery: recovery ? { ...recovery } : null };
  };

  // A folder with a replica or a hub opens as it is; an empty one asks, unless told to be the demo.
  const fresh = !fs.existsSync(path.join(options.dataDir, 'endcap.db')) && !hubLink.configured();
  if (options.device) adopt(options.device);
  else if (!fresh) open(false);
  else if (options.fresh === 'demo') open(true);

  /** The demo and enrolment are for a register with nothing to lose: new, or damaged without a hub. */
  const mayChoose = () => {
    const s = status();
    if (s.phase === 'choose' || (s.phase === 'recovery' && !s.hub)) return;
    throw new ApiError('conflict', s.hub ? `This register is connected to the hub at ${s.hub.url}; it cannot be set up again here.` : 'This register already runs on its data.');
  };

  async function runSetup(name: SetupCallName, input: unknown): Promise<unknown> {
    if (name === 'setup.status') return status();
    if (busy) throw new ApiError('conflict', 'The register is still setting up; wait a moment.');
    busy = true;
    try {
      switch (name) {
        case 'setup.chooseDemo':
          mayChoose();
          open(true);
          recoveryAnswered = true;
          return status();
        case 'setup.enrol': {
          mayChoose();
          const result = await hubLink.enrol((input as { code: string }).code);
          if (!result.ok) return { status: 'refused', reason: result.reason, message: result.message } satisfies EnrolOutcome;
          open(false); // with the hub now configured: the new replica fills itself from it
          recoveryAnswered = true;
          return { status: 'connected', hubUrl: result.url, storeId: result.storeId, setup: status() } satisfies EnrolOutcome;
        }
        case 'setup.rebuild': {
          const s = status();
          if (s.phase !== 'recovery' || !s.hub || !device) throw new ApiError('conflict', 'There is nothing to rebuild: this register’s data is in order.');
          device.startSync();
          recoveryAnswered = true;
          return status();
        }
      }
    } finally {
      busy = false;
    }
  }

  async function dispatchSetup(name: SetupCallName, rawInput: unknown): Promise<ApiResult<unknown>> {
    const parsed = contract[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: new ApiError('invalid_input', describeIssues(parsed.error)).toValue() };
    try {
      return { ok: true, value: await runSetup(name, parsed.data) };
    } catch (err) {
      if (err instanceof ApiError) return { ok: false, error: err.toValue() };
      console.error(`[endcap] ${name} failed`, err);
      const why = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message: `Setting up this register failed: ${why}` } };
    }
  }

  // Once ready a register stays ready (set-up calls are refused from then on): every other call
  // then goes straight through, without asking the replica again.
  let ready = false;
  const isReady = () => (ready ||= device !== null && status().phase === 'ready');

  const app: HostApp = {
    dispatch(name, input, seat) {
      if (typeof name === 'string' && SETUP_CALLS.has(name)) return dispatchSetup(name as SetupCallName, input);
      if (!device || !isReady()) {
        return { ok: false, error: { code: 'not_set_up', message: 'This register is not set up yet: choose the demo or connect it to the store hub first.' } };
      }
      return device.app.dispatchAsync(name, input, seat);
    },
    subscribe(listener, seat) {
      listeners.set(listener, { seat, unsubscribe: device ? relay(device, listener, seat) : () => {} });
      return () => {
        listeners.get(listener)?.unsubscribe();
        listeners.delete(listener);
      };
    },
    endSeat(seat) {
      device?.app.endSeat(seat);
    },
  };

  return {
    app,
    get device() {
      return device;
    },
    status,
    close() {
      unsubscribe();
      device?.close();
      device = null;
    },
  };
}
