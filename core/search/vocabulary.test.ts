// The corrector skips index words whose letters differ too much to align (a cheap bound
// before the weighted edit distance): the bound must never drop a word the distance accepts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedEdits, spellingDistance } from './editDistance.js';
import { Vocabulary } from './vocabulary.js';

const word = fc.stringMatching(/^[a-e]{3,9}$/);

describe('Vocabulary.corrections', () => {
  it('finds every index word within the allowed distance, as a full scan would', () => {
    fc.assert(
      fc.property(word, fc.uniqueArray(word, { minLength: 1, maxLength: 60 }), (typed, terms) => {
        const vocab = new Vocabulary(terms.map((term) => ({ term, doc: 1 })));
        const max = allowedEdits(typed.length);
        // The scan looks at words up to one letter longer or shorter than the edits allow.
        const near = (t: string) => Math.abs(t.length - typed.length) <= max + 1;
        const expected = terms.filter((t) => t !== typed && near(t) && spellingDistance(typed, t, max) !== Infinity);
        const found = vocab.corrections(typed, terms.length).map((c) => c.word);
        for (const t of expected) expect(found).toContain(t);
      }),
      { numRuns: 300 },
    );
  });
});
