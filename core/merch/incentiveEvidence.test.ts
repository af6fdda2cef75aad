import { describe, expect, it } from 'vitest';
import { DEFAULT_INCENTIVE_RULES } from '../engine/incentives.js';
import { openSmallStore } from '../testing/smallStore.js';
import { INCENTIVE_EVIDENCE, parseIncentiveEvidence } from './incentiveEvidence.js';
import { merchSetup } from './setup.js';

describe('the seed incentive rules’ evidence the app reads', () => {
  it('is what eval:incentives wrote, consistent with the defaults it kept, and reaches the merchandiser’s setup', () => {
    expect(INCENTIVE_EVIDENCE.types.length).toBeGreaterThan(0);
    for (const t of INCENTIVE_EVIDENCE.types) {
      // A default is kept exactly when the interval's low end clears the cost.
      expect(t.clearsCost).toBe(t.ci95[0] > INCENTIVE_EVIDENCE.cost);
      expect(t.seedRule).toEqual(t.clearsCost ? DEFAULT_INCENTIVE_RULES[t.type] : []);
      expect(t.ci95[0]).toBeLessThanOrEqual(t.uplift);
      expect(t.uplift).toBeLessThanOrEqual(t.ci95[1]);
    }
    expect(merchSetup(openSmallStore()).incentiveEvidence).toEqual(INCENTIVE_EVIDENCE);
  });

  it('refuses a file that does not hold what the editor needs', () => {
    expect(() => parseIncentiveEvidence({ ...INCENTIVE_EVIDENCE, types: [{ type: 'whale' }] })).toThrow();
    expect(() => parseIncentiveEvidence({ ...INCENTIVE_EVIDENCE, extra: 1 })).toThrow();
    const [first] = INCENTIVE_EVIDENCE.types;
    expect(() => parseIncentiveEvidence({ ...INCENTIVE_EVIDENCE, types: [{ ...first, ci95: [0.2, 0.1] }] })).toThrow();
  });
});
