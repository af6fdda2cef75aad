// Two registers of one store record checkouts and starter answers, sync, and the store's
// manager reads one report holding both; offline, the manager still sees it, with its age.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../core/testing/app.js';
import { openDatabase, type Database } from '../../core/db/open.js';
import type { HubReportView } from '../../core/contract/index.js';
import { bootstrapReplica } from '../client/bootstrap.js';
import { DeviceSync } from '../client/deviceSync.js';
import { push } from '../client/push.js';
import { HttpTransport, HubUnreachableError, type SyncTransport } from '../client/transport.js';
import { HubReports } from '../hub/reports/index.js';
import { buildHubServer } from '../hub/server.js';
import { ANCHOR, startFixture, type Fixture } from './fixture.js';

let fx: Fixture;
let reports: HubReports;
let baseUrl: string;
let app: Awaited<ReturnType<typeof buildHubServer>>;
const now = () => ANCHOR;
// Reports count the store's own days: ANCHOR (midnight UTC) is 6 pm the evening before in Denver, S1's time zone.
const day = '2026-10-31';

beforeEach(async () => {
  fx = await startFixture();
  // a second server on the same hub file, with reports
  reports = new HubReports(path.join(fx.dir, 'hub.db'));
  app = buildHubServer(fx.store, { reports, now });
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await app.close();
  reports.close();
  await fx.close();
});

async function register(registerId: string): Promise<{ db: Database.Database; transport: HttpTransport }> {
  const { token } = await fx.store.addDevice('S1', ANCHOR);
  const transport = new HttpTransport({ baseUrl, token, fetch });
  const db = openDatabase(path.join(fx.dir, `${registerId}.db`));
  await bootstrapReplica(db, transport, { deviceId: `dev-${registerId}`, storeId: 'S1', registerId }, { now });
  return { db, transport };
}

function signIn(db: Database.Database, staffId: string, pin: string, sync?: DeviceSync) {
  const a = createApp({ db, now, ...(sync ? { sync, hubConfigured: true } : {}) });
  const r = a.dispatch('session.login', { staffId, pin });
  if (!r.ok) throw new Error(r.error.message);
  return a;
}

describe('chain reports on the device', () => {
  it("two registers' outcomes appear in one manager report after sync, and offline the cached one shows with its age", async () => {
    const r1 = await register('R1');
    const r2 = await register('R2');
    const a1 = signIn(r1.db, 'E-S1-01', '1111');
    const a2 = signIn(r2.db, 'E-S1-02', '2222');
    expect(a1.call('capture.record', { outcome: 'declined', reason: 'privacy' }).ok).toBe(true);
    expect(a2.call('capture.record', { outcome: 'invalid' }).ok).toBe(true);
    expect(a2.call('capture.record', { outcome: 'declined', reason: 'in_a_hurry' }).ok).toBe(true);
    // A customer of the store who allows personal suggestions: their own history gives starters.
    const customerId = r2.db
      .prepare(`SELECT c.id FROM customers c JOIN consents k ON k.customer_id = c.id AND k.purpose = 'personalization' AND k.status = 'granted' WHERE c.status = 'active' AND EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id) ORDER BY c.id LIMIT 1`)
      .pluck()
      .get() as string;
    const set = a2.call('starters.forCustomer', { customerId, cart: [] });
    if (!set.ok) throw new Error(set.error.message);
    expect(set.value.starters.length).toBeGreaterThan(0);
    expect(a2.call('starters.feedback', { decisionId: set.value.decisionId, position: 0, feedback: 'not_relevant', reason: 'price' }).ok).toBe(true);
    await push(r1.db, r1.transport, { now });
    await push(r2.db, r2.transport, { now });

    // the manager's back-office device
    const office = await register('R9');
    const sync = new DeviceSync(office.db, { config: { url: baseUrl, token: 'unused'.padEnd(32, 'x') }, transport: office.transport, now, log: () => {} });
    const manager = signIn(office.db, 'E-S1-05', '4444', sync);
    const ask = () => manager.call('analytics.hubReport', { from: day, to: day });
    const first = ask();
    expect(first.ok && first.value).toMatchObject({ report: null, requested: true });
    let view: HubReportView | null = null;
    await vi.waitFor(() => {
      const r = ask();
      view = r.ok ? r.value : null;
      expect(view?.report).not.toBeNull();
    });
    const report = view!.report!;
    expect(report.store).toBe('S1');
    expect(report.checkouts).toMatchObject({ total: 3, byOutcome: { declined: 2, invalid: 1 }, declineReasons: { privacy: 1, in_a_hurry: 1 } });
    expect(report.checkouts.byAssociate.map((a) => a.associateId).sort()).toEqual(['E-S1-01', 'E-S1-02']);
    expect(report.starters.total).toMatchObject({ shown: set.value.starters.length, notRelevant: 1, reasons: { price: 1 } });

    // the capture dashboard of every register of the store, from the same hub report
    await vi.waitFor(() => {
      const c = manager.call('analytics.captureHub', { days: 1 });
      expect(c.ok && c.value.report).toBeTruthy();
    });
    const capture = manager.call('analytics.captureHub', { days: 1 });
    if (!capture.ok || !capture.value.report) throw new Error('no capture report');
    expect(capture.value.scope).toBe('S1');
    expect(capture.value.report).toMatchObject({ from: day, to: day, today: day, storeId: 'S1' });
    expect(capture.value.report.totals).toMatchObject({ checkouts: 3, eligible: 3, captured: 0, declined: 2, invalid: 1 });
    expect(capture.value.report.byRegister.map((r) => [r.registerId, r.checkouts])).toEqual([['R1', 1], ['R2', 2]]);
    expect(capture.value.report.byDay).toEqual([expect.objectContaining({ day, checkouts: 3 })]);
    expect(capture.value.report.declineReasons.filter((r) => r.count)).toEqual([{ reason: 'privacy', count: 1 }, { reason: 'in_a_hurry', count: 1 }]);
    // Denver's hour: 6 pm on a Saturday
    expect(capture.value.report.byHour).toEqual([{ weekday: 6, hour: 18, eligible: 3, captured: 0 }]);

    // an associate's device asking gets nothing from the hub
    const associate = signIn(office.db, 'E-S1-01', '1111', sync);
    const refused = associate.call('analytics.hubReport', { from: day, to: day });
    expect(refused.ok).toBe(false);

    // offline: the hub is gone, the last report is still there with the time it came
    const down: SyncTransport = {
      pull: () => Promise.reject(new HubUnreachableError(baseUrl, new Error('down'))),
      push: () => Promise.reject(new HubUnreachableError(baseUrl, new Error('down'))),
      report: () => Promise.reject(new HubUnreachableError(baseUrl, new Error('down'))),
    };
    const offlineSync = new DeviceSync(office.db, { config: { url: baseUrl, token: 'unused'.padEnd(32, 'x') }, transport: down, now, log: () => {} });
    const offline = signIn(office.db, 'E-S1-05', '4444', offlineSync).call('analytics.hubReport', { from: day, to: day });
    expect(offline.ok && offline.value.report?.checkouts.total).toBe(3);
    expect(offline.ok && offline.value.fetchedAt).toBe(ANCHOR.toISOString());
    const offlineCapture = signIn(office.db, 'E-S1-05', '4444', offlineSync).call('analytics.captureHub', { days: 1 });
    expect(offlineCapture.ok && offlineCapture.value).toMatchObject({ connection: 'offline', fetchedAt: ANCHOR.toISOString(), report: { totals: { checkouts: 3 } } });
    for (const d of [r1.db, r2.db, office.db]) d.close();
  });
});
