import { describe, expect, it } from 'vitest';
import type { Group } from './ftsQuery.js';
import { phraseMatch } from './rank.js';

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
