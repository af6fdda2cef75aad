import { describe, expect, it } from 'vitest';
import type { Group } from './ftsQuery.js';
import { phraseMatch, rank, titleMatch } from './rank.js';

const word = (w: string, prefix = false): Group => [{ words: [w], prefix }];

describe('phraseMatch', () => {
  it('counts the neighbouring query words a title holds side by side, in order', () => {
    const q = [word('angle'), word('bracket')];
    expect(phraseMatch('Simpson 12-Gauge Angle Bracket', q)).toBe(1);
    expect(phraseMatch('Bracket for an Angle', q)).toBe(0);
    expect(phraseMatch('Angle Steel Bracket', q)).toBe(0);
    expect(phraseMatch('Angle Bracket, Steel', [word('angle'), word('bracket'), word('zinc')])).toBe(0.5);
  });

  it('reads an unfinished last word as the start of the next title word, and any alternative of a group', () => {
    expect(phraseMatch('Garden Hose Reel', [word('garden'), word('ho', true)])).toBe(1);
    expect(phraseMatch('Garden Hoses', [[{ words: ['gardens'], prefix: false }, { words: ['garden'], prefix: false, quality: 0.9 }], word('hoses')])).toBe(1);
    expect(phraseMatch('Garden Hose', [word('garden')])).toBe(0);
  });
});

const item = (title: string, bm25: number, match: 'all' | 'some' = 'some') => ({ title, bm25, match, popularity: 0, here: 1, otherStore: 0, dc: 0, partner: 0, sku: title });

describe('rank', () => {
  it('reads the whole title, not only its first eight words (a long product title names its kind last)', () => {
    const q = [word('glass'), word('chandelier')];
    expect(titleMatch('Volume Lighting 5-Light Polished Brass Bound Glass Chandelier', q)).toBe(1);
    expect(phraseMatch('Volume Lighting 5-Light Polished Brass Bound Glass Chandelier', q)).toBe(1);
    expect(titleMatch('Glomar 3-Light Textured White Chandelier with Alabaster Glass Bell Shades', q)).toBe(1);
  });

  it('ranks a partial match holding more of the words above one holding only the rarest', () => {
    const q = [word('outdoor'), word('threshold'), word('molding')];
    // By bm25 the rare word alone scores more than two common ones…
    const rare = item('Frost King Vinyl Threshold Replacement Insert', -6);
    const two = item('Bruce Saddle Hickory Threshold Molding', -5);
    // …but the product holding two of the three words is likelier what was meant.
    expect(rank([rare, two], q).map((i) => i.title)).toEqual([two.title, rare.title]);
    // Whatever their scores, products holding every word come first.
    const full = item('Outdoor Threshold Molding Kit', -1, 'all');
    expect(rank([rare, two, full], q)[0]).toBe(full);
  });
});
