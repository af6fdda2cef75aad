import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

const LEARN_STATE = migrations.findIndex((m) => m.name === 'learn_state') + 1;

describe(`migration ${LEARN_STATE} (learn_state)`, () => {
  it('keeps what a replica learned before it, on the orders it had, with the default schedule', () => {
    expect(LEARN_STATE).toBe(7);
    const db = new Database(':memory:');
    migrate(db, { target: LEARN_STATE - 1 });
    db.exec(`
      INSERT INTO categories (id, name, path_name, depth) VALUES ('a', 'A', 'A', 0), ('b', 'B', 'B', 0);
      INSERT INTO copurchase_links VALUES ('a', 'b', 3, 0.5, 2.0, 14, '2026-11-01T00:00:00.000Z');
      INSERT INTO orders (id, channel, placed_at, subtotal_cents) VALUES ('o1', 'store', '2026-10-01T00:00:00Z', 100), ('o2', 'online', '2026-10-02T00:00:00Z', 100);
    `);
    migrate(db, { target: LEARN_STATE });
    expect(schemaVersion(db)).toBe(LEARN_STATE);
    expect(db.prepare(`SELECT * FROM learn_state`).all()).toEqual([
      { id: 1, learned_at: '2026-11-01T00:00:00.000Z', orders_learned: 2, links_learned: 1, new_orders: 0, min_new_orders: 5000, max_age_hours: 24 },
    ]);
    expect(() => db.exec(`INSERT INTO learn_state (id) VALUES (2)`)).toThrow(/CHECK/);
  });

  it('a fresh replica has never learned', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(db.prepare(`SELECT learned_at, orders_learned FROM learn_state`).get()).toEqual({ learned_at: null, orders_learned: 0 });
  });
});
