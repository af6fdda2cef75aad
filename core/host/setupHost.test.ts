// The set-up host: a new register asks (never the demo by itself), set-up calls are refused once
// the register runs on its data, and damaged data waits for a person before anything is rebuilt.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, closeDatabase } from '../db/open.js';
import { fileKeyStore } from '../keys/fileKeyStore.js';
import { deriveKeys } from '../keys/keyStore.js';
import { idleSync } from '../testing/idleSync.js';
import { openSetupHost, type HubLink } from './setupHost.js';

const dirs: string[] = [];
const hosts: { close(): void }[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-setup-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A hub link whose enrolment answers as told, and whose sync client only counts starts. */
function fakeLink(options: { configured?: boolean; answer?: Awaited<ReturnType<HubLink['enrol']>> } = {}) {
  let configured = options.configured ?? false;
  const starts: number[] = [];
  const codes: string[] = [];
  const link: HubLink = {
    configured: () => (configured ? { url: 'https://hub.test:4870', storeId: 'S1' } : null),
    enrol: async (code) => {
      codes.push(code);
      const answer = options.answer ?? { ok: true, url: 'https://hub.test:4870', storeId: 'S1' };
      if (answer.ok) configured = true;
      return answer;
    },
    sync: () => () =>
      idleSync({
        connection: () => 'bootstrapping',
        identity: () => ({ deviceId: 'D1', storeId: 'S1', registerId: 'R1' }),
        start: () => void starts.push(1),
      }),
  };
  return { link, starts, codes };
}

function open(dataDir: string, link: HubLink) {
  const host = openSetupHost({ dataDir, keyStore: fileKeyStore(dataDir), hub: link });
  hosts.push(host);
  return host;
}

describe('set-up host', () => {
  it('a new register asks: no replica is made, and only set-up calls answer', async () => {
    const dir = tmp();
    const host = open(dir, fakeLink().link);
    expect(host.status()).toEqual({ phase: 'choose', hub: null, demo: false, recovery: null });
    expect(fs.existsSync(path.join(dir, 'endcap.db'))).toBe(false);
    expect(await host.app.dispatch('session.staff', {})).toMatchObject({ ok: false, error: { code: 'not_set_up' } });
    for (const input of [42, 'x', [], { code: 7 }, { code: 'x'.repeat(401) }, { code: 'A@b', extra: 1 }]) {
      expect(await host.app.dispatch('setup.enrol', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await host.app.dispatch('setup.rebuild', { now: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('passes a hub refusal on with its reason and stays on the choice', async () => {
    const { link } = fakeLink({ answer: { ok: false, reason: 'used', message: 'This code was already used.' } });
    const host = open(tmp(), link);
    expect(await host.app.dispatch('setup.enrol', { code: 'X' })).toEqual({ ok: true, value: { status: 'refused', reason: 'used', message: 'This code was already used.' } });
    expect(host.status().phase).toBe('choose');
  });

  it('once enrolled it fills itself from the hub, and set-up is closed: no demo, no second hub', async () => {
    const { link, starts } = fakeLink();
    const host = open(tmp(), link);
    const result = await host.app.dispatch('setup.enrol', { code: 'CODE@hub' });
    expect(result).toMatchObject({ ok: true, value: { status: 'connected', storeId: 'S1', setup: { phase: 'ready', demo: false } } });
    expect(starts).toHaveLength(1);
    expect(await host.app.dispatch('device.status', {})).toMatchObject({ ok: true, value: { connection: 'bootstrapping', demo: false } });
    expect(await host.app.dispatch('setup.chooseDemo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await host.app.dispatch('setup.enrol', { code: 'OTHER@evil' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(/cannot be set up again/) } });
  });

  it('damaged data on an enrolled register: moved aside, outbox kept, and nothing rebuilt until a person asks', async () => {
    const dir = tmp();
    const file = path.join(dir, 'endcap.db');
    const db = openDatabase(file, { key: deriveKeys(fileKeyStore(dir).masterKey()).replica });
    db.prepare(`INSERT INTO outbox (id, kind, payload, created_at) VALUES ('01900000-0000-7000-8000-000000000001', 'checkout.outcome', '{}', '2026-06-15T12:00:00Z')`).run();
    // Enough rows that a page in the middle of the file holds no outbox or schema data, whatever the migrations add.
    db.exec(`CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO filler SELECT hex(randomblob(200)) FROM n;`);
    closeDatabase(db);
    const bytes = fs.readFileSync(file);
    const mid = Math.floor(bytes.length / 4096 / 2) * 4096;
    fs.writeFileSync(file, bytes.fill(0x41, mid + 100, mid + 300)); // a scribble inside one page

    const { link, starts } = fakeLink({ configured: true });
    const host = open(dir, link);
    expect(host.status()).toMatchObject({ phase: 'recovery', hub: { storeId: 'S1' }, recovery: { outboxCarried: 1, outboxUnreadable: false } });
    expect(starts).toHaveLength(0);
    expect(await host.app.dispatch('session.staff', {})).toMatchObject({ ok: false, error: { code: 'not_set_up' } });
    // An enrolled register is never re-pointed or turned into the demo from here.
    expect(await host.app.dispatch('setup.chooseDemo', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });

    expect(await host.app.dispatch('setup.rebuild', {})).toMatchObject({ ok: true, value: { phase: 'ready' } });
    expect(starts).toHaveLength(1);
    expect(await host.app.dispatch('setup.rebuild', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('damaged data without a hub: the same screen, and connecting rebuilds from the hub with the outbox kept', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'endcap.db'), '');
    const { link, starts } = fakeLink();
    const host = open(dir, link);
    expect(host.status()).toMatchObject({ phase: 'recovery', hub: null, recovery: { reason: 'the file is empty', outboxUnreadable: true } });
    expect(await host.app.dispatch('setup.rebuild', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await host.app.dispatch('setup.enrol', { code: 'CODE@hub' })).toMatchObject({ ok: true, value: { status: 'connected', setup: { phase: 'ready' } } });
    expect(starts).toHaveLength(1);
  });
});
