// `npm run bench -- ope`: the off-policy estimators (stats/ope.ts, the code the hub's reports
// use) on the Open Bandit sample. From the uniform-random logs, estimate the click rate of the
// Bernoulli-Thompson-sampling (BTS) policy with IPS, SNIPS and DR, next to BTS's on-policy
// click rate in its own logs; and the reverse (Random's rate from BTS's logs).
import { doublyRobust, ips, meanRewardModel, onPolicy, snips, type LoggedDecision, type OpeEstimate } from '../sync/hub/stats/ope.js';
import { datasetPath, readCsvGz } from './publicData.js';
import { printTable, round, writeResult } from './report.js';

type Policy = 'random' | 'bts';
const CAMPAIGNS = ['men', 'women'] as const;

interface Impression {
  item: string;
  position: string;
  click: number;
  propensity: number;
}

async function load(policy: Policy, campaign: string): Promise<Impression[]> {
  const rows = await readCsvGz(datasetPath('open_bandit', policy, campaign, `${campaign}.csv.gz`));
  return rows.map((r) => ({ item: r.item_id!, position: r.position!, click: Number(r.click), propensity: Number(r.propensity_score) }));
}

/**
 * A context-free policy's probability of each item at each position, recovered from its own
 * logs. The logged propensity of item a at time t is π_t(a); the rows where a was shown are
 * drawn in proportion to π_t(a), so the harmonic mean of those propensities estimates a's
 * average probability over the logging period (BTS's posterior moved while it logged).
 * Normalized per position; an item never shown at a position gets 0.
 */
export function recoverPolicy(logs: readonly Impression[]): Map<string, Map<string, number>> {
  const inverse = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const r of logs) {
    const byItem = inverse.get(r.position) ?? inverse.set(r.position, new Map()).get(r.position)!;
    const e = byItem.get(r.item) ?? byItem.set(r.item, { sum: 0, n: 0 }).get(r.item)!;
    e.sum += 1 / r.propensity;
    e.n += 1;
  }
  const policy = new Map<string, Map<string, number>>();
  for (const [position, byItem] of inverse) {
    const raw = new Map([...byItem].map(([item, e]) => [item, e.n / e.sum]));
    const total = [...raw.values()].reduce((s, p) => s + p, 0);
    policy.set(position, new Map([...raw].map(([item, p]) => [item, p / total])));
  }
  return policy;
}

function estimates(logs: readonly Impression[], target: Map<string, Map<string, number>>) {
  const decisions: LoggedDecision[] = logs.map((r) => ({
    action: r.item,
    context: r.position,
    reward: r.click,
    propensity: r.propensity,
    targetProbability: target.get(r.position)?.get(r.item) ?? 0,
  }));
  const model = meanRewardModel(decisions, (position) => target.get(position) ?? new Map());
  return { ips: ips(decisions), snips: snips(decisions), dr: doublyRobust(decisions, model) };
}

const pct = (x: number) => round(x * 100, 3);
const out = (e: OpeEstimate) => ({ value: round(e.value, 6), ci95: [round(e.ci95[0], 6), round(e.ci95[1], 6)], ess: round(e.ess, 1) });
const inside = (x: number, e: OpeEstimate) => e.ci95[0] <= x && x <= e.ci95[1];

export async function benchOpe(): Promise<void> {
  const campaigns: Record<string, unknown> = {};
  const table: (string | number)[][] = [];
  for (const campaign of CAMPAIGNS) {
    const logs = { random: await load('random', campaign), bts: await load('bts', campaign) };
    const on = { random: onPolicy(logs.random.map((r) => r.click)), bts: onPolicy(logs.bts.map((r) => r.click)) };
    const btsFromRandom = estimates(logs.random, recoverPolicy(logs.bts));
    const randomFromBts = estimates(logs.bts, recoverPolicy(logs.random));
    const clicks = { random: logs.random.reduce((s, r) => s + r.click, 0), bts: logs.bts.reduce((s, r) => s + r.click, 0) };
    campaigns[campaign] = {
      target: 'bts',
      logs: 'random',
      onpolicy: {
        random: { value: round(on.random.value, 6), ci95: out(on.random).ci95, clicks: clicks.random, impressions: logs.random.length },
        bts: { value: round(on.bts.value, 6), ci95: out(on.bts).ci95, clicks: clicks.bts, impressions: logs.bts.length },
      },
      estimates: { ips: out(btsFromRandom.ips), snips: out(btsFromRandom.snips), dr: out(btsFromRandom.dr) },
      onpolicy_inside_ci: Object.fromEntries(Object.entries(btsFromRandom).map(([k, e]) => [k, inside(on.bts.value, e)])),
      // the same estimators the other way round: Random's rate from BTS's logs
      reverse: {
        target: 'random',
        logs: 'bts',
        estimates: { ips: out(randomFromBts.ips), snips: out(randomFromBts.snips), dr: out(randomFromBts.dr) },
        onpolicy_inside_ci: Object.fromEntries(Object.entries(randomFromBts).map(([k, e]) => [k, inside(on.random.value, e)])),
      },
      ranking: {
        onpolicy_bts_above_random: on.bts.value > on.random.value,
        estimated_bts_above_random: Object.fromEntries(Object.entries(btsFromRandom).map(([k, e]) => [k, e.value > on.random.value])),
      },
    };
    for (const [k, e] of Object.entries(btsFromRandom)) table.push([`${campaign} bts←random ${k}`, pct(e.value), `${pct(e.ci95[0])}–${pct(e.ci95[1])}`, round(e.ess, 0), pct(on.bts.value), inside(on.bts.value, e) ? 'yes' : 'NO']);
    for (const [k, e] of Object.entries(randomFromBts)) table.push([`${campaign} random←bts ${k}`, pct(e.value), `${pct(e.ci95[0])}–${pct(e.ci95[1])}`, round(e.ess, 0), pct(on.random.value), inside(on.random.value, e) ? 'yes' : 'NO']);
  }
  printTable('Open Bandit sample: estimated click rate (%) of the target policy from the other policy\'s logs', ['estimate', 'value %', '95 % CI', 'ESS', 'on-policy %', 'inside'], table);
  const file = writeResult('ope', {
    dataset: 'open_bandit 10,000-row samples (random and bts, men and women)',
    method:
      'Each row is one impression (item at position 1–3); reward = click. The target policy\'s probability of item a at position p is recovered from its own logs (harmonic mean of the logged propensities of a at p, normalized per position: BTS here is context-free). IPS and DR intervals: mean ± 1.96 SE of the per-row terms; SNIPS: delta method. DR reward model: click rate per (position, item) shrunk toward the position mean by 20 pseudo-rows (fixed, not tuned).',
    campaigns,
    notes: [
      'Targets: campaigns.<c>.estimates target BTS from the random logs (the forward question); campaigns.<c>.reverse target Random from the BTS logs.',
      'Ranking: in these 10,000-row samples Men has 69 clicks under BTS vs 46 under Random, Women 46 vs 46, so BTS above Random can only be reproduced for Men; for Women the on-policy rates are equal and the estimates are read only for coverage.',
      'Reverse direction: BTS put most of its mass on a few items, so Random\'s uniform choice is mostly made of items BTS rarely showed; weights (1/items)/propensity reach the hundreds and the effective sample size collapses (hundreds of rows for Men, a handful for Women). Where an interval misses the on-policy rate there it misses narrowly: the normal interval understates the spread of such heavy-tailed weights. This is the case where off-policy estimates should not be trusted, and the ESS says so.',
    ],
  });
  console.log(`\nwrote ${file}`);
}
