// Finding 6 of issue 13: a replay of an acked event changes nothing, and an event id reused with
// other content is refused as event_id_conflict, never acked. (Removing the replay guard in
// SqliteHubStore.ingestEvents makes the first test fail: the late replay re-activates version 1.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './apply/index.js';
import type { DeviceRecord } from './store.js';
import { hubEvent, NOW, staffRow } from './testFixtures.js';
import { hubStoreCases, type HubStoreCase } from './postgres/testStore.js';

describe.each(hubStoreCases())('replays ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    device = (await hub.store.addDevice('S1', NOW)).device;
    await hub.store.writeChanges([staffRow('priya', 'S1', 'merchandiser')]);
    await hub.store.grantChainRole('priya', NOW);
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
  const merch = async () => (await hub.store.changesSince('merch_config', 'S1', 0, 1000)).changes;
  const active = async () => {
    const latest = new Map<unknown, unknown>();
    for (const c of (await merch())) if (c.table === 'merch_config') latest.set(c.key.version, c.row?.is_active);
    return [...latest].filter(([, a]) => a === 1).map(([v]) => v);
  };

  function published(version: number) {
    return {
      version,
      staffId: 'priya',
      rows: {
        merch_config: [{ version, status: 'published', is_active: 1, author: 'priya', note: `v${version}`, published_at: NOW.toISOString() }],
        merch_affinities: [],
        merch_affinity_skus: [],
        merch_affinity_stores: [],
        merch_guardrails: [],
        merch_blocked_categories: [],
      },
    };
  }
  const activate = (n: number, version: number) => hubEvent(n, 'merch.activated', { version, staffId: 'priya', author: 'priya', note: 'back', at: NOW.toISOString() });

  describe('replays at the hub (issue 13)', () => {
    it('finding 6: a late replay of an acked activation changes nothing, so an older version never comes back', async () => {
      await push(hubEvent(1, 'merch.published', published(1)), hubEvent(2, 'merch.published', published(2)));
      const rollback = activate(3, 1);
      expect((await push(rollback)).acked).toEqual([rollback.id]);
      expect((await push(hubEvent(4, 'merch.published', published(3)))).acked).toHaveLength(1);
      expect(await active()).toEqual([3]);
      const before = await merch();

      // The network delivers the rollback again, much later: acked (the device may drop it), and nothing moves.
      expect(await push(rollback)).toEqual({ acked: [rollback.id], rejected: [] });
      expect(await merch()).toEqual(before);
      expect(await active()).toEqual([3]);
    });

    it('finding 6: an id reused with another payload is refused as event_id_conflict and the held event stays as it was', async () => {
      const first = activate(5, 1);
      await push(hubEvent(1, 'merch.published', published(1)), hubEvent(2, 'merch.published', published(2)), first);
      const before = await merch();
      const reused = { ...activate(5, 2) };
      const res = await push(reused);
      expect(res.acked).toEqual([]);
      expect(res.rejected).toEqual([{ id: reused.id, code: 'event_id_conflict', reason: expect.stringContaining('already held with other content') }]);
      expect(await merch()).toEqual(before);
      expect(JSON.parse((await hub.store.listEvents()).find((e) => e.id === first.id)!.payload).version).toBe(1);
      // Another kind under the same id, or the same event from another device, is not the same event either.
      expect((await push({ ...first, kind: 'starter.shown' })).rejected[0]!.code).toBe('event_id_conflict');
      const other = (await hub.store.addDevice('S1', NOW)).device;
      expect((await hub.store.ingestEvents(other, [first], NOW, applyEvent)).rejected[0]!.code).toBe('event_id_conflict');
      // The same payload with its keys in another order is the same event.
      const reordered = { ...first, payload: Object.fromEntries(Object.entries(first.payload).reverse()) };
      expect((await push(reordered)).acked).toEqual([first.id]);
    });
  });
});
