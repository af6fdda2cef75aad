// consent.resubscribed decided at the hub against its own rows, and refused as an attacker would
// send it; a subscription for a suppressed address reaches fake Klaviyo only after an approved one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeKlaviyo } from '../connectors/api/fakes/fakeMarketing.js';
import type { OutboundOutcome } from '../connectors/api/outbound.js';
import { addConnector, runConnector } from '../connectors/api/registry.js';
import { openTestHub, type TestHub } from '../connectors/api/testKit.js';
import type { DeviceRecord, Row, RowChange } from '../store.js';
import { customerRow, hubEvent, staffRow } from '../testFixtures.js';
import { applyEvent } from './index.js';
import { emailMatchKey } from '../../protocol/matchKeys.js';
import { hubStoreCases } from '../postgres/testStore.js';

const EMAIL = 'Renee.Olsen@Yahoo.com';
const KEY = emailMatchKey(EMAIL)!;
let hub: TestHub;
let klaviyo: FakeKlaviyo;
let s1: DeviceRecord;
let s2: DeviceRecord;
let n = 0;

const put = (table: string, key: Row, row: Row, scope = 'S1'): RowChange => ({ stream: 'customers', table, key, row, scopeStoreId: scope });
const at = () => hub.clock.now().toISOString();

const cases = hubStoreCases();

describe.each(cases)('on $name', (storeCase) => {
  beforeEach(async () => {
    hub = await openTestHub(storeCase);
    klaviyo = new FakeKlaviyo();
    await addConnector(hub.deps, { vendor: 'klaviyo', id: 'kl', config: { endpoint: await klaviyo.start() }, secret: klaviyo.apiKey });
    s1 = (await hub.store.addDevice('S1', hub.clock.now())).device;
    s2 = (await hub.store.addDevice('S2', hub.clock.now())).device;
    const c8 = customerRow('C8', 'S1');
    await hub.store.writeChanges([
      staffRow('dana', 'S1', 'manager'), staffRow('ava', 'S1'), staffRow('boss2', 'S2', 'manager'),
      { ...c8, row: { ...c8.row!, status: 'suppressed' } },
      put('customer_identifiers', { kind: 'email', value: KEY, customer_id: 'C8' }, { kind: 'email', value: KEY, customer_id: 'C8', raw: EMAIL, is_primary: 1, created_at: at() }),
      put('consents', { customer_id: 'C8', purpose: 'marketing', channel: 'email' }, {
        customer_id: 'C8', purpose: 'marketing', channel: 'email', status: 'suppressed', source: 'import', text_version: 'v1', recorded_by: null, store_id: 'S1', register_id: null, recorded_at: '2025-01-01T00:00:00.000Z',
      }),
      customerRow('C9', 'S1'),
    ]);
  });
  afterEach(async () => {
    await klaviyo.close();
    await hub.close();
  });

  const push = async (device: DeviceRecord, ...events: ReturnType<typeof hubEvent>[]) => (await hub.store.ingestEvents(device, events, hub.clock.now(), applyEvent)).rejected;
  const resubscribed = (extra: object = {}) =>
    hubEvent(++n, 'consent.resubscribed', { subjectId: 'C8', customerId: 'C8', email: EMAIL, purposes: ['marketing'], managerId: 'dana', storeId: 'S1', registerId: 'R1', at: at(), ...extra });
  const granted = (customerId = 'C8') =>
    hubEvent(++n, 'consent.changed', { customerId, purpose: 'marketing', status: 'granted', textVersion: 'v1', source: 'checkout', channel: 'email', recordedBy: 'ava', storeId: 'S1', registerId: 'R1', recordedAt: at() });
  const subscriptions = () => klaviyo.calls.filter((c) => c.path === '/api/profile-subscription-bulk-create-jobs').map((c) => c.who);
  const runKlaviyo = async () => (await runConnector(hub.deps, 'kl')) as OutboundOutcome;
  const customer = (id: string) => hub.store.transact(async (r) => ({ changes: [], result: await r.row('customers', { id }) }));

  describe('consent.resubscribed at the hub', () => {
    it('refuses every way around the manager and the store, and nothing is ever subscribed', async () => {
      const codes = async (device: DeviceRecord, e: ReturnType<typeof hubEvent>) => (await push(device, e)).map((r) => r.code);
      // A plain consent change cannot lift a suppression.
      expect(await codes(s1, granted())).toEqual(['not_permitted']);
      // An associate is not a manager; another store's manager is not this store's; the device's store must be the event's.
      expect(await codes(s1, resubscribed({ managerId: 'ava' }))).toEqual(['not_permitted']);
      expect(await codes(s1, resubscribed({ managerId: 'boss2' }))).toEqual(['not_permitted']);
      expect(await codes(s1, resubscribed({ storeId: 'S2', managerId: 'boss2' }))).toEqual(['wrong_store']);
      // A register of another store cannot lift this store's customer, even with its own manager.
      expect(await codes(s2, resubscribed({ storeId: 'S2', managerId: 'boss2' }))).toEqual(['customer_not_in_store']);
      // The approval must name a profile holding the address here.
      expect(await codes(s1, resubscribed({ subjectId: 'C9' }))).toEqual(['conflict']);
      expect(await codes(s1, resubscribed({ purposes: [] }))).toEqual(['invalid_event']);
      expect(await customer('C8')).toMatchObject({ status: 'suppressed' });
      // A hostile register gives the suppressed address to a new profile and grants marketing on it: the address stays held back.
      const created = hubEvent(++n, 'customer.created', { customerId: 'C-NEW', email: EMAIL, firstName: 'R', lastName: 'O', storeId: 'S1', at: at() });
      expect(await push(s1, granted('C-NEW'), created)).toEqual([]);
      const outcome = await runKlaviyo();
      expect(subscriptions()).toEqual([]);
      expect((await hub.deps.state.outbox('kl', 'dropped', 10)).find((i) => i.kind === 'subscribe')).toMatchObject({ customerId: 'C-NEW', lastError: 'the address is suppressed at the hub' });
      expect(outcome.error).toBeNull();
    });

    it('an approved re-subscribe from a register of the store lifts the suppression; the grant after it reaches Klaviyo once', async () => {
      expect(await push(s1, resubscribed(), granted())).toEqual([]);
      expect(await customer('C8')).toMatchObject({ status: 'active' });
      await runKlaviyo();
      await runKlaviyo();
      expect(subscriptions()).toEqual([EMAIL]);
      // Sent again (a register retrying), it changes nothing and sends nothing more.
      expect(await push(s1, resubscribed())).toEqual([]);
      await runKlaviyo();
      expect(subscriptions()).toEqual([EMAIL]);
      // The lifted suppression itself was not told to Klaviyo as anyone's withdrawal.
      expect(klaviyo.calls.filter((c) => c.path.includes('subscription-bulk-delete'))).toEqual([]);
    });
  });
});
