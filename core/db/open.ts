import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
// The device replica is opened with the SQLite3MultipleCiphers build of better-sqlite3: the same
// API (and the `better-sqlite3` types everywhere), plus SQLCipher-format encryption at rest.
import CipherDatabase from 'better-sqlite3-multiple-ciphers';
import { migrate } from './migrate.js';

type Db = BetterSqlite3.Database;
export type { BetterSqlite3 as Database };

const Sqlite = CipherDatabase as unknown as typeof BetterSqlite3;

/** The first 16 bytes of every unencrypted SQLite file. An encrypted one starts with a random salt. */
const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

const ENCRYPTED_CACHE_KIB = 64 * 1024;

export class ReplicaKeyError extends Error {
  constructor(readonly file: string) {
    super(`${file} cannot be read with this device's key: it is damaged, or it was copied from another device.`);
    this.name = 'ReplicaKeyError';
  }
}

export interface OpenOptions {
  readonly?: boolean;
  /**
   * 32-byte key: the file (and so its WAL and the migration backups copied from it) is encrypted
   * in SQLCipher 4 format. A plain file found at `file` is encrypted in place first. Without a
   * key the file is plain (tests, the demo builder, benchmark baselines).
   */
  key?: Buffer;
}

/**
 * Opens (and migrates) the device replica. Pragmas follow DESIGN §3: WAL for readers during
 * writes, synchronous=FULL so a capture survives a power cut at the register.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const onDisk = file !== ':memory:' && file !== '';
  if (options.key && onDisk) encryptPlainFiles(file, options.key);
  const db = new Sqlite(file, { readonly: options.readonly ?? false });
  try {
    if (options.key && onDisk) {
      applyKey(db, options.key);
      // A wrong key (or a damaged header) only shows at the first read.
      try {
        db.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch {
        throw new ReplicaKeyError(file);
      }
      if (!options.readonly) restrictToOwner(file);
      // Every page read from disk is authenticated and decrypted: keep the working set
      // decrypted in SQLite's own cache (64 MB instead of the default 2 MB).
      db.pragma(`cache_size = -${ENCRYPTED_CACHE_KIB}`);
    }
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function closeDatabase(db: Db): void {
  if (db.open) {
    if (!db.readonly) db.pragma('optimize');
    db.close();
  }
}

/** True when the file exists and is an unencrypted SQLite database. */
export function isPlainSqliteFile(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    return fs.readSync(fd, head, 0, 16, 0) === 16 && head.equals(PLAIN_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function applyKey(db: Db, key: Buffer): void {
  if (key.length !== 32) throw new Error('A replica key is 32 bytes.');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  // x'…' = a raw 256-bit key: no passphrase derivation, the key is already random.
  db.pragma(`key = "x'${key.toString('hex')}'"`);
}

/**
 * A replica written before encryption (and the migration backups beside it) is encrypted in
 * place on open: SQLite3MC rewrites every page in one journalled transaction, so a crash leaves
 * the old plain file or the new encrypted one. Rekeying needs rollback-journal mode.
 */
function encryptPlainFiles(file: string, key: Buffer): void {
  const dir = fs.existsSync(file) ? [file] : [];
  const backups = listBackups(file);
  for (const f of [...dir, ...backups]) {
    if (!isPlainSqliteFile(f)) continue;
    const db = new Sqlite(f);
    try {
      db.pragma('journal_mode = DELETE'); // checkpoints and removes the plain WAL
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
      db.pragma(`rekey = "x'${key.toString('hex')}'"`);
    } finally {
      db.close();
    }
    restrictToOwner(f);
  }
}

function listBackups(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.pre-v`) && name.endsWith('.bak'))
    .map((name) => path.join(dir, name));
}

/** The replica holds customers' personal data: owner-only, on top of the encryption. */
function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // best effort: a read-only mount keeps its modes
  }
}
