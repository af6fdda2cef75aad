import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileKeyStore, KEY_FILE } from '../keys/fileKeyStore.js';
import { openDeviceHost } from './deviceHost.js';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-hostkey-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function bytesOf(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

function addCustomer(db: import('better-sqlite3').Database): void {
  db.prepare(`INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, created_at, updated_at)
    VALUES ('c1', 'River', 'Quill', 'river', 'quill', '2026-01-01', '2026-01-01')`).run();
}

describe('device host keys', () => {
  it('the web host keeps the key in a 0600 file beside the replica, never inside it', () => {
    const dir = tmp();
    const host = openDeviceHost({ dataDir: dir, demo: false, keyStore: fileKeyStore(dir) });
    addCustomer(host.db);
    host.close();
    const key = fs.readFileSync(path.join(dir, KEY_FILE), 'utf8').trim();
    const replicaKeyHex = host.keys!.replica.toString('hex');
    for (const [name, bytes] of bytesOf(dir)) {
      if (name === KEY_FILE) continue;
      expect(bytes.includes(key), name).toBe(false);
      expect(bytes.includes(replicaKeyHex), name).toBe(false);
      expect(bytes.includes(host.keys!.replica), name).toBe(false);
    }
    // Reopening with the same store reads it back.
    const again = openDeviceHost({ dataDir: dir, demo: false, keyStore: fileKeyStore(dir) });
    expect(again.db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    again.close();
  });

});
