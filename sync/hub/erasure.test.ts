import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeKlaviyo, FakeSegment } from './connectors/api/fakes/fakeMarketing.js';
import type { OutboundOutcome } from './connectors/api/outbound.js';
import { addConnector, runConnector } from './connectors/api/registry.js';
import { openTestHub, type TestHub } from './connectors/api/testKit.js';
import { feedOf } from './connectors/feeds.js';
import { ingestFeed } from './connectors/ingest.js';
import { eraseCustomer, ErasureError, formatErasure } from './erasure.js';
import { hubStoreCases } from './postgres/testStore.js';
import { buildHubServer } from './server.js';

const OPERATOR = { by: 'cli' as const, name: 'privacy-officer' };

const cases = hubStoreCases();

describe.each(cases)('the hub erasure flow on $name', (storeCase) => {
  let hub: TestHub;
  let klaviyo: FakeKlaviyo;
  let segment: FakeSegment;

  const COLUMNS = ['customer_id', 'first_name', 'last_name', 'email', 'phone', 'city', 'marketing_consent', 'marketing_consent_source', 'marketing_consent_at'];
  async function customers(rows: string[][]): Promise<void> {
    const records = rows.map((v, i) => ({ line: i + 2, values: Object.fromEntries(COLUMNS.map((c, j) => [c, v[j] ?? ''])) }));
    expect((await ingestFeed(hub.store, feedOf('customers'), COLUMNS, records, { file: 'test', source: 'cli', now: hub.clock.now() })).rejections).toEqual([]);
  }
  const held = (table: string, column: string, id: string) => hub.store.transact(async (r) => ({ changes: [], result: await r.rowsWhere(table, column, id) }));
  const profile = (id: string) => hub.store.transact(async (r) => ({ changes: [], result: await r.row('customers', { id }) }));
  const run = async (id: string) => (await runConnector(hub.deps, id)) as OutboundOutcome;

  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    klaviyo = new FakeKlaviyo();
    segment = new FakeSegment();
    await addConnector(hub.deps, { vendor: 'klaviyo', id: 'kl', config: { endpoint: await klaviyo.start() }, secret: klaviyo.apiKey });
    const origin = await segment.start();
    await addConnector(hub.deps, { vendor: 'segment', id: 'sg', config: { endpoint: origin, apiEndpoint: origin }, secret: `${segment.writeKey}\n${segment.apiToken}` });
    await customers([
      ['c1', 'Dana', 'Reyes', 'Dana.Reyes@example.com', '+1 303 555 0150', 'Denver', 'granted', 'checkout', '2026-11-20T10:00:00Z'],
      ['c2', 'Eli', 'Moss', 'eli@example.com', '', '', 'granted', 'checkout', '2026-11-20T10:00:00Z'],
    ]);
  });
  afterEach(async () => {
    await klaviyo.close();
    await segment.close();
    await hub.close();
  });

  it('an admin erases a customer by email: tombstone at the hub, identifiers and consents gone, a deletion at Klaviyo and a Segment regulation', async () => {
    await run('kl');
    await run('sg');
    expect(klaviyo.subscribed.has('Dana.Reyes@example.com')).toBe(true);
    const server = buildHubServer(hub.store, { connectors: hub.deps.state, now: () => hub.clock.now() });
    const admin = (await hub.store.addAdmin('privacy desk', hub.clock.now())).token;
    const res = await server.inject({ method: 'POST', url: '/v1/admin/customers/erase', headers: { authorization: `Bearer ${admin}` }, payload: { customer: ' dana.reyes@EXAMPLE.com ' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ customerId: 'c1', erased: ['c1'], identifiersRemoved: 2, consentsRemoved: 1, deletionsQueued: [{ connectorId: 'kl', vendor: 'klaviyo' }, { connectorId: 'sg', vendor: 'segment' }] });
    expect(await profile('c1')).toMatchObject({ status: 'erased', first_name: '', last_name: '', city: null });
    expect(await held('customer_identifiers', 'customer_id', 'c1')).toEqual([]);
    expect(await held('consents', 'customer_id', 'c1')).toEqual([]);
    // The deletions were queued with the erasure; the connectors' next runs send them, once.
    expect((await hub.deps.state.outbox('kl', 'pending', 10)).map((i) => i.kind)).toEqual(['erase']);
    await run('kl');
    await run('sg');
    await run('kl');
    expect(klaviyo.calls.filter((c) => c.path === '/api/data-privacy-deletion-jobs')).toEqual([{ path: '/api/data-privacy-deletion-jobs', who: 'Dana.Reyes@example.com' }]);
    expect(segment.regulations).toEqual([{ regulationType: 'SUPPRESS_WITH_DELETE', subjectType: 'USER_ID', subjectIds: ['c1'], regulateId: 'reg_1' }]);
    expect(klaviyo.refused).toEqual([]);
    expect(segment.refused).toEqual([]);
    expect(await hub.deps.state.identity('kl', 'c1')).toBeNull();
    expect(await hub.deps.state.identity('sg', 'c1')).toBeNull();
    // Once erased, a feed cannot bring the customer back, and erasing again is refused.
    const again = await server.inject({ method: 'POST', url: '/v1/admin/customers/erase', headers: { authorization: `Bearer ${admin}` }, payload: { customer: 'c1' } });
    expect(again.statusCode).toBe(409);
    await server.close();
  });

  it('stops pending sends: a customer erased before the vendor got them leaves nothing with any vendor', async () => {
    // Both vendors down: every send stays pending.
    klaviyo.faults.push(...Array(6).fill('500'));
    segment.faults.push(...Array(6).fill('500'));
    await run('kl');
    await run('sg');
    expect((await hub.deps.state.outbox('kl', 'pending', 10)).map((i) => i.customerId).sort()).toEqual(['c1', 'c2']);
    expect((await hub.deps.state.outbox('sg', 'pending', 10)).map((i) => i.customerId).sort()).toEqual(['c1', 'c2']);
    const result = await eraseCustomer(hub.store, hub.deps.state, 'c2', hub.clock.now(), OPERATOR);
    expect(result.sendsDropped).toBe(2);
    hub.clock.advance(24 * 3_600_000);
    await run('kl');
    await run('sg');
    expect(klaviyo.calls.filter((c) => c.who === 'eli@example.com')).toEqual([]);
    expect(segment.messages.filter((m) => m.userId === 'c2')).toEqual([]);
    // Neither vendor ever held the customer: there is nothing to delete there either.
    expect(segment.regulations).toEqual([]);
    expect((await hub.deps.state.outbox('kl', 'dropped', 10)).map((i) => i.kind).sort()).toContain('erase');
  });

  it('refuses what an attacker or a mistaken operator sends', async () => {
    const server = buildHubServer(hub.store, { connectors: hub.deps.state, now: () => hub.clock.now() });
    const admin = (await hub.store.addAdmin('ops', hub.clock.now())).token;
    const device = (await hub.store.addDevice('S1', hub.clock.now())).token;
    const post = (payload: unknown, token?: string) => server.inject({ method: 'POST', url: '/v1/admin/customers/erase', ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}), payload: payload as object });
    expect((await post({ customer: 'c1' })).statusCode).toBe(401);
    expect((await post({ customer: 'c1' }, device)).statusCode).toBe(401);
    expect((await post({ customer: 'c1' }, `${admin}x`)).statusCode).toBe(401);
    expect((await post({ customer: 'c1', also: 'c2' }, admin)).json()).toMatchObject({ error: { code: 'invalid_message' } });
    expect((await post({ customer: ['c1', 'c2'] }, admin)).statusCode).toBe(400);
    expect((await post({ customer: 'nobody' }, admin)).statusCode).toBe(404);
    expect((await post({ customer: 'not-an-@-address' }, admin)).statusCode).toBe(400);
    expect(await profile('c1')).toMatchObject({ status: 'active', first_name: 'Dana' });
    // A merged profile is the survivor's person: the survivor is named.
    await hub.store.transact(async (r) => ({ changes: [{ stream: 'customers', table: 'customers', key: { id: 'c2' }, row: { ...(await r.row('customers', { id: 'c2' }))!, merged_into: 'c1' }, scopeStoreId: '' }], result: null }));
    await expect(eraseCustomer(hub.store, hub.deps.state, 'c2', hub.clock.now(), OPERATOR)).rejects.toThrow(ErasureError);
    await expect(eraseCustomer(hub.store, hub.deps.state, 'c2', hub.clock.now(), OPERATOR)).rejects.toThrow(/erase c1/);
    // Erasing the survivor takes the profile merged into it along.
    expect((await eraseCustomer(hub.store, hub.deps.state, 'c1', hub.clock.now(), OPERATOR)).erased).toEqual(['c1', 'c2']);
    expect(await profile('c2')).toMatchObject({ status: 'erased', first_name: '' });
    await server.close();
  });

  it('a Segment connector without a Public API token parks the erasure as a dead letter saying why', async () => {
    await addConnector(hub.deps, { vendor: 'segment', id: 'sg2', config: { endpoint: segment.origin(), apiEndpoint: segment.origin() }, secret: segment.writeKey });
    await run('sg2');
    await eraseCustomer(hub.store, hub.deps.state, 'c1', hub.clock.now(), OPERATOR);
    await run('sg2');
    expect((await hub.deps.state.outbox('sg2', 'dead', 10))[0]).toMatchObject({ kind: 'erase', lastError: expect.stringMatching(/Public API token/) });
    expect(segment.regulations).toEqual([]);
  });

  it('keeps an audit of every request: who asked, when, which customer by id, what was deleted, each deletion as it stands', async () => {
    await run('kl');
    const server = buildHubServer(hub.store, { connectors: hub.deps.state, now: () => hub.clock.now() });
    const { admin, token } = await hub.store.addAdmin('privacy desk', hub.clock.now());
    const device = (await hub.store.addDevice('S1', hub.clock.now())).token;
    const erase = (customer: string) => server.inject({ method: 'POST', url: '/v1/admin/customers/erase', headers: { authorization: `Bearer ${token}` }, payload: { customer } });
    const audit = (t?: string) => server.inject({ method: 'GET', url: '/v1/admin/customers/erasures', ...(t ? { headers: { authorization: `Bearer ${t}` } } : {}) });
    expect((await erase('nobody@example.com')).statusCode).toBe(404);
    expect((await erase('Dana.Reyes@example.com')).statusCode).toBe(200);
    hub.clock.advance(60_000);
    await eraseCustomer(hub.store, hub.deps.state, 'c2', hub.clock.now(), OPERATOR);
    await run('kl');
    await run('sg');
    const res = await audit(token);
    expect(res.statusCode).toBe(200);
    const { erasures } = res.json() as { erasures: unknown[] };
    expect(erasures).toMatchObject([
      { requestedBy: 'cli', requester: 'privacy-officer', customerId: 'c2', outcome: 'erased', detail: { erased: ['c2'], identifiersRemoved: 1, consentsRemoved: 1 } },
      {
        requestedBy: 'admin', requester: admin.id, customerId: 'c1', outcome: 'erased',
        detail: { erased: ['c1'], identifiersRemoved: 2, consentsRemoved: 1, deletionsQueued: [{ connectorId: 'kl', vendor: 'klaviyo' }, { connectorId: 'sg', vendor: 'segment' }] },
        // Segment never got this customer before the erasure: nothing to delete there.
        deletions: [{ connectorId: 'kl', status: 'sent' }, { connectorId: 'sg', status: 'dropped', error: expect.any(String) }],
      },
      // A refused request is kept too, and never with the address it was asked with.
      { requestedBy: 'admin', requester: admin.id, customerId: null, outcome: 'not_found', detail: { erased: [] } },
    ]);
    expect(JSON.stringify(erasures)).not.toMatch(/@|Dana|Reyes|555/i);
    expect(formatErasure((await hub.deps.state.erasures(1))[0]!)).toMatch(/operator privacy-officer {2}erased customer c2 \(1 profile/);
    // Attackers: no token, a device token, a forged or revoked admin token; nor may the audit be written through the API.
    expect((await audit()).statusCode).toBe(401);
    expect((await audit(device)).statusCode).toBe(401);
    expect((await audit(`${token}x`)).statusCode).toBe(401);
    const write = await server.inject({ method: 'POST', url: '/v1/admin/customers/erasures', headers: { authorization: `Bearer ${token}` }, payload: { customerId: 'c9' } });
    expect(write.statusCode).toBe(404);
    await hub.store.revokeAdmin(admin.id, hub.clock.now());
    expect((await audit(token)).statusCode).toBe(401);
    expect(await hub.deps.state.erasures(10)).toHaveLength(3);
    await server.close();
  });

  it('an erasure that fails part-way leaves neither the erasure nor its audit entry', async () => {
    const failing = { ...hub.deps.state, atomically: hub.deps.state.atomically.bind(hub.deps.state), enqueue: () => { throw new Error('disk full'); } } as typeof hub.deps.state;
    Object.setPrototypeOf(failing, Object.getPrototypeOf(hub.deps.state));
    await expect(eraseCustomer(hub.store, failing, 'c1', hub.clock.now(), OPERATOR)).rejects.toThrow(/disk full/);
    expect(await profile('c1')).toMatchObject({ status: 'active' });
    expect(await hub.deps.state.erasures(10)).toEqual([]);
  });

  it('an erasure whose audit entry cannot be written leaves nothing done: one transaction with the rows, the outbox and the audit', async () => {
    klaviyo.faults.push(...Array(6).fill('500'));
    await run('kl');
    const failing = { ...hub.deps.state, recordErasure: () => Promise.reject(new Error('audit unavailable')) } as typeof hub.deps.state;
    Object.setPrototypeOf(failing, Object.getPrototypeOf(hub.deps.state));
    await expect(eraseCustomer(hub.store, failing, 'c1', hub.clock.now(), OPERATOR)).rejects.toThrow(/audit unavailable/);
    expect(await profile('c1')).toMatchObject({ status: 'active', first_name: 'Dana' });
    expect(await held('customer_identifiers', 'customer_id', 'c1')).toHaveLength(2);
    // The pending sends were not dropped, nor the deletions queued.
    expect((await hub.deps.state.outbox('kl', 'pending', 10)).map((i) => i.kind).sort()).toEqual(['subscribe', 'subscribe']);
    expect(await hub.deps.state.outbox('kl', 'dropped', 10)).toEqual([]);
    expect(await hub.deps.state.erasures(10)).toEqual([]);
  });
});
