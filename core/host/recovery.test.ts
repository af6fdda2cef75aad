// A damaged replica: never modified, never replaced by the demo chain, its unsent work kept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../db/open.js';
import { ReplicaDamagedError } from '../db/recovery.js';
import { fileKeyStore } from '../keys/fileKeyStore.js';
import { deriveKeys } from '../keys/keyStore.js';
import { idleSync } from '../testing/idleSync.js';
import { openDeviceHost } from './deviceHost.js';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-recover-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A hub connection that does nothing: enough for the host to treat the register as enrolled. */
const fakeSync = () => idleSync();

/** An encrypted replica with two unsent events, closed cleanly. */
function replicaWithOutbox(dir: string): string {
  const file = path.join(dir, 'endcap.db');
  const key = deriveKeys(fileKeyStore(dir).masterKey()).replica;
  const db = openDatabase(file, { key });
  const add = db.prepare(`INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, 'checkout.outcome', '{"n":1}', '2026-06-15T12:00:00Z')`);
  add.run('01900000-0000-7000-8000-000000000001');
  add.run('01900000-0000-7000-8000-000000000002');
  // Enough rows that a page in the middle of the file holds no outbox or schema data, whatever the migrations add.
  db.exec(`CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000) INSERT INTO filler SELECT hex(randomblob(200)) FROM n;`);
  closeDatabase(db);
  return file;
}

describe('damaged replica', () => {
  it('an empty replica on a register without a hub stops with a clear error: no demo chain', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'endcap.db'), '');
    expect(() => openDeviceHost({ dataDir: dir, demo: true, keyStore: fileKeyStore(dir) })).toThrow(ReplicaDamagedError);
    expect(fs.statSync(path.join(dir, 'endcap.db')).size).toBe(0); // untouched
  });

  it('damage in the middle of the file is found at open; with a hub the file is moved aside unmodified and the outbox carried', () => {
    const dir = tmp();
    const file = replicaWithOutbox(dir);
    const bytes = fs.readFileSync(file);
    const page = 4096;
    const mid = Math.floor(bytes.length / page / 2) * page;
    bytes.fill(0x41, mid + 100, mid + 300); // a scribble inside one page
    fs.writeFileSync(file, bytes);

    // Without a hub: refused, file left as it is.
    expect(() => openDeviceHost({ dataDir: dir, demo: true, keyStore: fileKeyStore(dir) })).toThrow(ReplicaDamagedError);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);

    const host = openDeviceHost({ dataDir: dir, demo: true, keyStore: fileKeyStore(dir), sync: () => fakeSync() });
    try {
      expect(host.recovery).toMatchObject({ outboxCarried: 2, outboxUnreadable: false });
      expect(fs.readFileSync(host.recovery!.movedTo).equals(bytes)).toBe(true); // moved, never modified
      expect(host.db.prepare(`SELECT count(*) FROM outbox`).pluck().get()).toBe(2);
      expect(host.db.prepare(`SELECT count(*) FROM device`).pluck().get()).toBe(0); // waits for the hub, no demo
    } finally {
      host.close();
    }
  });

  it('a truncated replica with a hub starts empty for the hub, never as the demo', () => {
    const dir = tmp();
    const file = replicaWithOutbox(dir);
    fs.truncateSync(file, 4096 * 3);
    const host = openDeviceHost({ dataDir: dir, demo: true, keyStore: fileKeyStore(dir), sync: () => fakeSync() });
    try {
      expect(host.recovery).not.toBeNull();
      expect(host.db.prepare(`SELECT count(*) FROM staff`).pluck().get()).toBe(0);
    } finally {
      host.close();
    }
  });
});
