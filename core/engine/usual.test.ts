// Their usual: the products a customer buys again and again get the list's products where the
// item model says they beat anything new, and no more; the rest stays for new topics.
import { describe, expect, it } from 'vitest';
import type { HistoryLine } from './context.js';
import { addShopper, openEngineStore } from '../testing/engineStore.js';
import { SMALL_NOW } from '../testing/smallStore.js';
import { OfferEngine, withinProductBudget } from './decide.js';
import { relearn } from './relearn.js';
import type { IdeaWeights } from './ideaWeights.js';
import { PersonalScores } from './itemModel.js';
import type { ItemModel } from './rank.js';
import { cadence, usualIdea, usualShare } from './usual.js';
import type { Basket, FollowLink } from './links.js';

const link = (from: string, to: string, confidence: number, lift: number): FollowLink => ({ from, to, support: 20, confidence, lift, medianDelayDays: 10 });
const model: ItemModel = {
  popularity: new Map([['TEA', 0.2], ['MUG', 0.1], ['CAKE', 0.05], ['POT', 0.02], ['HOT', 0.3]]),
  popular: ['HOT', 'TEA', 'MUG'],
  links: new Map([['TEA', [link('TEA', 'POT', 0.6, 3)]]]),
  repeatRate: new Map([['TEA', 0.6], ['MUG', 0.05], ['CAKE', 0.5]]),
  meanRepeatRate: 0.2,
};
// Tea every basket, a mug and a cake once each, long ago (people buy that cake again, not the mug).
const history: Basket[] = [
  { customerId: 'C', day: 100, keys: ['TEA', 'MUG'] },
  { customerId: 'C', day: 121, keys: ['TEA', 'CAKE'] },
  { customerId: 'C', day: 142, keys: ['TEA'] },
  { customerId: 'C', day: 163, keys: ['TEA'] },
];
const scores = new PersonalScores(model, history, 184);
const weights = (w: Partial<IdeaWeights>): IdeaWeights => ({ usualOverExplore: 1, usualMaxProducts: 4, usualRelevance: 0.9, ...w });
const timesBought = (sku: string) => (sku === 'TEA' ? 4 : 1);
const line = (sku: string, title: string, daysAgo: number): HistoryLine => ({ sku, title, categoryId: 'home/tea', placedAt: '', daysAgo, unitPriceCents: 500, discountCents: 0, quantity: 1 });

describe('their usual', () => {
  it('takes the repeats that beat the best new product on the model’s one scale, strongest first', () => {
    expect(scores.bestNewScore).toBeGreaterThan(0);
    const tea = scores.score('TEA');
    const mug = scores.score('MUG');
    expect(tea).toBeGreaterThan(scores.bestNewScore);
    expect(mug).toBeLessThan(scores.bestNewScore); // one mug long ago: the follow-up or a best seller beats it
    const share = usualShare(scores, weights({}), 8, () => 2);
    expect(scores.score('CAKE')).toBeGreaterThan(scores.bestNewScore); // bought once, but people come back for it
    expect(share.count).toBe(2);
    expect(share.skus).toEqual(['TEA', 'CAKE', 'MUG']); // the mug is a spare, in case one fails a guardrail
    expect(usualShare(scores, weights({ usualOverExplore: 1.01 * scores.score('CAKE') / scores.bestNewScore }), 8, () => 2).count).toBe(1);
  });

  it('takes a product bought once only when at least one in ten of its buyers buy it again', () => {
    const low = usualShare(scores, weights({ usualOverExplore: 0.01 }), 8, timesBought);
    expect(low.skus).not.toContain('MUG');
    expect(usualShare(scores, weights({ usualOverExplore: 0.01 }), 8, () => 2).skus).toContain('MUG'); // bought twice: a habit
    // a share of its buyers, not a comparison with the average product: in a shop where most
    // lines are re-ordered, a cake that half its buyers buy again is still a habit
    const reordered = new PersonalScores({ ...model, meanRepeatRate: 0.7 }, history, 184);
    expect(usualShare(reordered, weights({ usualOverExplore: 0.01 }), 8, timesBought).skus).toContain('CAKE');
  });

  it('gives repeats more of the list when new products are worth less to this customer (a lower bar)', () => {
    expect(usualShare(scores, weights({ usualOverExplore: 0.01 }), 8, () => 2).count).toBe(3);
    expect(usualShare(scores, weights({ usualOverExplore: 0.01, usualMaxProducts: 2 }), 8, () => 2).count).toBe(2);
    expect(usualShare(scores, weights({ usualOverExplore: 0.01 }), 2, () => 2).count).toBe(2); // never more than the list's budget
  });

  it('is no starter at all when nothing they buy again beats something new', () => {
    expect(usualShare(scores, weights({ usualOverExplore: 100 }), 8, timesBought).count).toBe(0);
    expect(usualIdea(scores, [], weights({ usualOverExplore: 100 }), 8)).toBeNull();
    expect(usualIdea(new PersonalScores(model, [], 184), [], weights({}), 8)).toBeNull(); // no history: nothing is theirs
  });

  it('tells the associate the cadence in plain words', () => {
    const lines = [line('TEA', 'Breakfast Tea, 80 bags', 21), line('TEA', 'Breakfast Tea, 80 bags', 42), line('TEA', 'Breakfast Tea, 80 bags', 63)];
    expect(cadence(lines)).toBe('Buys the Breakfast Tea about every 3 weeks (3 times) — last bought 3 weeks ago.');
    expect(cadence([line('MUG', 'Tall Mug', 9)])).toBe('Bought the Tall Mug 9 days ago; it is one people buy again.');
    const idea = usualIdea(scores, lines, weights({ usualOverExplore: 0.01 }), 8)!;
    expect(idea).toMatchObject({ kind: 'usual', products: 2, replenishes: true, source: { skus: ['TEA', 'CAKE'] } });
    expect(idea.reason).toBe('Buys the Breakfast Tea about every 3 weeks (3 times) — last bought 3 weeks ago. They buy one more product here again and again.');
    expect(idea.text({ title: 'Breakfast Tea, 80 bags' })).toBe('Stocking up on their usual? The Breakfast Tea is on the shelf.');
  });
});

describe('the list’s product budget', () => {
  const s = (kind: string, products: number, source = true) => ({ idea: { kind: kind as 'usual', source: source ? {} : null }, products: Array.from({ length: products }, (_, i) => `${kind}${i}`) });

  it('keeps the usual starter’s share and fills the rest in order; a starter left with no product goes', () => {
    const out = withinProductBudget([s('cross_sell', 2), s('usual', 4), s('new_arrival', 2), s('vip_care', 0, false), s('replenishment', 2)], 8, () => 0);
    expect(out.map((x) => [x.idea.kind, x.products.length])).toEqual([['cross_sell', 2], ['usual', 4], ['new_arrival', 2], ['vip_care', 0]]);
  });

  it('cuts the last starter short rather than go over', () => {
    const out = withinProductBudget([s('usual', 3), s('cross_sell', 2), s('new_arrival', 2), s('replenishment', 2)], 8, () => 0);
    expect(out.map((x) => x.products.length)).toEqual([3, 2, 2, 1]);
  });

  it('gives the places left to the products the item model rates highest, whichever starter brings them', () => {
    const worth = (p: string) => ({ cross_sell0: 0.5, cross_sell1: 0.1, replenishment0: 0.4, replenishment1: 0.3, new_arrival0: 0.05, new_arrival1: 0.01 })[p] ?? 0;
    const out = withinProductBudget([s('usual', 5), s('cross_sell', 2), s('new_arrival', 2), s('replenishment', 2)], 8, worth);
    expect(out.map((x) => [x.idea.kind, x.products])).toEqual([
      ['usual', ['usual0', 'usual1', 'usual2', 'usual3', 'usual4']],
      ['cross_sell', ['cross_sell0']],
      ['replenishment', ['replenishment0', 'replenishment1']],
    ]);
  });
});

describe('their usual, as the engine shows it', () => {
  it('shows a regular’s coffee beans as their usual, with the cadence, once the item model is learned', () => {
    const db = openEngineStore();
    for (let i = 0; i < 6; i++) addShopper(db, { id: `RUN${i}`, purchases: [['SOCK-1', 40 + i], ['BEANS-1', 30 + i], ['BEANS-1', 5 + i]] });
    addShopper(db, { id: 'REGULAR', purchases: [['BEANS-1', 63], ['BEANS-1', 42], ['BEANS-1', 21]] });
    const engine = new OfferEngine(db);
    const show = () => engine.preview({ customerId: 'REGULAR', cart: [], storeId: 'S1', staffId: null, now: SMALL_NOW, limit: 4 }, [engine.usable(engine.currentPolicy())])[0]!.result;
    expect(show().starters.some((s) => s.kind === 'usual')).toBe(false); // no item model yet: nothing says the beans come back
    relearn(db, SMALL_NOW);
    const usual = show().starters.find((s) => s.kind === 'usual')!;
    expect(usual.products.map((p) => p.sku)).toEqual(['BEANS-1']);
    expect(usual.reason).toBe('Buys the Ridge Roast Coffee Beans about every 3 weeks (3 times) — last bought 3 weeks ago.');
    const all = show().starters.flatMap((s) => s.products);
    expect(all.length).toBeLessThanOrEqual(8);
    expect(all.filter((p) => p.sku === 'BEANS-1')).toHaveLength(1); // a refill does not offer the beans again
  });

  it('speaks of the products it shows when its first choice is not on the shelf', () => {
    const db = openEngineStore();
    for (let i = 0; i < 6; i++) addShopper(db, { id: `RUN${i}`, purchases: [['SOCK-1', 40 + i], ['SOCK-1', 20 + i], ['BEANS-1', 30 + i], ['BEANS-1', 5 + i]] });
    addShopper(db, { id: 'REGULAR', purchases: [['BEANS-1', 63], ['BEANS-1', 42], ['SOCK-1', 30], ['SOCK-1', 20], ['SOCK-1', 10], ['SOCK-1', 3]] });
    relearn(db, SMALL_NOW);
    const engine = new OfferEngine(db);
    const show = () => engine.preview({ customerId: 'REGULAR', cart: [], storeId: 'S1', staffId: null, now: SMALL_NOW, limit: 4 }, [engine.usable(engine.currentPolicy())])[0]!.result.starters.find((s) => s.kind === 'usual')!;
    expect(show().products.map((p) => p.sku)).toEqual(['SOCK-1', 'BEANS-1']);
    expect(show().reason).toMatch(/^Buys the Merino Run Sock .* They buy one more product here again and again\.$/);
    db.prepare(`UPDATE inventory SET on_hand = 0 WHERE sku = 'SOCK-1'`).run(); // the socks sold out
    const usual = show();
    expect(usual.products.map((p) => p.sku)).toEqual(['BEANS-1']);
    expect(usual.reason).toBe('Buys the Ridge Roast Coffee Beans about every 3 weeks (2 times) — last bought 6 weeks ago.');
  });
});
