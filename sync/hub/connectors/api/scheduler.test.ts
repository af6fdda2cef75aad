import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLightspeed, lightspeedFixtures } from './fakes/fakeLightspeed.js';
import type { ConnectorDeps } from './registry.js';
import { addConnector, configureConnector, describeConnector } from './registry.js';
import { MAX_BACKOFF_MS } from './schedule.js';
import { ConnectorScheduler, type SchedulerLog } from './scheduler.js';
import { keyBox } from './secrets.js';
import { ConnectorBusyError } from './state.js';
import { openTestHub, type TestHub } from './testKit.js';
import { hubStoreCases } from '../../postgres/testStore.js';

let hub: TestHub;
const logged: string[] = [];
const log: SchedulerLog = { info: (_f, m) => void logged.push(m), error: (_f, m) => void logged.push(`ERROR ${m}`) };

/** A run the test finishes by hand: it records its run as the real ones do. */
function controlledRuns() {
  const pending = new Map<string, (error: string | null) => void>();
  const started: string[] = [];
  const run = async (deps: ConnectorDeps, id: string) => {
    const runId = await deps.state.startRun(id, deps.clock.now());
    started.push(id);
    return new Promise<{ error: string | null }>((resolve, reject) => {
      pending.set(id, (error) => {
        pending.delete(id);
        deps.state.finishRun(runId, deps.clock.now(), { status: error ? 'failed' : 'ok', rows: 0, error }).then(() => resolve({ error }), reject);
      });
    });
  };
  /** Until the run of `id` has recorded its start (the store answers asynchronously). */
  const begun = async (id: string) => {
    while (!pending.has(id)) await new Promise((r) => setImmediate(r));
  };
  const finish = async (id: string, error: string | null = null) => {
    await begun(id);
    pending.get(id)!(error);
  };
  return { run, started, begun, finish };
}

const schedule = async (id: string) => (await describeConnector(hub.deps.state, (await hub.deps.state.connector(id))!)).schedule;

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    logged.length = 0;
    await addConnector(hub.deps, { vendor: 'square', id: 'sq', config: { interval: '60' }, secret: 't' });
    await addConnector(hub.deps, { vendor: 'klaviyo', id: 'kl', config: {}, secret: 'k' });
  });
  afterEach(() => hub.close());

  describe('the connector scheduler', () => {
    it('runs each connector on its interval, never two runs of one at once', async () => {
      const runs = controlledRuns();
      const scheduler = new ConnectorScheduler(hub.deps, log, runs.run);
      expect((await scheduler.tick()).sort()).toEqual(['kl', 'sq']);
      // Still running: a tick much later does not start either again.
      hub.clock.advance(10 * 60_000);
      expect(await scheduler.tick()).toEqual([]);
      await runs.begun('sq');
      expect(await schedule('sq')).toMatchObject({ running: true, intervalSeconds: 60 });
      await runs.finish('sq');
      await runs.finish('kl');
      await scheduler.idle();
      expect(await scheduler.tick()).toEqual([]);
      hub.clock.advance(59_000);
      expect(await scheduler.tick()).toEqual([]);
      hub.clock.advance(1_000);
      // Both due: square's interval is set to 60 s, klaviyo's default for a sender is 60 s.
      expect((await scheduler.tick()).sort()).toEqual(['kl', 'sq']);
      await runs.finish('sq');
      await runs.finish('kl');
      await scheduler.idle();
      await configureConnector(hub.deps, 'kl', { interval: '600' });
      hub.clock.advance(60_000);
      expect(await scheduler.tick()).toEqual(['sq']);
      await runs.finish('sq');
      await scheduler.idle();
      expect([...runs.started].sort()).toEqual(['kl', 'kl', 'sq', 'sq', 'sq']);
    });

    it('a failure backs off (doubling, at most six hours) and shows in status; a good run resets it', async () => {
      const runs = controlledRuns();
      const scheduler = new ConnectorScheduler(hub.deps, log, runs.run);
      await configureConnector(hub.deps, 'kl', { interval: '86400' });
      await scheduler.tick();
      await runs.finish('kl');
      await runs.finish('sq', '503 from the vendor: down');
      await scheduler.idle();
      expect(await schedule('sq')).toMatchObject({ consecutiveFailures: 1, nextRunAt: new Date(hub.clock.now().getTime() + 120_000).toISOString() });
      expect((await describeConnector(hub.deps.state, (await hub.deps.state.connector('sq'))!)).lastRun).toMatchObject({ status: 'failed', error: '503 from the vendor: down' });
      expect(logged).toContain('ERROR connector sq failed: 503 from the vendor: down');
      hub.clock.advance(60_000);
      expect(await scheduler.tick()).toEqual([]);
      hub.clock.advance(60_000);
      expect(await scheduler.tick()).toEqual(['sq']);
      await runs.finish('sq', 'again');
      await scheduler.idle();
      expect(await schedule('sq')).toMatchObject({ consecutiveFailures: 2, nextRunAt: new Date(hub.clock.now().getTime() + 240_000).toISOString() });
      for (let i = 0; i < 12; i++) {
        hub.clock.advance(MAX_BACKOFF_MS);
        for (const id of await scheduler.tick()) await runs.finish(id, id === 'sq' ? 'still down' : null);
        await scheduler.idle();
      }
      expect(await schedule('sq')).toMatchObject({ consecutiveFailures: 14, nextRunAt: new Date(hub.clock.now().getTime() + MAX_BACKOFF_MS).toISOString() });
      hub.clock.advance(MAX_BACKOFF_MS);
      for (const id of await scheduler.tick()) await runs.finish(id);
      await scheduler.idle();
      expect(await schedule('sq')).toMatchObject({ consecutiveFailures: 0, nextRunAt: new Date(hub.clock.now().getTime() + 60_000).toISOString() });
    });

    it('a run held by another process is not started twice; one left running by a crash stops blocking after a while', async () => {
      const first = await hub.deps.state.startRun('sq', hub.clock.now());
      await expect(hub.deps.state.startRun('sq', hub.clock.now())).rejects.toThrow(ConnectorBusyError);
      await hub.deps.state.finishRun(first, hub.clock.now(), { status: 'ok', rows: 0, error: null });
      await hub.deps.state.startRun('sq', hub.clock.now());
      hub.clock.advance(4 * 3_600_000);
      await hub.deps.state.startRun('sq', hub.clock.now());
      expect((await hub.deps.state.runs('sq', 2))[1]).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    });

    it('runs the real connectors: a Lightspeed pull on its schedule, and a credential that cannot be opened is a failed run that backs off', async () => {
      const fake = new FakeLightspeed(lightspeedFixtures());
      try {
        await addConnector(hub.deps, { vendor: 'lightspeed', id: 'ls', config: { domainPrefix: 'cascade', endpoint: await fake.start(), interval: '300' }, secret: fake.token });
        await hub.deps.state.addConnector({ id: 'broken', vendor: 'segment', config: {}, sealedSecret: keyBox(crypto.randomBytes(32)).seal('another hub’s key'), createdAt: hub.clock.now().toISOString() });
        for (const id of ['sq', 'kl']) await hub.deps.state.finishRun(await hub.deps.state.startRun(id, hub.clock.now()), hub.clock.now(), { status: 'ok', rows: 0, error: null });
        const scheduler = new ConnectorScheduler(hub.deps, log);
        expect((await scheduler.tick()).sort()).toEqual(['broken', 'ls']);
        await scheduler.idle();
        expect(await hub.store.transact(async (r) => ({ changes: [], result: (await r.rowsWhere('products', 'status', 'active')).length }))).toBe(3);
        expect(await schedule('ls')).toMatchObject({ consecutiveFailures: 0 });
        expect(await schedule('broken')).toMatchObject({ consecutiveFailures: 1 });
        expect((await hub.deps.state.runs('broken', 1))[0]!.error).toMatch(/cannot be opened with this hub's connector key/);
        expect(await scheduler.tick()).toEqual([]);
      } finally {
        await fake.close();
      }
    });
  });
});
