import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from './migrate.js';
import { migrations } from './migrations/index.js';
import { closeDatabase, isPlainSqliteFile, openDatabase, ReplicaKeyError } from './open.js';

const EMAIL = 'river.quill@example.org';
const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-enc-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const KEY = Buffer.alloc(32, 9);

function addCustomer(db: Database.Database, email = EMAIL): void {
  const id = `c-${email}`;
  db.prepare(`INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, created_at, updated_at)
    VALUES (?, 'River', 'Quill', 'river', 'quill', '2026-01-01', '2026-01-01')`).run(id);
  db.prepare(`INSERT INTO customer_identifiers (kind, value, customer_id, raw, is_primary, created_at) VALUES ('email', ?, ?, ?, 1, '2026-01-01')`).run(email, id, email);
}

/** Every file in the folder, read as raw bytes: what a thief copying the data folder gets. */
function bytesOf(dir: string): Map<string, Buffer> {
  return new Map(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f))]));
}

describe('encrypted replica', () => {
  it('keeps customer data out of the bytes of the replica, its WAL and a migration backup', () => {
    const dir = tmp();
    const file = path.join(dir, 'endcap.db');
    const db = openDatabase(file, { key: KEY });
    addCustomer(db);
    // One more migration than the app has: migrate copies the file aside before running it.
    migrate(db, { migrations: [...migrations, { version: migrations.length + 1, name: 'test', up: 'CREATE TABLE t_extra (x INTEGER);' }] });
    addCustomer(db, 'second.person@example.org'); // lands in the WAL
    const files = bytesOf(dir);
    expect([...files.keys()].some((f) => f.endsWith('-wal'))).toBe(true);
    expect([...files.keys()].some((f) => f.endsWith('.bak'))).toBe(true);
    for (const [name, bytes] of files) {
      expect(bytes.includes(EMAIL), name).toBe(false);
      expect(bytes.includes('second.person@example.org'), name).toBe(false);
      expect(bytes.includes('SQLite format 3'), name).toBe(false);
    }
    expect(db.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(2);
    closeDatabase(db);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('cannot be read without the key, or with another device\'s key', () => {
    const file = path.join(tmp(), 'endcap.db');
    closeDatabase(openDatabase(file, { key: KEY }));
    const plain = new Database(file);
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();
    expect(() => openDatabase(file, { key: Buffer.alloc(32, 1) })).toThrow(ReplicaKeyError);
    expect(() => openDatabase(file)).toThrow();
  });

  it('encrypts a plain replica (and its plain backups) in place on open, keeping every row', () => {
    const dir = tmp();
    const file = path.join(dir, 'endcap.db');
    const plain = openDatabase(file);
    addCustomer(plain);
    closeDatabase(plain);
    fs.copyFileSync(file, `${file}.pre-v3.bak`);
    expect(isPlainSqliteFile(file)).toBe(true);

    const db = openDatabase(file, { key: KEY });
    expect(db.prepare('SELECT value FROM customer_identifiers').pluck().get()).toBe(EMAIL);
    closeDatabase(db);
    for (const [name, bytes] of bytesOf(dir)) expect(bytes.includes(EMAIL), name).toBe(false);
    expect(isPlainSqliteFile(`${file}.pre-v3.bak`)).toBe(false);
    const backup = openDatabase(`${file}.pre-v3.bak`, { key: KEY, readonly: true });
    expect(backup.prepare('SELECT count(*) FROM customers').pluck().get()).toBe(1);
    closeDatabase(backup);
  });

  it('still migrates in one transaction with the shared better-sqlite3 API', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length });
    closeDatabase(db);
  });
});
