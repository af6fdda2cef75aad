// `npm run bench -- lift`: the lift estimator (stats/lift.ts, the code the hub's reports use) on
// the Hillstrom e-mail test: each e-mail arm against "No E-Mail", outcome `visit`, next to the
// published arm effects.
import { liftWithCi, type LiftObservation } from '../sync/hub/stats/lift.js';
import { datasetPath, readCsvGz } from './publicData.js';
import { printTable, round, writeResult } from './report.js';

const PUBLISHED = { mens: 0.0766, womens: 0.0452 } as const;
const ARM = { mens: 'Mens E-Mail', womens: 'Womens E-Mail' } as const;

export async function benchLift(): Promise<void> {
  const rows = await readCsvGz(datasetPath('hillstrom', 'hillstrom.csv.gz'));
  if (rows.length !== 64_000) throw new Error(`hillstrom: expected 64,000 rows, read ${rows.length}`);
  const arms: Record<string, unknown> = {};
  const table: (string | number)[][] = [];
  for (const arm of ['mens', 'womens'] as const) {
    const obs: LiftObservation[] = [];
    rows.forEach((r, i) => {
      if (r.segment === ARM[arm]) obs.push({ arm: 'treated', cluster: String(i), value: Number(r.visit) });
      else if (r.segment === 'No E-Mail') obs.push({ arm: 'control', cluster: String(i), value: Number(r.visit) });
    });
    const res = liftWithCi(obs, { resamples: 2000 });
    if (res.status !== 'ok') throw new Error(res.reason);
    const contains = res.ci95[0] <= PUBLISHED[arm] && PUBLISHED[arm] <= res.ci95[1];
    arms[arm] = {
      lift: round(res.lift, 4),
      ci95: [round(res.ci95[0], 4), round(res.ci95[1], 4)],
      published: PUBLISHED[arm],
      contains_published: contains,
      treated: { customers: res.treated.customers, visit_rate: round(res.treated.mean, 4) },
      control: { customers: res.control.customers, visit_rate: round(res.control.mean, 4) },
    };
    table.push([arm, round(res.lift, 4), `${round(res.ci95[0], 4)} – ${round(res.ci95[1], 4)}`, PUBLISHED[arm], contains ? 'yes' : 'NO']);
  }
  printTable('Hillstrom: lift in visit rate vs No E-Mail', ['arm', 'lift', '95 % CI', 'published', 'inside'], table);
  const file = writeResult('lift', {
    dataset: 'hillstrom (64,000 customers, randomized)',
    method: 'Difference of visit rates, e-mail arm minus No E-Mail; 95 % percentile interval from 2,000 bootstrap resamples over customers (stratified by arm, seed 17).',
    arms,
  });
  console.log(`\nwrote ${file}`);
}
