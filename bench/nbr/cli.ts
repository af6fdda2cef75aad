// npm run eval:nbr -- [--orders PATH] [--format generic|online-retail] [--seeds 5] [--out PATH] [--no-verify]
//
// Evaluates the engine's item ranking (core/engine/rank.ts) as next-basket recommendation with
// the protocol of "A Next Basket Recommendation Reality Check" against G-/P-/GP-TopFreq, item
// co-occurrence and TIFU-KNN, and writes bench/results/engine-quality.json. See README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { checkFacts, loadOrders, type OrdersFormat } from './load.js';
import { averageRuns, type Metrics } from './metrics.js';
import { buildDataset, PAPER_PROTOCOL } from './protocol.js';
import { REPO_ROOT } from '../report.js';
import { METHODS, runSeed, type MethodName, type SeedRun } from './experiment.js';

/** dist/node/bench/nbr → the repository root. */
const DEFAULT_ORDERS = resolve(REPO_ROOT, '../shared/datasets/online_retail/online_retail.csv.gz');
const DEFAULT_OUT = resolve(REPO_ROOT, 'bench/results/engine-quality.json');

export interface CliOptions {
  orders: string;
  format: OrdersFormat;
  seeds: number;
  out: string;
  verify: boolean;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: Partial<CliOptions> = { verify: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? (a.split(/=(.*)/s, 2) as [string, string]) : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--orders':
        opts.orders = resolve(value());
        break;
      case '--format': {
        const f = value();
        if (f !== 'generic' && f !== 'online-retail') throw new Error(`--format must be generic or online-retail, not ${f}`);
        opts.format = f;
        break;
      }
      case '--seeds': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1) throw new Error('--seeds must be a positive integer');
        opts.seeds = n;
        break;
      }
      case '--out':
        opts.out = resolve(value());
        break;
      case '--no-verify':
        opts.verify = false;
        break;
      case '--help':
      case '-h':
        console.log('usage: npm run eval:nbr -- [--orders PATH] [--format generic|online-retail] [--seeds 5] [--out PATH] [--no-verify]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  return {
    orders: opts.orders ?? DEFAULT_ORDERS,
    // Without --orders the default dataset is online_retail, so is its format.
    format: opts.format ?? (opts.orders ? 'generic' : 'online-retail'),
    seeds: opts.seeds ?? 5,
    out: opts.out ?? DEFAULT_OUT,
    verify: opts.verify!,
  };
}

const TABLE: [string, string][] = [
  ['recall@10', 'R@10'],
  ['recall@20', 'R@20'],
  ['ndcg@10', 'NDCG@10'],
  ['ndcg@20', 'NDCG@20'],
  ['phr@10', 'PHR@10'],
  ['repeat_recall@10', 'Rep R@10'],
  ['explore_recall@10', 'Expl R@10'],
];

export function formatTable(methods: Record<string, Metrics>): string {
  const head = ['method', ...TABLE.map(([, h]) => h)];
  const rows = Object.entries(methods).map(([name, m]) => [name, ...TABLE.map(([k]) => (m[k] ?? NaN).toFixed(4))]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (s: string) => console.log(s);

  log(`reading ${relative(process.cwd(), opts.orders) || opts.orders} (${opts.format})`);
  const { orders, facts } = await loadOrders(opts.orders, opts.format);
  if (opts.format === 'online-retail' && opts.verify) {
    const problems = checkFacts(facts);
    if (problems.length) throw new Error(`the file does not match the published online_retail facts (use --no-verify for another export):\n  ${problems.join('\n  ')}`);
    log(`  loader facts check passed: ${facts.lines.toLocaleString('en-US')} lines, sha256 ${facts.sha256.slice(0, 12)}…, ${facts.orders} invoices, ${facts.customers} customers`);
  } else {
    log(`  ${facts.lines.toLocaleString('en-US')} lines, ${facts.keptLines.toLocaleString('en-US')} kept`);
  }

  const ds = buildDataset(orders, PAPER_PROTOCOL);
  const st = ds.stats;
  log(
    `  ${st.users} customers with 3–50 baskets (of ${st.customersIn}), ${st.itemsKept} items seen ≥3 times in history baskets, ` +
      `${st.baskets} baskets, ${st.meanBasketSize.toFixed(1)} items per basket, ${st.meanHistoryBaskets.toFixed(1)} history baskets per customer`,
  );
  if (st.users < 20) throw new Error('too few customers left after filtering to split 72/8/20');

  const seeds = Array.from({ length: opts.seeds }, (_, i) => i + 1);
  const runs: SeedRun[] = [];
  for (const seed of seeds) {
    const t = Date.now();
    runs.push(runSeed(ds, seed, log));
    log(`seed ${seed} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  const methods: Record<string, unknown> = {};
  const means: Record<string, Metrics> = {};
  for (const name of METHODS) {
    const test = averageRuns(runs.map((r) => r.methods[name].test));
    const validation = averageRuns(runs.map((r) => r.methods[name].validation));
    means[name] = test.mean;
    methods[name] = {
      ...round(test.mean),
      sd: round(test.sd),
      validation: round(validation.mean),
      params: runs.map((r) => ({ seed: r.seed, ...(r.methods[name].params ?? {}), settingsTried: r.methods[name].grid?.length ?? 0 })),
      per_seed: runs.map((r) => ({ seed: r.seed, ...round(r.methods[name].test) })),
    };
  }

  const ablations: Record<string, Metrics> = {};
  for (const name of Object.keys(runs[0]!.methods.endcap.ablations ?? {})) {
    ablations[name] = round(averageRuns(runs.map((r) => r.methods.endcap.ablations![name]!)).mean);
  }

  const seconds = (Date.now() - started) / 1000;
  const result = {
    dataset: {
      name: basename(opts.orders).replace(/\.csv(\.gz)?$/, ''),
      path: relative(REPO_ROOT, opts.orders),
      format: opts.format,
      facts,
      after_protocol: st,
    },
    protocol: {
      reference: 'Li, Jullien, Ariannezhad, de Rijke. A Next Basket Recommendation Reality Check. ACM TOIS 2023 (github.com/liming-7/A-Next-Basket-Recommendation-Reality-Check)',
      basket: 'one customer, one order (distinct SKUs)',
      customers: `${PAPER_PROTOCOL.minBaskets}–${PAPER_PROTOCOL.maxBaskets} baskets; the last basket is the target`,
      items: `kept when seen in at least ${PAPER_PROTOCOL.minItemCount} history baskets; customers whose target is left empty are dropped`,
      split: 'customers at random 72/8/20 train/validation/test per seed (keyset_fold.py)',
      seeds,
      training_data: 'all baskets of train customers + history baskets of validation/test customers (never a target basket)',
      metrics:
        'means over test customers, then over seeds. NDCG uses binary gains and the paper code\'s ideal DCG over the whole target basket (not capped at k); ndcg_capped@k caps it at min(|target|, k). repeat/explore recall: recall on target items bought before / never bought by the customer, averaged over customers who have such items.',
      selection: 'parameters chosen per seed on validation customers only, by the mean of recall@10, recall@20, ndcg@10 and ndcg@20',
      users_per_seed: runs.map((r) => ({ seed: r.seed, ...r.users })),
    },
    methods: methods as Record<MethodName, unknown>,
    endcap_ablations: {
      note: 'test metrics of the chosen endcap setting with one component off (or the visit day known); reported only, never used to choose',
      ...ablations,
    },
    runtime_seconds: Math.round(seconds * 10) / 10,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(result, null, 2)}\n`);

  log('');
  log(`Test customers, mean of ${seeds.length} seeds (${ds.stats.users} customers, ~${runs[0]!.users.test} test customers per seed):`);
  log(formatTable(means));
  log('');
  log('Endcap ablations (test, the chosen setting with one thing changed):');
  log(formatTable({ endcap: means.endcap!, ...ablations }));
  log('');
  log(`recall@10 sd over seeds: ${METHODS.map((m) => `${m} ${(runs.length > 1 ? averageRuns(runs.map((r) => r.methods[m].test)).sd['recall@10']! : 0).toFixed(4)}`).join(', ')}`);
  log(`wrote ${relative(process.cwd(), opts.out) || opts.out} in ${seconds.toFixed(1)} s`);
}

const KEY_ORDER = ['recall@10', 'recall@20', 'ndcg@10', 'ndcg@20', 'phr@10', 'repeat_recall@10', 'explore_recall@10'];

/** Rounded to 6 decimals, the headline metrics first. */
function round(m: Metrics): Metrics {
  const keys = [...KEY_ORDER.filter((k) => k in m), ...Object.keys(m).filter((k) => !KEY_ORDER.includes(k)).sort()];
  const out: Metrics = {};
  for (const k of keys) out[k] = Math.round(m[k]! * 1e6) / 1e6;
  return out;
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
