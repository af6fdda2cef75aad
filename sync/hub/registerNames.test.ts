// Every register set up with a code gets its own name in its store, decided by the hub (issue 15:
// they were all "R1", so reports by register merged them), and a register cannot speak as another.
// On both hub stores.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceResponseSchema, enrolResponseSchema } from '../protocol/index.js';
import { hubStoreCases } from './postgres/testStore.js';
import { buildHubServer } from './server.js';
import { nextRegisterId } from './sqliteStore.js';
import type { HubStore } from './store.js';
import { NOW, uuid7 } from './testFixtures.js';

it('counts on from the highest R-number and ignores other names', () => {
  expect(nextRegisterId([])).toBe('R1');
  expect(nextRegisterId(['R2', 'Front', 'R10', 'R3'])).toBe('R11');
  expect(nextRegisterId(['till-1'])).toBe('R1');
});

describe.each(hubStoreCases())('register names ($name store)', ({ open }) => {
  let store: HubStore;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;

  beforeEach(async () => {
    ({ store, dispose } = await open());
    app = buildHubServer(store, { now: () => NOW });
  });

  afterEach(async () => {
    await app.close();
    await dispose();
  });

  const later = new Date(NOW.getTime() + 15 * 60_000);

  /** A register of `storeId` set up with a fresh code, through the hub's own enrol route. */
  async function enrol(storeId: string) {
    const secret = await store.addEnrolment(storeId, NOW, later);
    const res = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { protocol: 1, secret } });
    expect(res.statusCode).toBe(200);
    return enrolResponseSchema.parse(res.json());
  }

  function push(token: string, registerId: unknown, n: number) {
    const event = { id: uuid7(n), kind: 'checkout.outcome', payload: { storeId: 'S1', registerId, outcomeId: `o${n}` }, createdAt: NOW.toISOString() };
    return app.inject({ method: 'POST', url: '/v1/push', payload: { protocol: 1, events: [event] }, headers: { authorization: `Bearer ${token}` } });
  }


    it('names each register enrolled for a store R1, R2, … per store, and never gives a name twice', async () => {
      expect((await enrol('S1')).registerId).toBe('R1');
      expect((await enrol('S1')).registerId).toBe('R2');
      expect((await enrol('S2')).registerId).toBe('R1');
      // A revoked register's name stays its own: its sales in the reports are not merged with a newcomer's.
      const third = await enrol('S1');
      expect(third.registerId).toBe('R3');
      await store.revokeDevice(third.deviceId, NOW);
      expect((await enrol('S1')).registerId).toBe('R4');
      // A register added by token under a name of its own is counted too.
      await store.addDevice('S1', NOW, { registerId: 'R9' });
      expect((await enrol('S1')).registerId).toBe('R10');
      await expect(store.addDevice('S1', NOW, { registerId: 'R2' })).rejects.toThrow(/already has a register R2/);
      expect((await store.listDevices()).filter((d) => d.storeId === 'S1').map((d) => d.registerId).sort()).toEqual(['R1', 'R10', 'R2', 'R3', 'R4', 'R9']);
    });

    it('names a register set up by token without a name, shows the name in the device list and tells the register on GET /v1/device', async () => {
      expect((await enrol('S1')).registerId).toBe('R1');
      // `device add --store S1` without --register asks the hub to name it.
      const { device, token } = await store.addDevice('S1', NOW, { nameRegister: true });
      expect(device.registerId).toBe('R2');
      expect((await store.listDevices()).find((d) => d.id === device.id)?.registerId).toBe('R2');
      const res = await app.inject({ method: 'GET', url: '/v1/device', headers: { authorization: `Bearer ${token}` } });
      expect(deviceResponseSchema.parse(res.json())).toMatchObject({ deviceId: device.id, storeId: 'S1', registerId: 'R2' });
      // Its events carry that name; a name of another register is refused.
      expect((await push(token, 'R2', 1)).json().acked).toEqual([uuid7(1)]);
      expect((await push(token, 'R1', 2)).json().rejected).toEqual([expect.objectContaining({ id: uuid7(2), code: 'not_permitted' })]);
      // A name given is kept; a device added without either is recorded without one, as before.
      expect((await store.addDevice('S1', NOW, { registerId: 'Front', nameRegister: true })).device.registerId).toBe('Front');
      const bare = await store.addDevice('S1', NOW);
      expect(bare.device.registerId).toBeUndefined();
      const bareAnswer = await app.inject({ method: 'GET', url: '/v1/device', headers: { authorization: `Bearer ${bare.token}` } });
      expect(deviceResponseSchema.parse(bareAnswer.json()).registerId).toBeUndefined();
      expect((await enrol('S1')).registerId).toBe('R3');
    });

    it('refuses an event a register sends under another register\'s name, as an attacker would send it', async () => {
      const r1 = await enrol('S1');
      const r2 = await enrol('S1');
      const own = await push(r2.token, 'R2', 1);
      expect(own.json()).toMatchObject({ acked: [uuid7(1)], rejected: [] });
      for (const [n, name] of [[2, 'R1'], [3, 'r2'], [4, 'R2 '], [5, 12]] as const) {
        const res = await push(r2.token, name, n);
        expect(res.json().acked).toEqual([]);
        expect(res.json().rejected).toEqual([expect.objectContaining({ id: uuid7(n), code: expect.stringMatching(/not_permitted|invalid_event/) })]);
      }
      expect((await push(r1.token, 'R1', 6)).json().acked).toEqual([uuid7(6)]);
      // Only the two honest events are held, each under its own register.
      expect((await store.listEvents()).map((e) => JSON.parse(e.payload).registerId)).toEqual(['R2', 'R1']);
    });

    it('lets a device added by token without a name keep naming itself (older set-ups)', async () => {
      const { token } = await store.addDevice('S1', NOW);
      expect((await push(token, 'R7', 1)).json().acked).toEqual([uuid7(1)]);
    });
});
