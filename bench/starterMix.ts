// `npm run bench -- starter-mix [-- --data-dir=DIR]`: what the merchandiser's preview aggregate
// says about the demo chain's starters over 2,000 customers (the real previewDraft, nothing
// written): the share of customers who see the most shown product (goal ≤ 5 %) and the share
// of the most common kind of starter (goal ≤ half), and the share of consenting customers
// (with a purchase) who get at least one starter (the preview's sample of them, same run).
// Needs a demo replica (`npm run demo`).
import path from 'node:path';
import { openDatabase, closeDatabase } from '../core/db/open.js';
import { OfferEngine } from '../core/engine/decide.js';
import { getDraft } from '../core/merch/draft.js';
import { previewDraft } from '../core/merch/preview.js';
import { printTable, round, writeResult } from './report.js';

const CUSTOMERS = 2_000;

export async function benchStarterMix(args: string[]): Promise<void> {
  const dir = args.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length) ?? '.endcap-data';
  const db = openDatabase(path.join(dir, 'endcap.db'));
  try {
    const engine = new OfferEngine(db, { standalone: true }); // the demo has no hub: its counts are current
    const storeId = (db.prepare(`SELECT store_id AS s FROM device`).get() as { s: string }).s;
    const t = performance.now();
    const preview = await previewDraft(db, engine, getDraft(db).policy, {
      sample: { kind: 'random', seed: 'starter-mix', size: CUSTOMERS },
      aggregateCustomers: CUSTOMERS,
      storeId,
      now: new Date(),
    });
    const side = preview.aggregate!.published;
    const kinds = Object.entries(side.startersPerKind).sort((a, b) => b[1] - a[1]);
    const total = kinds.reduce((s, [, n]) => s + n, 0);
    printTable(`Starters over ${CUSTOMERS.toLocaleString()} demo customers (published policy)`, ['kind', 'starters', 'share'], kinds.map(([k, n]) => [k, n, round(n / total, 3)]));
    console.log(`most shown product: ${side.topProduct?.title ?? 'none'} — ${round((side.topProduct?.customerShare ?? 0) * 100, 1)} % of customers (goal ≤ 5 %)`);
    const consenting = preview.samples.filter((c) => c.published.personalization === 'full');
    const consentingWithStarter = consenting.length ? consenting.filter((c) => c.published.starters.length > 0).length / consenting.length : 0;
    console.log(`customers with ≥ 1 starter: ${round(side.shareWithStarter * 100, 1)} % of all, ${round(consentingWithStarter * 100, 1)} % of ${consenting.length} consenting (personalized arm)`);
    console.log(`most common kind: ${side.topKind?.kind ?? 'none'} — ${round((side.topKind?.share ?? 0) * 100, 1)} % of starters (goal ≤ 50 %)`);
    const result = {
      customers: CUSTOMERS,
      starters: total,
      starters_per_kind: side.startersPerKind,
      top_product: side.topProduct,
      top_kind: side.topKind,
      share_with_starter: side.shareWithStarter,
      consenting_personalized: { customers: consenting.length, share_with_starter: round(consentingWithStarter, 4) },
      seconds: round((performance.now() - t) / 1000, 2),
    };
    console.log(`\nwrote ${writeResult('starter-mix', result)}`);
  } finally {
    closeDatabase(db);
  }
}
