// Findings 1–3 of issue 13, as a hostile S1 register would send them: events naming store S2's
// customer are refused with a typed reason and change nothing S2's devices pull.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../store.js';
import { customerRow, hubEvent, NOW } from '../testFixtures.js';
import { applyEvent } from './index.js';
import { mayChangeCustomer, maySeeCustomer } from './ownership.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('ownership applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let s1: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    s1 = (await hub.store.addDevice('S1', NOW)).device;
    await hub.store.writeChanges([
      customerRow('C-000014', 'S2'),
      customerRow('C-000001', 'S1'),
      { stream: 'customers', table: 'customer_identifiers', key: { kind: 'email', value: 'ada@example.com', customer_id: 'C-000014' }, row: { kind: 'email', value: 'ada@example.com', customer_id: 'C-000014', raw: 'ada@example.com', is_primary: 1, created_at: NOW.toISOString() }, scopeStoreId: 'S2' },
    ]);
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(s1, events, NOW, applyEvent);
  const s2View = () => JSON.stringify(['customers', 'orders'].map(async (s) => (await hub.store.changesSince(s as 'customers', 'S2', 0, 1000)).changes));
  const s1Customers = async () => (await hub.store.changesSince('customers', 'S1', 0, 1000)).changes.map((c) => c.key.id ?? c.key.customer_id);
  const at = NOW.toISOString();

  describe('ownership at the hub (issue 13)', () => {
    it('finding 1: a customer.merged from S1 naming S2\'s customer is refused, and S2 keeps it', async () => {
      const before = await s2View();
      const merged = hubEvent(1, 'customer.merged', { survivorId: 'C-000001', mergedId: 'C-000014', mergedBy: 'E-S1-01', storeId: 'S1', at });
      const res = await push(merged);
      expect(res.acked).toEqual([]);
      expect(res.rejected).toEqual([{ id: merged.id, code: 'customer_not_in_store', reason: expect.stringContaining('C-000014 belongs to another store') }]);
      expect(await s2View()).toBe(before);
      expect(await s1Customers()).not.toContain('C-000014');
      // The other way round (S2's customer as the survivor) is refused too.
      const reverse = hubEvent(2, 'customer.merged', { survivorId: 'C-000014', mergedId: 'C-000001', mergedBy: 'E-S1-01', storeId: 'S1', at });
      expect((await push(reverse)).rejected[0]!.code).toBe('customer_not_in_store');
      expect(await s2View()).toBe(before);
    });

    it('finding 2: a customer.updated from S1 cannot set S2\'s customer\'s email', async () => {
      const before = await s2View();
      const update = hubEvent(1, 'customer.updated', { customerId: 'C-000014', email: 'attacker@evil.example', phone: null, firstName: 'Ada', lastName: 'Lovelace', storeId: 'S1', at });
      expect((await push(update)).rejected).toEqual([{ id: update.id, code: 'customer_not_in_store', reason: expect.any(String) }]);
      expect(await s2View()).toBe(before);
      // Nor can customer.created take over an id another store holds.
      const created = hubEvent(2, 'customer.created', { customerId: 'C-000014', email: 'attacker@evil.example', phone: null, firstName: 'A', lastName: 'B', storeId: 'S1', at });
      expect((await push(created)).rejected[0]!.code).toBe('customer_not_in_store');
      expect(await s2View()).toBe(before);
    });

    it('finding 3: a consent.changed from S1 cannot grant marketing for S2\'s customer', async () => {
      const before = await s2View();
      const consent = hubEvent(1, 'consent.changed', {
        customerId: 'C-000014', purpose: 'marketing', status: 'granted', channel: 'email', textVersion: 'v1', source: 'checkout', recordedBy: 'E-S1-01', storeId: 'S1', registerId: 'R1', recordedAt: at,
      });
      expect((await push(consent)).rejected).toEqual([{ id: consent.id, code: 'customer_not_in_store', reason: expect.any(String) }]);
      expect(await s2View()).toBe(before);
    });

    it('a consent planted for an id another store creates later does not follow that profile', async () => {
      const planted = hubEvent(1, 'consent.changed', {
        customerId: 'C-NEW', purpose: 'marketing', status: 'granted', channel: 'email', textVersion: 'v1', source: 'checkout', recordedBy: 'E-S1-01', storeId: 'S1', registerId: 'R1', recordedAt: at,
      });
      expect((await push(planted)).acked).toHaveLength(1); // waits hub-only, as a same-checkout consent does
      const s2 = (await hub.store.addDevice('S2', NOW)).device;
      const created = hubEvent(2, 'customer.created', { customerId: 'C-NEW', email: 'new@example.com', phone: null, firstName: 'N', lastName: 'W', storeId: 'S2', at });
      expect((await hub.store.ingestEvents(s2, [created], NOW, applyEvent)).acked).toHaveLength(1);
      expect((await hub.store.changesSince('customers', 'S2', 0, 100)).changes.filter((c) => c.table === 'consents')).toEqual([]);
    });

    it('analytics events may not name another store\'s customer; an unknown one (still queued) is fine', async () => {
      const outcome = (n: number, customerId: string | null) => hubEvent(n, 'checkout.outcome', { outcomeId: `o${n}`, outcome: 'declined', customerId, storeId: 'S1' });
      const res = await push(outcome(1, 'C-000014'), outcome(2, 'C-000001'), outcome(3, null), outcome(4, 'C-not-yet-pushed'));
      expect(res.rejected.map((r) => [r.id, r.code])).toEqual([[outcome(1, null).id, 'customer_not_in_store']]);
      expect(res.acked).toHaveLength(3);
    });

    it('decides by the survivor\'s home store for a merged profile, and knows no customer it does not hold', async () => {
      await hub.store.writeChanges([{ ...customerRow('C-M', 'S1'), row: { ...customerRow('C-M', 'S1').row!, merged_into: 'C-000014' } }]);
      await hub.store.transact(async (reader) => {
        expect(await mayChangeCustomer(reader, 'S1', 'C-M')).toMatchObject({ ok: false, code: 'customer_not_in_store' });
        expect(await mayChangeCustomer(reader, 'S2', 'C-M')).toMatchObject({ ok: true });
        expect(await mayChangeCustomer(reader, 'S1', 'C-404')).toMatchObject({ ok: false, code: 'unknown_reference' });
        expect(await maySeeCustomer(reader, 'S1', 'C-404', { unknownIsOk: true })).toMatchObject({ ok: true });
        return { changes: [], result: null };
      });
    });
  });
});
