import { beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { App } from '../testing/app.js';
import { addShopper } from '../testing/engineStore.js';
import { openMerchStore, ok } from '../testing/merchStore.js';

let db: Database.Database;
let app: App;
beforeEach(() => {
  ({ db, app } = openMerchStore());
  // six of the eleven customers buy a tent, a pad 10–20 days later and a jacket 5 days after that; four runners only buy shoes
  for (let i = 0; i < 6; i++) addShopper(db, { id: `CAMP${i}`, purchases: [['TENT-1', 100], ['PAD-1', 90 - 2 * i], ['JACKET-1', 85 - 2 * i]] });
  for (let i = 0; i < 4; i++) addShopper(db, { id: `RUN${i}`, purchases: [['SHOE-1', 50]] });
});

describe('merch.suggestions', () => {
  it('mines follow-ups with lift, confidence, support and the spread of the delay, as rows ready to adopt', () => {
    const list = ok(app.call('merch.suggestions', { minSupport: 3, minLift: 1 }));
    expect(list.customersScanned).toBe(11);
    const pads = list.items.find((s) => s.fromCategoryId === 'outdoor/camping/tents' && s.toCategoryId === 'outdoor/camping/pads')!;
    expect(pads).toMatchObject({ fromName: 'Tents', toName: 'Sleeping Pads', support: 6, confidence: 1, lift: 1.83, delayDays: { median: 15, p25: 12.5, p75: 17.5 } });
    expect(pads.coveredBy).toEqual(['tent-pad']); // the published rule already covers it
    expect(pads.proposal).toMatchObject({ id: 'tents-pads', minDelayDays: 12, maxDelayDays: 19, active: true, skus: [], storeIds: [] });

    const jackets = list.items.find((s) => s.fromCategoryId === 'outdoor/camping/pads' && s.toCategoryId === 'apparel/jackets')!;
    expect(jackets.coveredBy).toEqual([]);
    expect(jackets.delayDays.median).toBe(5);
  });

  it('never proposes a blocked category, and filters by where a rule starts', () => {
    const list = ok(app.call('merch.suggestions', { minSupport: 3, minLift: 1, fromCategoryId: 'outdoor/camping' }));
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((s) => s.fromCategoryId.startsWith('outdoor/camping/'))).toBe(true);
    expect(list.items.some((s) => s.toCategoryId.startsWith('health'))).toBe(false);
  });
});
