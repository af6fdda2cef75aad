import type Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../testing/app.js';
import { addShopper, openEngineStore } from '../../testing/engineStore.js';
import { SMALL_NOW, SMALL_PINS } from '../../testing/smallStore.js';

let db: Database.Database;
let app: App;
let decisionId: string;
beforeEach(() => {
  db = openEngineStore();
  addShopper(db, { id: 'TENT', purchases: [['TENT-1', 21]] });
  app = createApp({ db, now: () => SMALL_NOW });
  expect(app.dispatch('session.login', { staffId: 'st-ava', pin: SMALL_PINS.associate }).ok).toBe(true);
  const s = app.call('starters.forCustomer', { customerId: 'TENT' });
  if (!s.ok) throw new Error(s.error.message);
  decisionId = s.value.decisionId;
});
const outboxFeedback = () => db.prepare(`SELECT count(*) AS n FROM outbox WHERE kind = 'starter.feedback'`).get();

describe('starters.feedback with a skip reason', () => {
  it('records "not relevant" with its reason', () => {
    const r = app.call('starters.feedback', { decisionId, position: 0, feedback: 'not_relevant', reason: 'price' });
    expect(r.ok).toBe(true);
    expect(db.prepare(`SELECT feedback_reason AS reason FROM starter_events WHERE decision_id = ? AND position = 0`).get(decisionId)).toEqual({ reason: 'price' });
  });

  it('refuses a reason with "used", and an unknown reason, writing nothing', () => {
    for (const input of [
      { decisionId, position: 0, feedback: 'used', reason: 'price' },
      { decisionId, position: 0, feedback: 'not_relevant', reason: 'too_ugly' },
    ]) {
      const r = app.dispatch('starters.feedback', input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('invalid_input');
    }
    expect(outboxFeedback()).toEqual({ n: 0 });
  });

  it('still takes "not relevant" without a reason (older screens)', () => {
    expect(app.call('starters.feedback', { decisionId, position: 0, feedback: 'not_relevant' }).ok).toBe(true);
    expect(outboxFeedback()).toEqual({ n: 1 });
  });
});
