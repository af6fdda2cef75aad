import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { App } from '../testing/app.js';
import { addShopper } from '../testing/engineStore.js';
import { openMerchStore, ok } from '../testing/merchStore.js';
import type { Evaluation } from '../engine/decide.js';
import { aggregateOver } from './preview.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  ({ db, app } = openMerchStore());
  addShopper(db, { id: 'RUNNER', first: 'Rae', purchases: [['SHOE-1', 40]] });
  addShopper(db, { id: 'CAMPER', first: 'Cam', purchases: [['TENT-1', 21]] });
  addShopper(db, { id: 'QUIET', consent: false, purchases: [['TENT-1', 21]] });
});

/**
 * Running shoes lead to socks for 60 days instead of 30. The learned shoes → socks link goes:
 * past its window it would still raise socks (weaker) under both policies, hiding the rule's effect.
 */
function draftWithLongerSocks(): void {
  db.prepare(`DELETE FROM copurchase_links WHERE from_category_id = 'footwear/running' AND to_category_id = 'footwear/socks'`).run();
  const draft = ok(app.call('merch.draft.get', {}));
  const policy = { ...draft.policy, affinities: draft.policy.affinities.map((a) => (a.id === 'shoe-sock' ? { ...a, maxDelayDays: 60 } : a)) };
  ok(app.call('merch.draft.save', { baseRevision: draft.revision, policy }));
}

const counts = () =>
  db.prepare(`SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM starter_events) AS shown, (SELECT count(*) FROM outbox) AS outbox,
                     (SELECT count(*) FROM merch_config) AS versions, (SELECT total_changes()) AS changes`).get() as Record<string, number>;

describe('merch.preview', () => {
  it('shows a new starter under the draft only, with why, for one customer', async () => {
    draftWithLongerSocks();
    const p = ok(await app.callAsync('merch.preview', { sample: { kind: 'customer', customerId: 'RUNNER' }, aggregateCustomers: 0 }));
    expect(p).toMatchObject({ storeId: 'S1', publishedVersion: 1, aggregate: null });
    const [s] = p.samples;
    expect(s!.customer).toMatchObject({ id: 'RUNNER', name: 'Rae Shopper', segment: 'first_timer', homeStoreName: 'Boulder Flagship' });
    expect(s!.changed).toBe(true);
    expect(s!.published.starters.some((x) => x.key === 'cross_sell:footwear/socks')).toBe(false);
    const socks = s!.draft.starters.find((x) => x.key === 'cross_sell:footwear/socks')!;
    expect(socks).toMatchObject({ onlyHere: true, rules: ['affinity:shoe-sock'], products: [{ sku: 'SOCK-1' }] });
    expect(socks.reason).toMatch(/socks usually follow 0–60 days later/);
    expect(s!.draft.policyVersion).toBe(2);
    expect(s!.draft.starters.filter((x) => !x.onlyHere).map((x) => x.key)).toEqual(s!.published.starters.map((x) => x.key));
  });

  it('writes nothing and uses up no frequency cap', async () => {
    draftWithLongerSocks();
    const before = counts();
    for (let i = 0; i < 4; i++) ok(await app.callAsync('merch.preview', { sample: { kind: 'random', seed: `s${i}`, size: 3 }, aggregateCustomers: 50 }));
    expect(counts()).toEqual(before); // total_changes(): not a single row written, by any statement
    // a real decision afterwards still shows what the preview showed
    expect(ok(app.call('starters.forCustomer', { customerId: 'CAMPER' })).starters.length).toBeGreaterThan(0);
  });

  it('samples the same customers for the same seed, only those the draft can change', async () => {
    const pick = async (seed: string) => ok(await app.callAsync('merch.preview', { sample: { kind: 'random', seed, size: 5 }, aggregateCustomers: 0 })).samples.map((s) => s.customer.id);
    expect(await pick('monday')).toEqual(await pick('monday'));
    expect((await pick('monday')).sort()).toEqual(['CAMPER', 'RUNNER']); // QUIET gave no consent; C1–C3 never ordered here
  });

  it('sums up the effect over many customers', async () => {
    draftWithLongerSocks();
    // both bags a camper may be offered beside BAG-1 are below threshold + buffer, so one is looked at and refused
    db.prepare(`UPDATE inventory SET on_hand = 6 WHERE sku = 'BAG-2' AND location_id = 'S1'`).run();
    const { aggregate } = ok(await app.callAsync('merch.preview', { sample: { kind: 'random', seed: 'x', size: 1 }, aggregateCustomers: 100 }));
    expect(aggregate!.customers).toBe(6); // every customer on the replica but the erased one
    expect(aggregate!.changedCustomers).toBe(1);
    expect(aggregate!.draft.startersPerKind.cross_sell).toBe((aggregate!.published.startersPerKind.cross_sell ?? 0) + 1);
    expect(aggregate!.draft.categoriesPromoted.find((c) => c.categoryId === 'footwear/socks')).toMatchObject({ pathName: 'Footwear > Socks', starters: 1 });
    expect(aggregate!.overlap).toBeLessThan(1);
    expect(aggregate!.published.itemsBlocked.stock).toBeGreaterThan(0);
    expect(aggregate!.published.itemsBlocked.price + aggregate!.published.itemsBlocked.margin).toBeGreaterThan(0);
  });

  it('answers not_found for an unknown customer or store', async () => {
    const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
    expect(code(await app.callAsync('merch.preview', { sample: { kind: 'customer', customerId: 'NOPE' } }))).toBe('not_found');
    expect(code(await app.callAsync('merch.preview', { sample: { kind: 'customer', customerId: 'C4' } }))).toBe('not_found'); // erased
    expect(code(await app.callAsync('merch.preview', { sample: { kind: 'customer', customerId: 'RUNNER' }, storeId: 'DC1' }))).toBe('not_found');
  });
});

describe('aggregateOver', () => {
  it('gives way to other work while it runs, and still counts every customer', async () => {
    const evaluation = { result: { starters: [] }, starters: [], rules: [] } as unknown as Evaluation;
    const busy = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    let otherWorkRan = false;
    setImmediate(() => (otherWorkRan = true));
    let ranWhileOtherHadRun = 0;
    const aggregate = await aggregateOver(
      Array.from({ length: 20 }, (_, i) => `C${i}`),
      () => {
        busy(5); // 100 ms in all: a long preview
        if (otherWorkRan) ranWhileOtherHadRun++;
        return { published: evaluation, draft: evaluation };
      },
      (id) => id,
    );
    expect(aggregate.customers).toBe(20);
    expect(ranWhileOtherHadRun).toBeGreaterThan(0); // the other work ran before the preview ended
  });

  it('stops with a typed error, running no more customers, when the register closed meanwhile', async () => {
    const evaluation = { result: { starters: [] }, starters: [], rules: [] } as unknown as Evaluation;
    let open = true;
    let ran = 0;
    const slow = () => {
      const until = performance.now() + 30; // longer than it runs before giving way
      while (performance.now() < until);
      ran++;
      open = false; // the device closes while the preview waits for its turn
      return { published: evaluation, draft: evaluation };
    };
    await expect(aggregateOver(['C1', 'C2', 'C3'], slow, (id) => id, () => open)).rejects.toMatchObject({ name: 'ApiError', code: 'transport' });
    expect(ran).toBe(1);
  });
});
