// Follow-ups the item model finds for this customer: products they never bought that people
// buy after what they bought lately (rank.ts's explore signal, learned SKU links). They become
// cross-sell ideas in the product's category, so the frequency cap, exclusion window and
// guardrails treat them like every other cross-sell.
import type { HistoryLine } from './context.js';
import type { Idea } from './ideas.js';
import { ago, shortTitle, topLevel } from './ideas.js';
import type { PersonalScores } from './itemModel.js';
import type { ProductFacts } from './guardrails.js';

/** Categories raised from item follow-ups per decision: the rest of the list stays for other topics. */
const MAX_IDEAS = 3;

export function itemFollowUpIdeas(
  scores: PersonalScores,
  personal: readonly { sku: string; categoryId: string }[],
  history: readonly HistoryLine[],
  product: (sku: string) => ProductFacts | null,
): Idea[] {
  const bought = new Map<string, HistoryLine>();
  for (const l of history) if (!bought.has(l.sku)) bought.set(l.sku, l); // newest first
  const byCategory = new Map<string, { p: ProductFacts; explore: number }[]>();
  for (const { sku } of personal) {
    if (scores.signal(sku) !== 'follow_up') continue;
    const p = product(sku);
    if (!p) continue;
    (byCategory.get(p.categoryId) ?? byCategory.set(p.categoryId, []).get(p.categoryId)!).push({ p, explore: scores.explore(p.sku) });
  }
  const ideas: Idea[] = [];
  for (const [categoryId, items] of [...byCategory].sort((a, b) => b[1][0]!.explore - a[1][0]!.explore).slice(0, MAX_IDEAS)) {
    const best = items[0]!;
    const link = strongestLink(scores, best.p.sku, bought);
    if (!link) continue;
    const from = bought.get(link.from)!;
    ideas.push({
      kind: 'cross_sell',
      incentive: null,
      capKey: `cross_sell:${categoryId}`,
      interest: topLevel(categoryId),
      source: { skus: items.map((i) => i.p.sku), categoryId },
      // the same scale as the category follow-ups (ideas.ts): a sure follow-up ranks with a merchandiser rule
      relevance: 0.45 + 0.4 * best.explore,
      text: (p) => (p ? `After the ${shortTitle(from.title)}, people often pick up the ${shortTitle(p.title)}.` : ''),
      reason: `${Math.round(link.confidence * 100)}% of customers who bought the ${shortTitle(from.title)} bought the ${shortTitle(best.p.title)} within ${Math.round(2 * link.medianDelayDays + 7)} days (${link.lift.toFixed(1)}× the usual rate); they bought it ${ago(from.daysAgo)}.`,
      rules: [`learned_item:${link.from}->${best.p.sku}`],
    });
  }
  return ideas;
}

function strongestLink(scores: PersonalScores, sku: string, bought: ReadonlyMap<string, HistoryLine>) {
  let best = null;
  for (const from of bought.keys()) {
    for (const l of scores.model.links.get(from) ?? []) {
      if (l.to === sku && (!best || l.confidence * l.lift > best.confidence * best.lift)) best = l;
    }
  }
  return best;
}
