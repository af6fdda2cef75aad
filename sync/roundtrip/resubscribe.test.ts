// A manager-approved re-subscribe of a suppressed customer, from a real register through the real
// hub to fake Klaviyo: the approval lifts the suppression at the register and (decided again) at
// the hub, so the new subscription reaches Klaviyo once; the same capture without approval never
// does, and the next checkout no longer flags the address.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION } from '../../core/capture/consentText.js';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { createApp, type App } from '../../core/testing/app.js';
import { FakeKlaviyo } from '../hub/connectors/api/fakes/fakeMarketing.js';
import type { OutboundOutcome } from '../hub/connectors/api/outbound.js';
import { addConnector, runConnector, type ConnectorDeps } from '../hub/connectors/api/registry.js';
import { keyBox } from '../hub/connectors/api/secrets.js';
import { TestClock } from '../hub/connectors/api/testKit.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import { HttpTransport } from '../client/transport.js';
import { ANCHOR, startFixture, type Fixture } from './fixture.js';

const AVA = { id: 'E-S1-01', pin: '1111' };
const DANA = { id: 'E-S1-05', pin: '4444' }; // manager of S1

let f: Fixture;
let klaviyo: FakeKlaviyo;
let deps: ConnectorDeps;
let db: Database.Database;
let app: App;
const wall = new Date(ANCHOR.getTime() + 3_600_000);

beforeAll(async () => {
  f = await startFixture();
  klaviyo = new FakeKlaviyo();
  const store = f.store;
  deps = { store, state: store.connectorState(), box: keyBox(crypto.randomBytes(32)), fetch, clock: new TestClock(wall.getTime()) };
  await addConnector(deps, { vendor: 'klaviyo', id: 'kl', config: { endpoint: await klaviyo.start() }, secret: klaviyo.apiKey });
  const file = path.join(f.dir, 'register.db');
  fs.copyFileSync(f.sourceFile, file);
  db = openDatabase(file);
  app = createApp({ db, now: () => wall });
  // Klaviyo learns the chain's consenting customers first (the seeded history), as it would on day one.
  await runKlaviyo();
});
afterAll(async () => {
  closeDatabase(db);
  await klaviyo.close();
  await f.close();
});

async function runKlaviyo(): Promise<OutboundOutcome> {
  return (await runConnector(deps, 'kl')) as OutboundOutcome;
}
async function sync(): Promise<void> {
  const { token } = await f.store.addDevice('S1', ANCHOR);
  const transport = new HttpTransport({ baseUrl: f.baseUrl, token });
  await push(db, transport);
  await pull(db, transport, 'customers', { now: () => wall });
}
const subscriptions = (email: string) => klaviyo.calls.filter((c) => c.path === '/api/profile-subscription-bulk-create-jobs' && c.who.toLowerCase() === email.toLowerCase());

/** A suppressed S1 customer with an email address, from the register's replica. */
function suppressedCustomer(): { id: string; email: string; first: string; last: string } {
  return db
    .prepare(
      `SELECT c.id, x.raw AS email, c.first_name AS first, c.last_name AS last FROM customers c JOIN customer_identifiers x ON x.customer_id = c.id AND x.kind = 'email'
       WHERE c.status = 'suppressed' AND c.home_store_id = 'S1' AND c.merged_into IS NULL ORDER BY c.id LIMIT 1`,
    )
    .get() as { id: string; email: string; first: string; last: string };
}

function capture(who: { id: string; email: string; first: string; last: string }, approvalId?: string) {
  return app.dispatch('capture.record', {
    outcome: 'captured',
    email: who.email,
    firstName: who.first,
    lastName: who.last,
    profile: { kind: 'existing', customerId: who.id, mergeIds: [] },
    consents: { receipts: true, marketing: true, personalization: false },
    consentTextVersion: CONSENT_TEXT_VERSION,
    ...(approvalId ? { resubscribeApprovalId: approvalId } : {}),
  });
}

describe('a manager-approved re-subscribe', () => {
  it('without approval stays suppressed everywhere; with approval reaches Klaviyo once, and the next checkout is not flagged', async () => {
    const who = suppressedCustomer();
    expect(who).toBeDefined();
    expect(app.dispatch('session.login', { staffId: AVA.id, pin: AVA.pin })).toMatchObject({ ok: true });
    expect(await app.dispatchAsync('capture.check', { email: who.email })).toMatchObject({ ok: true, value: { suppressed: true, suppressedBy: who.id } });

    // The associate ticks marketing without a manager: recorded as suppressed, nothing leaves.
    expect(capture(who)).toMatchObject({ ok: true, value: { suppressed: true } });
    await sync();
    await runKlaviyo();
    expect(subscriptions(who.email)).toEqual([]);

    // The customer asks in person; a manager approves on the associate's screen.
    const grant = app.dispatch('approval.grant', { managerId: DANA.id, pin: DANA.pin, action: 'consent.resubscribe', subjectId: who.id });
    const approvalId = grant.ok ? (grant.value as { approvalId: string }).approvalId : '';
    expect(capture(who, approvalId)).toMatchObject({ ok: true, value: { suppressed: false } });
    // The register lifted it: the profile is active again and the next checkout does not flag the address.
    expect(db.prepare('SELECT status FROM customers WHERE id = ?').pluck().get(who.id)).toBe('active');
    expect(await app.dispatchAsync('capture.check', { email: who.email })).toMatchObject({ ok: true, value: { suppressed: false } });

    await sync();
    const sent = await runKlaviyo();
    expect(sent.error).toBeNull();
    expect(subscriptions(who.email)).toHaveLength(1);
    expect(await f.store.transact(async (r) => ({ changes: [], result: await r.row('customers', { id: who.id }) }))).toMatchObject({ status: 'active' });
    // Once: the next runs send nothing more for it, and the hub's copy pulled back keeps it active.
    await runKlaviyo();
    await sync();
    expect(subscriptions(who.email)).toHaveLength(1);
    expect(db.prepare('SELECT status FROM customers WHERE id = ?').pluck().get(who.id)).toBe('active');
    expect(db.prepare(`SELECT status FROM consents WHERE customer_id = ? AND purpose = 'marketing' AND channel = 'email'`).pluck().get(who.id)).toBe('granted');
  });
});
