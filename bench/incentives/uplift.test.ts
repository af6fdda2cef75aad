import { describe, expect, it } from 'vitest';
import { choose, fitTwoModel, ipsValue, qiniAuc, upliftOf, type Row } from './uplift.js';

// Segment A responds to the e-mail (+0.2), segment B does not (0); a third of each per arm.
function rows(): Row[] {
  const out: Row[] = [];
  for (const segment of ['A', 'B']) {
    for (const arm of ['mail', 'none']) {
      const rate = arm === 'mail' && segment === 'A' ? 0.3 : 0.1;
      for (let i = 0; i < 1000; i++) out.push({ segment, arm, outcome: i < rate * 1000 ? 1 : 0 });
    }
  }
  return out;
}

describe('two-model uplift', () => {
  const model = fitTwoModel(rows());
  it('estimates each segment’s uplift and offers the arm only where it pays for itself', () => {
    expect(upliftOf(model, 'A', 'none').get('mail')).toBeCloseTo(0.2, 1);
    expect(upliftOf(model, 'B', 'none').get('mail')).toBeCloseTo(0, 2);
    expect(choose(model, 'A', 'none', { mail: 0.05 }).arm).toBe('mail');
    expect(choose(model, 'B', 'none', { mail: 0.05 }).arm).toBe('none');
  });

  it('values the learned policy above mailing everyone and mailing nobody', () => {
    const p = new Map([['mail', 0.5], ['none', 0.5]]);
    const cost = { mail: 0.05 };
    const learned = ipsValue(rows(), (s) => choose(model, s, 'none', cost).arm, p, cost);
    expect(learned).toBeGreaterThan(ipsValue(rows(), () => 'mail', p, cost));
    expect(learned).toBeGreaterThan(ipsValue(rows(), () => 'none', p, cost));
  });

  it('gives a ranking that puts responders first a positive Qini area, and a reversed one a negative area', () => {
    const r = rows().map((x) => ({ treated: x.arm === 'mail', outcome: x.outcome, score: x.segment === 'A' ? 1 : 0 }));
    const good = [...r].sort((a, b) => b.score - a.score);
    expect(qiniAuc(good).auc).toBeGreaterThan(0);
    expect(qiniAuc([...good].reverse()).auc).toBeLessThan(0);
  });
});
