import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { MerchPolicy } from '../contract/areas/merchTypes.js';
import type { App } from '../testing/app.js';
import { addShopper } from '../testing/engineStore.js';
import { openMerchStore, ok } from '../testing/merchStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  ({ db, app } = openMerchStore());
  addShopper(db, { id: 'RUNNER', purchases: [['SHOE-1', 40]] });
});

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);
const outbox = (kind: string) => (db.prepare(`SELECT payload FROM outbox WHERE kind = ? ORDER BY id`).all(kind) as { payload: string }[]).map((r) => JSON.parse(r.payload));
const starterKeys = () => {
  const s = ok(app.call('starters.forCustomer', { customerId: 'RUNNER' }));
  return { version: s.policyVersion, reasons: s.starters.map((x) => x.reason) };
};
/** Socks 40 days after running shoes: the published rule stops at 30. */
function widenShoeSock(): number {
  const draft = ok(app.call('merch.draft.get', {}));
  const policy: MerchPolicy = {
    ...draft.policy,
    affinities: draft.policy.affinities.map((a) => (a.id === 'shoe-sock' ? { ...a, maxDelayDays: 60, note: 'socks wear out' } : a)),
  };
  return ok(app.call('merch.draft.save', { baseRevision: draft.revision, policy })).revision;
}

describe('publish', () => {
  it('makes the draft a new active version, used by the very next decision, and sends it to the hub', () => {
    expect(starterKeys().reasons.join()).not.toMatch(/socks wear out/);
    const revision = widenShoeSock();
    const receipt = ok(app.call('merch.publish', { note: 'Socks for longer', baseRevision: revision }));
    expect(receipt.version).toMatchObject({ version: 2, author: 'Priya Shah', note: 'Socks for longer', active: true, parentVersion: 1, counts: { affinities: 3, activeAffinities: 3, blockedCategories: 1 } });
    expect(receipt.diff.affinities.changed.map((c) => c.fields.map((f) => f.field))).toEqual([['maxDelayDays', 'note']]);

    const after = starterKeys();
    expect(after.version).toBe(2);
    expect(after.reasons.join()).toMatch(/socks wear out/);
    const audit = db.prepare(`SELECT policy_version AS v FROM audit_log WHERE action = 'starters.decide' ORDER BY at DESC, rowid DESC LIMIT 1`).get();
    expect(audit).toEqual({ v: 2 });

    const [event] = outbox('merch.published');
    expect(event.version).toBe(2);
    expect(event.staffId).toBe('st-priya'); // the publisher, whom the hub checks for the chain-level role
    expect(Object.keys(event.rows)).toEqual(['merch_config', 'merch_affinities', 'merch_affinity_skus', 'merch_affinity_stores', 'merch_guardrails', 'merch_blocked_categories', 'merch_incentive_rules']);
    expect(event.rows.merch_config).toEqual([{ version: 2, status: 'published', is_active: 1, author: 'Priya Shah', note: 'Socks for longer', published_at: '2026-06-15T12:00:00.000Z' }]);
    expect(Object.keys(event.rows.merch_affinities[0])).toEqual(['version', 'id', 'from_category_id', 'to_category_id', 'min_delay_days', 'max_delay_days', 'weight', 'season_start', 'season_end', 'active', 'note']);
    expect(event.rows.merch_affinities.find((r: { id: string }) => r.id === 'shoe-sock')).toMatchObject({ max_delay_days: 60, note: 'socks wear out' });
    expect(event.rows.merch_guardrails).toHaveLength(1);
    expect(event.rows.merch_blocked_categories).toEqual([{ version: 2, category_id: 'health' }]);

    expect(db.prepare(`SELECT version, is_active FROM merch_config ORDER BY version`).all()).toEqual([{ version: 1, is_active: 0 }, { version: 2, is_active: 1 }]);
    expect(ok(app.call('merch.draft.get', {}))).toMatchObject({ basedOnVersion: 2, changed: false });
  });

  it('keeps published versions immutable: the draft moves on, v2 stays as published', () => {
    ok(app.call('merch.publish', { note: 'v2', baseRevision: widenShoeSock() }));
    const draft = ok(app.call('merch.draft.get', {}));
    ok(app.call('merch.draft.save', { baseRevision: draft.revision, policy: { ...draft.policy, affinities: [] } }));
    expect(ok(app.call('merch.diff', { from: 2, to: 2 })).unchanged).toBe(true);
    expect(ok(app.call('merch.diff', {})).affinities.removed).toHaveLength(3);
    expect(db.prepare(`SELECT count(*) AS n FROM merch_affinities WHERE version = 2`).get()).toEqual({ n: 3 });
  });

  it('stores incentive rules with the version, and the engine follows them', () => {
    addShopper(db, { id: 'VIP', segment: 'vip', purchases: [['JACKET-1', 50], ['BAG-1', 80]] });
    const incentivesOf = () => ok(app.call('starters.forCustomer', { customerId: 'VIP', limit: 8 })).starters.map((s) => s.incentive).filter(Boolean);
    expect(incentivesOf()).toContain('sample');
    const draft = ok(app.call('merch.draft.get', {}));
    const policy = { ...draft.policy, incentives: { ...draft.policy.incentives, vip: ['free_shipping' as const] } };
    const revision = ok(app.call('merch.draft.save', { baseRevision: draft.revision, policy })).revision;
    ok(app.call('merch.publish', { note: 'VIPs get delivery', baseRevision: revision }));
    expect(incentivesOf()).toEqual(['free_shipping']);
    expect(db.prepare(`SELECT shopper_type, incentive FROM merch_incentive_rules WHERE version = 2 AND enabled = 1 ORDER BY 1, 2`).all()).toEqual([
      { shopper_type: 'bargain_hunter', incentive: 'scarcity' },
      { shopper_type: 'big_cart', incentive: 'concierge' },
      { shopper_type: 'first_timer', incentive: 'free_shipping' },
      { shopper_type: 'vip', incentive: 'free_shipping' },
    ]);
  });

  it('refuses a draft with problems, an unchanged draft and a stale revision, writing nothing', () => {
    const draft = ok(app.call('merch.draft.get', {}));
    const bad = { ...draft.policy, guardrails: { ...draft.policy.guardrails, holdoutShare: 0.9 } };
    const saved = ok(app.call('merch.draft.save', { baseRevision: 0, policy: bad }));
    expect(saved.problems).toEqual([{ path: 'guardrails.holdoutShare', message: 'must be between 0 and 0.5' }]);
    const refused = app.call('merch.publish', { note: 'try', baseRevision: saved.revision });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { problems: saved.problems } } });

    const reset = ok(app.call('merch.draft.reset', {}));
    expect(code(app.call('merch.publish', { note: 'same', baseRevision: reset.revision }))).toBe('conflict');
    expect(code(app.call('merch.publish', { note: 'old', baseRevision: 0 }))).toBe('conflict');
    expect(code(app.call('merch.publish', { note: '', baseRevision: reset.revision }))).toBe('invalid_input'); // a change note is required
    expect(db.prepare(`SELECT count(*) AS n FROM merch_config`).get()).toEqual({ n: 1 });
    expect(outbox('merch.published')).toEqual([]);
  });
});

describe('rollback', () => {
  it('makes an earlier version active in one step, at once, and tells the hub', () => {
    ok(app.call('merch.publish', { note: 'longer socks', baseRevision: widenShoeSock() }));
    expect(starterKeys().version).toBe(2);
    const back = ok(app.call('merch.rollback', { version: 1, note: 'too pushy' }));
    expect(back).toMatchObject({ version: 1, active: true });
    const now = starterKeys();
    expect(now.version).toBe(1);
    expect(now.reasons.join()).not.toMatch(/socks wear out/);
    expect(outbox('merch.activated')).toEqual([{ version: 1, staffId: 'st-priya', author: 'Priya Shah', note: 'too pushy', at: '2026-06-15T12:00:00.000Z' }]);

    const list = ok(app.call('merch.versions', {}));
    expect(list.activeVersion).toBe(1);
    expect(list.versions.map((v) => [v.version, v.active, v.author])).toEqual([[2, false, 'Priya Shah'], [1, true, 'test']]);
    expect(list.activations.map((a) => [a.version, a.kind, a.note])).toEqual([[1, 'rolled_back', 'too pushy'], [2, 'published', 'longer socks']]);
  });

  it('refuses an unknown version and the one already active', () => {
    expect(code(app.call('merch.rollback', { version: 9 }))).toBe('not_found');
    expect(code(app.call('merch.rollback', { version: 1 }))).toBe('conflict');
    expect(outbox('merch.activated')).toEqual([]);
  });
});

describe('the working draft', () => {
  it('is saved durably with who and when, and refuses a save based on an older revision', () => {
    const first = ok(app.call('merch.draft.get', {}));
    expect(first).toMatchObject({ revision: 0, basedOnVersion: 1, updatedBy: null, changed: false });
    const saved = ok(app.call('merch.draft.save', { baseRevision: 0, policy: { ...first.policy, blockedCategories: [] } }));
    expect(saved).toMatchObject({ revision: 1, updatedBy: { staffId: 'st-priya', name: 'Priya Shah' }, updatedAt: '2026-06-15T12:00:00.000Z', changed: true });
    const stale = app.call('merch.draft.save', { baseRevision: 0, policy: first.policy });
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict', details: { revision: 1 } } });
    expect(ok(app.call('merch.draft.get', {})).policy.blockedCategories).toEqual([]);
  });

  it('rejects malformed input as a whole', () => {
    const draft = ok(app.call('merch.draft.get', {}));
    const twice = { ...draft.policy, affinities: [...draft.policy.affinities, draft.policy.affinities[0]!] };
    expect(code(app.call('merch.draft.save', { baseRevision: 0, policy: twice }))).toBe('invalid_input');
    expect(code(app.call('merch.draft.save', { baseRevision: 0, policy: { ...draft.policy, extra: 1 } as never }))).toBe('invalid_input');
    expect(db.prepare(`SELECT count(*) AS n FROM merch_draft`).get()).toEqual({ n: 0 });
  });
});

describe('who may use the console', () => {
  it('forbids associates every merch call, and lets managers in', async () => {
    const names = ['merch.setup', 'merch.draft.get', 'merch.versions', 'merch.check', 'merch.suggestions', 'merch.diff', 'merch.csv.export'] as const;
    ok(app.call('session.logout', {}));
    for (const n of names) expect(code(app.call(n, {}))).toBe('unauthenticated');
    ok(app.call('session.login', { staffId: 'st-ava', pin: '1111' }));
    for (const n of names) expect(code(app.call(n, {}))).toBe('forbidden');
    expect(code(app.call('merch.draft.save', { baseRevision: 0, policy: ok(openMerchStore().app.call('merch.draft.get', {})).policy }))).toBe('forbidden');
    expect(code(app.call('merch.publish', { note: 'x', baseRevision: 0 }))).toBe('forbidden');
    expect(code(app.call('merch.rollback', { version: 1 }))).toBe('forbidden');
    expect(code(await app.callAsync('merch.preview', { sample: { kind: 'customer', customerId: 'RUNNER' } }))).toBe('forbidden');
    ok(app.call('session.logout', {}));
    ok(app.call('session.login', { staffId: 'st-dana', pin: '4444' }));
    for (const n of names) expect(code(app.call(n, {}))).toBe('ok');
  });
});
