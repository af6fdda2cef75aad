// A PIN change reaching the hub: accepted only with proof of the PIN the hub holds, and a manager's
// reset only from an active manager of the store; each refusal sent as an attacker would.
import { createHmac, randomBytes, scryptSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRecord, Row } from '../store.js';
import { hubEvent, NOW, smallCatalog, staffRow } from '../testFixtures.js';
import { applyEvent } from './index.js';

/** A hash in the hub's form (what a register sends): scrypt N=16384, r=8, p=1. */
function hubHash(pin: string): string {
  const salt = randomBytes(16);
  return `scrypt$16384$${salt.toString('base64')}$${scryptSync(pin, salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64')}`;
}
/** What a register that knows `oldPin` sends (core/auth/pin.ts pinChangeProof, rebuilt here: the hub never imports device code). */
function proof(oldPin: string, held: string, staffId: string, storeId: string, newHash: string): string {
  const [, n, salt] = held.split('$') as [string, string, string];
  const key = scryptSync(oldPin, Buffer.from(salt, 'base64'), 32, { N: Number(n), r: 8, p: 1 });
  return createHmac('sha256', key).update(`endcap-pin-change-v1\n${staffId}\n${storeId}\n${newHash}`).digest('base64');
}
import { hubStoreCases, type HubStoreCase } from '../postgres/testStore.js';

describe.each(hubStoreCases())('staffPinChange applier ($name store)', ({ open }) => {
  let hub: Awaited<ReturnType<HubStoreCase['open']>>;
  let device: DeviceRecord;
  const AVA_PIN = '482913';
  const avaHash = hubHash(AVA_PIN);
  const newHash = hubHash('715204');

  beforeEach(async () => {
    hub = await open();
    const ava = staffRow('ava', 'S1');
    await hub.store.writeChanges([
      ...smallCatalog(), staffRow('dana', 'S1', 'manager'), staffRow('old-boss', 'S1', 'manager', 0), staffRow('boss2', 'S2', 'manager'),
      { ...ava, row: { ...ava.row!, pin_hash: avaHash } },
      { ...staffRow('gone', 'S1', 'associate', 0), row: { ...staffRow('gone', 'S1', 'associate', 0).row!, pin_hash: avaHash } },
    ]);
    device = (await hub.store.addDevice('S1', NOW)).device;
  });
  afterEach(() => hub.dispose());

  const push = (...events: ReturnType<typeof hubEvent>[]) => hub.store.ingestEvents(device, events, NOW, applyEvent);
  const pinOf = async (id: string) => ((await hub.store.changesSince('catalog', 'S1', 0, 1000)).changes.filter((c) => c.table === 'staff' && c.key.id === id).at(-1)?.row as Row).pin_hash;
  const change = (n: number, extra: object = {}) =>
    hubEvent(n, 'staff.pin_set', { staffId: 'ava', storeId: 'S1', pinHash: newHash, oldPinProof: proof(AVA_PIN, avaHash, 'ava', 'S1', newHash), at: NOW.toISOString(), ...extra });
  const reason = (r: { rejected: { reason: string }[] }) => r.rejected.map((x) => x.reason.split(':')[0]);

  describe('a PIN change at the hub', () => {
    it('is accepted with proof of the old PIN and carried in the staff row', async () => {
      expect((await push(change(1))).rejected).toEqual([]);
      expect(await pinOf('ava')).toBe(newHash);
    });

    it('refuses, as an attacker would send them, changes without proof of the PIN the hub holds', async () => {
      const weak = `scrypt$1024$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`;
      const res = await push(
        change(1, { oldPinProof: undefined }), // no proof: only after a manager's reset
        change(2, { oldPinProof: randomBytes(32).toString('base64') }), // forged
        change(3, { oldPinProof: proof('000000', avaHash, 'ava', 'S1', newHash) }), // a guessed old PIN
        change(4, { pinHash: hubHash('999999') }), // a valid proof replayed onto another new PIN
        change(5, { staffId: 'dana', oldPinProof: proof(AVA_PIN, avaHash, 'dana', 'S1', newHash) }), // ava's PIN proves nothing for dana
        change(6, { staffId: 'gone', oldPinProof: proof(AVA_PIN, avaHash, 'gone', 'S1', newHash) }), // a deactivated person
        change(7, { staffId: 'boss2', storeId: 'S2' }), // another store's person
        change(8, { pinHash: weak }), // a cheap hash
      );
      expect(res.acked).toEqual([]);
      expect(reason(res)).toEqual([
        'pin_not_reset', 'old_pin_not_proven', 'old_pin_not_proven', 'old_pin_not_proven', 'old_pin_not_proven', 'old_pin_not_proven', 'wrong_store', 'staff.pin_set payload',
      ]);
      expect(await pinOf('ava')).toBe(avaHash);
    });

    it('a reset only by an active manager of the store', async () => {
      const reset = (n: number, by: string) =>
        hubEvent(n, 'staff.changed', { staffId: 'ava', storeId: 'S1', displayName: 'ava', role: 'associate', active: true, pinReset: true, by, at: NOW.toISOString() });
      const res = await push(reset(1, 'ava'), reset(2, 'old-boss'), reset(3, 'boss2'), reset(4, 'nobody'));
      expect(reason(res)).toEqual(['not_a_manager', 'not_a_manager', 'not_a_manager', 'not_a_manager']);
      expect(await pinOf('ava')).toBe(avaHash);
      expect((await push(reset(5, 'dana'))).rejected).toEqual([]);
      expect(await pinOf('ava')).toBe('');
    });
  });
});
