import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../migrate.js';
import { loadIncentiveRules } from '../../engine/policy.js';
import { DEFAULT_INCENTIVE_RULES } from '../../engine/incentives.js';
import { migrations } from './index.js';

const MERCH = migrations.findIndex((m) => m.name === 'merch') + 1;

describe(`migration ${MERCH} (merch)`, () => {
  it('keeps published versions, which keep the built-in incentive rules, and adds the draft, rules and history', () => {
    expect(MERCH).toBe(5);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { target: MERCH - 1 });
    db.exec(`INSERT INTO merch_config (version, status, is_active, author, note, published_at) VALUES (1, 'published', 1, 'demo', 'Initial policy', 'now')`);
    migrate(db, { target: MERCH });
    expect(schemaVersion(db)).toBe(MERCH);
    expect(db.prepare(`SELECT version, is_active FROM merch_config`).all()).toEqual([{ version: 1, is_active: 1 }]);
    expect(loadIncentiveRules(db, 1)).toEqual(DEFAULT_INCENTIVE_RULES);

    // one draft per device
    const draft = db.prepare(`INSERT INTO merch_draft (id, policy, revision, based_on_version, updated_at) VALUES (?, ?, ?, 1, 'now')`);
    draft.run(1, '{}', 1);
    for (const bad of [[2, '{}', 1], [1, 'not json', 2]] as const) expect(() => draft.run(...bad)).toThrow(/CHECK|UNIQUE|constraint/);

    // incentive rules belong to a version and name known shopper types and incentives
    const rule = db.prepare(`INSERT INTO merch_incentive_rules (version, shopper_type, incentive, enabled) VALUES (?, ?, ?, ?)`);
    rule.run(1, 'vip', 'sample', 1);
    rule.run(1, 'vip', 'early_access', 0);
    expect(loadIncentiveRules(db, 1)).toMatchObject({ vip: ['sample'], first_timer: [], big_cart: [] });
    expect(() => rule.run(1, 'vip', 'cash_discount', 1)).toThrow(/CHECK/);
    expect(() => rule.run(1, 'everyone', 'sample', 1)).toThrow(/CHECK/);
    expect(() => rule.run(9, 'vip', 'concierge', 1)).toThrow(/FOREIGN KEY/);

    db.prepare(`INSERT INTO merch_version_parents (version, parent_version) VALUES (1, 0)`).run();
    db.prepare(`INSERT INTO merch_activations (version, kind, at, by_name) VALUES (1, 'published', 'now', 'Priya Shah')`).run();
    expect(() => db.prepare(`INSERT INTO merch_activations (version, kind, at, by_name) VALUES (1, 'pulled', 'now', 'x')`).run()).toThrow(/CHECK/);
    db.prepare(`DELETE FROM merch_config WHERE version = 1`).run();
    expect(db.prepare(`SELECT (SELECT count(*) FROM merch_incentive_rules) + (SELECT count(*) FROM merch_version_parents) AS n`).get()).toEqual({ n: 0 });
  });
});
