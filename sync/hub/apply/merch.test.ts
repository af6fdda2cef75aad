import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './index.js';
import type { DeviceRecord, Row } from '../store.js';
import { hubEvent, NOW, staffRow } from '../testFixtures.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('merch applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    device = (await hub.store.addDevice('S1', NOW)).device;
    await hub.store.writeChanges([staffRow('priya', 'S1', 'merchandiser'), staffRow('dana', 'S1', 'manager'), staffRow('ava', 'S1'), staffRow('sam', 'S1', 'merchandiser'), staffRow('omar', 'S2', 'manager')]);
    for (const id of ['priya', 'dana', 'ava', 'omar']) await hub.store.grantChainRole(id, NOW);
  });
  afterEach(() => hub.dispose());

  function published(version: number, note = 'spring reset', weight = 0.5, staffId = 'priya') {
    return {
      version,
      staffId,
      rows: {
        merch_config: [{ version, status: 'published', is_active: 1, author: 'priya', note, published_at: NOW.toISOString() }],
        merch_affinities: [
          { version, id: 'a1', from_category_id: 'tents', to_category_id: 'bags', min_delay_days: 7, max_delay_days: 45, weight, season_start: null, season_end: null, active: 1, note: '' },
        ],
        merch_affinity_skus: [{ version, affinity_id: 'a1', sku: 'BAG-1' }],
        merch_affinity_stores: [],
        merch_guardrails: [
          {
            version, exclusion_window_days: 30, stock_threshold: 2, safety_buffer: 1, inventory_max_age_minutes: 5, min_price_cents: 500, margin_floor: 0.2,
            new_arrival_boost: 1.2, new_arrival_window_days: 30, clearance_penalty: 0.8, frequency_cap_per_week: 3, concierge_cart_cents: 50000, exploration_share: 0.1, holdout_share: 0.1,
          },
        ],
        merch_blocked_categories: [{ version, category_id: 'firearms' }],
        merch_incentive_rules: [
          { version, shopper_type: 'vip', incentive: 'early_access', enabled: 1 },
          { version, shopper_type: 'vip', incentive: 'concierge', enabled: 0 },
        ],
      },
    };
  }

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
  const merch = async () => (await hub.store.changesSince('merch_config', 'S2', 0, 1000)).changes;
  const active = async () => (await merch()).filter((c) => c.table === 'merch_config' && c.row?.is_active === 1).map((c) => c.key.version);

  describe('merch.published', () => {
    it('becomes merch_config changes every store pulls, the version active and the one before switched off first', async () => {
      expect(await push(hubEvent(1, 'merch.published', published(1)))).toEqual({ acked: [hubEvent(1, 'merch.published', {}).id], rejected: [] });
      expect((await merch()).map((c) => c.table)).toEqual([
        'merch_config', 'merch_affinities', 'merch_affinity_skus', 'merch_guardrails', 'merch_blocked_categories', 'merch_incentive_rules', 'merch_incentive_rules',
      ]);
      await push(hubEvent(2, 'merch.published', published(2, 'summer')));
      const changes = await merch();
      expect(await active()).toEqual([2]);
      // The switch-off of version 1 comes before version 2 is written, so no page shows two active versions.
      const off = changes.find((c) => c.table === 'merch_config' && c.key.version === 1)!;
      const on = changes.find((c) => c.table === 'merch_config' && c.key.version === 2)!;
      expect(off.row?.is_active).toBe(0);
      expect(off.version).toBeLessThan(on.version);
    });

    it('carries the incentive rules, and takes a payload without them from a device older than the rules', async () => {
      await push(hubEvent(1, 'merch.published', published(1)));
      expect((await merch()).filter((c) => c.table === 'merch_incentive_rules').map((c) => c.row)).toEqual(published(1).rows.merch_incentive_rules);
      const { merch_incentive_rules: _rules, ...older } = published(2).rows;
      expect((await push(hubEvent(2, 'merch.published', { version: 2, staffId: 'priya', rows: older }))).acked).toHaveLength(1);
      expect(await active()).toEqual([2]);
      expect((await merch()).filter((c) => c.table === 'merch_incentive_rules' && c.key.version === 2)).toEqual([]);
    });

    it('takes the same content again as a no-op, and refuses another device\'s different version N by id with the reason', async () => {
      await push(hubEvent(1, 'merch.published', published(3)));
      const before = await merch();
      const again = await push(hubEvent(2, 'merch.published', published(3)));
      expect(again.acked).toHaveLength(1);
      expect(await merch()).toEqual(before);
      const clash = await push(hubEvent(3, 'merch.published', published(3, 'spring reset', 0.8)));
      expect(clash.acked).toEqual([]);
      expect(clash.rejected[0]!.reason).toBe('version 3 was already published by another device; pull merch config and publish again');
      expect(await merch()).toEqual(before);
    });

    it('refuses a payload whose rows do not match the protocol, without writing any of it', async () => {
      const cases: [unknown, RegExp][] = [
        [{ ...published(4), rows: { ...published(4).rows, merch_config: [] } }, /exactly one row/],
        [{ ...published(4), rows: { ...published(4).rows, merch_affinity_skus: [{ version: 5, affinity_id: 'a1', sku: 'X' }] } }, /version 5, not the published version 4/],
        [{ ...published(4), rows: { ...published(4).rows, merch_blocked_categories: [{ version: 4, category_id: 'x', extra: 1 }] } }, /merch_blocked_categories/],
        [{ version: 4, staffId: 'priya', rows: { merch_config: published(4).rows.merch_config } }, /merch_affinities/],
        [{ ...published(4), rows: { ...published(4).rows, merch_affinity_skus: [{ version: 4, affinity_id: 'a1', sku: 'X' }, { version: 4, affinity_id: 'a1', sku: 'X' }] } }, /twice/],
        [{ ...published(4), rows: { ...published(4).rows, merch_config: [{ ...published(4).rows.merch_config[0], is_active: 0 }] } }, /is_active 1/],
      ];
      for (const [i, [payload, reason]] of cases.entries()) {
        const res = await push(hubEvent(10 + i, 'merch.published', payload as Record<string, unknown>));
        expect(res.rejected[0]?.reason, String(reason)).toMatch(reason);
      }
      expect(await merch()).toEqual([]);
      expect(await hub.store.listEvents()).toEqual([]);
    });
  });

  const activate = (n: number, version: number, staffId = 'dana') => hubEvent(n, 'merch.activated', { version, staffId, author: 'dana', note: 'roll back', at: NOW.toISOString() });

  describe('merch.activated', () => {

    it('makes an earlier version the active one again, and a replay changes nothing', async () => {
      await push(hubEvent(1, 'merch.published', published(1)), hubEvent(2, 'merch.published', published(2)));
      expect((await push(activate(3, 1))).acked).toHaveLength(1);
      expect(await active()).toEqual([1]);
      const after = await merch();
      await push(activate(3, 1));
      await push(activate(4, 1));
      expect(await merch()).toEqual(after);
      const v1 = after.find((c) => c.table === 'merch_config' && c.key.version === 1)!.row as Row;
      expect(v1).toMatchObject({ status: 'published', author: 'priya' });
    });

    it('refuses a version the hub does not know', async () => {
      const res = await push(activate(1, 9));
      expect(res.rejected).toEqual([{ id: activate(1, 9).id, code: 'unknown_reference', reason: 'merch config version 9 is not known at the hub, so it cannot be made active' }]);
    });
  });

  describe('who may publish, and what (issue 13)', () => {
    it('finding 5: a chain-wide policy from a register without a chain-level merchandiser or manager is refused, as is one out of range', async () => {
      const tries = [
        hubEvent(1, 'merch.published', published(1, 'x', 0.5, 'ava')), // an associate, even with the chain role
        hubEvent(2, 'merch.published', published(1, 'x', 0.5, 'sam')), // a merchandiser of the store, no chain role
        hubEvent(3, 'merch.published', published(1, 'x', 0.5, 'omar')), // another store's manager, not signed in here
        hubEvent(4, 'merch.published', published(1, 'x', 0.5, 'nobody')),
        hubEvent(5, 'merch.published', { ...published(1), staffId: undefined }),
      ];
      const res = await push(...tries);
      expect(res.acked).toEqual([]);
      expect(res.rejected.map((r) => r.code)).toEqual(['not_permitted', 'not_permitted', 'not_staff_of_store', 'not_staff_of_store', 'invalid_event']);
      expect(await merch()).toEqual([]);

      const floor = published(2);
      floor.rows.merch_guardrails[0]!.margin_floor = -5;
      const weight = published(3, 'x', 1e9);
      const out = await push(hubEvent(6, 'merch.published', floor), hubEvent(7, 'merch.published', weight));
      expect(out.rejected).toEqual([
        { id: hubEvent(6, 'merch.published', {}).id, code: 'out_of_range', reason: 'merch.published: rows.merch_guardrails[0].margin_floor = -5 is out of range: must be between 0 and 0.95' },
        { id: hubEvent(7, 'merch.published', {}).id, code: 'out_of_range', reason: 'merch.published: rows.merch_affinities[0].weight = 1000000000 is out of range: weight must be above 0 and at most 1' },
      ]);
      expect(await merch()).toEqual([]);
      // Activation needs the same role: S2 never sees a version switched by a stranger.
      expect((await push(hubEvent(8, 'merch.published', published(4)))).acked).toHaveLength(1);
      expect((await push(hubEvent(9, 'merch.published', published(5)))).acked).toHaveLength(1);
      expect((await push(activate(10, 4, 'sam'))).rejected[0]!.code).toBe('not_permitted');
      expect(await active()).toEqual([5]);
    });
  });
});
