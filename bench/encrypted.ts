// The encrypted twin of a benchmark replica: the same file copied and opened with a device key,
// exactly as a register opens a replica written before encryption (encrypted in place on open).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { closeDatabase, openDatabase } from '../core/db/open.js';

export interface EncryptedTwin {
  db: Database.Database;
  encryptS: number;
  close(): void;
}

export function encryptedTwin(plain: Database.Database): EncryptedTwin {
  plain.pragma('wal_checkpoint(TRUNCATE)');
  const file = `${plain.name}.encrypted`;
  fs.copyFileSync(plain.name, file);
  const t = Date.now();
  const db = openDatabase(file, { key: randomBytes(32) });
  const encryptS = (Date.now() - t) / 1000;
  return {
    db,
    encryptS,
    close: () => {
      closeDatabase(db);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    },
  };
}

/** Encrypted p95 ÷ plain p95: what encryption at rest costs the same work in the same run. */
export function costRatio(encryptedP95: number, plainP95: number): number {
  return Math.round((encryptedP95 / plainP95) * 1000) / 1000;
}
