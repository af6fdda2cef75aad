// The sync property's runs (convergence.property.test.ts explains it), shared by the files that
// prove it on each hub store: one run = a fresh world, steps, faults, crashes, then the checks.
import fc from 'fast-check';
import { expect } from 'vitest';
import { FAULTS, FaultyTransport, type Fault } from './faultyTransport.js';
import { ATTACKS } from './hostile.js';
import { eventsExactlyOnce, replicaMatchesHub } from './invariants.js';
import { opArb, Runner, syncToQuiescence, type Op, type RunStats } from './operations.js';
import { World, type WorldTemplate } from './world.js';

const runArb = fc.record({
  ops: fc.array(opArb, { minLength: 1, maxLength: 14 }),
  faults: fc.array(fc.constantFrom<Fault>(...FAULTS), { maxLength: 24 }),
  maxPageSize: fc.integer({ min: 1, max: 60 }),
  /** Some runs let local writes land while a delayed request is in flight. */
  interleave: fc.array(opArb.filter((o) => ['capture', 'decline', 'order', 'starters', 'withdraw'].includes(o.t)), { maxLength: 3 }),
});

type Totals = RunStats & { faults: Record<string, number>; attacks: Record<string, number> };

async function runOnce(template: WorldTemplate, input: { ops: Op[]; faults: Fault[]; maxPageSize: number; interleave: Op[] }, totals: Totals): Promise<void> {
  let faulty!: FaultyTransport;
  let runner!: Runner;
  const pending = [...input.interleave];
  const world = await World.open(template, {
    maxPageSize: input.maxPageSize,
    wrap: (t) =>
      (faulty = new FaultyTransport(t, 1, {
        script: input.faults,
        pulls: true,
        duringDelay: () => {
          const op = pending.shift();
          if (op) runner.local(op);
        },
      })),
  });
  try {
    runner = new Runner(world, async () => {
      // After a crash the page it died in must have left no trace: the replica is still the
      // hub's state at its (old) cursor.
      const problems = await replicaMatchesHub(world, { quiescent: false });
      if (problems.length) throw new Error(`after a crash:\n${problems.slice(0, 10).join('\n')}`);
    });
    for (const op of input.ops) await runner.run(op);

    faulty.enabled = false;
    await syncToQuiescence(world);
    const problems = [...(await eventsExactlyOnce(world)), ...(await replicaMatchesHub(world, { quiescent: true })), ...(await world.hostile.spy())];
    if (problems.length) throw new Error(problems.slice(0, 12).join('\n'));

    for (const k of ['ops', 'injectedFailures', 'refusedAnswers', 'crashes'] as const) totals[k] += runner.stats[k];
    for (const k of ['otherFailures', 'localRefusals', 'localWrites'] as const) {
      for (const [m, n] of Object.entries(runner.stats[k])) totals[k][m] = (totals[k][m] ?? 0) + n;
    }
    for (const [f, n] of Object.entries(faulty.seen)) totals.faults[f] = (totals.faults[f] ?? 0) + n;
    for (const [a, n] of Object.entries(world.hostile.stats.attacks)) totals.attacks[a] = (totals.attacks[a] ?? 0) + n;
  } finally {
    await world.close();
  }
}

/** `runs` property runs from `seed` on worlds copied from `template`; fails with the seed and the shrunk steps. */
export async function proveConvergence(template: WorldTemplate, runs: number, seed: number): Promise<void> {
    const totals: Totals = { ops: 0, injectedFailures: 0, refusedAnswers: 0, otherFailures: {}, crashes: 0, localRefusals: {}, localWrites: {}, faults: {}, attacks: {} };
    const started = performance.now();
    const report = await fc.check(
      fc.asyncProperty(runArb, (input) => runOnce(template, input, totals)),
      { numRuns: runs, seed },
    );
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `sync property (${template.home.name} hub): ${report.numRuns} runs in ${seconds} s, ${totals.ops} steps, ${totals.crashes} crashes, ` +
        `${totals.injectedFailures} syncs failed on injected faults, ${totals.refusedAnswers} stale or foreign answers refused, ` +
        `local writes ${JSON.stringify(totals.localWrites)}, refused by the app ${JSON.stringify(totals.localRefusals)}, faults ${JSON.stringify(totals.faults)}, ` +
        `other sync failures (healed by the end) ${JSON.stringify(totals.otherFailures)}, hostile register attacks (all refused or re-priced) ${JSON.stringify(totals.attacks)}`,
    );
    if (report.failed) console.error(`${fc.defaultReportMessage(report)}\n${(report.errorInstance as Error | undefined)?.stack ?? String(report.errorInstance)}`);
    expect(report.failed, `seed ${seed}; replay with ENDCAP_SYNC_SEED=${seed} (path ${report.counterexamplePath})`).toBe(false);
    // The runs must actually have gone through every fault and crash they claim to cover.
    for (const f of FAULTS) expect(totals.faults[f] ?? 0, f).toBeGreaterThan(0);
    expect(totals.crashes).toBeGreaterThan(0);
    // The hostile register tried every attack it knows (replaying or reusing an honest event's id counts as one kind).
    for (const a of ATTACKS.filter((k) => k !== 'replayHonest' && k !== 'conflictHonest')) expect(totals.attacks[a] ?? 0, a).toBeGreaterThan(0);
    expect((totals.attacks.replayHonest ?? 0) + (totals.attacks.conflictHonest ?? 0), 'replays of honest events').toBeGreaterThan(0);
    for (const step of ['capture', 'decline', 'withdraw', 'starters', 'order', 'foreign', 'merchPublish', 'merchRollback']) expect(totals.localWrites[step] ?? 0, step).toBeGreaterThan(0);
}
