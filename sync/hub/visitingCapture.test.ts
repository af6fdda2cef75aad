// A visiting customer at the till (issue 15): a Denver register that found a Salt Lake customer
// through the hub's audited read records the email, consents and sale against that customer, not
// a second profile; the home store keeps owning all of it. Without that audited find, the same
// events are refused as before, and merging or moving another store's customer stays refused.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type PushResponse } from '../protocol/index.js';
import { buildHubServer } from './server.js';
import { hubStoreCases } from './postgres/testStore.js';
import type { HubStore, RowChange } from './store.js';
import { customerRow, NOW, smallCatalog, staffRow, uuid7 } from './testFixtures.js';

describe.each(hubStoreCases())('visiting capture ($name store)', ({ open }) => {
  let hub: { store: HubStore; dispose(): Promise<void> };
  let app: FastifyInstance;
  let s1: string;
  let s3: string;

  const identifier = (kind: string, value: string, customerId: string, scope: string): RowChange => ({
    stream: 'customers', table: 'customer_identifiers', key: { kind, value, customer_id: customerId },
    row: { kind, value, customer_id: customerId, raw: value, is_primary: 1, created_at: NOW.toISOString() }, scopeStoreId: scope,
  });

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges([
      ...smallCatalog(),
      staffRow('ava', 'S1'),
      staffRow('cal', 'S3'),
      customerRow('C-S2', 'S2'),
      identifier('email', 'maya@example.com', 'C-S2', 'S2'),
      customerRow('C-S1', 'S1'),
    ]);
    s1 = (await hub.store.addDevice('S1', NOW)).token;
    s3 = (await hub.store.addDevice('S3', NOW)).token;
    app = buildHubServer(hub.store, { now: () => NOW, rateLimit: false });
  });
  afterEach(async () => {
    await app.close();
    await hub.dispose();
  });

  const at = NOW.toISOString();
  let n = 0;
  const event = (kind: string, payload: Record<string, unknown>) => ({ id: uuid7(++n), kind, payload, createdAt: at });
  /** What the register sends when the associate captures Maya's address at the till of `storeId`. */
  const checkout = (storeId: string, customerId = 'C-S2') => [
    event('customer.updated', { customerId, email: 'maya@example.com', phone: '+13035550142', firstName: '', lastName: '', storeId, at }),
    event('consent.changed', { customerId, purpose: 'receipts', status: 'granted', channel: 'email', textVersion: 'v1', source: 'checkout', recordedBy: 'ava', storeId, registerId: null, recordedAt: at }),
    event('sale.completed', { orderId: `O-${n}`, storeId, registerId: 'R1', associateId: 'ava', customerId, placedAt: at, lines: [{ lineNo: 1, sku: 'TENT-1', quantity: 1, unitPriceCents: 1000, discountCents: 0 }] }),
    event('checkout.outcome', { outcomeId: `o-${n}`, outcome: 'captured_updated', customerId, storeId, registerId: 'R1', associateId: 'ava', occurredAt: at }),
  ];
  async function push(token: string, events: ReturnType<typeof event>[]): Promise<PushResponse> {
    const res = await app.inject({ method: 'POST', url: '/v1/push', payload: { protocol: PROTOCOL_VERSION, events }, headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    return res.json() as PushResponse;
  }
  const lookup = (token: string, staffId: string, value: string) =>
    app.inject({ method: 'POST', url: '/v1/customers/visiting', payload: { protocol: PROTOCOL_VERSION, staffId, registerId: 'R1', kind: 'email', value }, headers: { authorization: `Bearer ${token}` } });
  const rows = async (table: string, customerId: string) => {
    const all = await hub.store.changesSince(table === 'orders' ? 'orders' : 'customers', 'S2', 0, 1000);
    return all.changes.filter((c) => c.table === table && c.row && c.row.customer_id === customerId);
  };

  describe('a visiting customer at the till', () => {
    it('takes the email, consents and sale of a register that found them through the hub, kept by their home store, with no second profile', async () => {
      // Before any register of S1 found her, her data is not S1's to write.
      const before = await push(s1, checkout('S1'));
      expect(before.acked).toEqual([]);
      expect(before.rejected.map((r) => r.reason)).toEqual([
        expect.stringMatching(/belongs to another store/),
        expect.stringMatching(/belongs to another store/),
        expect.stringMatching(/customer_not_of_store/),
        expect.stringMatching(/not a customer of store S1/),
      ]);
      // A near miss finds nobody, and grants nothing.
      expect((await lookup(s1, 'ava', 'maya1@example.com')).json().customer).toBeNull();
      expect((await push(s1, checkout('S1'))).acked).toEqual([]);

      expect((await lookup(s1, 'ava', 'maya@example.com')).json().customer.customerId).toBe('C-S2');
      const sent = checkout('S1');
      const after = await push(s1, sent);
      expect(after).toMatchObject({ acked: sent.map((e) => e.id), rejected: [] });

      // One profile: hers, still S2's, with the phone given in Denver; the consent and the sale go to S2's registers.
      const customers = (await hub.store.changesSince('customers', 'S2', 0, 1000)).changes.filter((c) => c.table === 'customers');
      expect(customers.map((c) => c.key.id).sort()).toEqual(['C-S2']);
      expect(customers[0]!.row!.home_store_id).toBe('S2');
      expect((await rows('customer_identifiers', 'C-S2')).map((c) => c.row!.value).sort()).toEqual(['+13035550142', 'maya@example.com']);
      expect((await rows('consents', 'C-S2')).map((c) => [c.row!.purpose, c.row!.store_id])).toEqual([['receipts', 'S1']]);
      expect((await rows('orders', 'C-S2')).map((c) => [c.row!.location_id, c.row!.register_id])).toEqual([['S1', 'R1']]);
      // S1's registers receive none of it: the customer stays with her home store.
      const s1Sees = [...(await hub.store.changesSince('customers', 'S1', 0, 1000)).changes, ...(await hub.store.changesSince('orders', 'S1', 0, 1000)).changes];
      expect(s1Sees.filter((c) => JSON.stringify(c).includes('C-S2'))).toEqual([]);
    });

    it('still refuses a store whose registers never found them, and any merge of another store\'s customer', async () => {
      expect((await lookup(s1, 'ava', 'maya@example.com')).json().customer.customerId).toBe('C-S2');
      // S1's find is S1's: a register of S3 gets nothing from it.
      expect((await push(s3, checkout('S3'))).acked).toEqual([]);
      const merge = await push(s1, [event('customer.merged', { survivorId: 'C-S1', mergedId: 'C-S2', mergedBy: 'ava', storeId: 'S1', at })]);
      expect(merge.rejected).toEqual([expect.objectContaining({ code: 'customer_not_in_store' })]);
      // A find long ago does not last: a week on, the same checkout is refused again.
      const later = buildHubServer(hub.store, { now: () => new Date(NOW.getTime() + 8 * 86_400_000), rateLimit: false });
      try {
        const res = await later.inject({ method: 'POST', url: '/v1/push', payload: { protocol: PROTOCOL_VERSION, events: checkout('S1') }, headers: { authorization: `Bearer ${s1}` } });
        expect((res.json() as PushResponse).acked).toEqual([]);
      } finally {
        await later.close();
      }
    });
  });
});