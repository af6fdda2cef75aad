import { describe, expect, it } from 'vitest';
import type { IncentiveEvidence, IncentiveInfo, ShopperTypeInfo } from '../../../../../core/contract/index';
import { evidenceLines, evidenceSource } from './incentiveEvidenceText';

const evidence: IncentiveEvidence = {
  source: 'Hillstrom e-mail test: 64,000 customers',
  outcome: 'visits within two weeks',
  cost: 0.03,
  types: [
    { type: 'first_timer', customers: 19705, uplift: 0.06752, ci95: [0.05444, 0.07921], heldOutUplift: 0.06235, heldOutCi95: [0.04972, 0.07831], seedRule: ['free_shipping'], clearsCost: true },
    { type: 'regular', customers: 21473, uplift: 0.06427, ci95: [0.05032, 0.0807], heldOutUplift: 0.04376, heldOutCi95: [0.02735, 0.05808], seedRule: [], clearsCost: true },
    { type: 'lapsing', customers: 900, uplift: 0.02, ci95: [-0.01, 0.05], heldOutUplift: 0.01, heldOutCi95: [-0.02, 0.04], seedRule: [], clearsCost: false },
  ],
};
const type = (t: ShopperTypeInfo['type'], label: string): ShopperTypeInfo => ({ type: t, label, description: '', allowed: [] });
const types = [type('first_timer', 'First-timer'), type('regular', 'Regular'), type('lapsing', 'Lapsing'), type('big_cart', 'Big cart')];
const incentives: IncentiveInfo[] = [{ kind: 'free_shipping', label: 'Free home delivery', description: '' }];

describe('the seed incentive rules’ evidence in words', () => {
  it('says the effect per 100 shoppers, its interval, and what it did to the default', () => {
    const lines = evidenceLines(evidence, types, incentives);
    expect(lines[0]).toEqual({
      type: 'first_timer', label: 'First-timer', kept: true,
      measured: '+6.8 visits per 100 shoppers reached (95 % interval +5.4 to +7.9; on the other half of the data +6.2), from 19,705 shoppers.',
      verdict: "Above the cost of 3.0 per 100 even at the interval's low end, so the default was kept: Free home delivery.",
    });
    expect(lines[1]!.verdict).toMatch(/cannot say which incentive/);
    expect(lines[2]).toMatchObject({ kept: false, verdict: "Not above the cost of 3.0 per 100 at the interval's low end, so no default is set." });
    expect(lines[2]!.measured).toMatch(/interval −1\.0 to \+5\.0/);
    expect(lines[3]).toMatchObject({ kept: false, measured: expect.stringMatching(/^Not measured/) });
    expect(evidenceSource(evidence)).toMatch(/^Measured on the Hillstrom e-mail test: 64,000 customers: visits within two weeks\./);
  });
});
