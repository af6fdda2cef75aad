// A PIN lock made at one register reaches the store's other registers through the real hub, and
// so does a manager's unlock; a pulled staff row never wipes a lock a register made offline. A
// PIN changed at one register works at the others.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../core/db/open.js';
import { createApp, type App } from '../../core/testing/app.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import { HttpTransport } from '../client/transport.js';
import { ANCHOR, startFixture, type Fixture } from './fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => {
  await f.close();
});

const AVA = 'E-S1-01';
const SAM = 'E-S1-02';
const DANA = 'E-S1-05'; // manager, PIN 4444

interface Register { db: Database.Database; app: App; transport: HttpTransport; wall: Date; mono: number }

/** A register of S1 with its own hub device, holding the demo replica the hub was seeded from. */
async function register(name: string): Promise<Register> {
  const file = path.join(f.dir, `${name}.db`);
  fs.copyFileSync(f.sourceFile, file);
  const db = openDatabase(file);
  const { token } = await f.store.addDevice('S1', ANCHOR);
  const r: Register = { db, transport: new HttpTransport({ baseUrl: f.baseUrl, token }), wall: new Date(ANCHOR.getTime() + 3600_000), mono: 0, app: undefined as unknown as App };
  r.app = createApp({ db, now: () => r.wall, monotonicMs: () => r.mono, pinPepper: Buffer.alloc(32, name.length) });
  return r;
}

const login = (r: Register, staffId: string, pin: string) => {
  const res = r.app.dispatch('session.login', { staffId, pin });
  if (!res.ok) return res.error.code;
  r.app.dispatch('session.logout', {});
  return (res.value as { status: string }).status;
};
const sync = async (r: Register) => {
  await push(r.db, r.transport);
  await pull(r.db, r.transport, 'catalog', { now: () => r.wall });
};
const minutes = (r: Register, n: number) => {
  r.wall = new Date(r.wall.getTime() + n * 60_000);
  r.mono += n * 60_000;
};
/** 15 wrong PINs, waiting out the 5- and 30-minute locks between: locked until a manager unlocks. */
const lockOut = (r: Register, staffId: string) => {
  for (const wait of [5, 30, 0]) {
    for (let i = 0; i < 5; i++) login(r, staffId, '9999');
    minutes(r, wait + 0.01);
  }
};

describe('PIN locks across the store\'s registers', () => {
  it('a lock at A refuses the person at B after a pull; a manager\'s unlock at B lets them in at A after a pull', async () => {
    const a = await register('regA');
    const b = await register('regBB');
    lockOut(a, AVA);
    expect(login(a, AVA, '1111')).toBe('locked');
    expect(login(b, AVA, '1111')).toBe('signed_in'); // B has not heard yet
    await sync(a);
    await sync(b);
    expect(b.app.dispatch('session.staff', {})).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ id: AVA, locked: true })]) });
    expect(b.app.dispatch('session.login', { staffId: AVA, pin: '1111' })).toMatchObject({ ok: true, value: { status: 'locked', byManager: true } });

    // A manager unlocks at B with their PIN on Ava's screen (B's clock is half an hour behind A's).
    minutes(b, 2);
    const grant = b.app.dispatch('approval.grant', { managerId: DANA, pin: '4444', action: 'staff.unlock', subjectId: AVA });
    expect(grant).toMatchObject({ ok: true, value: { status: 'approved' } });
    const approvalId = grant.ok ? (grant.value as { approvalId: string }).approvalId : '';
    expect(b.app.dispatch('staff.unlock', { staffId: AVA, approvalId }).ok).toBe(true);
    expect(login(b, AVA, '1111')).toBe('signed_in');
    expect(login(a, AVA, '1111')).toBe('locked'); // A has not heard yet
    await sync(b);
    minutes(a, 3);
    await sync(a);
    expect(login(a, AVA, '1111')).toBe('signed_in');
    expect(a.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0);
    closeDatabase(a.db);
    closeDatabase(b.db);
  }, 120_000);

  it('a pulled staff row without a lock does not wipe a lock this register made offline', async () => {
    const a = await register('regC');
    const b = await register('regDDD');
    minutes(a, 10);
    lockOut(a, SAM); // offline: not pushed
    // Meanwhile the hub's row for Sam changes (a manager at B renames him), and A pulls it.
    b.app.dispatch('session.login', { staffId: DANA, pin: '4444' });
    expect(b.app.dispatch('staff.save', { id: SAM, displayName: 'Sam O.', role: 'associate', active: true }).ok).toBe(true);
    await sync(b);
    await pull(a.db, a.transport, 'catalog', { now: () => a.wall });
    expect(a.db.prepare(`SELECT display_name FROM staff WHERE id = ?`).pluck().get(SAM)).toBe('Sam O.');
    expect(login(a, SAM, '2222')).toBe('locked');
    // Once pushed, B refuses him too.
    await sync(a);
    b.app.dispatch('session.logout', {});
    await pull(b.db, b.transport, 'catalog', { now: () => b.wall });
    expect(login(b, SAM, '2222')).toBe('locked');
    closeDatabase(a.db);
    closeDatabase(b.db);
  }, 120_000);

  it('a PIN changed at A, proven with the old PIN, signs in at B after a pull; the old one no longer does', async () => {
    const a = await register('regE');
    const b = await register('regFFFF');
    expect(a.app.dispatch('session.login', { staffId: 'E-S1-03', pin: '5555' })).toMatchObject({ ok: true, value: { status: 'signed_in' } });
    expect(a.app.dispatch('session.changePin', { currentPin: '5555', newPin: '480317' })).toEqual({ ok: true, value: null });
    await sync(a);
    expect(a.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(0); // accepted, nothing refused
    await pull(b.db, b.transport, 'catalog', { now: () => b.wall });
    expect(login(b, 'E-S1-03', '480317')).toBe('signed_in');
    expect(login(b, 'E-S1-03', '5555')).toBe('wrong_pin');
    // The register that changed it still takes the new PIN after pulling the hub's row back.
    a.app.dispatch('session.logout', {});
    expect(login(a, 'E-S1-03', '480317')).toBe('signed_in');
    closeDatabase(a.db);
    closeDatabase(b.db);
  }, 120_000);
});
