// `npm run bench -- preview`: the merchandiser's preview of a draft over 5,000 customers on the
// large generated chain (both policies, side by side, nothing written), next to the same
// customers' plain decisions under the published policy (audit + outbox written), same run.
import os from 'node:os';
import { OfferEngine } from '../core/engine/decide.js';
import { getDraft, saveDraft } from '../core/merch/draft.js';
import { aggregateOver, seededCustomers } from '../core/merch/preview.js';
import { loadActivePolicy } from '../core/engine/policy.js';
import { toEnginePolicy } from '../core/merch/policy.js';
import { openLargeChain } from './largeChain.js';
import { printTable, round, rssMb, writeResult } from './report.js';

const CUSTOMERS = 5_000;
const WARM_UP = 200;

export async function benchPreview(args: string[]): Promise<void> {
  const small = args.includes('--small'); // a quick run while developing
  const { db, now, counts, generateS, close } = openLargeChain('preview', small);
  try {
    // A typical draft: one new rule, one stronger rule, a looser safety buffer.
    const draft = db.transaction(() => {
      const d = getDraft(db);
      const first = d.policy.affinities[0]!;
      const policy = {
        ...d.policy,
        guardrails: { ...d.policy.guardrails, safetyBuffer: 1 },
        affinities: [
          ...d.policy.affinities.map((a) => (a.id === first.id ? { ...a, weight: 1, maxDelayDays: a.maxDelayDays + 14 } : a)),
          { ...first, id: 'bench-new-rule', toCategoryId: d.policy.affinities[1]!.toCategoryId, minDelayDays: 0, maxDelayDays: 60, weight: 0.9, note: 'bench' },
        ],
      };
      return saveDraft(db, d.revision, policy, { staffId: 'bench', name: 'Bench' }, now);
    })();

    const ids = seededCustomers(db, 'bench-preview', CUSTOMERS + WARM_UP, false);
    const customers = ids.slice(0, CUSTOMERS);
    const warm = ids.slice(CUSTOMERS);

    // Preview first: plain decisions write impressions, which the preview would then read as frequency caps.
    const previewEngine = new OfferEngine(db, { standalone: true }); // no hub: the counts are current, as in the demo app
    const published = previewEngine.usable(loadActivePolicy(db));
    const proposed = previewEngine.usable(toEnginePolicy(draft.policy, published.policy.version + 1));
    const both = (customerId: string) => {
      const [p, d] = previewEngine.preview({ customerId, cart: [], storeId: 'S1', staffId: null, now }, [published, proposed]);
      return { published: p!, draft: d! };
    };
    for (const id of warm) both(id);
    let t = performance.now();
    const aggregate = await aggregateOver(customers, both, (id) => id);
    const previewS = (performance.now() - t) / 1000;

    // A second baseline: one policy, nothing written: what a decision costs before its durable write.
    t = performance.now();
    for (const id of customers) previewEngine.preview({ customerId: id, cart: [], storeId: 'S1', staffId: null, now }, [published]);
    const computeS = (performance.now() - t) / 1000;

    const engine = new OfferEngine(db, { standalone: true });
    const decide = (customerId: string) => db.transaction(() => engine.decide({ customerId, cart: [], storeId: 'S1', staffId: 'bench', now }))();
    for (const id of warm) decide(id);
    t = performance.now();
    for (const id of customers) decide(id);
    const decisionsS = (performance.now() - t) / 1000;

    const result = {
      customers: CUSTOMERS,
      preview_s: round(previewS, 3),
      decisions_s: round(decisionsS, 3),
      ratio: round(previewS / decisionsS, 3),
      compute_only_s: round(computeS, 3),
      preview: {
        share_with_starter: { published: aggregate.published.shareWithStarter, draft: aggregate.draft.shareWithStarter },
        overlap: aggregate.overlap,
        changed_customers: aggregate.changedCustomers,
      },
      rss_mb: rssMb(),
      chain: { ...counts, generate_s: round(generateS, 1) },
      machine: { cpus: os.cpus().length, node: process.version },
    };
    printTable(`Merchandiser preview of a draft vs plain decisions, the same ${CUSTOMERS.toLocaleString()} customers`, ['what', 'seconds', 'ms / customer', '× decisions'], [
      ['preview: published + draft, side by side, nothing written', result.preview_s, round((previewS * 1000) / CUSTOMERS), result.ratio],
      ['plain decisions, published policy, audit + outbox (baseline)', result.decisions_s, round((decisionsS * 1000) / CUSTOMERS), 1],
      ['published policy only, nothing written (baseline)', result.compute_only_s, round((computeS * 1000) / CUSTOMERS), round(computeS / decisionsS, 3)],
    ]);
    printTable('What the draft changes', ['what', 'published', 'draft'], [
      ['customers with ≥ 1 starter', aggregate.published.shareWithStarter, aggregate.draft.shareWithStarter],
      ['starters per customer', aggregate.published.startersPerCustomer, aggregate.draft.startersPerCustomer],
      ['starters shown under both ÷ draft starters', '', aggregate.overlap],
      ['customers whose starters change', '', aggregate.changedCustomers],
    ]);
    console.log(`\nwrote ${writeResult(small ? 'preview-small' : 'preview', result)}`);
  } finally {
    close();
  }
}
