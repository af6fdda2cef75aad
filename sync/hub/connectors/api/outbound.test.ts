import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildHubServer } from '../../server.js';
import { HUB_ONLY, type Row } from '../../store.js';
import { feedOf } from '../feeds.js';
import { ingestFeed } from '../ingest.js';
import { FakeKlaviyo, FakeSegment } from './fakes/fakeMarketing.js';
import { MAX_ATTEMPTS, type OutboundOutcome } from './outbound.js';
import { addConnector, describeConnector, runConnector } from './registry.js';
import { openTestHub, type TestHub } from './testKit.js';
import { hubStoreCases } from '../../postgres/testStore.js';

let hub: TestHub;
let klaviyo: FakeKlaviyo;
let segment: FakeSegment;

const COLUMNS = ['customer_id', 'first_name', 'last_name', 'email', 'status', 'marketing_consent', 'marketing_consent_source', 'marketing_consent_at'];
async function customers(rows: Partial<Record<string, string>>[]): Promise<void> {
  const records = rows.map((r, i) => ({ line: i + 2, values: Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? ''])) }));
  const report = await ingestFeed(hub.store, feedOf('customers'), COLUMNS, records, { file: 'test', source: 'cli', now: hub.clock.now() });
  expect(report.rejections).toEqual([]);
}
const granted = (id: string, email: string, at = '2026-11-20T10:00:00Z') => ({ customer_id: id, first_name: 'Dana', last_name: id, email, marketing_consent: 'granted', marketing_consent_source: 'checkout', marketing_consent_at: at });

/** The hub's erasure: the profile kept as a tombstone without personal data, identifiers gone. */
async function erase(id: string): Promise<void> {
  const held = await hub.store.transact(async (r) => ({ changes: [], result: { c: await r.row('customers', { id }), ids: await r.rowsWhere('customer_identifiers', 'customer_id', id) } }));
  const c: Row = { ...held.c!, first_name: '', last_name: '', first_name_key: '', last_name_key: '', status: 'erased', updated_at: hub.clock.now().toISOString() };
  await hub.store.writeChanges([
    { stream: 'customers', table: 'customers', key: { id }, row: c, scopeStoreId: HUB_ONLY },
    ...held.ids.map((i) => ({ stream: 'customers' as const, table: 'customer_identifiers', key: { kind: i.kind!, value: i.value!, customer_id: id }, row: null, scopeStoreId: HUB_ONLY })),
  ]);
}

const run = async (id: string) => (await runConnector(hub.deps, id)) as OutboundOutcome;

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    klaviyo = new FakeKlaviyo();
    segment = new FakeSegment();
    await addConnector(hub.deps, { vendor: 'klaviyo', id: 'kl', config: { endpoint: await klaviyo.start(), listId: 'Xy12Ab' }, secret: klaviyo.apiKey });
    await addConnector(hub.deps, { vendor: 'segment', id: 'sg', config: { endpoint: await segment.start() }, secret: segment.writeKey });
  });
  afterEach(async () => {
    await klaviyo.close();
    await segment.close();
    await hub.close();
  });

  describe('Klaviyo outbound', () => {
    it('subscribes only consented customers, once, and a withdrawal unsubscribes', async () => {
      await customers([granted('c1', 'Dana.One@Example.com'), { customer_id: 'c2', first_name: 'No', last_name: 'Decision', email: 'nod@example.com' }, { ...granted('c3', 'w@example.com'), marketing_consent: 'withdrawn' }]);
      const first = await run('kl');
      expect(first).toMatchObject({ sent: 1, error: null });
      expect(klaviyo.calls).toEqual([
        { path: '/api/profile-import', who: 'Dana.One@Example.com' },
        { path: '/api/profile-subscription-bulk-create-jobs', who: 'Dana.One@Example.com' },
      ]);
      expect(klaviyo.refused).toEqual([]);
      // Nothing new at the hub: nothing new is sent.
      await run('kl');
      expect(klaviyo.calls).toHaveLength(2);
      hub.clock.advance(60_000);
      await customers([{ ...granted('c1', 'Dana.One@Example.com', '2026-11-24T09:00:00Z'), marketing_consent: 'withdrawn' }]);
      await run('kl');
      expect(klaviyo.calls.at(-1)).toEqual({ path: '/api/profile-subscription-bulk-delete-jobs', who: 'Dana.One@Example.com' });
      expect(klaviyo.subscribed.size).toBe(0);
      expect(klaviyo.refused).toEqual([]);
    });

    it('subscribes to SMS only with an SMS consent, with the number only; an SMS withdrawal ends the SMS subscription', async () => {
      const SMS = ['customer_id', 'first_name', 'last_name', 'email', 'phone', 'marketing_consent', 'marketing_consent_at', 'marketing_sms_consent', 'marketing_sms_consent_at'];
      const load = async (values: string[][]) => {
        const report = await ingestFeed(hub.store, feedOf('customers'), SMS, values.map((v, i) => ({ line: i + 2, values: Object.fromEntries(SMS.map((c, j) => [c, v[j] ?? ''])) })), { file: 'test', source: 'cli', now: hub.clock.now() });
        expect(report.rejections).toEqual([]);
      };
      await load([
        ['both', 'Ana', 'Ortiz', 'ana@example.com', '+13035550142', 'granted', '2026-11-20T10:00:00Z', 'granted', '2026-11-20T10:01:00Z'],
        ['mail', 'Ben', 'Kim', 'ben@example.com', '+13035550143', 'granted', '2026-11-20T10:00:00Z', '', ''],
      ]);
      await run('kl');
      expect(klaviyo.refused).toEqual([]);
      const subs = klaviyo.calls.filter((c) => c.path === '/api/profile-subscription-bulk-create-jobs').map((c) => c.who).sort();
      expect(subs).toEqual(['+13035550142', 'ana@example.com', 'ben@example.com']);
      // Ben consented by email only: his number never left the hub.
      expect([...klaviyo.profiles.keys()]).not.toContain('+13035550143');
      expect(JSON.stringify([...klaviyo.profiles.values()])).not.toContain('5550143');
      hub.clock.advance(60_000);
      await load([['both', 'Ana', 'Ortiz', 'ana@example.com', '+13035550142', 'granted', '2026-11-20T10:00:00Z', 'withdrawn', '2026-11-24T09:00:00Z']]);
      await run('kl');
      expect(klaviyo.calls.at(-1)).toEqual({ path: '/api/profile-subscription-bulk-delete-jobs', who: '+13035550142' });
      expect(klaviyo.subscribed.has('ana@example.com')).toBe(true);
      expect(klaviyo.subscribed.has('+13035550142')).toBe(false);
      // Both addresses are remembered for an erasure.
      expect(await hub.deps.state.identity('kl', 'both')).toEqual({ email: 'ana@example.com', phone: '+13035550142' });
    });

    it('an erasure sends a deletion request for the address Klaviyo was given, then the hub forgets it', async () => {
      await customers([granted('c1', 'erase.me@example.com')]);
      await run('kl');
      await erase('c1');
      await run('kl');
      expect(klaviyo.calls.at(-1)).toEqual({ path: '/api/data-privacy-deletion-jobs', who: 'erase.me@example.com' });
      expect(klaviyo.deleted.has('erase.me@example.com')).toBe(true);
      expect(await hub.deps.state.identity('kl', 'c1')).toBeNull();
    });

    it('a customer suppressed or erased before the send never leaves', async () => {
      await customers([granted('c1', 'a@example.com'), granted('c2', 'b@example.com')]);
      // Planned but not sent (the vendor is down), then suppressed and erased at the hub.
      klaviyo.faults.push(...Array(6).fill('500'));
      await run('kl');
      expect(klaviyo.calls).toEqual([]);
      await customers([{ ...granted('c1', 'a@example.com'), status: 'suppressed' }]);
      await erase('c2');
      hub.clock.advance(24 * 3_600_000);
      const out = await run('kl');
      expect(out.sent).toBe(0);
      expect(klaviyo.calls).toEqual([]);
      // The subscribes were dropped; the suppression and erasure had nothing to tell (Klaviyo never got them).
      expect((await hub.deps.state.outbox('kl', 'dropped', 10)).map((i) => i.kind).sort()).toEqual(['erase', 'subscribe', 'subscribe', 'suppress']);
    });

    it('retries with backoff, then parks a send that keeps failing as a dead letter with the vendor\'s error', async () => {
      await customers([granted('c1', 'x@example.com')]);
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        klaviyo.faults.push('500', '500', '500');
        await run('kl');
        hub.clock.advance(2 * 3_600_000);
      }
      const dead = await hub.deps.state.outbox('kl', 'dead', 10);
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ kind: 'subscribe', attempts: MAX_ATTEMPTS });
      expect(dead[0]!.lastError).toContain('A server error occurred.');
      expect((await describeConnector(hub.deps.state, (await hub.deps.state.connector('kl'))!)).deadLetters).toHaveLength(1);
      // An admin sees it over HTTP too; the credential never.
      const server = buildHubServer(hub.store, { connectors: hub.deps.state, now: () => hub.clock.now() });
      const admin = (await hub.store.addAdmin('ops', hub.clock.now())).token;
      const res = await server.inject({ method: 'GET', url: '/v1/admin/connectors', headers: { authorization: `Bearer ${admin}` } });
      expect(res.statusCode).toBe(200);
      const kl = (res.json() as { connectors: { id: string; credential: string; deadLetters: { lastError: string }[] }[] }).connectors.find((c) => c.id === 'kl')!;
      expect(kl.credential).toBe('[redacted]');
      expect(kl.deadLetters[0]!.lastError).toContain('A server error occurred.');
      expect(res.body).not.toContain(klaviyo.apiKey);
      expect((await server.inject({ method: 'GET', url: '/v1/admin/connectors' })).statusCode).toBe(401);
      await server.close();
    });

    it("a customer's sends leave in order: a failed withdrawal holds back a later grant", async () => {
      await customers([granted('c1', 'order@example.com')]);
      await run('kl');
      await customers([{ ...granted('c1', 'order@example.com', '2026-11-24T09:00:00Z'), marketing_consent: 'withdrawn' }]);
      klaviyo.faults.push('500', '500', '500');
      await run('kl');
      await customers([granted('c1', 'order@example.com', '2026-11-25T09:00:00Z')]);
      // The unsubscribe waits for its retry time; the new subscribe waits behind it.
      await run('kl');
      expect((await hub.deps.state.outbox('kl', 'pending', 10)).map((i) => i.kind)).toEqual(['unsubscribe', 'subscribe']);
      hub.clock.advance(2 * 3_600_000);
      await run('kl');
      expect(klaviyo.calls.slice(2).map((c) => c.path)).toEqual(['/api/profile-subscription-bulk-delete-jobs', '/api/profile-import', '/api/profile-subscription-bulk-create-jobs']);
      expect(klaviyo.subscribed.has('order@example.com')).toBe(true);
    });

    it('a request Klaviyo refuses (4xx) is parked at once, and a 429 is waited out', async () => {
      await customers([granted('c1', 'x@example.com'), granted('c2', 'y@example.com')]);
      klaviyo.faults.push('400', '429');
      const out = await run('kl');
      expect(out).toMatchObject({ dead: 1, sent: 1 });
      expect((await hub.deps.state.outbox('kl', 'dead', 10))[0]!.lastError).toMatch(/^400 from the vendor: .*Invalid input/);
      expect(hub.clock.sleeps).toContain(1000);
    });
  });

  describe('Segment outbound', () => {
    it('identify with consent context and Checkout Email Captured, Sale Completed for a consenting customer, each message once', async () => {
      await customers([granted('c1', 'seg@example.com'), { customer_id: 'c2', first_name: 'No', last_name: 'Consent', email: 'no@example.com' }]);
      const order = (id: string, customer: string): Row => ({ id, customer_id: customer, channel: 'store', location_id: 'S1', register_id: null, associate_id: null, placed_at: '2026-11-24T15:00:00.000Z', subtotal_cents: 4200, discount_cents: 0, status: 'completed' });
      await hub.store.writeChanges([
        { stream: 'orders', table: 'orders', key: { id: 'o1' }, row: order('o1', 'c1'), scopeStoreId: HUB_ONLY },
        { stream: 'orders', table: 'orders', key: { id: 'o2' }, row: order('o2', 'c2'), scopeStoreId: HUB_ONLY },
      ]);
      await run('sg');
      expect(segment.refused).toEqual([]);
      expect(segment.messages.map((m) => [m.type, m.event ?? null, m.userId])).toEqual([
        ['identify', null, 'c1'],
        ['track', 'Checkout Email Captured', 'c1'],
        ['track', 'Sale Completed', 'c1'],
      ]);
      expect(segment.messages[0]!.context).toEqual({ consent: { categoryPreferences: { marketing: true } } });
      // Planned again from the start: the same stable ids, so nothing is queued or sent twice.
      await hub.deps.state.putCursor('sg', 'outbox', { version: 0 }, hub.clock.now());
      await run('sg');
      expect(segment.messages).toHaveLength(3);
      expect(segment.duplicates).toBe(0);
    });
  });
});
