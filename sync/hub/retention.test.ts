// Analytics events are kept in full for a while, then compacted to daily counts (issue 13); a
// replay of a compacted event is still acked and counted once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './apply/index.js';
import type { DeviceRecord } from './store.js';
import { hubEvent, NOW } from './testFixtures.js';
import { hubStoreCases, type HubStoreCase } from './postgres/testStore.js';

describe.each(hubStoreCases())('retention ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000);
  const shown = (n: number, at: Date) => ({ ...hubEvent(n, 'starter.shown', { decisionId: `d${n}`, customerId: null, storeId: 'S1' }), createdAt: at.toISOString() });

  describe('analytics retention', () => {
    it('compacts analytics events received before the cut-off into daily counts, keeps newer ones and every other kind', async () => {
      await hub.store.ingestEvents(device, [shown(1, day(0)), shown(2, day(0)), shown(3, day(1))], day(1), applyEvent);
      await hub.store.ingestEvents(device, [shown(4, day(5))], day(5), applyEvent);
      expect(await hub.store.compactAnalytics(day(3))).toBe(3);
      expect((await hub.store.listEvents()).map((e) => e.id)).toEqual([shown(4, day(5)).id]);
      expect(await hub.store.listAnalyticsDays()).toEqual([
        { day: day(0).toISOString().slice(0, 10), storeId: 'S1', kind: 'starter.shown', events: 2 },
        { day: day(1).toISOString().slice(0, 10), storeId: 'S1', kind: 'starter.shown', events: 1 },
      ]);
      // A replay of a compacted event is acked and counted nowhere again.
      expect(await hub.store.ingestEvents(device, [shown(1, day(0))], day(9), applyEvent)).toEqual({ acked: [shown(1, day(0)).id], rejected: [] });
      expect(await hub.store.compactAnalytics(day(30))).toBe(1);
      expect((await hub.store.listAnalyticsDays()).reduce((n, d) => n + d.events, 0)).toBe(4);
    });
  });
});
