// The part of `eval:incentives` the app shows: per shopper type, the measured uplift of reaching
// out, its intervals, and whether that kept the type's default incentive. Written next to
// bench/results/incentives.json into core/merch/incentiveEvidence.json, which the merchandiser's
// incentive editor reads (core/merch/incentiveEvidence.ts), so the screen shows this run's numbers.
import fs from 'node:fs';
import path from 'node:path';
import type { IncentiveEvidence } from '../../core/contract/areas/merchTypes.js';
import { REPO_ROOT } from '../report.js';
import type { TypeEvidence } from './shopperTypes.js';

export const APP_EVIDENCE_FILE = path.join(REPO_ROOT, 'core/merch/incentiveEvidence.json');

export function appEvidence(customers: number, cost: number, types: readonly TypeEvidence[]): IncentiveEvidence {
  return {
    source: `Hillstrom e-mail test: ${customers.toLocaleString('en-US')} customers, each randomly sent a men's e-mail, a women's e-mail or nothing`,
    outcome: 'visits to the shop within two weeks, reached out to (either e-mail) against not',
    cost,
    types: types.map((t) => ({
      type: t.type,
      customers: t.customers,
      uplift: t.uplift,
      ci95: t.ci95,
      heldOutUplift: t.held_out_uplift,
      heldOutCi95: t.held_out_ci95,
      seedRule: t.seed_rule,
      clearsCost: t.ci95[0] > cost,
    })),
  };
}

export function writeAppEvidence(evidence: IncentiveEvidence): string {
  fs.writeFileSync(APP_EVIDENCE_FILE, `${JSON.stringify(evidence, null, 2)}\n`);
  return path.relative(REPO_ROOT, APP_EVIDENCE_FILE);
}
