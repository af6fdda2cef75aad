import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, NewerDatabaseError, schemaVersion } from './migrate.js';
import { migrations } from './migrations/index.js';
import { closeDatabase, openDatabase } from './open.js';

const tmpDirs: string[] = [];
function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'endcap-db-'));
  tmpDirs.push(dir);
  return path.join(dir, 'endcap.db');
}
afterEach(() => {
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tables(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

describe('openDatabase', () => {
  it('opens a file replica with WAL, full sync and foreign keys, migrated to the newest schema', () => {
    const db = openDatabase(tmpFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(schemaVersion(db)).toBe(migrations.length);
    closeDatabase(db);
  });

  it('refuses a database written by a newer app, with a message saying what to do', () => {
    const file = tmpFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Endcap/);
  });
});

describe('migrate', () => {
  it('runs all pending migrations in one transaction: a failure leaves the database untouched', () => {
    const db = new Database(':memory:');
    const list = [
      { version: 1, name: 'ok', up: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', up: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, { migrations: list })).toThrow();
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
  });

  it('backs up a file database that already holds data before migrating it further', () => {
    const file = tmpFile();
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    const list = [
      { version: 1, name: 'one', up: 'CREATE TABLE a (x INTEGER); INSERT INTO a VALUES (7);' },
      { version: 2, name: 'two', up: 'ALTER TABLE a ADD COLUMN y INTEGER;' },
    ];
    migrate(db, { migrations: list, target: 1 });
    expect(fs.existsSync(`${file}.pre-v1.bak`)).toBe(false); // a new database has nothing to save
    migrate(db, { migrations: list });
    expect(schemaVersion(db)).toBe(2);
    const backup = new Database(`${file}.pre-v2.bak`, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT x FROM a').get()).toEqual({ x: 7 });
    backup.close();
    db.close();
  });

  it('is a no-op on an up-to-date database', () => {
    const db = openDatabase(':memory:');
    expect(migrate(db)).toEqual({ from: migrations.length, to: migrations.length });
  });
});

describe('migration 001 (initial schema)', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, { target: 1 });

  it('creates every table of DESIGN §3 and the device tables', () => {
    expect(tables(db)).toEqual(
      expect.arrayContaining([
        'locations', 'categories', 'products', 'products_fts', 'inventory', 'customers', 'customer_identifiers',
        'consents', 'orders', 'order_lines', 'customer_features', 'merch_config', 'merch_affinities',
        'merch_guardrails', 'merch_blocked_categories', 'outbox', 'audit_log', 'sync_state', 'staff', 'device',
      ]),
    );
    expect(db.prepare('SELECT stream FROM sync_state ORDER BY stream').all()).toHaveLength(5);
  });

  it('keeps the product search index current through inserts, updates and deletes', () => {
    db.exec(`
      INSERT INTO locations VALUES ('DC1', 'dc', 'Central DC', 'Denver', 'CO', 'US', 'America/Denver', 2, 0);
      INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES ('outdoor', NULL, 'Outdoor', 'Outdoor', 0),
        ('outdoor/tents', 'outdoor', 'Tents', 'Outdoor > Tents', 1);
      INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, color, launched_at, season, status, updated_at)
        VALUES ('SKU-9', 'Ridgeline Tent', 'Northpeak', 'outdoor/tents', 19900, 9000, 'Olive', '2025-01-01', 'summer', 'active', '2025-01-01');
    `);
    const find = (q: string) => db.prepare(`SELECT p.sku FROM products_fts JOIN products p ON p.id = products_fts.rowid WHERE products_fts MATCH ?`).all(q);
    expect(find('ridgeline')).toEqual([{ sku: 'SKU-9' }]);
    expect(find('olive')).toEqual([{ sku: 'SKU-9' }]); // attributes are searchable
    expect(find('tents')).toEqual([{ sku: 'SKU-9' }]); // so is the category path
    db.exec(`UPDATE products SET title = 'Summit Dome' WHERE sku = 'SKU-9'`);
    expect(find('ridgeline')).toEqual([]);
    expect(find('summit')).toEqual([{ sku: 'SKU-9' }]);
    db.exec(`DELETE FROM products WHERE sku = 'SKU-9'`);
    expect(find('summit')).toEqual([]);
  });

  it('rejects rows that break the schema rules', () => {
    expect(() =>
      db.exec(`INSERT INTO locations VALUES ('X', 'warehouse', 'X', 'X', 'X', 'US', 'UTC', 1, 0)`),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(`INSERT INTO inventory (sku, location_id, on_hand, updated_at) VALUES ('NOPE', 'DC1', 1, 'now')`),
    ).toThrow(/FOREIGN KEY/);
    expect(() => db.exec(`INSERT INTO outbox (id, kind, payload, created_at) VALUES ('1', 'x', 'not json', 'now')`)).toThrow(/CHECK/);
  });

  it('allows only one active merchandiser policy', () => {
    db.exec(`INSERT INTO merch_config (version, status, is_active, author, published_at) VALUES (1, 'published', 1, 'a', 'now')`);
    expect(() =>
      db.exec(`INSERT INTO merch_config (version, status, is_active, author, published_at) VALUES (2, 'published', 1, 'a', 'now')`),
    ).toThrow(/UNIQUE/);
  });
});

describe('migration 002 (engine)', () => {
  it('adds learned links, starter events and the best-seller index to a version-1 replica with data', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { target: 1 });
    db.exec(`
      INSERT INTO categories (id, parent_id, name, path_name, depth) VALUES ('a', NULL, 'A', 'A', 0), ('b', NULL, 'B', 'B', 0);
      INSERT INTO products (sku, title, brand, category_id, price_cents, cost_cents, launched_at, season, status, popularity, updated_at)
        VALUES ('S1', 'Kept', 'X', 'a', 100, 50, '2025-01-01', 'all', 'active', 0.5, 'now');
    `);
    migrate(db, { target: 2 });
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare(`SELECT title FROM products`).all()).toEqual([{ title: 'Kept' }]);
    db.exec(`INSERT INTO copurchase_links VALUES ('a', 'b', 3, 0.5, 2.0, 14, 'now')`);
    expect(() => db.exec(`INSERT INTO copurchase_links VALUES ('a', 'zzz', 3, 0.5, 2.0, 14, 'now')`)).toThrow(/FOREIGN KEY/);
    expect(() =>
      db.exec(`INSERT INTO starter_events (decision_id, position, store_id, kind, cap_key, policy_version, arm, propensity, score, shown_at)
               VALUES ('d', 0, 'S1', 'cross_sell', 'k', 1, 'control', 1, 1, 'now')`),
    ).toThrow(/CHECK/);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT sku FROM products WHERE category_id = 'a' ORDER BY popularity DESC LIMIT 5`).all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/products_category_popularity/);
    expect(plan.map((r) => r.detail).join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
