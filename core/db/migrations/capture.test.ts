import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { migrations } from './index.js';

const CAPTURE = migrations.findIndex((m) => m.name === 'capture') + 1;

describe(`migration ${CAPTURE} (capture)`, () => {
  it('adds checkout outcomes and their roll-up to a replica with customers, keeping them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { target: CAPTURE - 1 });
    db.exec(`
      INSERT INTO customers (id, first_name, last_name, first_name_key, last_name_key, created_at, updated_at)
        VALUES ('C1', 'John', 'Doe', 'john', 'doe', 'now', 'now');
      INSERT INTO customer_identifiers (kind, value, customer_id, raw, created_at) VALUES ('email', 'johndoe@gmail.com', 'C1', 'john.doe@gmail.com', 'now');
    `);
    migrate(db, { target: CAPTURE });
    expect(schemaVersion(db)).toBe(CAPTURE);
    expect(db.prepare(`SELECT raw FROM customer_identifiers`).pluck().all()).toEqual(['john.doe@gmail.com']);

    const insert = db.prepare(`INSERT INTO checkout_outcomes (id, occurred_at, local_day, local_hour, weekday, store_id, register_id, associate_id,
      outcome, decline_reason, customer_id, typo_suggested, typo_accepted, receipts_opt_in, marketing_opt_in, personalization_opt_in)
      VALUES (?, 'now', '2026-06-15', 17, 1, 'S1', 'R1', 'E1', ?, ?, ?, ?, ?, ?, ?, ?)`);
    insert.run('o1', 'captured_new', null, 'C1', 1, 1, 1, 1, 0);
    insert.run('o2', 'declined', 'privacy', null, 0, 0, 0, 0, 0);
    insert.run('o3', 'already_on_file', null, 'C1', 0, 0, 0, 0, 0);
    expect(db.prepare(`SELECT checkouts, captured_new, declined, declined_privacy, already_on_file, receipts_opt_in, marketing_opt_in, typo_accepted FROM checkout_daily`).get()).toEqual({
      checkouts: 3, captured_new: 1, declined: 1, declined_privacy: 1, already_on_file: 1, receipts_opt_in: 1, marketing_opt_in: 1, typo_accepted: 1,
    });
    expect(db.prepare(`SELECT local_hour, weekday, eligible, captured FROM checkout_hourly`).get()).toEqual({ local_hour: 17, weekday: 1, eligible: 2, captured: 1 });

    // the schema refuses outcomes that cannot be counted honestly
    const bad: unknown[][] = [
      ['b1', 'declined', null, null, 0, 0, 0, 0, 0], // a decline needs its reason
      ['b2', 'captured_new', 'privacy', null, 0, 0, 0, 0, 0], // a capture has none
      ['b3', 'declined', 'busy', null, 0, 0, 0, 0, 0], // reasons come from the short list
      ['b4', 'declined', 'privacy', null, 0, 0, 0, 1, 0], // consent only with a captured address
      ['b5', 'captured_new', null, null, 0, 1, 0, 0, 0], // a typo fix needs a suggestion
      ['b6', 'skipped', null, null, 0, 0, 0, 0, 0],
    ];
    for (const row of bad) expect(() => insert.run(...row), String(row[0])).toThrow(/CHECK/);

    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT customer_id FROM customer_identifiers WHERE kind = 'email' AND substr(value, instr(value, '@') + 1) = 'gmail.com'`).all() as { detail: string }[];
    expect(plan.map((r) => r.detail).join('\n')).toMatch(/customer_identifiers_email_domain/);
  });
});
