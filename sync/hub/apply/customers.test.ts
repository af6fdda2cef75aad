import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyEvent } from './index.js';
import { emailMatchKey, nameKey } from '../../protocol/matchKeys.js';
import type { DeviceRecord } from '../store.js';
import { customerRow, hubEvent, NOW } from '../testFixtures.js';
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('customers applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;

  beforeEach(async () => {
    hub = await open();
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
  const pulled = async (store: string) => (await hub.store.changesSince('customers', store, 0, 1000)).changes;
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

  const created = (n: number, customerId: string, extra: object = {}) =>
    hubEvent(n, 'customer.created', { customerId, email: 'Zoe.Smith+shoes@GMail.com', phone: '+13035550100', firstName: 'Zoë', lastName: 'Smith', storeId: 'S1', at: at(0), ...extra });
  const consent = (n: number, customerId: string, status: string, recordedAt: string) =>
    hubEvent(n, 'consent.changed', {
      customerId, purpose: 'marketing', status, textVersion: 'v1', source: 'checkout', channel: 'email', recordedBy: 'ava', storeId: 'S1', registerId: 'R1', recordedAt,
    });

  describe('customer.created', () => {
    it('reaches the other devices of the home store only, with the match keys the device uses', async () => {
      await push(created(1, 'C-1'));
      expect(await pulled('S2')).toEqual([]);
      const rows = await pulled('S1');
      expect(rows.map((c) => c.table)).toEqual(['customers', 'customer_identifiers', 'customer_identifiers']);
      expect(rows[0]!.row).toMatchObject({ id: 'C-1', first_name: 'Zoë', first_name_key: 'zoe', last_name_key: 'smith', home_store_id: 'S1', status: 'active' });
      expect(rows[1]!.row).toMatchObject({ kind: 'email', value: 'zoesmith@gmail.com', raw: 'Zoe.Smith+shoes@GMail.com', is_primary: 1 });
      expect(rows[2]!.row).toMatchObject({ kind: 'phone', value: '+13035550100', is_primary: 0 });
    });

    it('brings along consents recorded in the same checkout, which reach the hub before the profile', async () => {
      await push(consent(1, 'C-2', 'granted', at(0)));
      expect(await pulled('S1')).toEqual([]); // waits at the hub: no device could apply a consent without its customer
      await push(created(2, 'C-2'));
      const rows = await pulled('S1');
      expect(rows.map((c) => c.table)).toEqual(['customers', 'customer_identifiers', 'customer_identifiers', 'consents']);
      expect(rows[3]!.row).toMatchObject({ customer_id: 'C-2', purpose: 'marketing', status: 'granted', store_id: 'S1', register_id: 'R1' });
    });

    it('refuses a payload without what the hub needs, by id', async () => {
      const res = await push(hubEvent(1, 'customer.created', { customerId: 'C-3', storeId: 'S1' }), created(2, 'C-4', { email: 'not-an-address' }));
      expect(res.rejected.map((r) => r.reason)).toEqual([expect.stringMatching(/customer.created payload: email/), 'customer.created: "not-an-address" is not an email address']);
      expect(await pulled('S1')).toEqual([]);
    });
  });

  describe('consent.changed', () => {
    it('keeps the latest decision: one recorded earlier that arrives late changes nothing', async () => {
      await hub.store.writeChanges([customerRow('C-1', 'S1')]);
      await push(consent(1, 'C-1', 'withdrawn', at(10)));
      await push(consent(2, 'C-1', 'granted', at(5)));
      const consents = (await pulled('S1')).filter((c) => c.table === 'consents');
      expect(consents.map((c) => c.row?.status)).toEqual(['withdrawn']);
    });
  });

  describe('customer.updated', () => {
    it('makes the new address primary and refuses a customer the hub does not know', async () => {
      await hub.store.writeChanges([customerRow('C-1', 'S1')]);
      await push(hubEvent(1, 'customer.updated', { customerId: 'C-1', email: 'old@example.com', phone: null, firstName: 'Ada', lastName: 'Lovelace', storeId: 'S1', at: at(1) }));
      await push(hubEvent(2, 'customer.updated', { customerId: 'C-1', email: 'new@example.com', phone: null, firstName: 'Ada', lastName: 'Lovelace', storeId: 'S1', at: at(2) }));
      const emails = (await pulled('S1')).filter((c) => c.table === 'customer_identifiers').map((c) => [c.row?.value, c.row?.is_primary]);
      expect(emails).toEqual([['old@example.com', 0], ['new@example.com', 1]]);
      const res = await push(hubEvent(3, 'customer.updated', { customerId: 'C-404', email: 'x@example.com', phone: null, firstName: '', lastName: '', storeId: 'S1', at: at(3) }));
      expect(res.rejected[0]!.reason).toBe('customer C-404 is not known at the hub');
    });
  });

  describe('customer.merged', () => {
    it('folds the profile into the survivor: identifiers copied, order history moved', async () => {
      await hub.store.writeChanges([
        customerRow('C-1', 'S1'),
        customerRow('C-2', 'S1'),
        { stream: 'customers', table: 'customer_identifiers', key: { kind: 'phone', value: '+13035550111', customer_id: 'C-2' }, row: { kind: 'phone', value: '+13035550111', customer_id: 'C-2', raw: '303 555 0111', is_primary: 1, created_at: at(0) }, scopeStoreId: 'S1' },
        { stream: 'orders', table: 'orders', key: { id: 'O-1' }, row: { id: 'O-1', customer_id: 'C-2', channel: 'store', location_id: 'S1', register_id: 'R1', associate_id: 'ava', placed_at: at(0), subtotal_cents: 100, discount_cents: 0, status: 'completed' }, scopeStoreId: 'S1' },
        { stream: 'orders', table: 'order_lines', key: { order_id: 'O-1', line_no: 1 }, row: { order_id: 'O-1', line_no: 1, sku: 'TENT-1', quantity: 1, unit_price_cents: 100, discount_cents: 0 }, scopeStoreId: 'S1' },
      ]);
      const merged = hubEvent(1, 'customer.merged', { survivorId: 'C-1', mergedId: 'C-2', mergedBy: 'ava', storeId: 'S1', at: at(5) });
      expect((await push(merged)).acked).toEqual([merged.id]);
      const since = (await hub.store.changesSince('customers', 'S1', 0, 1000)).changes;
      expect(since.find((c) => c.key.id === 'C-2')?.row).toMatchObject({ merged_into: 'C-1', updated_at: at(5) });
      expect(since.filter((c) => c.table === 'customer_identifiers' && c.key.customer_id === 'C-1').map((c) => c.row)).toEqual([
        { kind: 'phone', value: '+13035550111', customer_id: 'C-1', raw: '303 555 0111', is_primary: 0, created_at: at(5) },
      ]);
      const orders = (await hub.store.changesSince('orders', 'S1', 0, 1000)).changes;
      expect(orders.find((c) => c.table === 'orders')?.row?.customer_id).toBe('C-1');
      // A second merge event for the same pair (another register) changes nothing.
      const before = (await hub.store.changesSince('customers', 'S1', 0, 1000)).changes;
      await push(hubEvent(2, 'customer.merged', { survivorId: 'C-1', mergedId: 'C-2', mergedBy: 'sam', storeId: 'S1', at: at(6) }));
      expect((await hub.store.changesSince('customers', 'S1', 0, 1000)).changes).toEqual(before);
    });

    describe('and a move of the survivor at head office', () => {
      const merge = (n: number) => hubEvent(n, 'customer.merged', { survivorId: 'C-1', mergedId: 'C-2', mergedBy: 'ava', storeId: 'S1', at: at(5) });
      const order: ReturnType<typeof customerRow> = {
        stream: 'orders', table: 'orders', key: { id: 'O-2' },
        row: { id: 'O-2', customer_id: 'C-2', channel: 'store', location_id: 'S1', register_id: 'R1', associate_id: 'ava', placed_at: at(0), subtotal_cents: 100, discount_cents: 0, status: 'completed' },
        scopeStoreId: 'S1',
      };
      const live = async (store: string) => {
        const rows = new Map<string, unknown>();
        for (const c of (await pulled(store))) rows.set(`${c.table} ${JSON.stringify(c.key)}`, c.row);
        return [...rows].filter(([, row]) => row).map(([k]) => k);
      };

      it('a merge into a customer who just moved to another store is refused: that customer is no longer this store\'s to change', async () => {
        await hub.store.writeChanges([customerRow('C-1', 'S1'), customerRow('C-2', 'S1'), order]);
        await hub.store.writeChanges([customerRow('C-1', 'S2')]);
        const before = (await hub.store.changesSince('customers', 'S2', 0, 100)).changes;
        const res = await push(merge(1));
        expect(res.rejected).toEqual([{ id: merge(1).id, code: 'customer_not_in_store', reason: 'customer C-1 belongs to another store, so a device of store S1 may not change it' }]);
        expect((await hub.store.changesSince('customers', 'S2', 0, 100)).changes).toEqual(before);
        expect(await live('S1')).toEqual(['customers {"id":"C-2"}']);
      });

      it('a later move of the survivor takes the profiles merged into it along', async () => {
        await hub.store.writeChanges([customerRow('C-1', 'S1'), customerRow('C-2', 'S1'), order]);
        await push(merge(1));
        await hub.store.writeChanges([customerRow('C-1', 'S2')]);
        expect(await live('S1')).toEqual([]);
        expect(await live('S2')).toEqual(['customers {"id":"C-1"}', 'customers {"id":"C-2"}']);
        expect((await pulled('S1')).filter((c) => !c.row).map((c) => c.key.id)).toEqual(['C-2', 'C-1']);
      });
    });

    it('refuses a merge of unknown or already merged profiles', async () => {
      await hub.store.writeChanges([customerRow('C-1', 'S1'), customerRow('C-2', 'S1'), customerRow('C-3', 'S1')]);
      const merge = (n: number, survivorId: string, mergedId: string) => hubEvent(n, 'customer.merged', { survivorId, mergedId, mergedBy: 'ava', storeId: 'S1', at: at(n) });
      await push(merge(1, 'C-1', 'C-2'));
      const res = await push(merge(2, 'C-9', 'C-1'), merge(3, 'C-3', 'C-2'), merge(4, 'C-1', 'C-1'));
      expect(res.rejected.map((r) => r.reason)).toEqual([
        'customer C-9 is not known at the hub',
        'customer C-2 was already merged into C-1',
        'customer.merged: a profile cannot be merged into itself',
      ]);
    });
  });

  describe('match keys', () => {
    it('mirror the device: accents dropped, gmail dots and tags folded, IDN domains in ASCII', () => {
      expect(nameKey(' Zoë-Anne O\'Brien! ')).toBe("zoe-anne o'brien");
      expect(emailMatchKey('J.Doe+x@googlemail.com')).toBe('jdoe@gmail.com');
      expect(emailMatchKey('Ana@Bücher.de')).toBe('ana@xn--bcher-kva.de');
      expect(emailMatchKey('nope')).toBeNull();
    });
  });
});
