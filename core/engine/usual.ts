// "Their usual": the products this customer buys again and again, as one starter. It is what
// P-TopFreq and TIFU-KNN do well (the item model's personal recency-weighted frequency ×
// learned repeat rate, rank.ts), so it gets as many of the list's products as beat the best
// new-to-them product on the model's one scale (IdeaWeights, chosen on validation customers);
// the rest of the list stays for starters that open a new topic.
import type { HistoryLine } from './context.js';
import type { Idea } from './ideas.js';
import { ago, shortTitle } from './ideas.js';
import type { IdeaWeights } from './ideaWeights.js';
import type { PersonalScores } from './itemModel.js';
import { median } from './links.js';

/** Candidates looked at beyond the number it may show: some fail a guardrail (stock, fit). */
const SPARE = 4;

/**
 * A product bought on one day only is a habit when at least this share of the people who buy it
 * buy it again (the item model's repeat rate). An absolute share, not "above the average
 * product's": in a wholesale catalogue most lines are re-ordered and a one-off line is still
 * bought again one time in eight, while in an outdoor store the average product is a tent or a
 * helmet, which 2–3 % of its buyers buy again (a sleeping bag bought last week is not their usual).
 */
const HABIT_REBUY_RATE = 0.1;

/**
 * How many of `budget` products the usual starter takes, and its candidates best first: the
 * products they bought before whose score is at least `usualOverExplore` × the best score of a
 * product they never bought, at most `usualMaxProducts`, a product bought on one day only if it
 * is one people buy again (HABIT_REBUY_RATE).
 */
export function usualShare(scores: PersonalScores, weights: IdeaWeights, budget: number, daysBought: (sku: string) => number): { count: number; skus: string[] } {
  const bar = weights.usualOverExplore * scores.bestNewScore;
  const { model } = scores;
  const habit = (sku: string) => daysBought(sku) >= 2 || (model.repeatRate.get(sku) ?? 0) >= HABIT_REBUY_RATE;
  const repeats = scores.personal.filter((r) => scores.signal(r.key) === 'repeat' && habit(r.key));
  const max = Math.min(budget, weights.usualMaxProducts);
  let count = 0;
  while (count < max && count < repeats.length && repeats[count]!.score >= bar && repeats[count]!.score > 0) count++;
  return { count, skus: repeats.slice(0, count + SPARE).map((r) => r.key) };
}

/** The usual starter, or null when nothing they buy again beats a new product. */
export function usualIdea(scores: PersonalScores, history: readonly HistoryLine[], weights: IdeaWeights, budget: number): Idea | null {
  const days = new Map<string, Set<number>>();
  for (const l of history) (days.get(l.sku) ?? days.set(l.sku, new Set()).get(l.sku)!).add(l.daysAgo);
  const { count, skus } = usualShare(scores, weights, budget, (sku) => days.get(sku)?.size ?? 0);
  if (count === 0) return null;
  return {
    kind: 'usual',
    incentive: null,
    capKey: 'usual',
    interest: 'usual',
    source: { skus },
    products: count,
    replenishes: true, // what they already buy: the exclusion window does not apply
    relevance: weights.usualRelevance,
    text: (p) => (p ? `Stocking up on their usual? The ${shortTitle(p.title)} is on the shelf.` : ''),
    reason: usualReason(history, skus.slice(0, count)),
    // the first choice may be out of stock: the reason speaks of what is shown
    reasonFor: (shown) => usualReason(history, shown.map((p) => p.sku)),
    rules: ['usual'],
  };
}

/** The cadence of the first product, and how many more of them there are. */
function usualReason(history: readonly HistoryLine[], skus: readonly string[]): string {
  const top = history.filter((l) => l.sku === skus[0]); // newest first
  const more = skus.length > 1 ? ` They buy ${skus.length - 1 === 1 ? 'one more product' : `${skus.length - 1} more products`} here again and again.` : '';
  return `${cadence(top)}${more}`;
}

/** "Buys the X about every 3 weeks — last bought 24 days ago." from the product's own purchases (newest first). */
export function cadence(lines: readonly HistoryLine[]): string {
  if (lines.length === 0) return 'Bought before, and people who buy it often buy it again.';
  const title = shortTitle(lines[0]!.title);
  const days = [...new Set(lines.map((l) => l.daysAgo))].sort((a, b) => a - b);
  const last = `last bought ${ago(days[0]!)}`;
  if (days.length < 2) return `Bought the ${title} ${ago(days[0]!)}; it is one people buy again.`;
  const gap = median(days.slice(1).map((d, i) => d - days[i]!));
  return `Buys the ${title} ${every(gap)} (${days.length} times) — ${last}.`;
}

function every(days: number): string {
  if (days < 14) return `about every ${Math.max(1, Math.round(days))} days`;
  if (days < 60) return `about every ${Math.round(days / 7)} weeks`;
  return `about every ${Math.round(days / 30)} months`;
}
