// Finding 6 of issue 13: a replay of an acked event changes nothing, and an event id reused with
// other content is refused as event_id_conflict, never acked. (Removing the replay guard in
// SqliteHubStore.ingestEvents makes the first test fail: the late replay re-activates version 1.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './apply/index.js';
import type { DeviceRecord } from './store.js';
import { hubEvent, NOW, staffRow, tempStore } from './testFixtures.js';

let hub: ReturnType<typeof tempStore>;
let device: DeviceRecord;

beforeEach(() => {
  hub = tempStore();
  device = hub.store.addDevice('S1', NOW).device;
  hub.store.writeChanges([staffRow('priya', 'S1', 'merchandiser')]);
  hub.store.grantChainRole('priya', NOW);
});
afterEach(() => hub.dispose());

const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
const merch = () => hub.store.changesSince('merch_config', 'S1', 0, 1000).changes;
const active = () => {
  const latest = new Map<unknown, unknown>();
  for (const c of merch()) if (c.table === 'merch_config') latest.set(c.key.version, c.row?.is_active);
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
  it('finding 6: a late replay of an acked activation changes nothing, so an older version never comes back', () => {
    push(hubEvent(1, 'merch.published', published(1)), hubEvent(2, 'merch.published', published(2)));
    const rollback = activate(3, 1);
    expect(push(rollback).acked).toEqual([rollback.id]);
    expect(push(hubEvent(4, 'merch.published', published(3))).acked).toHaveLength(1);
    expect(active()).toEqual([3]);
    const before = merch();

    // The network delivers the rollback again, much later: acked (the device may drop it), and nothing moves.
    expect(push(rollback)).toEqual({ acked: [rollback.id], rejected: [] });
    expect(merch()).toEqual(before);
    expect(active()).toEqual([3]);
  });

  it('finding 6: an id reused with another payload is refused as event_id_conflict and the held event stays as it was', () => {
    const first = activate(5, 1);
    push(hubEvent(1, 'merch.published', published(1)), hubEvent(2, 'merch.published', published(2)), first);
    const before = merch();
    const reused = { ...activate(5, 2) };
    const res = push(reused);
    expect(res.acked).toEqual([]);
    expect(res.rejected).toEqual([{ id: reused.id, code: 'event_id_conflict', reason: expect.stringContaining('already held with other content') }]);
    expect(merch()).toEqual(before);
    expect(JSON.parse(hub.store.listEvents().find((e) => e.id === first.id)!.payload).version).toBe(1);
    // Another kind under the same id, or the same event from another device, is not the same event either.
    expect(push({ ...first, kind: 'starter.shown' }).rejected[0]!.code).toBe('event_id_conflict');
    const other = hub.store.addDevice('S1', NOW).device;
    expect(hub.store.ingestEvents(other, [first], NOW, applyEvent).rejected[0]!.code).toBe('event_id_conflict');
    // The same payload with its keys in another order is the same event.
    const reordered = { ...first, payload: Object.fromEntries(Object.entries(first.payload).reverse()) };
    expect(push(reordered).acked).toEqual([first.id]);
  });
});
