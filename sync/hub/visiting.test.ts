// The visiting-customer read as an attacker would try it: by id, by name, by walking keys, by a
// near-miss of a real key, from a person who is not staff of the store, with extra fields. Only an
// exact key of one person answers, and every ask is in the audit.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type VisitingResponse } from '../protocol/index.js';
import { buildHubServer } from './server.js';
import type { RowChange } from './store.js';
import { customerRow, NOW, smallCatalog, staffRow } from './testFixtures.js';
import { hubStoreCases, type HubStoreCase } from './postgres/testStore.js';

describe.each(hubStoreCases())('visiting lookups ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let app: FastifyInstance;
  let s1: string;

  const identifier = (kind: string, value: string, customerId: string, scope: string): RowChange => ({
    stream: 'customers', table: 'customer_identifiers', key: { kind, value, customer_id: customerId },
    row: { kind, value, customer_id: customerId, raw: value, is_primary: 1, created_at: NOW.toISOString() }, scopeStoreId: scope,
  });
  const consent = (customerId: string, scope: string): RowChange => ({
    stream: 'customers', table: 'consents', key: { customer_id: customerId, purpose: 'personalization', channel: 'email' },
    row: { customer_id: customerId, purpose: 'personalization', channel: 'email', status: 'granted', source: 'feed', text_version: 'v1', recorded_by: null, store_id: scope, register_id: null, recorded_at: NOW.toISOString() }, scopeStoreId: scope,
  });

  beforeEach(async () => {
    hub = await open();
    await hub.store.writeChanges([
      ...smallCatalog(),
      staffRow('ava', 'S1'),
      staffRow('sam', 'S2'),
      staffRow('gone', 'S1', 'associate', 0),
      customerRow('C-S2', 'S2'),
      identifier('email', 'maya@example.com', 'C-S2', 'S2'),
      identifier('loyalty', 'L-1001', 'C-S2', 'S2'),
      consent('C-S2', 'S2'),
      customerRow('C-S1', 'S1'),
      identifier('email', 'own@example.com', 'C-S1', 'S1'),
      // A phone two people share: neither is shown.
      customerRow('C-A', 'S2'),
      customerRow('C-B', 'S2'),
      identifier('phone', '+13035550100', 'C-A', 'S2'),
      identifier('phone', '+13035550100', 'C-B', 'S2'),
    ]);
    s1 = (await hub.store.addDevice('S1', NOW)).token;
    app = buildHubServer(hub.store, { now: () => NOW, rateLimit: false });
  });
  afterEach(async () => {
    await app.close();
    await hub.dispose();
  });

  const ask = (body: Record<string, unknown>, token = s1) =>
    app.inject({ method: 'POST', url: '/v1/customers/visiting', payload: { protocol: PROTOCOL_VERSION, staffId: 'ava', registerId: 'R1', ...body }, headers: { authorization: `Bearer ${token}` } });
  const found = async (body: Record<string, unknown>) => {
    const res = await ask(body);
    expect(res.statusCode).toBe(200);
    return (res.json() as VisitingResponse).customer;
  };

  describe('a visiting customer', () => {
    it('is found by an exact key, with only what a register needs, marked with the home store; the ask is audited', async () => {
      const c = await found({ kind: 'email', value: 'maya@example.com' });
      expect(c).toEqual({
        customerId: 'C-S2', firstName: 'Ada', lastName: 'Lovelace', homeStoreId: 'S2', homeStoreName: 'S2', matchedBy: 'email',
        consents: [{ purpose: 'personalization', channel: 'email', status: 'granted' }],
      });
      expect(await found({ kind: 'loyalty', value: 'L-1001' })).toMatchObject({ customerId: 'C-S2' });
      const audit = await hub.store.listVisitingLookups(10);
      expect(audit[1]).toMatchObject({ at: NOW.toISOString(), storeId: 'S1', registerId: 'R1', staffId: 'ava', kind: 'email', customerId: 'C-S2', outcome: 'found' });
      expect(audit[1]!.valueHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(audit)).not.toContain('maya@example.com');
    });

    it('answers nothing to a near miss, a walked key, a prefix, a key of the wrong kind, or a shared key — and audits each', async () => {
      for (const body of [
        { kind: 'email', value: 'Maya@example.com' },
        { kind: 'email', value: 'maya@example.co' },
        { kind: 'email', value: 'maya@' },
        { kind: 'email', value: 'maya@example.com ' },
        { kind: 'phone', value: 'maya@example.com' },
        { kind: 'loyalty', value: 'L-1002' },
        { kind: 'loyalty', value: 'L-100' },
        { kind: 'phone', value: '+13035550100' },
      ]) {
        expect(await found(body)).toBeNull();
      }
      expect((await hub.store.listVisitingLookups(100)).map((e) => e.outcome)).toEqual(Array(8).fill('not_found'));
    });

    it('never answers to a customer id, a name, extra fields or a missing key: the message is refused whole', async () => {
      for (const body of [
        { kind: 'id', value: 'C-S2' },
        { kind: 'name', value: 'Ada Lovelace' },
        { kind: 'email', value: 'maya@example.com', customerId: 'C-S2' },
        { customerId: 'C-S2' },
        { kind: 'email' },
        { kind: 'email', value: '' },
      ]) {
        const res = await ask(body);
        expect(res.statusCode).toBe(400);
        expect(res.body).not.toContain('Lovelace');
      }
    });

    it('is refused to someone who is not active staff of the device\'s store, and audited as refused', async () => {
      for (const staffId of ['sam', 'gone', 'nobody']) {
        const res = await ask({ staffId, kind: 'email', value: 'maya@example.com' });
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain('Lovelace');
      }
      expect((await hub.store.listVisitingLookups(10)).map((e) => e.outcome)).toEqual(['refused', 'refused', 'refused']);
    });

    it('needs a device token, and does not show the store its own customers or erased ones', async () => {
      expect((await ask({ kind: 'email', value: 'maya@example.com' }, 'ecd_nope')).statusCode).toBe(401);
      expect(await found({ kind: 'email', value: 'own@example.com' })).toBeNull();
      await hub.store.writeChanges([{ ...customerRow('C-S2', 'S2'), row: { ...customerRow('C-S2', 'S2').row!, status: 'erased' } }]);
      expect(await found({ kind: 'email', value: 'maya@example.com' })).toBeNull();
    });
  });
});
