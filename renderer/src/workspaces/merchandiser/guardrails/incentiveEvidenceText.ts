// The seed incentive rules' evidence in a merchandiser's words: per shopper type, how many more
// visits reaching out brought per 100 shoppers, how sure that is, and what it did to the default.
import type { IncentiveEvidence, IncentiveInfo, ShopperTypeInfo } from '../../../../../core/contract/index';

/** Visits per customer as "per 100 shoppers", one decimal. */
const per100 = (x: number): string => (Math.round(x * 1000) / 10).toFixed(1);
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${per100(Math.abs(x))}`;

export interface EvidenceLine {
  type: ShopperTypeInfo['type'];
  label: string;
  /** The measured effect with its interval, or that nothing was measured. */
  measured: string;
  /** What the effect did to the type's default. */
  verdict: string;
  kept: boolean;
}

export function evidenceLines(evidence: IncentiveEvidence, types: readonly ShopperTypeInfo[], incentives: readonly IncentiveInfo[]): EvidenceLine[] {
  const kindLabel = (k: string) => incentives.find((i) => i.kind === k)?.label ?? k;
  const cost = per100(evidence.cost);
  return types.map((t) => {
    const e = evidence.types.find((x) => x.type === t.type);
    if (!e) return { type: t.type, label: t.label, measured: 'Not measured: the test data has no such shoppers.', verdict: 'Its default is a judgment, not evidence.', kept: false };
    const measured =
      `${signed(e.uplift)} visits per 100 shoppers reached (95 % interval ${signed(e.ci95[0])} to ${signed(e.ci95[1])}; ` +
      `on the other half of the data ${signed(e.heldOutUplift)}), from ${e.customers.toLocaleString('en-US')} shoppers.`;
    const verdict = !e.clearsCost
      ? `Not above the cost of ${cost} per 100 at the interval's low end, so no default is set.`
      : e.seedRule.length
        ? `Above the cost of ${cost} per 100 even at the interval's low end, so the default was kept: ${e.seedRule.map(kindLabel).join(', ')}.`
        : `Above the cost of ${cost} per 100 even at the interval's low end, but the data cannot say which incentive: no default, your choice.`;
    return { type: t.type, label: t.label, measured, verdict, kept: e.clearsCost && e.seedRule.length > 0 };
  });
}

/** Where the numbers come from, in one sentence. */
export function evidenceSource(evidence: IncentiveEvidence): string {
  return `Measured on the ${evidence.source}: ${evidence.outcome}. A default stays only when the whole 95 % interval is above the cost of reaching out (${per100(evidence.cost)} visits per 100).`;
}
