// A merchandiser publishes on one register; another register of the chain pulls the same
// version, incentive rules included (merch_incentive_rules travels in the merch_config stream).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../core/db/open.js';
import { pull } from '../client/pull.js';
import { push } from '../client/push.js';
import { injectTransport } from './injectTransport.js';
import { buildTemplate, must, PIN, World, type WorldTemplate } from './world.js';

let template: WorldTemplate;

beforeAll(async () => {
  template = await buildTemplate();
});
afterAll(() => {
  fs.rmSync(template.dir, { recursive: true, force: true });
});

const RULES_SQL = 'SELECT version, shopper_type, incentive, enabled FROM merch_incentive_rules WHERE version = ? ORDER BY shopper_type, incentive';

describe('merch config round trip', () => {
  it('incentive rules published on one device reach another device as they were published', async () => {
    const world = await World.open(template, { maxPageSize: 7 });
    const otherFile = path.join(template.dir, 'other-device.db');
    fs.copyFileSync(template.deviceFile, otherFile);
    const other = openDatabase(otherFile);
    try {
      const now = () => world.now();
      must(world.app.call('session.login', { staffId: template.merchandiserId, pin: PIN }));
      const draft = must(world.app.call('merch.draft.get', {}));
      // VIPs lose early access, bargain hunters gain scarcity: both directions of a change travel.
      const incentives = {
        ...draft.policy.incentives,
        vip: draft.policy.incentives.vip.filter((k) => k !== 'early_access'),
        bargain_hunter: [...new Set([...draft.policy.incentives.bargain_hunter, 'scarcity' as const])],
      };
      const saved = must(world.app.call('merch.draft.save', { baseRevision: draft.revision, policy: { ...draft.policy, incentives } }));
      const receipt = must(world.app.call('merch.publish', { note: 'incentives for the holidays', baseRevision: saved.revision }));
      const version = receipt.version.version;

      expect((await push(world.db, world.transport, { now })).rejected).toBe(0);
      await pull(other, injectTransport(world.server, template.token), 'merch_config', { now });

      const published = world.db.prepare(RULES_SQL).all(version);
      expect(published.length).toBeGreaterThan(0);
      expect(other.prepare(RULES_SQL).all(version)).toEqual(published);
      expect(other.prepare(`SELECT enabled FROM merch_incentive_rules WHERE version = ? AND shopper_type = 'vip' AND incentive = 'early_access'`).pluck().get(version)).toBe(0);
      expect(other.prepare(`SELECT enabled FROM merch_incentive_rules WHERE version = ? AND shopper_type = 'bargain_hunter' AND incentive = 'scarcity'`).pluck().get(version)).toBe(1);
      expect(other.prepare('SELECT version FROM merch_config WHERE is_active = 1').pluck().all()).toEqual([version]);
    } finally {
      closeDatabase(other);
      await world.close();
    }
  });
});
